package org.atlasops.detect.prompt;

import java.util.Optional;

/** A prompt-attack detector of either path ({@link PromptPath}): a verdict for a text and where it came from. */
public interface PromptClassifier {
    PromptDetector.Verdict classify(String text, PromptDetector.Role role);

    /**
     * The verdict judged also against the application's own instructions ({@code system}, the system prompt): a text
     * that breaks a plain restriction they state (the only language the app answers in, a topic it must not discuss
     * or disclose) is an injection even without attack wording. Without instructions this is
     * {@link #classify(String, PromptDetector.Role)}; with them a text is never judged less of an attack.
     */
    default PromptDetector.Verdict classify(String text, PromptDetector.Role role, Optional<String> system) {
        return PromptDetector.relativeTo(SystemInstructions.of(system), text, role, classify(text, role), threshold());
    }

    /** The operating point: a text is flagged when its score is at least this. */
    double threshold();
}
