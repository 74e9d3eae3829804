package org.atlasops.assess.coverage;

import java.time.LocalDate;
import java.util.Objects;
import java.util.Optional;
import org.atlasops.kb.AtlasId;

/**
 * One piece of evidence about detecting a technique.
 *
 * @param score detection score on DeTT&CT's scale: -1 none, 0 forensics only, 1 to 5 from poor to excellent
 * @param date when it was true; empty for evidence that holds now (loaded rules, analyzers)
 * @param label what it is: a rule's title and file, an analyzer's name, a DeTT&CT entry
 */
public record Evidence(AtlasId technique, Kind kind, int score, Optional<LocalDate> date, String label, String detail) {
    /** Where evidence comes from; emulation evidence proves (or disproves) what the others claim. */
    public enum Kind {
        SIGMA_RULE("Sigma rule"),
        ANALYZER("analyzer"),
        MANUAL("manual score"),
        /** An emulation run in which the technique was attempted and detection fired. */
        EMULATION_DETECTED("emulated and detected"),
        /** An emulation run in which the technique was attempted and nothing fired: a proven gap. */
        EMULATION_MISSED("emulated and missed");

        private final String label;

        Kind(String label) {
            this.label = label;
        }

        public String label() {
            return label;
        }
    }

    public Evidence {
        Objects.requireNonNull(technique, "technique");
        Objects.requireNonNull(kind, "kind");
        if (score < -1 || score > 5) {
            throw new IllegalArgumentException("a detection score runs from -1 to 5, was " + score);
        }
        Objects.requireNonNull(date, "date");
        label = Objects.requireNonNullElse(label, "");
        detail = Objects.requireNonNullElse(detail, "");
    }
}
