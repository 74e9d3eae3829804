package org.atlasops.assess.review;

import java.util.List;
import java.util.Objects;
import org.atlasops.kb.AtlasId;

/**
 * A mitigation that changed, with the applicable techniques it now covers or stopped covering.
 *
 * @param inPlace the system declares it
 */
public record MitigationChange(
        AtlasId id,
        String name,
        String kind,
        boolean inPlace,
        List<AtlasId> addedFor,
        List<AtlasId> removedFor,
        List<AtlasId> useChangedFor) {
    public MitigationChange {
        Objects.requireNonNull(id, "id");
        name = Objects.requireNonNullElse(name, "");
        Objects.requireNonNull(kind, "kind");
        addedFor = List.copyOf(addedFor);
        removedFor = List.copyOf(removedFor);
        useChangedFor = List.copyOf(useChangedFor);
    }
}
