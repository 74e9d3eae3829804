package org.atlasops.intel.avid;

import java.util.Objects;

/** Something wrong with the AVID data, reported instead of failing: the record is kept where it can be. */
public record AvidFlaw(Kind kind, String where, String message) {
    public enum Kind {
        /** Two records carry one ID; both are kept, the second under its path. */
        DUPLICATE_ID,
        /** No {@code metadata.report_id} / {@code vuln_id}; the record is kept under its path. */
        MISSING_ID,
        /** An ID that is the empty text; kept under its path. */
        EMPTY_ID,
        /** The file name says one ID, the record another. */
        MISMATCHED_ID,
        /** No {@code data_version} (or a {@code version} key instead); read as the oldest format. */
        MISSING_VERSION,
        /** Not JSON, or not an AVID record: left out. */
        UNREADABLE
    }

    public AvidFlaw {
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(where, "where");
        Objects.requireNonNull(message, "message");
    }

    @Override
    public String toString() {
        return where + ": " + kind.name().toLowerCase(java.util.Locale.ROOT).replace('_', ' ') + ": " + message;
    }
}
