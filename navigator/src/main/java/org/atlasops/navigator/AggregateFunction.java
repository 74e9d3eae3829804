package org.atlasops.navigator;

import java.util.Locale;

/** How a parent technique's aggregate score is computed from its own score and its sub-techniques'. */
public enum AggregateFunction {
    AVERAGE,
    MIN,
    MAX,
    SUM;

    public String jsonName() {
        return name().toLowerCase(Locale.ROOT);
    }
}
