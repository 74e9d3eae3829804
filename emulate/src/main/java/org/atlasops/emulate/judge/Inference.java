package org.atlasops.emulate.judge;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.atlasops.emulate.target.Request;

/**
 * Judges over a classic model's inference answers. An answer is JSON with a {@code label} (or {@code prediction},
 * {@code class}) and optional {@code scores} / {@code probabilities} (an object or array of numbers) or
 * {@code confidence}; an input's features are {@code features} (an array of numbers).
 */
final class Inference {
    private Inference() {}

    record Point(double[] features, String label, double confidence) {}

    static List<Point> points(List<Exchange> exchanges, String label) {
        List<Point> out = new ArrayList<>();
        for (Exchange x : exchanges) {
            if (x.label().equals(label)
                    && x.sent() instanceof Request.Infer in
                    && x.reply().data().isPresent()) {
                JsonNode d = x.reply().data().get();
                JsonNode f = in.input().path("features");
                double[] features = new double[f.size()];
                for (int i = 0; i < f.size(); i++) {
                    features[i] = f.get(i).asDouble();
                }
                out.add(new Point(features, labelOf(d).orElse(""), confidence(d)));
            }
        }
        return out;
    }

    static Optional<String> labelOf(JsonNode d) {
        for (String k : List.of("label", "prediction", "class")) {
            if (d.hasNonNull(k)) {
                return Optional.of(d.get(k).asText());
            }
        }
        return Optional.empty();
    }

    static double confidence(JsonNode d) {
        double best = d.path("confidence").asDouble(Double.NaN);
        for (String k : List.of("scores", "probabilities")) {
            for (JsonNode v : d.path(k)) {
                if (v.isNumber() && (Double.isNaN(best) || v.asDouble() > best)) {
                    best = v.asDouble();
                }
            }
        }
        return best;
    }

    static Judgement surrogate(double threshold, List<Exchange> exchanges) {
        List<Point> train = points(exchanges, "train");
        List<Point> test = points(exchanges, "test");
        if (train.isEmpty() || test.isEmpty()) {
            return Judgement.unscorable("surrogate-agreement needs answered 'train' and 'test' queries");
        }
        int agree = 0;
        for (Point t : test) {
            Point nearest = train.get(0);
            double best = Double.MAX_VALUE;
            for (Point p : train) {
                double d = distance(p.features(), t.features());
                if (d < best) {
                    best = d;
                    nearest = p;
                }
            }
            if (nearest.label().equals(t.label())) {
                agree++;
            }
        }
        double rate = (double) agree / test.size();
        String how = String.format(
                java.util.Locale.ROOT,
                "a 1-NN surrogate from %d queries agrees with the target on %d of %d held-out queries (%.2f, threshold %.2f)",
                train.size(),
                agree,
                test.size(),
                rate,
                threshold);
        return rate >= threshold ? Judgement.succeeded(how) : Judgement.failed(how);
    }

    private static double distance(double[] a, double[] b) {
        double s = 0;
        for (int i = 0; i < Math.min(a.length, b.length); i++) {
            s += (a[i] - b[i]) * (a[i] - b[i]);
        }
        return s;
    }

    static Judgement flipped(List<Exchange> exchanges) {
        List<Point> base = points(exchanges, "baseline");
        List<Point> pert = points(exchanges, "perturbed");
        if (base.isEmpty() || pert.isEmpty() || base.get(0).label().isEmpty()) {
            return Judgement.unscorable(
                    "answer-flipped needs labelled answers to a 'baseline' and a 'perturbed' query");
        }
        String b = base.get(0).label();
        for (Point p : pert) {
            if (!p.label().equals(b)) {
                return Judgement.succeeded("the label flipped from " + b + " to " + p.label());
            }
        }
        return Judgement.failed("the label stayed " + b);
    }

    static Judgement gap(double threshold, List<Exchange> exchanges) {
        List<Point> members = points(exchanges, "member");
        List<Point> others = points(exchanges, "nonmember");
        double m = mean(members);
        double o = mean(others);
        if (Double.isNaN(m) || Double.isNaN(o)) {
            return Judgement.unscorable("confidence-gap needs scored answers to 'member' and 'nonmember' queries");
        }
        String how = String.format(
                java.util.Locale.ROOT,
                "mean confidence %.3f on members vs %.3f on non-members (gap %.3f, threshold %.3f)",
                m,
                o,
                m - o,
                threshold);
        return m - o >= threshold ? Judgement.succeeded(how) : Judgement.failed(how);
    }

    private static double mean(List<Point> ps) {
        double s = 0;
        int n = 0;
        for (Point p : ps) {
            if (!Double.isNaN(p.confidence())) {
                s += p.confidence();
                n++;
            }
        }
        return n == 0 ? Double.NaN : s / n;
    }
}
