package org.atlasops.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/** The one --prompt-model option of the commands that run the prompt detector: same help, same values, same error. */
class PromptModelOptionCliTest {
    /** Scan and stream judge volumes of traffic (fast); prompt and evaluate judge few texts as well as they can. */
    @ParameterizedTest(name = "detect {0}")
    @CsvSource({"scan, fast", "stream, fast", "evaluate, embedding", "prompt, embedding"})
    void everyCommandListsTheOptionWithItsDefault(String command, String defaultPath) {
        Cli help = Cli.run("detect", command, "--help");

        assertThat(help.code()).isZero();
        String text = help.out().replaceAll("\\s+", " "); // as wrapped for the terminal
        assertThat(text).contains("[--prompt-model=PATH]", "--prompt-model=PATH", "embedding (a sentence-embedding");
        assertThat(text).containsPattern("default:? " + defaultPath);
    }

    /** Each command with what else it requires; the path is checked before any input is read or broker tried. */
    @ParameterizedTest(name = "{0}")
    @ValueSource(
            strings = {
                "detect scan in.jsonl",
                "detect stream --bootstrap-servers 127.0.0.1:9",
                "detect evaluate --kind prompt --input in.jsonl",
                "detect prompt --input in.jsonl"
            })
    void aPathThatIsNotFastOrEmbeddingIsOneLine(String command) {
        List<String> args = new ArrayList<>(List.of(command.split(" ")));
        args.addAll(List.of("--prompt-model", "bert"));

        Cli r = Cli.run(args.toArray(String[]::new));

        assertThat(r.code()).isEqualTo(ExitCodes.BAD_INPUT);
        assertThat(r.err())
                .isEqualTo("atlas-ops: --prompt-model takes fast or embedding, not 'bert'; fast is the n-gram path,"
                        + " embedding reads meaning with the sentence-embedding model\n");
    }
}
