package org.atlasops.navigator.upgrade;

import java.util.Objects;

/** One thing the upgrade did (or could not do) to one entry, in words a user can check. */
public record UpgradeChange(Kind kind, String entry, String detail) {
    public enum Kind {
        /** The tactic shortname changed, e.g. ml-model-access to ai-model-access. */
        TACTIC_RENAMED,
        /** The technique no longer has the entry's tactic; the entry moved to the tactic(s) it has now. */
        TACTIC_MOVED,
        /** The technique was removed; its annotations went to the successor the data names. */
        TECHNIQUE_REPLACED,
        /** The technique kept its ID but changed its name. */
        TECHNIQUE_RENAMED,
        /** Two entries landed on the same cell and were merged. */
        MERGED,
        /** The entry could not be carried; it is returned in {@code notCarried}. */
        NOT_CARRIED
    }

    public UpgradeChange {
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(entry, "entry");
        Objects.requireNonNull(detail, "detail");
    }

    @Override
    public String toString() {
        return kind.name().toLowerCase(java.util.Locale.ROOT).replace('_', ' ') + ": " + entry + ": " + detail;
    }
}
