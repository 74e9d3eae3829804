package org.atlasops.detect.prompt;

/** A prompt-attack detector of either path ({@link PromptPath}): a verdict for a text and where it came from. */
public interface PromptClassifier {
    PromptDetector.Verdict classify(String text, PromptDetector.Role role);

    /** The operating point: a text is flagged when its score is at least this. */
    double threshold();
}
