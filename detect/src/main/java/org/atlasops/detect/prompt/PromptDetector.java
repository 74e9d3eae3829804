package org.atlasops.detect.prompt;

import java.io.InputStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import org.atlasops.kb.AtlasId;

/**
 * Classifies a text as {@code injection}, {@code jailbreak} or {@code benign} with a score in [0, 1] that it is an
 * attack, and the ATLAS techniques: AML.T0051.000 for an injection the user typed, AML.T0051.001 when the text
 * arrived as a document or tool result, AML.T0054 for a jailbreak. Long texts are scored in overlapping chunks and
 * the highest chunk counts, so an instruction buried deep in a document is not diluted.
 */
public final class PromptDetector implements PromptClassifier {
    static final int CHUNK = 1200;
    static final int STEP = 800;
    private static final String MODEL = "/org/atlasops/detect/prompt/prompt-model.bin.gz";

    /** Where the text came from: typed by the user, read from a document or a tool, or not known. */
    public enum Role {
        USER,
        DOCUMENT,
        TOOL,
        UNKNOWN;

        /** {@code user}, {@code document}, {@code tool}; anything else is unknown. */
        public static Role parse(String text) {
            for (Role r : values()) {
                if (r.name().equalsIgnoreCase(text == null ? "" : text.strip())) {
                    return r;
                }
            }
            return UNKNOWN;
        }
    }

    /** An injection the user typed: LLM Prompt Injection: Direct. */
    public static final AtlasId DIRECT_INJECTION = AtlasId.parse("AML.T0051.000");
    /** An injection that arrived as data, a document or a tool result: LLM Prompt Injection: Indirect. */
    public static final AtlasId INDIRECT_INJECTION = AtlasId.parse("AML.T0051.001");
    /** LLM Jailbreak. */
    public static final AtlasId JAILBREAK = AtlasId.parse("AML.T0054");

    /**
     * The verdict on one text: label, attack score in [0, 1], ATLAS techniques ({@link #DIRECT_INJECTION},
     * {@link #INDIRECT_INJECTION} or {@link #JAILBREAK}; none when benign) and the reasons.
     */
    public record Verdict(String label, double score, List<AtlasId> techniques, List<String> reasons) {
        public Verdict {
            Objects.requireNonNull(label, "label");
            techniques = List.copyOf(techniques);
            reasons = List.copyOf(reasons);
        }

        public boolean attack() {
            return !label.equals("benign");
        }

        /** Whether the text is an injection that arrived as data (a document or a tool result). */
        public boolean indirect() {
            return techniques.contains(INDIRECT_INJECTION);
        }
    }

    private final PromptModel model;
    private final double threshold;

    public PromptDetector(PromptModel model, double threshold) {
        this.model = model;
        this.threshold = threshold;
    }

    /** The bundled model at its trained operating point; read once, shared (a detector is immutable). */
    public static PromptDetector bundled() {
        return Bundled.DETECTOR;
    }

    private static final class Bundled {
        static final PromptDetector DETECTOR = load();

        private static PromptDetector load() {
            try (InputStream in = PromptDetector.class.getResourceAsStream(MODEL)) {
                if (in == null) {
                    throw new IllegalStateException("the jar has no prompt model (" + MODEL + ")");
                }
                PromptModel m = PromptModel.read(in);
                return new PromptDetector(m, m.threshold());
            } catch (java.io.IOException e) {
                throw new java.io.UncheckedIOException(e);
            }
        }
    }

    public PromptDetector withThreshold(double t) {
        return new PromptDetector(model, t);
    }

    @Override
    public double threshold() {
        return threshold;
    }

    @Override
    public Verdict classify(String text, Role role) {
        Analysis a = analyse(text);
        return verdict(text, role, a, a.score(), threshold);
    }

    /** What the fast path sees in a text: class probabilities (most suspicious chunk), cues, and their combination. */
    record Analysis(double[] probabilities, List<AttackCues.Hit> cues, double cueScore, double modelScore) {
        double score() {
            return combine(modelScore, cueScore);
        }
    }

    Analysis analyse(String text) {
        List<AttackCues.Hit> cues;
        double[] best;
        if (text.length() <= CHUNK + STEP) {
            cues = AttackCues.find(text);
            best = model.probabilities(Features.of(text, cues));
        } else {
            // an instruction buried in a long document: score every chunk, keep the most suspicious, and gather
            // the cues of all chunks (chunks overlap, so a cue across a boundary is still seen whole)
            cues = new ArrayList<>();
            best = null;
            for (int start = 0; start < text.length(); start += STEP) {
                String chunk = text.substring(start, Math.min(text.length(), start + CHUNK));
                List<AttackCues.Hit> chunkCues = AttackCues.find(chunk);
                for (AttackCues.Hit h : chunkCues) {
                    if (cues.stream().noneMatch(c -> c.cue() == h.cue())) {
                        cues.add(h);
                    }
                }
                double[] p = model.probabilities(Features.of(chunk, chunkCues));
                if (best == null || p[0] < best[0]) {
                    best = p;
                }
                if (start + CHUNK >= text.length()) {
                    break;
                }
            }
        }
        double cueScore = AttackCues.score(cues);
        return new Analysis(best, cues, cueScore, damped(1 - best[0], text, cueScore));
    }

    /** The verdict for a score at a threshold: label and technique from the fast path's class and cues. */
    static Verdict verdict(String text, Role role, Analysis a, double score, double threshold) {
        if (score < threshold) {
            return new Verdict("benign", score, List.of(), List.of());
        }
        double[] best = a.probabilities();
        List<AttackCues.Hit> cues = a.cues();
        List<String> reasons = new ArrayList<>();
        cues.forEach(h -> reasons.add(AttackCues.describe(h)));
        reasons.add(
                String.format(java.util.Locale.ROOT, "model: P(injection) %.2f, P(jailbreak) %.2f", best[1], best[2]));
        boolean jailbreak = a.cueScore() >= a.modelScore() && !cues.isEmpty()
                ? AttackCues.jailbreakLeaning(cues)
                : best[2] > best[1];
        if (jailbreak) {
            return new Verdict("jailbreak", score, List.of(JAILBREAK), reasons);
        }
        return new Verdict(
                "injection",
                score,
                List.of(indirect(text, role, cues) ? INDIRECT_INJECTION : DIRECT_INJECTION),
                reasons);
    }

    /**
     * A few words carry too little for the n-grams to judge ("hello" leans on the class priors), so without any cue
     * the learned score of a text under {@value #FULL_EVIDENCE_WORDS} words is scaled down in proportion.
     */
    static double damped(double modelScore, String text, double cueScore) {
        if (cueScore > 0) {
            return modelScore;
        }
        int words = 0;
        boolean inWord = false;
        for (int i = 0; i < text.length() && words < FULL_EVIDENCE_WORDS; i++) {
            boolean letter = Character.isLetterOrDigit(text.charAt(i));
            if (letter && !inWord) {
                words++;
            }
            inWord = letter;
        }
        return modelScore * Math.min(1.0, (double) words / FULL_EVIDENCE_WORDS);
    }

    static final int FULL_EVIDENCE_WORDS = 6;

    /** The learned score and the cue score, joined as two pieces of evidence (noisy-or, cues discounted). */
    static double combine(double model, double cues) {
        return 1 - (1 - model) * (1 - CUE_TRUST * cues);
    }

    static final double CUE_TRUST = 0.8;

    /** A document or tool result is indirect; with no role, a text that addresses the AI reading it, or whose
     * instruction comes after a stretch of other content, is taken as one. */
    private static boolean indirect(String text, Role role, List<AttackCues.Hit> cues) {
        if (role == Role.DOCUMENT || role == Role.TOOL) {
            return true;
        }
        if (role == Role.USER) {
            return false;
        }
        for (AttackCues.Hit h : cues) {
            if (h.cue() == AttackCues.Cue.ADDRESSED_TO_AI) {
                return true;
            }
            if (h.cue().family != AttackCues.Family.JAILBREAK) {
                int at = AttackCues.normalize(text)
                        .toLowerCase(java.util.Locale.ROOT)
                        .indexOf(h.quote().toLowerCase(java.util.Locale.ROOT).replace("…", ""));
                if (at > 300) {
                    return true;
                }
            }
        }
        return false;
    }
}
