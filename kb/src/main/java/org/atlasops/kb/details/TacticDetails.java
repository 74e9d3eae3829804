package org.atlasops.kb.details;

import java.util.LinkedHashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import org.atlasops.kb.AtlasId;
import org.atlasops.kb.Tactic;
import org.atlasops.kb.crosswalk.CrosswalkEntry;

/**
 * A tactic and its techniques (not sub-techniques, which follow their parent), in ID order.
 *
 * @param techniques each technique with how many sub-techniques it has
 */
public record TacticDetails(
        String release, Tactic object, List<TechniqueCount> techniques, List<CrosswalkEntry> crosswalk)
        implements ObjectDetails {
    /** A technique of the tactic and the number of its sub-techniques. */
    public record TechniqueCount(org.atlasops.kb.Technique technique, int subTechniques) {
        public TechniqueCount {
            Objects.requireNonNull(technique, "technique");
        }
    }

    public TacticDetails {
        Objects.requireNonNull(release, "release");
        Objects.requireNonNull(object, "object");
        techniques = List.copyOf(techniques);
        crosswalk = List.copyOf(crosswalk);
    }

    @Override
    public String displayName() {
        return object.name();
    }

    @Override
    public Set<AtlasId> relatedIds() {
        Set<AtlasId> ids = new LinkedHashSet<>();
        techniques.forEach(t -> ids.add(t.technique().id()));
        Details.crosswalkIds(crosswalk, ids);
        ids.remove(object.id());
        return ids;
    }
}
