package org.atlasops.detect.prompt;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.Random;

/**
 * Trains a {@link PromptModel}: softmax regression by AdaGrad with L2, classes weighted inversely to their size,
 * a fixed seed (the same data gives the same weights). The attack threshold is chosen by 5-fold cross-validation on
 * the training data: the lowest threshold whose benign false-positive rate stays at or under {@code maxFpr}.
 */
public final class PromptTrainer {
    static final int EPOCHS = 12;
    static final double RATE = 0.5;
    /**
     * 1e-3 (was 1e-4): a stronger pull to zero keeps the n-grams of one source's templates from deciding, which
     * leave-one-source-out rewards (ROC-AUC 0.81 → 0.89; docs/detection-accuracy.md).
     */
    static final double L2 = 1e-3;

    static final long SEED = 20261125L;

    private PromptTrainer() {}

    public static PromptModel train(List<LabelledText> data, double maxFpr) {
        List<Features> feats = new ArrayList<>();
        List<String> texts = data.stream().map(LabelledText::text).toList();
        double[] cueScores = new double[data.size()];
        for (int i = 0; i < data.size(); i++) {
            List<AttackCues.Hit> hits = AttackCues.find(data.get(i).text());
            feats.add(Features.of(data.get(i).text(), hits));
            cueScores[i] = AttackCues.score(hits);
        }
        int[] labels = data.stream().mapToInt(LabelledText::label).toArray();
        String[] groups = data.stream()
                .map(t -> org.atlasops.detect.accuracy.Example.group(t.source()))
                .toArray(String[]::new);
        return train(feats, texts, cueScores, labels, groups, maxFpr);
    }

    /** Training on features already computed (leave-one-source-out computes each text's once for every fold). */
    static PromptModel train(
            List<Features> feats,
            List<String> texts,
            double[] cueScores,
            int[] labels,
            String[] groups,
            double maxFpr) {
        PromptModel model = fit(feats, labels);
        return model.withThreshold(chooseThreshold(feats, texts, cueScores, labels, groups, maxFpr));
    }

    /**
     * Trains on labelled JSON-lines files and writes the model:
     * {@code PromptTrainer --out FILE [--max-fpr 0.03] TRAIN.jsonl...}. Deterministic: the same files give the same
     * bytes.
     */
    public static void main(String[] args) throws java.io.IOException {
        java.nio.file.Path out = null;
        double maxFpr = DEFAULT_MAX_FPR;
        List<LabelledText> data = new ArrayList<>();
        for (int i = 0; i < args.length; i++) {
            switch (args[i]) {
                case "--out" -> out = java.nio.file.Path.of(args[++i]);
                case "--max-fpr" -> maxFpr = Double.parseDouble(args[++i]);
                default -> data.addAll(LabelledText.read(java.nio.file.Path.of(args[i])));
            }
        }
        data = trainable(data);
        if (out == null || data.isEmpty()) {
            System.err.println("usage: PromptTrainer --out MODEL.bin.gz [--max-fpr 0.03] LABELLED.jsonl...");
            System.exit(2);
        }
        PromptModel m = train(data, maxFpr);
        try (java.io.OutputStream o = java.nio.file.Files.newOutputStream(out)) {
            m.write(o);
        }
        System.out.printf(
                java.util.Locale.ROOT,
                "trained on %d texts; threshold %.4f; wrote %s%n",
                data.size(),
                m.threshold(),
                out);
    }

    /**
     * Sources whose labels depend on something the text does not carry. PurpleLlama's prompt-injection cases are
     * user inputs judged against a system prompt that the records leave out ("where does Jane Smith live?" is an
     * injection only where the system prompt forbids it); learning from them teaches that ordinary questions are
     * attacks. They are kept for evaluation, not for training.
     */
    public static final List<String> CONTEXT_DEPENDENT_SOURCES =
            List.of("meta-llama/PurpleLlama:CybersecurityBenchmarks/datasets/prompt_injection/prompt_injection.json");

    /** The examples training may use: all but those of {@link #CONTEXT_DEPENDENT_SOURCES}. */
    public static List<LabelledText> trainable(List<LabelledText> data) {
        return data.stream()
                .filter(t -> CONTEXT_DEPENDENT_SOURCES.stream()
                        .noneMatch(s -> t.source().startsWith(s)))
                .toList();
    }

    /** Each text's fold: its source group's rank (sorted by name) modulo the folds, or its position. */
    static int[] foldsBySource(String[] groups, int folds) {
        List<String> names = new ArrayList<>(new java.util.TreeSet<>(List.of(groups)));
        int[] fold = new int[groups.length];
        for (int i = 0; i < groups.length; i++) {
            fold[i] = names.size() >= folds ? Collections.binarySearch(names, groups[i]) % folds : i % folds;
        }
        return fold;
    }

    /** The default operating point: at most 3% of benign texts flagged in cross-validation. */
    public static final double DEFAULT_MAX_FPR = 0.03;

    static PromptModel fit(List<Features> feats, int[] labels) {
        int k = PromptModel.CLASSES.length;
        float[][] w = new float[k][Features.DIM];
        float[][] g2 = new float[k][Features.DIM];
        float[] b = new float[k];
        float[] bg2 = new float[k];
        int[] counts = new int[k];
        for (int l : labels) {
            counts[l]++;
        }
        double[] classWeight = new double[k];
        for (int c = 0; c < k; c++) {
            classWeight[c] = counts[c] == 0 ? 0 : (double) labels.length / (k * counts[c]);
        }
        List<Integer> order = new ArrayList<>();
        for (int i = 0; i < labels.length; i++) {
            order.add(i);
        }
        Random random = new Random(SEED);
        PromptModel m = new PromptModel(w, b, 0.5);
        for (int epoch = 0; epoch < EPOCHS; epoch++) {
            Collections.shuffle(order, random);
            for (int i : order) {
                Features f = feats.get(i);
                double[] p = m.probabilities(f);
                for (int c = 0; c < k; c++) {
                    double grad = (p[c] - (labels[i] == c ? 1 : 0)) * classWeight[labels[i]];
                    for (int j = 0; j < f.index.length; j++) {
                        int idx = f.index[j];
                        double gij = grad * f.value[j] + L2 * w[c][idx];
                        g2[c][idx] += (float) (gij * gij);
                        w[c][idx] -= (float) (RATE * gij / StrictMath.sqrt(g2[c][idx] + 1e-8));
                    }
                    bg2[c] += (float) (grad * grad);
                    b[c] -= (float) (RATE * grad / StrictMath.sqrt(bg2[c] + 1e-8));
                }
            }
        }
        return m;
    }

    /**
     * The detector's score (model and cues combined); the threshold keeps cross-validated benign false positives under
     * maxFpr. The folds are by source group (a group's texts all in one fold), so each text is scored by a model that
     * never saw its source's templates, which is what a new source looks like; with fewer than five groups, by
     * position.
     */
    static double chooseThreshold(
            List<Features> feats,
            List<String> texts,
            double[] cueScores,
            int[] labels,
            String[] groups,
            double maxFpr) {
        int folds = 5;
        int[] foldOf = foldsBySource(groups, folds);
        double[] score = new double[labels.length];
        for (int fold = 0; fold < folds; fold++) {
            List<Features> tf = new ArrayList<>();
            List<Integer> tl = new ArrayList<>();
            for (int i = 0; i < labels.length; i++) {
                if (foldOf[i] != fold) {
                    tf.add(feats.get(i));
                    tl.add(labels[i]);
                }
            }
            PromptModel m = fit(tf, tl.stream().mapToInt(Integer::intValue).toArray());
            for (int i = 0; i < labels.length; i++) {
                if (foldOf[i] != fold) {
                    continue;
                }
                score[i] = PromptDetector.combine(
                        PromptDetector.damped(1 - m.probabilities(feats.get(i))[0], texts.get(i), cueScores[i]),
                        cueScores[i]);
            }
        }
        double[] benign = new double[labels.length];
        int n = 0;
        for (int i = 0; i < labels.length; i++) {
            if (labels[i] == 0) {
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
