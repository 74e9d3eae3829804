package org.atlasops.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The user's mistakes of issue 17 §3: each one line and exit 2 (or a finding said plainly), never a trace. */
class ErrorPathsCliTest {
    @TempDir
    Path dir;

    private static void noTrace(Cli r) {
        assertThat(r.out() + r.err()).doesNotContain("at org.", "Exception", "please report");
    }

    @Test
    void aFileWhereNoLineIsAnEventIsAnErrorNotZeroEvents() throws Exception {
        Path bad = dir.resolve("logs.txt");
        Files.writeString(bad, "GET /index.html 200\nGET /about 404\nnot json either\n");
        Cli r = Cli.run("detect", "scan", bad.toString());
        assertThat(r.code()).as(r.err()).isEqualTo(ExitCodes.BAD_INPUT);
        assertThat(r.err().lines()).hasSize(1);
        assertThat(r.err()).contains("logs.txt", "no line is an event", "3 malformed");
        noTrace(r);
    }

    @Test
    void malformedLinesBesideEventsAreStillSkippedOneByOne() throws Exception {
        Path mixed = dir.resolve("mixed.jsonl");
        Files.writeString(mixed, "not json\n{\"gen_ai.operation.name\": \"chat\"}\n{broken\n");
        Cli r = Cli.run("detect", "scan", mixed.toString());
        assertThat(r.code()).as(r.err()).isZero();
        assertThat(r.err()).contains("skipped " + mixed + ":1", "skipped " + mixed + ":3", "2 malformed lines skipped");
    }

    @Test
    void promptsWhereNoLineIsUsableAreAnError() throws Exception {
        Path bad = dir.resolve("prompts.jsonl");
        Files.writeString(bad, "{\"id\": 1}\nplain text\n");
        Cli r = Cli.run("detect", "prompt", "--input", bad.toString());
        assertThat(r.code()).as(r.err()).isEqualTo(ExitCodes.BAD_INPUT);
        assertThat(r.err().lines()).hasSize(1);
        assertThat(r.err()).contains("prompts.jsonl", "no usable line", "line 1");
    }

    @Test
    void layerValidateWarnsOfTwoEntriesForOneCell() throws Exception {
        Path layer = dir.resolve("dup.json");
        Files.writeString(
                layer,
                "{\"name\": \"d\", \"domain\": \"atlas-atlas\", \"versions\": {\"layer\": \"4.5\"}, \"techniques\": ["
                        + "{\"techniqueID\": \"AML.T0051\", \"tactic\": \"execution\", \"score\": 1},"
                        + "{\"techniqueID\": \"AML.T0051\", \"tactic\": \"execution\", \"score\": 3}]}");
        Cli r = Cli.run("layer", "validate", layer.toString());
        assertThat(r.out()).contains("warning", "AML.T0051 on execution appears 2 times", "1 warning(s)");
    }

    @Test
    void layerCombineSaysDivisionByZeroOnce() throws Exception {
        Path layer = dir.resolve("l.json");
        Files.writeString(
                layer,
                "{\"name\": \"l\", \"domain\": \"atlas-atlas\", \"versions\": {\"layer\": \"4.5\"}, \"techniques\": ["
                        + "{\"techniqueID\": \"AML.T0051\", \"tactic\": \"execution\", \"score\": 1},"
                        + "{\"techniqueID\": \"AML.T0040\", \"score\": 2}]}");
        Cli r = Cli.run(
                "layer",
                "combine",
                "--expr",
                "a / 0",
                layer.toString(),
                "-o",
                dir.resolve("o.json").toString());
        assertThat(r.err().lines().filter(l -> l.contains("division by zero"))).hasSize(1);
    }

    @Test
    void promptHelpShowsItsPercentSign() {
        Cli r = Cli.run("detect", "prompt", "--help");
        assertThat(r.code()).isZero();
        assertThat(r.out().replaceAll("\\s+", " ")).contains("at most 3% flagged benign texts");
    }

    @Test
    void anUnknownOwaspIdIsExitTwo() {
        Cli r = Cli.run("kb", "crosswalk", "LLM99");
        assertThat(r.code()).as(r.out()).isEqualTo(ExitCodes.BAD_INPUT);
        assertThat(r.err().lines()).hasSize(1);
        assertThat(r.err()).contains("LLM99");
    }

    @Test
    void anMcpServerWhoseCommandIsMissingIsSaidAtOnce() throws Exception {
        Path config = dir.resolve("mcp.json");
        Files.writeString(
                config,
                "{\"mcpServers\": {\"gone\": {\"command\": \"atlas-ops-no-such-mcp-server-command\", \"args\": []}}}");
        Cli r = Cli.run("--data-dir", dir.resolve("home").toString(), "mcp", "scan", "--config", config.toString());
        assertThat(r.out() + r.err()).contains("command not found", "atlas-ops-no-such-mcp-server-command");
        noTrace(r);
    }

    @Test
    void detectStreamStopsWhenTheBrokersCannotBeReached() {
        Cli r = Cli.run(
                "--data-dir",
                dir.resolve("home").toString(),
                "detect",
                "stream",
                "--bootstrap-servers",
                "127.0.0.1:9",
                "--connect-timeout",
                "2");
        assertThat(r.code()).as(r.err()).isEqualTo(ExitCodes.BAD_INPUT);
        assertThat(r.err()).contains("cannot reach the Kafka brokers at 127.0.0.1:9");
        assertThat(r.err().lines().filter(l -> l.contains("WARN"))).isEmpty();
        noTrace(r);
    }

    @Test
    void detectStreamTakesThePromptPathAsAScanDoesAndRefusesAnUnknownOneBeforeTryingKafka() {
        Cli r = Cli.run(
                "--data-dir",
                dir.resolve("home").toString(),
                "detect",
                "stream",
                "--bootstrap-servers",
                "127.0.0.1:9",
                "--connect-timeout",
                "30",
                "--prompt-model",
                "bert");
        assertThat(r.code()).as(r.err()).isEqualTo(ExitCodes.BAD_INPUT);
        assertThat(r.err())
                .contains("--prompt-model takes fast or embedding, not 'bert'")
                .doesNotContain("Kafka");
        noTrace(r);
        Cli embedding = Cli.run(
                "--data-dir",
                dir.resolve("home").toString(),
                "detect",
                "stream",
                "--bootstrap-servers",
                "127.0.0.1:9",
                "--connect-timeout",
                "2",
                "--prompt-model",
                "embedding");
        assertThat(embedding.err()).contains("cannot reach the Kafka brokers at 127.0.0.1:9");
    }
}
