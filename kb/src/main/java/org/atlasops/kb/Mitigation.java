package org.atlasops.kb;

import java.time.LocalDate;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/** A defence, with the techniques it mitigates, AI lifecycle stages and categories. */
public record Mitigation(
        AtlasId id,
        String name,
        String description,
        List<TechniqueUse> techniques,
        List<String> lifecycleStages,
        List<String> categories,
        Optional<AttackReference> attackReference,
        Optional<LocalDate> created,
        Optional<LocalDate> modified)
        implements AtlasObject {
    public Mitigation {
        Objects.requireNonNull(id, "id");
        name = Objects.requireNonNullElse(name, "");
        description = Objects.requireNonNullElse(description, "");
        techniques = List.copyOf(techniques);
        lifecycleStages = List.copyOf(lifecycleStages);
        categories = List.copyOf(categories);
        Objects.requireNonNull(attackReference, "attackReference");
        Objects.requireNonNull(created, "created");
        Objects.requireNonNull(modified, "modified");
    }

    @Override
    public ObjectType type() {
        return ObjectType.MITIGATION;
    }

    /** The text saying how this mitigation applies to a technique; empty when it does not name it. */
    public Optional<String> useFor(AtlasId techniqueId) {
        return techniques.stream()
                .filter(t -> t.techniqueId().equals(techniqueId))
                .map(TechniqueUse::use)
                .findFirst();
    }

    public boolean mitigates(AtlasId techniqueId) {
        return techniques.stream().anyMatch(t -> t.techniqueId().equals(techniqueId));
    }
}
