package org.atlasops.kb;

import java.time.LocalDate;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * A technique or sub-technique. {@code tacticIds} are resolved: a sub-technique carries its parent's tactics
 * (the data lists tactics on parents only). {@code deprecated} is only ever set by 6.x data, which keeps retired
 * techniques with that flag.
 */
public record Technique(
        AtlasId id,
        String name,
        String description,
        List<AtlasId> tacticIds,
        Optional<AtlasId> parentId,
        Optional<Maturity> maturity,
        Optional<AttackReference> attackReference,
        List<Reference> references,
        List<String> platforms,
        Optional<LocalDate> created,
        Optional<LocalDate> modified,
        boolean deprecated)
        implements AtlasObject {
    public Technique {
        Objects.requireNonNull(id, "id");
        name = Objects.requireNonNullElse(name, "");
        description = Objects.requireNonNullElse(description, "");
        tacticIds = List.copyOf(tacticIds);
        Objects.requireNonNull(parentId, "parentId");
        Objects.requireNonNull(maturity, "maturity");
        Objects.requireNonNull(attackReference, "attackReference");
        references = List.copyOf(references);
        platforms = List.copyOf(platforms);
        Objects.requireNonNull(created, "created");
        Objects.requireNonNull(modified, "modified");
    }

    @Override
    public ObjectType type() {
        return isSubTechnique() ? ObjectType.SUB_TECHNIQUE : ObjectType.TECHNIQUE;
    }

    public boolean isSubTechnique() {
        return parentId.isPresent();
    }

    /** A copy with other tactics (used when a sub-technique inherits its parent's). */
    public Technique withTacticIds(List<AtlasId> tactics) {
        return new Technique(
                id,
                name,
                description,
                tactics,
                parentId,
                maturity,
                attackReference,
                references,
                platforms,
                created,
                modified,
                deprecated);
    }
}
