package org.atlasops.detect.accuracy;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.OptionalDouble;
import java.util.Set;

/** Runs a detector over labelled examples, as they are or leaving one source out at a time. */
public final class Accuracy {
    private Accuracy() {}

    /** The detector's figures on the examples, at its operating point. */
    public static <T> Report evaluate(List<Example<T>> examples, Judge<T> judge) {
        List<Outcome> outcomes = new ArrayList<>(examples.size());
        for (Example<T> e : examples) {
            outcomes.add(Outcome.of(e, judge.judge(e.item())));
        }
        return Report.of(outcomes, OptionalDouble.of(judge.threshold()), List.of());
    }

    /** What a leave-one-source-out run says as it goes. */
    public interface Progress {
        void fold(int number, int of, String source, int trainedOn);
    }

    /**
     * Leave-one-source-out: for each {@linkplain Example#sourceGroup() source group}, trains on the examples of every
     * other group and judges that group's examples with the trained detector at its own operating point. Every
     * outcome of the report therefore comes from a detector that never saw its source.
     *
     * @throws IllegalArgumentException when the examples come from fewer than two source groups
     */
    public static <T> Report leaveOneSourceOut(List<Example<T>> examples, Trainer<T> trainer, Progress progress) {
        Set<String> sources = new LinkedHashSet<>();
        examples.forEach(e -> sources.add(e.sourceGroup()));
        if (sources.size() < 2) {
            throw new IllegalArgumentException("leave-one-source-out needs examples from at least two sources, not "
                    + sources.size() + "; records name their source in \"source\"");
        }
        List<Outcome> outcomes = new ArrayList<>(examples.size());
        List<Report.Fold> folds = new ArrayList<>();
        int number = 0;
        for (String source : sources) {
            number++;
            List<Example<T>> train = new ArrayList<>();
            List<Example<T>> test = new ArrayList<>();
            for (Example<T> e : examples) {
                (e.sourceGroup().equals(source) ? test : train).add(e);
            }
            progress.fold(number, sources.size(), source, train.size());
            Judge<T> judge = trainer.train(List.copyOf(train));
            for (Example<T> e : test) {
                outcomes.add(Outcome.of(e, judge.judge(e.item())));
            }
            folds.add(new Report.Fold(source, train.size(), judge.threshold()));
        }
        return Report.of(outcomes, OptionalDouble.empty(), folds);
    }

    /** A detector that does not learn is its own trainer: leave-one-source-out then just groups by source. */
    public static <T> Trainer<T> fixed(Judge<T> judge) {
        return examples -> judge;
    }
}
