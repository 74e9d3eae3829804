package org.atlasops.intel.mapping;

import java.util.Locale;

/** Where a technique of a record comes from: the record's own ATLAS mapping, or atlas-ops' inference. */
public enum Basis {
    /** The source says so: an ATLAS case study's step, AVID's {@code impact.atlas}, the team's own procedure. */
    OFFICIAL,
    /** Suggested by atlas-ops from what the record says, by the shipped mapping table; with a reason. */
    INFERRED;

    public String label() {
        return name().toLowerCase(Locale.ROOT);
    }
}
