package org.atlasops.detect.prompt;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;

/**
 * A text's meaning as the model path reads it: the quantized all-MiniLM-L6-v2 sentence encoder (384 dimensions, in
 * the jar, run in-process by ONNX Runtime on one thread per call, {@link MiniLmEncoder}; nothing is downloaded),
 * applied to a bounded number of chunks.
 *
 * <p>Long texts are not embedded whole nor judged by their most suspicious chunk: the text is cut at sentences into
 * chunks of at most {@value #CHUNK} characters, each chunk is weighed by evidence of an instruction aimed at the model
 * (attack cues, imperatives, words addressed to an AI), and at most {@value #MAX_EMBEDDED} chunks are embedded: the
 * first and the ones with the most evidence (later ones first, as instructions after content are the indirect
 * pattern). The vector is the mean of those chunks and the chunk with the most evidence, so the classifier, trained
 * on whole texts of every length, sees both what the text is about and what it asks for.
 */
final class SentenceEmbedder {
    static final int DIM = 384;
    /** The vector: the mean of the embedded chunks, then the chunk with the most evidence of an instruction. */
    static final int VECTOR = 2 * DIM;

    static final int CHUNK = 320;
    static final int MAX_EMBEDDED = 3;
    /** Past this many characters a text is not looked at further (the fast path still reads all of it). */
    static final int MAX_CHARS = 16_384;

    private static final Pattern SENTENCE_END = Pattern.compile("(?<=[.!?。！？\\n])\\s+");
    static final Pattern IMPERATIVE = Pattern.compile(
            "(?:^|[.!?:\\n]\\s*)(?:please\\s+|now\\s+|instead\\s*,?\\s*)?(?:ignore|disregard|forget|print|reveal|send|"
                    + "write|say|output|respond|reply|answer|tell|pretend|act|translate|summari[sz]e|include|append|"
                    + "insert|repeat|do not|don't|never|always|from now on|make sure|you must|you should|you will)\\b");
    private static final Pattern ADDRESSED = Pattern.compile(
            "\\b(?:you|your|assistant|ai|a\\.i\\.|model|chatbot|gpt|llm|language model|claude|gemini|bot)\\b");

    private final MiniLmEncoder model;

    private SentenceEmbedder(MiniLmEncoder model) {
        this.model = model;
    }

    /**
     * The bundled encoder, loaded on first use (about a second) and shared; the ONNX session is thread-safe, and each
     * call runs on its caller's thread alone (callers that want more cores embed several texts at once).
     */
    static SentenceEmbedder bundled() {
        return Bundled.EMBEDDER;
    }

    private static final class Bundled {
        static final SentenceEmbedder EMBEDDER = load();

        private static SentenceEmbedder load() {
            return new SentenceEmbedder(MiniLmEncoder.load());
        }
    }

    /** The text's vector ({@value #VECTOR} numbers: mean of the embedded chunks, then the focus chunk). */
    float[] vector(String text) {
        List<String> chunks = chunks(text.length() > MAX_CHARS ? text.substring(0, MAX_CHARS) : text);
        float[] out = new float[VECTOR];
        if (chunks.isEmpty()) {
            return out;
        }
        List<Integer> chosen = choose(chunks);
        for (int k = 0; k < chosen.size(); k++) {
            float[] e = model.embed(chunks.get(chosen.get(k)));
            for (int i = 0; i < DIM; i++) {
                out[i] += e[i] / chosen.size();
            }
            if (k == 0) {
                System.arraycopy(e, 0, out, DIM, DIM); // the focus chunk
            }
        }
        return out;
    }

    /**
     * Which chunks are embedded, the focus first: the chunk with the most evidence (a later one wins a tie), then the
     * first chunk (what the text is), then the runner-up.
     */
    static List<Integer> choose(List<String> chunks) {
        int[] evidence = new int[chunks.size()];
        for (int i = 0; i < chunks.size(); i++) {
            evidence[i] = chunks.size() == 1 ? 0 : evidence(chunks.get(i));
        }
        List<Integer> chosen = new ArrayList<>();
        chosen.add(best(evidence, chosen));
        if (!chosen.contains(0)) {
            chosen.add(0);
        }
        while (chosen.size() < Math.min(MAX_EMBEDDED, chunks.size())) {
            chosen.add(best(evidence, chosen));
        }
        return chosen;
    }

    private static int best(int[] evidence, List<Integer> taken) {
        int best = -1;
        for (int i = evidence.length - 1; i >= 0; i--) {
            if (!taken.contains(i) && (best < 0 || evidence[i] > evidence[best])) {
                best = i;
            }
        }
        return best;
    }

    /** Evidence that a chunk instructs the model: attack cues count most, then imperatives and words addressed to it. */
    static int evidence(String chunk) {
        return evidence(chunk, AttackCues.find(chunk));
    }

    /** {@link #evidence(String)} with the chunk's cues already found. */
    static int evidence(String chunk, List<AttackCues.Hit> cues) {
        String lower = chunk.toLowerCase(Locale.ROOT);
        int e = 3 * cues.size();
        e += 2 * (int) IMPERATIVE.matcher(lower).results().count();
        e += Math.min(3, (int) ADDRESSED.matcher(lower).results().count());
        return e;
    }

    /** The text cut at sentence ends into chunks of at most {@value #CHUNK} characters (long sentences are cut). */
    static List<String> chunks(String text) {
        List<String> out = new ArrayList<>();
        StringBuilder cur = new StringBuilder();
        for (String sentence : SENTENCE_END.split(text.strip())) {
            for (int at = 0; at < sentence.length(); at += CHUNK) {
                String piece = sentence.substring(at, Math.min(sentence.length(), at + CHUNK));
                if (cur.length() > 0 && cur.length() + 1 + piece.length() > CHUNK) {
                    out.add(cur.toString());
                    cur.setLength(0);
                }
                if (cur.length() > 0) {
                    cur.append(' ');
                }
                cur.append(piece);
            }
        }
        if (!cur.toString().isBlank()) {
            out.add(cur.toString());
        }
        return out;
    }
}
