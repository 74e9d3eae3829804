package org.atlasops.intel.anonymise;

import java.util.Locale;
import java.util.Optional;

/** How precise a shared incident date may be. */
public enum Coarsen {
    MONTH,
    YEAR;

    public static Optional<Coarsen> parse(String text) {
        if (text == null) {
            return Optional.empty();
        }
        return switch (text.strip().toLowerCase(Locale.ROOT)) {
            case "month" -> Optional.of(MONTH);
            case "year" -> Optional.of(YEAR);
            default -> Optional.empty();
        };
    }
}
