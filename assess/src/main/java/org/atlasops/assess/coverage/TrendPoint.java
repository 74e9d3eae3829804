package org.atlasops.assess.coverage;

import java.time.LocalDate;
import java.util.List;
import java.util.Objects;

/** Coverage as of one day: overall and per tactic. */
public record TrendPoint(LocalDate date, int applicable, int detected, List<TacticCoverage> tactics) {
    public TrendPoint {
        Objects.requireNonNull(date, "date");
        tactics = List.copyOf(tactics);
    }

    public double percent() {
        return applicable == 0 ? 0 : Math.round(1000.0 * detected / applicable) / 10.0;
    }
}
