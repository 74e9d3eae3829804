package org.atlasops.intel.incident;

import java.util.Arrays;
import java.util.Locale;
import java.util.Optional;

/** ATLAS's {@code case-study-type}: a real-world event, or a red-team demonstration. */
public enum StudyType {
    INCIDENT,
    EXERCISE;

    /** As the case-study schema writes it. */
    public String label() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static Optional<StudyType> parse(String text) {
        if (text == null) {
            return Optional.empty();
        }
        String t = text.strip();
        return Arrays.stream(values())
                .filter(v -> v.label().equalsIgnoreCase(t))
                .findFirst();
    }
}
