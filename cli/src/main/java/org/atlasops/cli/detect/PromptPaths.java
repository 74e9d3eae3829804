package org.atlasops.cli.detect;

import java.util.Locale;
import org.atlasops.cli.UserException;
import org.atlasops.detect.prompt.PromptPath;

/** The {@code --prompt-model} option's values: {@code fast} or {@code embedding}. */
final class PromptPaths {
    private PromptPaths() {}

    static PromptPath parse(String value) {
        return switch (value.strip().toLowerCase(Locale.ROOT)) {
            case "fast" -> PromptPath.FAST;
            case "embedding" -> PromptPath.EMBEDDING;
            default ->
                throw new UserException("--prompt-model takes fast or embedding, not '" + value
                        + "'; fast is the n-gram path, embedding reads meaning with the sentence-embedding model");
        };
    }
}
