package org.atlasops.detect.accuracy;

import java.util.ArrayList;
import java.util.List;
import java.util.OptionalDouble;
import java.util.TreeSet;

/**
 * What flagging every example scoring at least {@code threshold} would give: attacks flagged, benign examples flagged,
 * and the rates. {@code operating} marks the detector's own operating point.
 */
public record ThresholdRow(
        double threshold, boolean operating, int attacksFlagged, int attacks, int benignFlagged, int benign) {
    /** The thresholds every table shows, besides the detector's own. */
    public static final List<Double> GRID = List.of(0.05, 0.1, 0.2, 0.3, 0.4, 0.5, 0.6, 0.7, 0.8, 0.9, 0.95);

    public OptionalDouble attackRecall() {
        return Metrics.ratio(attacksFlagged, attacks);
    }

    public OptionalDouble benignFlaggedRate() {
        return Metrics.ratio(benignFlagged, benign);
    }

    public OptionalDouble balancedAccuracy() {
        return Metrics.balanced(attacksFlagged, attacks, benignFlagged, benign);
    }

    /** The rows for {@link #GRID} and, when given, the operating point, in increasing order of threshold. */
    public static List<ThresholdRow> table(List<Outcome> outcomes, OptionalDouble operating) {
        TreeSet<Double> thresholds = new TreeSet<>(GRID);
        operating.ifPresent(thresholds::add);
        List<ThresholdRow> rows = new ArrayList<>();
        for (double t : thresholds) {
            int af = 0;
            int a = 0;
            int bf = 0;
            int b = 0;
            for (Outcome o : outcomes) {
                boolean flag = o.score() >= t;
                if (o.attack()) {
                    a++;
                    af += flag ? 1 : 0;
                } else {
                    b++;
                    bf += flag ? 1 : 0;
                }
            }
            rows.add(new ThresholdRow(t, operating.isPresent() && operating.getAsDouble() == t, af, a, bf, b));
        }
        return rows;
    }
}
