package org.atlasops.detect.prompt;

import java.io.InputStream;

/**
 * The prompt detector's model path: a sentence-embedding model reads what the text means and a classifier weighs it
 * with the fast path's evidence ({@link PromptDetector}: n-grams and cues), which still names the kind (injection or
 * jailbreak) and the ATLAS technique. Slower than the fast path (milliseconds per text, see docs/detect.md), so
 * {@code detect scan} and {@code detect stream} choose it explicitly.
 */
public final class MeaningDetector implements PromptClassifier {
    private static final String MODEL = "/org/atlasops/detect/prompt/prompt-meaning-model.bin.gz";

    private final PromptDetector fast;
    private final MeaningModel model;
    private final SentenceEmbedder embedder;
    private final double threshold;

    MeaningDetector(PromptDetector fast, MeaningModel model, SentenceEmbedder embedder, double threshold) {
        this.fast = fast;
        this.model = model;
        this.embedder = embedder;
        this.threshold = threshold;
    }

    /** The bundled classifier over the bundled fast path and encoder, at its trained operating point. */
    public static MeaningDetector bundled() {
        return Bundled.DETECTOR;
    }

    private static final class Bundled {
        static final MeaningDetector DETECTOR = load();

        private static MeaningDetector load() {
            try (InputStream in = MeaningDetector.class.getResourceAsStream(MODEL)) {
                if (in == null) {
                    throw new IllegalStateException("the jar has no embedding prompt model (" + MODEL + ")");
                }
                MeaningModel m = MeaningModel.read(in);
                return new MeaningDetector(PromptDetector.bundled(), m, SentenceEmbedder.bundled(), m.threshold);
            } catch (java.io.IOException e) {
                throw new java.io.UncheckedIOException(e);
            }
        }
    }

    public MeaningDetector withThreshold(double t) {
        return new MeaningDetector(fast, model, embedder, t);
    }

    @Override
    public double threshold() {
        return threshold;
    }

    @Override
    public PromptDetector.Verdict classify(String text, PromptDetector.Role role) {
        return classify(text, role, embedder.vector(text));
    }

    /** With the sentence vector already computed (leave-one-source-out embeds each text once for all folds). */
    PromptDetector.Verdict classify(String text, PromptDetector.Role role, float[] sentence) {
        PromptDetector.Analysis a = fast.analyse(text);
        double score = model.score(MeaningModel.input(sentence, a.modelScore(), a.cueScore(), text.length()));
        return PromptDetector.verdict(text, role, a, score, threshold);
    }
}
