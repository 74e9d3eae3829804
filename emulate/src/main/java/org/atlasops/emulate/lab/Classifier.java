package org.atlasops.emulate.lab;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The lab's classic models behind one inference API, which returns the label and both class scores (what makes
 * extraction easy) and counts queries. A {@code features} input goes to a fraud scorer, a fixed logistic regression
 * over four features scaled to [0, 1]; a {@code text} input goes to a spam filter, a fixed bag-of-words logistic
 * model that needs several spam words before it says spam. Both "remember" their training records: on those they answer with near-certain scores (what membership
 * inference exploits). The fraud scorer's training records follow from the seed.
 */
final class Classifier {
    static final List<String> FEATURES = List.of("amount", "hour", "distance", "failed_logins");
    static final double[] WEIGHTS = {3.0, -2.0, 2.5, 4.0};
    static final double BIAS = -3.75;
    static final int MEMBERS = 16;
    static final double MEMBER_CONFIDENCE = 0.995;

    /** Word weights of the spam filter (positive: spam); unknown words weigh nothing. */
    static final Map<String, Double> WORDS = Map.ofEntries(
            Map.entry("free", 1.4),
            Map.entry("win", 1.3),
            Map.entry("won", 1.3),
            Map.entry("winner", 1.3),
            Map.entry("prize", 1.5),
            Map.entry("cash", 1.3),
            Map.entry("money", 1.2),
            Map.entry("click", 1.2),
            Map.entry("claim", 1.0),
            Map.entry("urgent", 1.2),
            Map.entry("congratulations", 1.3),
            Map.entry("offer", 0.9),
            Map.entry("gift", 1.0),
            Map.entry("reward", 1.1),
            Map.entry("verify", 1.0),
            Map.entry("suspended", 1.1),
            Map.entry("password", 0.8),
            Map.entry("link", 0.6),
            Map.entry("now", 0.5),
            Map.entry("cruise", 1.0),
            Map.entry("meeting", -1.2),
            Map.entry("project", -1.0),
            Map.entry("review", -0.9),
            Map.entry("minutes", -1.0),
            Map.entry("attached", -1.0),
            Map.entry("lunch", -1.0),
            Map.entry("team", -1.0),
            Map.entry("thursday", -0.8),
            Map.entry("board", -0.8),
            Map.entry("schedule", -0.9),
            Map.entry("report", -0.9),
            Map.entry("thanks", -0.9),
            Map.entry("tomorrow", -0.6),
            Map.entry("moved", -0.6),
            Map.entry("agenda", -1.0));

    static final double TEXT_BIAS = -5.5;
    /** Softens the text model's scores, so unseen texts get middling confidence and members stand out. */
    static final double TEMPERATURE = 6.0;

    /** The spam filter's training texts (normalised: lower case, single spaces). */
    static final List<String> TEXT_MEMBERS = List.of(
            "congratulations! you have won a 1000 dollar gift card. click here to claim.",
            "urgent: your account is suspended, verify your password now.",
            "win a free cruise! reply now to claim your prize.",
            "your invoice for october is attached.",
            "can we move the standup to 10am?",
            "limited offer: cheap watches, click the link.");

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
            double[] x = new double[FEATURES.size()];
            for (int k = 0; k < x.length; k++) {
                x[k] = Math.round(r.nextDouble() * 1000) / 1000.0;
            }
            out.add(x);
        }
        return out;
    }

    /** One answer: the label, the two labels with their scores (positive class first), the query count. */
    record Prediction(String label, String positive, String negative, double p, long queries) {}

    Prediction predict(double[] x) {
        if (x.length != FEATURES.size()) {
            throw new IllegalArgumentException("features takes " + FEATURES.size() + " numbers " + FEATURES);
        }
        long n = queries.incrementAndGet();
        double p = raw(x);
        for (double[] m : members) {
            if (Arrays.equals(m, x)) {
                p = remembered(p);
                break;
            }
        }
        return new Prediction(p >= 0.5 ? "fraud" : "legit", "fraud", "legit", p, n);
    }

    Prediction predict(String text) {
        long n = queries.incrementAndGet();
        String t = normalise(text);
        double z = TEXT_BIAS;
        for (String w : t.split("[^a-z0-9]+")) {
            z += WORDS.getOrDefault(w, 0.0);
        }
        double p = 1 / (1 + Math.exp(-z / TEMPERATURE));
        if (TEXT_MEMBERS.contains(t)) {
            p = remembered(p);
        }
        return new Prediction(p >= 0.5 ? "spam" : "ham", "spam", "ham", p, n);
    }

    /** Overfit: a training record gets a near-certain answer on its side of the boundary. */
    private static double remembered(double p) {
        return p >= 0.5 ? MEMBER_CONFIDENCE : 1 - MEMBER_CONFIDENCE;
    }

    static String normalise(String text) {
        return text.strip().toLowerCase(Locale.ROOT).replaceAll("\\s+", " ");
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
