package org.atlasops.assess.coverage;

import java.util.List;
import java.util.Objects;
import org.atlasops.kb.AtlasId;

/**
 * How well one applicable technique is detected, and why we think so.
 *
 * @param detection DeTT&CT scale, -1 (none) to 5
 * @param visibility DeTT&CT scale, 0 to 4
 */
public record TechniqueCoverage(
        AtlasId id,
        String name,
        List<String> tactics,
        int detection,
        int visibility,
        Status status,
        List<Evidence> evidence) {
    /** What the evidence adds up to. */
    public enum Status {
        /** Emulated and detected. */
        PROVEN("proven"),
        /** Detected at or above the threshold by rules, analyzers or manual scores. */
        DETECTED("detected"),
        /** Some detection, below the threshold. */
        WEAK("weak"),
        /** Emulated and missed: whatever the rules claim, nothing fired. */
        PROVEN_GAP("proven gap"),
        /** No evidence of detection. */
        NONE("none");

        private final String label;

        Status(String label) {
            this.label = label;
        }

        public String label() {
            return label;
        }

        public boolean covered() {
            return this == PROVEN || this == DETECTED;
        }
    }

    public TechniqueCoverage {
        Objects.requireNonNull(id, "id");
        tactics = List.copyOf(tactics);
        Objects.requireNonNull(status, "status");
        evidence = List.copyOf(evidence);
    }
}
