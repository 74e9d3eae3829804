package org.atlasops.cli.detect;

import java.util.List;
import java.util.Objects;
import org.atlasops.detect.prompt.PromptPath;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Model.IGetter;
import picocli.CommandLine.Model.ISetter;
import picocli.CommandLine.Model.OptionSpec;
import picocli.CommandLine.Spec;

/**
 * The {@code --prompt-model PATH} option of the commands that run the prompt detector (detect scan, stream,
 * evaluate, prompt): a mixin declared as {@code @Mixin PromptModelOption promptModel = PromptModelOption.onAlerts();}
 * or with the command's own help text. The value is read as {@link PromptPaths} reads it, when the command asks
 * ({@link #get}): a wrong one is the same one-line error (exit 2) it always was.
 */
@Command
final class PromptModelOption {
    /** The help of the commands that scan logs for alerts. */
    static final String ON_ALERTS =
            "The prompt detector on LLM inputs: fast (n-grams and cues, microseconds per text) or "
                    + "embedding (a sentence-embedding model in-process, milliseconds per text; docs/detect.md) "
                    + "(default: ${DEFAULT-VALUE}).";

    private final String help;
    /** The path when none is given: fast where volume matters (scan, stream), embedding where accuracy does. */
    private final String defaultPath;

    private String value;

    private PromptModelOption(String help, String defaultPath) {
        this.help = Objects.requireNonNull(help);
        this.defaultPath = Objects.requireNonNull(defaultPath);
        this.value = defaultPath;
    }

    /** With the help of the commands that scan logs for alerts (scan, stream); the default is fast. */
    static PromptModelOption onAlerts() {
        return new PromptModelOption(ON_ALERTS, "fast");
    }

    /**
     * With this help text, for a command that judges few texts and should judge them as well as it can (detect
     * prompt, detect evaluate): the default is embedding (ADR 012). {@code ${DEFAULT-VALUE}} in the help is it.
     */
    static PromptModelOption accurateByDefault(String help) {
        return new PromptModelOption(help, "embedding");
    }

    /** The path the user chose, or the default. */
    PromptPath get() {
        return PromptPaths.parse(value);
    }

    /** Adds the option to the command that declares this mixin. */
    @Spec(Spec.Target.MIXEE)
    void declareOn(CommandSpec command) {
        command.addOption(OptionSpec.builder("--prompt-model")
                .paramLabel("PATH")
                .type(String.class)
                .description(help)
                .defaultValue(defaultPath)
                .completionCandidates(List.of("fast", "embedding"))
                .setter(new ISetter() {
                    @Override
                    public <T> T set(T typed) {
                        value = typed == null ? defaultPath : (String) typed;
                        return null;
                    }
                })
                .getter(new IGetter() {
                    @Override
                    @SuppressWarnings("unchecked")
                    public <T> T get() {
                        return (T) value;
                    }
                })
                .build());
    }
}
