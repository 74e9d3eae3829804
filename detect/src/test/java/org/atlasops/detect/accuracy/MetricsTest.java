package org.atlasops.detect.accuracy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.ArrayList;
import java.util.List;
import java.util.OptionalDouble;
import org.junit.jupiter.api.Test;

/** The figures against small cases worked out by hand. */
class MetricsTest {

    private static Outcome outcome(String label, boolean attack, double score, boolean flagged) {
        return new Outcome("x", label, attack, "s", "en", LengthBand.UNDER_200, score, flagged);
    }

    @Test
    void balancedAccuracyIsTheMeanOfAttackRecallAndBenignLetThrough() {
        // attacks: 3, 2 flagged (recall 2/3); benign: 4, 1 flagged (3/4 let through) -> (2/3 + 3/4) / 2 = 17/24
        List<Outcome> o = List.of(
                outcome("injection", true, 0.9, true),
                outcome("jailbreak", true, 0.8, true),
                outcome("injection", true, 0.1, false),
                outcome("benign", false, 0.7, true),
                outcome("benign", false, 0.2, false),
                outcome("benign", false, 0.1, false),
                outcome("benign", false, 0.0, false));
        Metrics m = Metrics.of(o);
        assertThat(m.balancedAccuracy().getAsDouble()).isCloseTo(17.0 / 24, within(1e-12));
        assertThat(m.attackRecall().getAsDouble()).isCloseTo(2.0 / 3, within(1e-12));
        assertThat(m.benignFlaggedRate().getAsDouble()).isEqualTo(0.25);
        assertThat(m.labels())
                .extracting(Metrics.LabelCount::label)
                .containsExactly("benign", "injection", "jailbreak");
        assertThat(m.labels().get(1).recall().getAsDouble()).isEqualTo(0.5);
        assertThat(m.labels().get(2).recall().getAsDouble()).isEqualTo(1.0);
        assertThat(m.labels().get(0).recall().getAsDouble()).isEqualTo(0.75);
    }

    @Test
    void withOnlyOneKindBalancedAccuracyIsThatKindsFigureAndAucIsAbsent() {
        Metrics attacksOnly =
                Metrics.of(List.of(outcome("injection", true, 0.9, true), outcome("injection", true, 0.1, false)));
        assertThat(attacksOnly.balancedAccuracy().getAsDouble()).isEqualTo(0.5);
        assertThat(attacksOnly.benignFlaggedRate()).isEmpty();
        assertThat(attacksOnly.rocAuc()).isEmpty();
        Metrics benignOnly = Metrics.of(List.of(
                outcome("benign", false, 0.9, true),
                outcome("benign", false, 0.1, false),
                outcome("benign", false, 0.1, false),
                outcome("benign", false, 0.1, false)));
        assertThat(benignOnly.balancedAccuracy().getAsDouble()).isEqualTo(0.75);
        assertThat(benignOnly.attackRecall()).isEmpty();
        assertThat(Metrics.of(List.of()).balancedAccuracy()).isEmpty();
    }

    @Test
    void rocAucCountsTiesAsOneHalf() {
        // pairs (attack, benign): (.9,.5)=1 (.9,.1)=1 (.5,.5)=½ (.5,.1)=1 (.5,.5)=½ (.5,.1)=1 -> 5/6
        assertThat(Metrics.rocAuc(new double[] {0.5, 0.9, 0.5}, new double[] {0.1, 0.5})
                        .getAsDouble())
                .isCloseTo(5.0 / 6, within(1e-12));
        assertThat(Metrics.rocAuc(new double[] {0.3, 0.3}, new double[] {0.3, 0.3, 0.3})
                        .getAsDouble())
                .isEqualTo(0.5);
        assertThat(Metrics.rocAuc(new double[] {0.8, 0.9}, new double[] {0.1, 0.2})
                        .getAsDouble())
                .isEqualTo(1.0);
        assertThat(Metrics.rocAuc(new double[] {0.1}, new double[] {0.2, 0.9}).getAsDouble())
                .isEqualTo(0.0);
        // (.4: .2 below, .4 tie, .6 above) = 1 + ½ + 0; (.6: .2, .4 below, .6 tie) = 2 + ½ -> 4/6
        assertThat(Metrics.rocAuc(new double[] {0.4, 0.6}, new double[] {0.2, 0.4, 0.6})
                        .getAsDouble())
                .isCloseTo(4.0 / 6, within(1e-12));
        assertThat(Metrics.rocAuc(new double[] {}, new double[] {0.2})).isEmpty();
    }

    @Test
    void rocAucAgreesWithCountingEveryPair() {
        java.util.Random r = new java.util.Random(5);
        for (int round = 0; round < 200; round++) {
            double[] a = new double[1 + r.nextInt(12)];
            double[] b = new double[1 + r.nextInt(12)];
            for (int i = 0; i < a.length; i++) {
                a[i] = r.nextInt(5) / 4.0; // few distinct values: many ties
            }
            for (int i = 0; i < b.length; i++) {
                b[i] = r.nextInt(5) / 4.0;
            }
            double wins = 0;
            for (double x : a) {
                for (double y : b) {
                    wins += x > y ? 1 : x == y ? 0.5 : 0;
                }
            }
            assertThat(Metrics.rocAuc(a, b).getAsDouble()).isCloseTo(wins / (a.length * b.length), within(1e-12));
        }
    }

    @Test
    void theThresholdTableFlagsWhatScoresAtLeastTheThreshold() {
        List<Outcome> o = new ArrayList<>();
        for (double s : new double[] {0.9, 0.5, 0.3}) {
            o.add(outcome("injection", true, s, s >= 0.55));
        }
        for (double s : new double[] {0.6, 0.2, 0.1, 0.05}) {
            o.add(outcome("benign", false, s, s >= 0.55));
        }
        List<ThresholdRow> rows = ThresholdRow.table(o, OptionalDouble.of(0.55));
        assertThat(rows).extracting(ThresholdRow::threshold).isSorted().contains(0.05, 0.3, 0.5, 0.55, 0.95);
        ThresholdRow at05 = row(rows, 0.05); // everything flagged
        assertThat(at05.attackRecall().getAsDouble()).isEqualTo(1.0);
        assertThat(at05.benignFlaggedRate().getAsDouble()).isEqualTo(1.0);
        assertThat(at05.balancedAccuracy().getAsDouble()).isEqualTo(0.5);
        ThresholdRow at03 = row(rows, 0.3); // 3 of 3 attacks, 1 of 4 benign (0.6)
        assertThat(at03.attacksFlagged()).isEqualTo(3);
        assertThat(at03.benignFlagged()).isEqualTo(1);
        assertThat(at03.balancedAccuracy().getAsDouble()).isEqualTo(0.875);
        ThresholdRow at05b = row(rows, 0.5); // 2 of 3, 1 of 4
        assertThat(at05b.attackRecall().getAsDouble()).isCloseTo(2.0 / 3, within(1e-12));
        assertThat(at05b.benignFlaggedRate().getAsDouble()).isEqualTo(0.25);
        ThresholdRow operating = row(rows, 0.55); // 1 of 3 attacks (0.9), 1 of 4 benign (0.6)
        assertThat(operating.operating()).isTrue();
        assertThat(operating.attacksFlagged()).isEqualTo(1);
        assertThat(operating.benignFlagged()).isEqualTo(1);
        assertThat(rows.stream().filter(ThresholdRow::operating)).hasSize(1);
        ThresholdRow at095 = row(rows, 0.95);
        assertThat(at095.attacksFlagged() + at095.benignFlagged()).isZero();
        assertThat(at095.balancedAccuracy().getAsDouble()).isEqualTo(0.5);
    }

    private static ThresholdRow row(List<ThresholdRow> rows, double t) {
        return rows.stream().filter(r -> r.threshold() == t).findFirst().orElseThrow();
    }
}
