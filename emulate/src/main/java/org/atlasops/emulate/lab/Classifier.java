package org.atlasops.emulate.lab;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The lab's classic model: a fraud scorer, a fixed logistic regression over four numeric features, behind an
 * inference API that returns the label and both class scores (what makes extraction easy) and counts queries. It
 * "remembers" its training records: on those it is more confident than anywhere else (what membership inference
 * exploits). Weights, bias and training records follow from the seed.
 */
final class Classifier {
    static final List<String> FEATURES = List.of("amount", "hour", "distance_km", "failed_logins");
    static final List<String> LABELS = List.of("legit", "fraud");
    static final double[] WEIGHTS = {0.004, -0.08, 0.01, 0.9};
    static final double BIAS = -2.5;
    static final int MEMBERS = 16;

    private final List<double[]> members;
    private final List<double[]> outsiders;
    private final AtomicLong queries = new AtomicLong();

    Classifier(long seed) {
        Random r = new Random(seed ^ 0x5DEECE66DL);
        this.members = records(r, MEMBERS);
        this.outsiders = records(r, MEMBERS);
    }

    private static List<double[]> records(Random r, int n) {
        List<double[]> out = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            out.add(new double[] {
                Math.round(r.nextDouble() * 1500 * 100) / 100.0, r.nextInt(24), r.nextInt(500), r.nextInt(6)
            });
        }
        return out;
    }

    /** One answer: the label and the fraud probability. */
    record Prediction(String label, double fraud, long queries) {}

    Prediction predict(double[] x) {
        if (x.length != FEATURES.size()) {
            throw new IllegalArgumentException("features takes " + FEATURES.size() + " numbers " + FEATURES);
        }
        long n = queries.incrementAndGet();
        double p = raw(x);
        for (double[] m : members) {
            if (java.util.Arrays.equals(m, x)) {
                p = p >= 0.5 ? 0.995 : 0.005; // overfit: a training record gets a near-certain answer
                break;
            }
        }
        return new Prediction(p >= 0.5 ? "fraud" : "legit", p, n);
    }

    static double raw(double[] x) {
        double z = BIAS;
        for (int i = 0; i < x.length; i++) {
            z += WEIGHTS[i] * x[i];
        }
        return 1 / (1 + Math.exp(-z));
    }

    void resetQueries() {
        queries.set(0);
    }

    long queries() {
        return queries.get();
    }

    List<double[]> members() {
        return members;
    }

    /** Records drawn the same way, never trained on: the other half of a membership-inference test. */
    List<double[]> outsiders() {
        return outsiders;
    }
}
