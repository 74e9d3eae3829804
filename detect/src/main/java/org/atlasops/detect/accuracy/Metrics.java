package org.atlasops.detect.accuracy;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import java.util.OptionalDouble;
import java.util.TreeMap;

/**
 * Accuracy on a set of outcomes. An attack counts as caught when it is flagged, whatever attack label the detector
 * gave it. Balanced accuracy is the mean of attack recall and the share of benign examples let through (1 − benign
 * flagged); on a set with only attacks or only benign examples it is the one of the two that exists. ROC-AUC is the
 * probability that a random attack scores above a random benign example, ties counting one half (the Mann-Whitney
 * statistic), and is absent unless both kinds are present.
 */
public record Metrics(int n, List<LabelCount> labels, OptionalDouble rocAuc) {
    public Metrics {
        labels = List.copyOf(labels);
        Objects.requireNonNull(rocAuc, "rocAuc");
    }

    /** One label: how many examples carry it and how many of them were flagged. */
    public record LabelCount(String label, boolean attack, int total, int flagged) {
        public LabelCount {
            Objects.requireNonNull(label, "label");
            if (total < 0 || flagged < 0 || flagged > total) {
                throw new IllegalArgumentException("flagged must be between 0 and total");
            }
        }

        /** For an attack label the share flagged, for a benign label the share let through. */
        public OptionalDouble recall() {
            if (total == 0) {
                return OptionalDouble.empty();
            }
            return OptionalDouble.of((double) (attack ? flagged : total - flagged) / total);
        }
    }

    public static Metrics of(List<Outcome> outcomes) {
        TreeMap<String, int[]> counts = new TreeMap<>();
        TreeMap<String, Boolean> attack = new TreeMap<>();
        List<Double> attackScores = new ArrayList<>();
        List<Double> benignScores = new ArrayList<>();
        for (Outcome o : outcomes) {
            int[] c = counts.computeIfAbsent(o.label(), k -> new int[2]);
            c[0]++;
            c[1] += o.flagged() ? 1 : 0;
            attack.put(o.label(), o.attack());
            (o.attack() ? attackScores : benignScores).add(o.score());
        }
        List<LabelCount> labels = new ArrayList<>();
        // benign labels first, then attacks, each alphabetically
        for (boolean a : new boolean[] {false, true}) {
            counts.forEach((label, c) -> {
                if (attack.get(label) == a) {
                    labels.add(new LabelCount(label, a, c[0], c[1]));
                }
            });
        }
        return new Metrics(
                outcomes.size(),
                labels,
                rocAuc(
                        attackScores.stream().mapToDouble(Double::doubleValue).toArray(),
                        benignScores.stream().mapToDouble(Double::doubleValue).toArray()));
    }

    public int attacks() {
        return labels.stream()
                .filter(LabelCount::attack)
                .mapToInt(LabelCount::total)
                .sum();
    }

    public int attacksFlagged() {
        return labels.stream()
                .filter(LabelCount::attack)
                .mapToInt(LabelCount::flagged)
                .sum();
    }

    public int benign() {
        return labels.stream()
                .filter(l -> !l.attack())
                .mapToInt(LabelCount::total)
                .sum();
    }

    public int benignFlagged() {
        return labels.stream()
                .filter(l -> !l.attack())
                .mapToInt(LabelCount::flagged)
                .sum();
    }

    public OptionalDouble attackRecall() {
        return ratio(attacksFlagged(), attacks());
    }

    public OptionalDouble benignFlaggedRate() {
        return ratio(benignFlagged(), benign());
    }

    /** The mean of attack recall and 1 − benign flagged, over those of the two the outcomes have. */
    public OptionalDouble balancedAccuracy() {
        return balanced(attacksFlagged(), attacks(), benignFlagged(), benign());
    }

    static OptionalDouble balanced(int attacksFlagged, int attacks, int benignFlagged, int benign) {
        if (attacks == 0 && benign == 0) {
            return OptionalDouble.empty();
        }
        if (attacks == 0) {
            return OptionalDouble.of(1 - (double) benignFlagged / benign);
        }
        if (benign == 0) {
            return OptionalDouble.of((double) attacksFlagged / attacks);
        }
        return OptionalDouble.of(((double) attacksFlagged / attacks + 1 - (double) benignFlagged / benign) / 2);
    }

    static OptionalDouble ratio(int part, int whole) {
        return whole == 0 ? OptionalDouble.empty() : OptionalDouble.of((double) part / whole);
    }

    /**
     * The area under the ROC curve of scores that should be high ({@code attack}) against scores that should be low
     * ({@code benign}): the share of (attack, benign) pairs in which the attack scores higher, a tie counting one
     * half. Empty when either side is empty.
     */
    public static OptionalDouble rocAuc(double[] attack, double[] benign) {
        if (attack.length == 0 || benign.length == 0) {
            return OptionalDouble.empty();
        }
        double[] a = attack.clone();
        double[] b = benign.clone();
        Arrays.sort(a);
        Arrays.sort(b);
        double wins = 0;
        int below = 0; // benign scores strictly below the current attack score
        int i = 0;
        while (i < a.length) {
            int j = i;
            while (j < a.length && a[j] == a[i]) {
                j++;
            }
            while (below < b.length && b[below] < a[i]) {
                below++;
            }
            int equal = below;
            while (equal < b.length && b[equal] == a[i]) {
                equal++;
            }
            wins += (j - i) * (below + 0.5 * (equal - below));
            i = j;
        }
        return OptionalDouble.of(wins / ((double) a.length * b.length));
    }
}
