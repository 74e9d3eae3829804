package org.atlasops.kb;

import java.util.Locale;
import java.util.Optional;

/** How far a technique has been shown to work (ATLAS 5.0 and later). */
public enum Maturity {
    FEASIBLE,
    DEMONSTRATED,
    REALIZED;

    public String label() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** Parses {@code feasible}, {@code Demonstrated}, ... ignoring case. */
    public static Optional<Maturity> parse(String text) {
        for (Maturity m : values()) {
            if (m.name().equalsIgnoreCase(text.strip())) {
                return Optional.of(m);
            }
        }
        return Optional.empty();
    }
}
