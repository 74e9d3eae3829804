package org.atlasops.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.List;
import org.atlasops.cli.kb.KbCommand;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import picocli.CommandLine.Command;

/**
 * A command line builds only the command typed (a short command does not pay for building the others), and answers
 * exactly as the whole tree does.
 */
class CommandTreeTest {
    @Test
    void theWholeTreeHasEveryCommandInHelpOrder() {
        assertThat(AtlasOpsCommand.commandLine().getSubcommands().keySet())
                .containsExactlyElementsOf(AtlasOpsCommand.COMMANDS.stream()
                        .map(c -> c.getAnnotation(Command.class).name())
                        .toList());
    }

    @Test
    void theWholeKbGroupHasEveryKbCommand() {
        assertThat(AtlasOpsCommand.commandLine()
                        .getSubcommands()
                        .get("kb")
                        .getSubcommands()
                        .keySet())
                .containsExactlyElementsOf(KbCommand.COMMANDS.stream()
                        .map(c -> c.getAnnotation(Command.class).name())
                        .toList());
    }

    @Test
    void onlyTheKbCommandTypedIsBuilt() {
        assertThat(kbNames("kb", "show", "AML.T0051")).containsExactly("show");
        assertThat(kbNames("kb", "--release", "4.4.0", "show", "AML.T0051")).containsExactly("show");
        assertThat(kbNames("-v", "kb", "-r=4.4.0", "stats")).containsExactly("stats");
        assertThat(kbNames("kb", "--version")).isEmpty();
        List<String> all = KbCommand.COMMANDS.stream()
                .map(c -> c.getAnnotation(Command.class).name())
                .toList();
        assertThat(kbNames("kb")).containsExactlyElementsOf(all);
        assertThat(kbNames("kb", "--help")).containsExactlyElementsOf(all);
        assertThat(kbNames("kb", "shw")).containsExactlyElementsOf(all);
        assertThat(kbNames("kb", "--nope", "show")).containsExactlyElementsOf(all);
    }

    @Test
    void onlyTheCommandTypedIsBuiltWhenThatIsCertain() {
        assertThat(names("kb", "show", "AML.T0051")).containsExactly("kb");
        assertThat(names("--release", "4.4.0", "kb", "show", "AML.T0051")).containsExactly("kb");
        assertThat(names("--release=4.4.0", "-v", "layer", "export")).containsExactly("layer");
        assertThat(names("--data-dir", "kb", "detect", "scan"))
                .as("kb is the folder")
                .containsExactly("detect");
        assertThat(names("--version")).isEmpty();
    }

    @Test
    void theWholeTreeIsBuiltWhenHelpSuggestionsOrCompletionNeedIt() {
        List<String> all =
                List.copyOf(AtlasOpsCommand.commandLine().getSubcommands().keySet());
        assertThat(names()).containsExactlyElementsOf(all);
        assertThat(names("--help")).containsExactlyElementsOf(all);
        assertThat(names("--help", "kb")).containsExactlyElementsOf(all);
        assertThat(names("-v")).containsExactlyElementsOf(all);
        assertThat(names("kbb", "show")).containsExactlyElementsOf(all);
        assertThat(names("-vr", "5.6.0", "kb")).as("clustered short options").containsExactlyElementsOf(all);
        assertThat(names("--no-such-option", "kb")).containsExactlyElementsOf(all);
        assertThat(names("--", "kb")).containsExactlyElementsOf(all);
        assertThat(names("completion")).containsExactlyElementsOf(all);
        assertThat(names("--version", "kb")).containsExactly("kb");
    }

    @ParameterizedTest
    @ValueSource(
            strings = {
                "kb show AML.T0051",
                "kb --release 4.4.0 show AML.T0051",
                "kb -r 4.4.0 stats",
                "kb --version",
                "kb --help",
                "kb stats --help",
                "kb releases",
                "kb search prompt",
                "kb show aml.t0051.000 --format json",
                "kb show AML.T9999",
                "kb show prompt injection",
                "-r 4.4.0 kb show AML.T0051",
                "kb show --release 4.4.0 AML.T0051",
                "kb show --release 0.0.1 AML.T0051",
                "--verbose kb stats",
                "kb shw AML.T0051",
                "kbb show",
                "kb",
                "kb show --help",
                "layer --help",
                "--version",
                "--help",
                "",
                "-r",
                "--no-such-option kb"
            })
    void answersAsTheWholeTreeDoes(String line) {
        String[] args = line.isEmpty() ? new String[0] : line.split(" ");

        Run pruned = run(false, args);
        Run whole = run(true, args);

        assertThat(pruned.code()).as(line).isEqualTo(whole.code());
        assertThat(pruned.out()).as(line).isEqualTo(whole.out());
        // --verbose ends with the time each part took, which differs from run to run
        assertThat(withoutTiming(pruned.err())).as(line).isEqualTo(withoutTiming(whole.err()));
    }

    @Test
    void verboseSaysWhereTheTimeWent() {
        Run r = run(false, "--verbose", "kb", "show", "AML.T0051");

        assertThat(r.code()).isZero();
        assertThat(r.err().lines().reduce((a, b) -> b).orElse(""))
                .matches("atlas-ops: time: (\\d+ ms JVM start to main, )?\\d+ ms building the "
                        + "command line, \\d+ ms running the command \\(of which \\d+ ms reading the ATLAS release\\)");
    }

    private static String withoutTiming(String err) {
        return err.replaceAll("(?m)^atlas-ops: time: .*$", "");
    }

    private static List<String> kbNames(String... args) {
        return List.copyOf(AtlasOpsCommand.commandLineFor(args)
                .getSubcommands()
                .get("kb")
                .getSubcommands()
                .keySet());
    }

    private static List<String> names(String... args) {
        return List.copyOf(AtlasOpsCommand.commandLineFor(args).getSubcommands().keySet());
    }

    private record Run(int code, String out, String err) {}

    private static Run run(boolean wholeTree, String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int code = Main.run(new PrintWriter(out), new PrintWriter(err), wholeTree, args);
        return new Run(code, out.toString(), err.toString());
    }
}
