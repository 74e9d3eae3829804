package org.atlasops.navigator;

/** How techniques are ordered inside a tactic column; the code is the number the layer format uses. */
public enum Sorting {
    NAME_ASCENDING,
    NAME_DESCENDING,
    SCORE_ASCENDING,
    SCORE_DESCENDING;

    public int code() {
        return ordinal();
    }

    /** The sorting for a layer-format code; unknown codes are the caller's to report. */
    public static java.util.Optional<Sorting> ofCode(int code) {
        return code >= 0 && code < values().length ? java.util.Optional.of(values()[code]) : java.util.Optional.empty();
    }
}
