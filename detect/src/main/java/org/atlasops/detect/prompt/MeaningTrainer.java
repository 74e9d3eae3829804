package org.atlasops.detect.prompt;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;
import org.atlasops.detect.accuracy.Example;
import org.atlasops.detect.accuracy.Judge;
import org.atlasops.detect.accuracy.Judgement;
import org.atlasops.detect.accuracy.Trainer;

/**
 * Trains the model path ({@link MeaningDetector}): the fast path's n-gram model is trained as before; its scores on
 * the training texts come from models that did not see their source (five folds by source), so the classifier over
 * [sentence vector ; fast-path score ; cue score ; length] does not learn to trust an in-sample score. The operating
 * point is chosen the same way: at most {@code maxFpr} of benign training texts flagged, each scored by a classifier
 * trained without its source group, which is what a new source looks like.
 */
public final class MeaningTrainer {
    static final int EPOCHS = 30;
    static final double RATE = 0.05;
    /**
     * Strong: a sentence vector tells the training sources apart (their templates, topics, lengths), which a new
     * source does not share, while the fast path's score and the cues carry over. With 1e-4 the classifier learned
     * the sources (leave-one-source-out mean 0.771, benign 2.1%); with 1e-2 it leans on what transfers (0.817, 2.8%;
     * docs/detection-accuracy.md, "The model path's classifier, regularised").
     */
    static final double L2 = 1e-2;

    static final int FOLDS = 5;
    static final long SEED = 20261203L;

    private MeaningTrainer() {}

    /** One training text with what is computed once per text. */
    record Row(String text, Features features, double cueScore, int label, String group, float[] sentence) {}

    /** The trained pieces: the fast path's model and the classifier at its operating point. */
    record Trained(PromptModel fast, MeaningModel model) {}

    /**
     * The trainer {@code detect evaluate --loso --prompt-model embedding} uses: each text's sentence vector,
     * features and cues are computed once and kept for the trainer's life (shared by every fold and by the judge).
     */
    public static Trainer<PromptExamples.Input> trainer(double maxFpr) {
        return trainer(maxFpr, SentenceEmbedder.bundled());
    }

    static Trainer<PromptExamples.Input> trainer(double maxFpr, SentenceEmbedder embedder) {
        java.util.function.Function<String, float[]> embed = EmbeddingCache.around(embedder);
        Map<String, float[]> vectors = new ConcurrentHashMap<>();
        Map<String, Row> prepared = new ConcurrentHashMap<>();
        return examples -> {
            List<Example<PromptExamples.Input>> usable = examples.stream()
                    .filter(e -> PromptTrainer.CONTEXT_DEPENDENT_SOURCES.stream()
                            .noneMatch(s -> e.source().startsWith(s)))
                    .toList();
            usable.parallelStream()
                    .forEach(e -> vectors.computeIfAbsent(e.item().text(), embed));
            EmbeddingCache.saveIfCache(embed);
            List<Row> rows = new ArrayList<>();
            for (Example<PromptExamples.Input> e : usable) {
                String text = e.item().text();
                Row base = prepared.computeIfAbsent(text, t -> {
                    List<AttackCues.Hit> hits = AttackCues.find(t);
                    return new Row(t, Features.of(t, hits), AttackCues.score(hits), 0, "", vectors.get(t));
                });
                rows.add(new Row(
                        text,
                        base.features(),
                        base.cueScore(),
                        List.of(PromptModel.CLASSES).indexOf(e.label()),
                        e.sourceGroup(),
                        base.sentence()));
            }
            Trained t = train(rows, maxFpr);
            MeaningDetector d = new MeaningDetector(
                    new PromptDetector(t.fast(), t.fast().threshold()), t.model(), embedder, t.model().threshold);
            return new Judge<>() {
                @Override
                public Judgement judge(PromptExamples.Input item) {
                    float[] v = vectors.computeIfAbsent(item.text(), embed);
                    PromptDetector.Verdict verdict = PromptDetector.relativeTo(
                            SystemInstructions.of(item.system()),
                            item.text(),
                            item.role(),
                            d.classify(item.text(), item.role(), v),
                            d.threshold());
                    return new Judgement(verdict.score(), verdict.attack(), verdict.label());
                }

                @Override
                public double threshold() {
                    return d.threshold();
                }
            };
        };
    }

    /**
     * Trains the bundled classifier on labelled JSON-lines files and writes it:
     * {@code MeaningTrainer --out FILE [--max-fpr 0.03] TRAIN.jsonl...}. The fast path's scores of the training
     * texts come from models that did not see their source; at run time the bundled fast path gives them.
     */
    public static void main(String[] args) {
        java.nio.file.Path out = null;
        double maxFpr = PromptTrainer.DEFAULT_MAX_FPR;
        List<LabelledText> data = new ArrayList<>();
        for (int i = 0; i < args.length; i++) {
            switch (args[i]) {
                case "--out" -> out = java.nio.file.Path.of(args[++i]);
                case "--max-fpr" -> maxFpr = Double.parseDouble(args[++i]);
                default -> data.addAll(LabelledText.read(java.nio.file.Path.of(args[i])));
            }
        }
        data = PromptTrainer.trainable(data);
        if (out == null || data.isEmpty()) {
            System.err.println("usage: MeaningTrainer --out MODEL.bin.gz [--max-fpr 0.03] LABELLED.jsonl...");
            System.exit(2);
        }
        java.util.function.Function<String, float[]> embed = EmbeddingCache.around(SentenceEmbedder.bundled());
        Map<String, float[]> vectors = new ConcurrentHashMap<>();
        data.parallelStream().forEach(t -> vectors.computeIfAbsent(t.text(), embed));
        EmbeddingCache.saveIfCache(embed);
        List<Row> rows = new ArrayList<>();
        for (LabelledText t : data) {
            List<AttackCues.Hit> hits = AttackCues.find(t.text());
            rows.add(new Row(
                    t.text(),
                    Features.of(t.text(), hits),
                    AttackCues.score(hits),
                    t.label(),
                    Example.group(t.source()),
                    vectors.get(t.text())));
        }
        MeaningModel m = train(rows, maxFpr).model();
        try (java.io.OutputStream o = java.nio.file.Files.newOutputStream(out)) {
            m.write(o);
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
        System.out.printf(
                java.util.Locale.ROOT,
                "trained on %d texts; threshold %.4f; wrote %s%n",
                rows.size(),
                m.threshold,
                out);
    }

    static Trained train(List<Row> rows, double maxFpr) {
        int[] fold = folds(rows);
        // the fast path's score of each text by a model that did not see its source group
        double[] fastScore = new double[rows.size()];
        for (int f = 0; f < FOLDS; f++) {
            List<Features> tf = new ArrayList<>();
            List<Integer> tl = new ArrayList<>();
            for (int i = 0; i < rows.size(); i++) {
                if (fold[i] != f) {
                    tf.add(rows.get(i).features());
                    tl.add(rows.get(i).label());
                }
            }
            if (tf.isEmpty()) {
                continue;
            }
            PromptModel m = PromptTrainer.fit(
                    tf, tl.stream().mapToInt(Integer::intValue).toArray());
            for (int i = 0; i < rows.size(); i++) {
                if (fold[i] == f) {
                    fastScore[i] = fastScore(m, rows.get(i));
                }
            }
        }
        PromptModel fast = PromptTrainer.fit(
                rows.stream().map(Row::features).toList(),
                rows.stream().mapToInt(Row::label).toArray());
        float[][] x = new float[rows.size()][];
        boolean[] y = new boolean[rows.size()];
        for (int i = 0; i < rows.size(); i++) {
            Row r = rows.get(i);
            x[i] = MeaningModel.input(
                    r.sentence(), fastScore[i], r.cueScore(), r.text().length());
            y[i] = r.label() != 0;
        }
        // the operating point: scores of classifiers that did not see the text's source group
        double[] score = new double[rows.size()];
        for (int f = 0; f < FOLDS; f++) {
            final int held = f;
            MeaningModel m = fit(x, y, i -> fold[i] != held);
            for (int i = 0; i < rows.size(); i++) {
                if (fold[i] == f) {
                    score[i] = m.score(x[i]);
                }
            }
        }
        MeaningModel model = fit(x, y, i -> true).withThreshold(threshold(score, y, maxFpr));
        return new Trained(fast.withThreshold(0.5), model);
    }

    /** The fast path's learned score as {@link PromptDetector#analyse} gives it (long texts: the chunk with the most evidence). */
    private static double fastScore(PromptModel m, Row r) {
        if (r.text().length() <= PromptDetector.CHUNK + PromptDetector.STEP) {
            return PromptDetector.damped(1 - m.probabilities(r.features())[0], r.text(), r.cueScore());
        }
        return new PromptDetector(m, 0.5).analyse(r.text()).modelScore();
    }

    /** Source groups dealt round the folds in name order, so a fold holds whole sources. */
    static int[] folds(List<Row> rows) {
        List<String> groups =
                new ArrayList<>(new TreeSet<>(rows.stream().map(Row::group).toList()));
        int[] fold = new int[rows.size()];
        for (int i = 0; i < rows.size(); i++) {
            fold[i] = groups.size() < FOLDS
                    ? i % FOLDS
                    : groups.indexOf(rows.get(i).group()) % FOLDS;
        }
        return fold;
    }

    /** Logistic regression by AdaGrad with L2, the two classes weighted inversely to their size; deterministic. */
    static MeaningModel fit(float[][] x, boolean[] y, java.util.function.IntPredicate use) {
        List<Integer> order = new ArrayList<>();
        int pos = 0;
        for (int i = 0; i < x.length; i++) {
            if (use.test(i)) {
                order.add(i);
                pos += y[i] ? 1 : 0;
            }
        }
        int neg = order.size() - pos;
        double wPos = pos == 0 ? 0 : order.size() / (2.0 * pos);
        double wNeg = neg == 0 ? 0 : order.size() / (2.0 * neg);
        float[] w = new float[MeaningModel.DIM];
        double[] g2 = new double[MeaningModel.DIM];
        double b = 0;
        double bg2 = 0;
        Random random = new Random(SEED);
        for (int epoch = 0; epoch < EPOCHS; epoch++) {
            Collections.shuffle(order, random);
            for (int i : order) {
                float[] xi = x[i];
                double z = b;
                for (int j = 0; j < xi.length; j++) {
                    z += w[j] * xi[j];
                }
                double p = 1 / (1 + StrictMath.exp(-z));
                double grad = (p - (y[i] ? 1 : 0)) * (y[i] ? wPos : wNeg);
                for (int j = 0; j < xi.length; j++) {
                    double g = grad * xi[j] + L2 * w[j];
                    g2[j] += g * g;
                    w[j] -= (float) (RATE * g / Math.sqrt(g2[j] + 1e-8));
                }
                bg2 += grad * grad;
                b -= RATE * grad / Math.sqrt(bg2 + 1e-8);
            }
        }
        return new MeaningModel(w, (float) b, 0.5);
    }

    /** The lowest threshold (at least 0.5) that flags at most {@code maxFpr} of the benign scores. */
    static double threshold(double[] score, boolean[] attack, double maxFpr) {
        double[] benign = new double[score.length];
        int n = 0;
        for (int i = 0; i < score.length; i++) {
            if (!attack[i]) {
                benign[n++] = score[i];
            }
        }
        double[] sorted = Arrays.copyOf(benign, n);
        Arrays.sort(sorted);
        int allowed = (int) Math.floor(maxFpr * n);
        double t = n == 0 ? 0.5 : sorted[Math.max(0, n - 1 - allowed)];
        return Math.min(0.99, Math.max(0.5, t + 1e-6));
    }
}
