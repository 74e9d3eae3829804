package org.atlasops.assess.review;

import java.util.Objects;
import org.atlasops.kb.AtlasId;

/**
 * A technique that changed between the releases, and whether it matters to the system.
 *
 * @param kind added, renamed, moved, removed (replaced), maturity
 * @param appliesBefore it applied to the system in the older release's model
 * @param appliesAfter it applies in the newer release's model
 * @param detail what changed: "Old Name → New Name", tactic lists, the successor
 */
public record TechniqueChange(
        AtlasId id, String name, Kind kind, boolean appliesBefore, boolean appliesAfter, String detail) {
    public enum Kind {
        ADDED("new"),
        RENAMED("renamed"),
        MOVED("moved"),
        REMOVED("removed"),
        MATURITY("maturity changed");

        private final String label;

        Kind(String label) {
            this.label = label;
        }

        public String label() {
            return label;
        }
    }

    public TechniqueChange {
        Objects.requireNonNull(id, "id");
        name = Objects.requireNonNullElse(name, "");
        Objects.requireNonNull(kind, "kind");
        detail = Objects.requireNonNullElse(detail, "");
    }

    public boolean matters() {
        return appliesBefore || appliesAfter;
    }
}
