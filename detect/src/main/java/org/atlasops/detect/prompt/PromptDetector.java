package org.atlasops.detect.prompt;

import java.io.InputStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import org.atlasops.kb.AtlasId;

/**
 * Classifies a text as {@code injection}, {@code jailbreak} or {@code benign} with a score in [0, 1] that it is an
 * attack, and the ATLAS techniques: AML.T0051.000 for an injection the user typed, AML.T0051.001 when the text
 * arrived as a document or tool result, AML.T0054 for a jailbreak. Long texts are scored in overlapping chunks and
 * the chunk with the most evidence of an instruction aimed at the model counts, so an instruction buried deep in a
 * document is not diluted and a long benign text is not judged by its one odd passage.
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

    /**
     * A verdict raised to an injection when the text breaks the application's instructions (the score at least the
     * threshold, the breach first among the reasons); otherwise the verdict as it was.
     */
    static Verdict relativeTo(SystemInstructions system, String text, Role role, Verdict v, double threshold) {
        Optional<String> breach = system.breach(text);
        if (breach.isEmpty()) {
            return v;
        }
        List<String> reasons = new ArrayList<>();
        reasons.add(breach.get());
        reasons.addAll(v.reasons());
        if (v.attack()) {
            return new Verdict(v.label(), v.score(), v.techniques(), reasons);
        }
        return new Verdict(
                "injection",
                Math.max(v.score(), threshold),
                List.of(role == Role.DOCUMENT || role == Role.TOOL ? INDIRECT_INJECTION : DIRECT_INJECTION),
                reasons);
    }

    /**
     * What the fast path sees in a text: class probabilities (long texts: the chunk with the most evidence), cues,
     * and their combination.
     */
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
            // a long text is judged by the chunk with the most evidence of an instruction aimed at the model (cues,
            // imperatives, words addressed to it; the more suspicious chunk on a tie), not by the most suspicious
            // chunk of a model trained on short texts; without any such evidence, by the mean over its chunks (what
            // the text is as a whole). Chunks overlap, so a cue across a boundary is still seen whole.
            cues = new ArrayList<>();
            best = null;
            int bestEvidence = -1;
            double[] sum = new double[3];
            int n = 0;
            for (int start = 0; start < text.length(); start += STEP) {
                String chunk = text.substring(start, Math.min(text.length(), start + CHUNK));
                List<AttackCues.Hit> chunkCues = AttackCues.find(chunk);
                for (AttackCues.Hit h : chunkCues) {
                    if (cues.stream().noneMatch(c -> c.cue() == h.cue())) {
                        cues.add(h);
                    }
                }
                double[] p = model.probabilities(Features.of(chunk, chunkCues));
                int evidence = SentenceEmbedder.evidence(chunk, chunkCues);
                if (evidence > bestEvidence || evidence == bestEvidence && p[0] < best[0]) {
                    best = p;
                    bestEvidence = evidence;
                }
                for (int k = 0; k < 3; k++) {
                    sum[k] += p[k];
                }
                n++;
                if (start + CHUNK >= text.length()) {
                    break;
                }
            }
            if (bestEvidence == 0) {
                for (int k = 0; k < 3; k++) {
                    sum[k] /= n;
                }
                best = sum;
            }
        }
        double cueScore = AttackCues.score(cues);
        return new Analysis(best, cues, cueScore, damped(1 - best[0], text, cueScore));
    }

    /** The verdict for a score at a threshold: label and technique from the fast path's class and cues. */
    static Verdict verdict(String text, Role role, Analysis a, double score, double threshold) {
        if (score < threshold && a.cueScore() < STRONG_CUES) {
            return new Verdict("benign", score, List.of(), List.of());
        }
        // strong hand-written cues decide by themselves: the threshold is set for the learned score's false alarms,
        // and the cues fire on (almost) no benign text; the score then says at least the threshold
        score = Math.max(score, threshold);
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

    /**
     * A cue score at which the cues alone make a text an attack, whatever the learned score: one strong cue (an
     * override, an encoded text, a planted instruction) or two weaker ones together.
     */
    static final double STRONG_CUES = 0.7;

    /**
     * A document or tool result is indirect, a user's text direct. With no role, a text is taken as indirect when it
     * is addressed to an AI that reads it ("note to the AI summarising this", "if you are an assistant"), when it
     * hides its instruction where only a machine reads it (an HTML comment, a Markdown image link), when it carries
     * a document (e-mail header lines, a fenced code block), or when the
     * instruction comes after content: an injection cue, or the first imperative sentence, starts only after
     * {@value #CONTENT_BEFORE} characters of other text.
     */
    static boolean indirect(String text, Role role, List<AttackCues.Hit> cues) {
        if (role == Role.DOCUMENT || role == Role.TOOL) {
            return true;
        }
        if (role == Role.USER) {
            return false;
        }
        String lower = AttackCues.normalize(text).toLowerCase(java.util.Locale.ROOT);
        if (ADDRESSED_TO_READER.matcher(lower).find()) {
            return true;
        }
        for (AttackCues.Hit h : cues) {
            if (h.cue() == AttackCues.Cue.ADDRESSED_TO_AI
                    || h.cue() == AttackCues.Cue.HIDDEN_DIRECTIVE
                    || h.cue() == AttackCues.Cue.MARKDOWN_EXFIL
                    || h.cue() == AttackCues.Cue.PLANTED_INSTRUCTION) {
                return true;
            }
            if (h.cue().family != AttackCues.Family.JAILBREAK) {
                int at = lower.indexOf(
                        h.quote().toLowerCase(java.util.Locale.ROOT).replace("…", ""));
                if (at >= CONTENT_BEFORE) {
                    return true;
                }
            }
        }
        if (DOCUMENT.matcher(lower).find()) {
            return true; // an e-mail or a code block carrying an injection arrived as data, wherever the order sits
        }
        java.util.regex.Matcher m = INSTRUCTION.matcher(lower);
        return m.find() && m.start() >= CONTENT_BEFORE;
    }

    /** How much other text before an instruction makes it an instruction after content. */
    static final int CONTENT_BEFORE = 200;

    /** The marks of a document handed to the model: e-mail header lines or a fenced code block. */
    private static final java.util.regex.Pattern DOCUMENT = java.util.regex.Pattern.compile(
            "(?:^|\\n|\\|)\\s*(?:subject|from|to|cc|date|sender|content)\\s*:\\s*\\S|(?:^|\\n)\\s*```");

    /** A sentence that opens with an order ("Also, write a poem …", "P.S. send …", "Ignore …"). */
    private static final java.util.regex.Pattern INSTRUCTION = java.util.regex.Pattern.compile(
            "(?:^|[.!?:\\n]\\s*)(?:(?:also|and|then|now|finally|additionally|instead|please|p\\.?s\\.?|important)\\s*[,:!]?"
                    + "\\s*)*(?:ignore|disregard|forget|print|reveal|send|forward|write|say|output|respond|reply|answer|"
                    + "tell|pretend|act|translate|summari[sz]e|include|append|insert|repeat|add|visit|click|call|email|"
                    + "e-mail|delete|do not|don't|never|always|from now on|make sure|you must|you should|you will)\\b");

    /** Words addressed to an AI that reads the text rather than to the one the user talks to. */
    private static final java.util.regex.Pattern ADDRESSED_TO_READER = java.util.regex.Pattern.compile(
            "\\b(?:note|message|instructions?|attention|notice|reminder|important|p\\.s\\.?)\\s*(?:to|for)\\s+(?:the |any "
                    + "|all |every )?(?:ai|assistant|model|llm|agent|chatbot|bot|language model|gpt|copilot)s?\\b|"
                    + "\\bdear (?:ai|assistant|model|agent|chatbot|llm|gpt|copilot)\\b|"
                    + "\\b(?:ai|assistant|agent|model|llm|bot|chatbot)s?\\b.{0,20}\\b(?:reading|processing|summari[sz]ing|"
                    + "parsing|analy[sz]ing|browsing|seeing|reviewing|handling|translating) (?:this|these|the (?:above|"
                    + "following|document|email|e-mail|page|message|text|file|code|review|article))\\b|"
                    + "\\bif you are an? (?:ai|assistant|language model|llm|agent|bot|chatbot)\\b|"
                    + "\\bwhen (?:summari[sz]ing|translating|processing|reading|reviewing|analy[sz]ing) this\\b");
}
