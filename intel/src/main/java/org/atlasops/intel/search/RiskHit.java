package org.atlasops.intel.search;

import java.util.Objects;
import org.atlasops.intel.mapping.Basis;

/** A record that matched, its score, and whether its ATLAS mapping is official, inferred or missing. */
public record RiskHit(RiskRecord record, float score) {
    public RiskHit {
        Objects.requireNonNull(record, "record");
    }

    /** {@code official} when any technique is official, {@code inferred} when all are, {@code none} otherwise. */
    public String mapping() {
        if (record.techniques().isEmpty()) {
            return "none";
        }
        return record.techniques().stream().anyMatch(t -> t.basis() == Basis.OFFICIAL)
                ? Basis.OFFICIAL.label()
                : Basis.INFERRED.label();
    }
}
