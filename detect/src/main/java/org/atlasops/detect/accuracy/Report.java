package org.atlasops.detect.accuracy;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.TreeMap;
import java.util.function.Function;
import java.util.function.ToDoubleFunction;

/**
 * An evaluation: the figures over all outcomes, the threshold table, and the same figures per source group,
 * language and length band. {@code threshold} is the detector's operating point; a leave-one-source-out report has
 * none (each fold chose its own, listed in {@code folds}). {@code outcomes} holds every example's judgement, for
 * error analysis.
 */
public record Report(
        int examples,
        OptionalDouble threshold,
        Metrics overall,
        List<ThresholdRow> thresholds,
        List<Group> bySource,
        List<Group> byLanguage,
        List<Group> byLength,
        List<Fold> folds,
        List<Outcome> outcomes) {
    public Report {
        Objects.requireNonNull(threshold, "threshold");
        Objects.requireNonNull(overall, "overall");
        thresholds = List.copyOf(thresholds);
        bySource = List.copyOf(bySource);
        byLanguage = List.copyOf(byLanguage);
        byLength = List.copyOf(byLength);
        folds = List.copyOf(folds);
        outcomes = List.copyOf(outcomes);
    }

    /** The figures of the outcomes that share a source, language or length band. */
    public record Group(String key, Metrics metrics) {
        public Group {
            Objects.requireNonNull(key, "key");
            Objects.requireNonNull(metrics, "metrics");
        }
    }

    /** One fold of leave-one-source-out: the source left out, how many examples trained, the threshold it chose. */
    public record Fold(String source, int trainedOn, double threshold) {
        public Fold {
            Objects.requireNonNull(source, "source");
        }
    }

    public static Report of(List<Outcome> outcomes, OptionalDouble threshold, List<Fold> folds) {
        List<Group> lengths = new ArrayList<>();
        for (LengthBand band : LengthBand.values()) {
            List<Outcome> in = outcomes.stream().filter(o -> o.length() == band).toList();
            if (!in.isEmpty()) {
                lengths.add(new Group(band.label(), Metrics.of(in)));
            }
        }
        return new Report(
                outcomes.size(),
                threshold,
                Metrics.of(outcomes),
                ThresholdRow.table(outcomes, threshold),
                groups(outcomes, Outcome::source),
                groups(outcomes, Outcome::language),
                lengths,
                folds,
                outcomes);
    }

    private static List<Group> groups(List<Outcome> outcomes, Function<Outcome, String> key) {
        Map<String, List<Outcome>> by = new TreeMap<>();
        outcomes.forEach(
                o -> by.computeIfAbsent(key.apply(o), k -> new ArrayList<>()).add(o));
        List<Group> out = new ArrayList<>();
        by.forEach((k, v) -> out.add(new Group(k, Metrics.of(v))));
        // largest first: the groups that weigh most come first
        out.sort(Comparator.comparingInt((Group g) -> -g.metrics().n()).thenComparing(Group::key));
        return out;
    }

    /** The mean over source groups of each one's balanced accuracy (over the kinds, attack or benign, it has). */
    public OptionalDouble meanSourceBalancedAccuracy() {
        return mean(bySource, g -> g.metrics().balancedAccuracy());
    }

    /** The source group with the lowest balanced accuracy. */
    public Optional<Group> worstSource() {
        return worst(bySource, g -> g.metrics().balancedAccuracy(), false);
    }

    /** The mean attack recall over the source groups that have attacks. */
    public OptionalDouble meanSourceAttackRecall() {
        return mean(bySource, g -> g.metrics().attackRecall());
    }

    /** The source group whose attacks are caught least. */
    public Optional<Group> worstAttackSource() {
        return worst(bySource, g -> g.metrics().attackRecall(), false);
    }

    /** The mean share of benign examples flagged over the source groups that have benign examples. */
    public OptionalDouble meanSourceBenignFlagged() {
        return mean(bySource, g -> g.metrics().benignFlaggedRate());
    }

    /** The source group whose benign examples are flagged most. */
    public Optional<Group> worstBenignSource() {
        return worst(bySource, g -> g.metrics().benignFlaggedRate(), true);
    }

    private static OptionalDouble mean(List<Group> groups, Function<Group, OptionalDouble> f) {
        return groups.stream()
                .map(f)
                .filter(OptionalDouble::isPresent)
                .mapToDouble(OptionalDouble::getAsDouble)
                .average();
    }

    private static Optional<Group> worst(List<Group> groups, Function<Group, OptionalDouble> f, boolean highest) {
        ToDoubleFunction<Group> value = g -> f.apply(g).getAsDouble();
        Comparator<Group> order = Comparator.comparingDouble(value);
        return groups.stream().filter(g -> f.apply(g).isPresent()).reduce((x, y) -> {
            int c = order.compare(x, y);
            return highest ? (c >= 0 ? x : y) : (c <= 0 ? x : y);
        });
    }
}
