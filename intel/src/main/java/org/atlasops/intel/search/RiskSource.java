package org.atlasops.intel.search;

import java.util.List;

/**
 * A source of the AI risk database. ATLAS case studies, AVID, AIID and the team's incidents are sources; another
 * (objects pulled over TAXII) is added by implementing this and passing it to {@link RiskIndex#build}.
 */
public interface RiskSource {
    /** The facet value of this source's records, e.g. {@code avid}. */
    String name();

    List<RiskRecord> records();

    /** A source of records already made. */
    static RiskSource of(String name, List<RiskRecord> records) {
        List<RiskRecord> copy = List.copyOf(records);
        return new RiskSource() {
            @Override
            public String name() {
                return name;
            }

            @Override
            public List<RiskRecord> records() {
                return copy;
            }
        };
    }
}
