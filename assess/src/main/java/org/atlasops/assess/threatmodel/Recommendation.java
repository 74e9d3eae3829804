package org.atlasops.assess.threatmodel;

import java.util.List;
import java.util.Objects;
import org.atlasops.kb.AtlasId;

/**
 * A mitigation the system lacks, ranked by the summed priority of the applicable techniques it addresses.
 *
 * @param uses for each of those techniques, ATLAS's text on how the mitigation applies to it
 */
public record Recommendation(AtlasId id, String name, double value, List<Use> uses) {
    /** How the mitigation applies to one technique. */
    public record Use(AtlasId technique, String techniqueName, double priority, String use) {}

    public Recommendation {
        Objects.requireNonNull(id, "id");
        uses = List.copyOf(uses);
    }
}
