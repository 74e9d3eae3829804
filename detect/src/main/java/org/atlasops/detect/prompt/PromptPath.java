package org.atlasops.detect.prompt;

/**
 * Which prompt detector reads the texts: the fast path (n-grams and cues, microseconds per text; the default of
 * {@code detect scan} and {@code detect stream}) or the embedding path ({@link MeaningDetector}: a sentence-embedding
 * model in-process, milliseconds per text).
 */
public enum PromptPath {
    FAST,
    EMBEDDING;

    /** The bundled detector of this path. */
    public PromptClassifier bundled() {
        return this == FAST ? PromptDetector.bundled() : MeaningDetector.bundled();
    }
}
