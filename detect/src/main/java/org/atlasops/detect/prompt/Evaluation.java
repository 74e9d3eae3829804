package org.atlasops.detect.prompt;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Accuracy of a detector on labelled texts: recall per class (an attack counts as caught when flagged as either
 * attack class), benign false-positive rate, balanced accuracy over the three classes' detection, and exact-label
 * accuracy.
 */
public record Evaluation(int[] total, int[] caught, int benignFlagged, int exact, int n) {
    public static Evaluation of(PromptDetector detector, List<LabelledText> data) {
        int[] total = new int[3];
        int[] caught = new int[3];
        int flagged = 0;
        int exact = 0;
        for (LabelledText t : data) {
            PromptDetector.Verdict v = detector.classify(t.text(), PromptDetector.Role.UNKNOWN);
            total[t.label()]++;
            boolean attack = !v.label().equals("benign");
            if (t.label() == 0) {
                if (attack) {
                    flagged++;
                } else {
                    caught[0]++;
                }
            } else if (attack) {
                caught[t.label()]++;
            }
            if (v.label().equals(PromptModel.CLASSES[t.label()])) {
                exact++;
            }
        }
        return new Evaluation(total, caught, flagged, exact, data.size());
    }

    public double recall(int c) {
        return total[c] == 0 ? Double.NaN : (double) caught[c] / total[c];
    }

    public double benignFpr() {
        return total[0] == 0 ? Double.NaN : (double) benignFlagged / total[0];
    }

    /** Mean of the per-class recalls (benign recall = 1 - FPR). */
    public double balancedAccuracy() {
        List<Double> r = new ArrayList<>();
        for (int c = 0; c < 3; c++) {
            if (total[c] > 0) {
                r.add(recall(c));
            }
        }
        return r.stream().mapToDouble(Double::doubleValue).average().orElse(Double.NaN);
    }

    @Override
    public String toString() {
        return String.format(
                Locale.ROOT,
                "n=%d balanced accuracy %.3f | recall injection %.3f (%d), jailbreak %.3f "
                        + "(%d) | benign FPR %.3f (%d of %d) | exact label %.3f",
                n,
                balancedAccuracy(),
                recall(1),
                total[1],
                recall(2),
                total[2],
                benignFpr(),
                benignFlagged,
                total[0],
                (double) exact / n);
    }
}
