package org.atlasops.detect.mcp;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.atlasops.kb.AtlasId;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The judgements that need several servers or the pins, on inventories made by hand. */
class McpScannerTest {
    @TempDir
    Path dir;

    private static McpInventory server(String name, McpInventory.Tool... tools) {
        return new McpInventory(
                new McpServerSpec(name, "test", Path.of("c.json"), new McpServerSpec.Stdio("x", List.of(), Map.of())),
                Optional.empty(),
                Optional.empty(),
                Arrays.asList(tools),
                List.of(),
                List.of(),
                Optional.empty());
    }

    private static McpInventory.Tool tool(String name, String description) {
        return new McpInventory.Tool(name, description, Optional.empty(), Optional.empty());
    }

    @Test
    void readingUntrustedContentBesideSendingOutIsAToxicFlowExplainedStepByStep() {
        List<McpFinding> f = new McpScanner()
                .analyze(
                        List.of(
                                server("web", tool("fetch_url", "Fetch a web page and return its text.")),
                                server("files", tool("read_file", "Read a file on disk.")),
                                server("slack", tool("post_message", "Post a message to a Slack channel."))),
                        Optional.empty());
        assertThat(f).singleElement().satisfies(x -> {
            assertThat(x.kind()).isEqualTo(McpFinding.Kind.TOXIC_FLOW);
            assertThat(x.severity()).isEqualTo(McpFinding.Severity.CRITICAL);
            assertThat(x.techniques()).extracting(AtlasId::value).containsExactly("AML.T0051.001", "AML.T0086");
            assertThat(x.evidence())
                    .hasSize(3)
                    .anySatisfy(e -> assertThat(e).contains("web/fetch_url"))
                    .anySatisfy(e -> assertThat(e).contains("files/read_file"))
                    .anySatisfy(e -> assertThat(e).contains("slack/post_message"));
        });
    }

    @Test
    void destructiveToolsBesideUntrustedInputAreAFlowToo() throws Exception {
        McpInventory.Tool drop = new McpInventory.Tool(
                "run_sql",
                "Run a statement.",
                Optional.empty(),
                Optional.of(new ObjectMapper().readTree("{\"destructiveHint\": true}")));
        List<McpFinding> f = new McpScanner()
                .analyze(
                        List.of(
                                server("issues", tool("list_issues", "List the open issues of a repository.")),
                                server("db", drop)),
                        Optional.empty());
        assertThat(f)
                .anySatisfy(x ->
                        assertThat(x.techniques()).extracting(AtlasId::value).contains("AML.T0101"));
    }

    @Test
    void harmlessNeighboursAreNotFlagged() {
        assertThat(new McpScanner()
                        .analyze(
                                List.of(
                                        server("time", tool("get_time", "Return the current time in a time zone.")),
                                        server("calc", tool("add", "Add two numbers."))),
                                Optional.empty()))
                .isEmpty();
    }

    @Test
    void naming_anotherServersToolWithoutInstructionsIsNotShadowing() {
        List<McpFinding> f = new McpScanner()
                .analyze(
                        List.of(
                                server(
                                        "docs",
                                        tool("explain", "Explains what the send_email tool of the mail server does.")),
                                server("mail", tool("send_email", "Send an e-mail."))),
                        Optional.empty());
        assertThat(f).noneMatch(x -> x.kind() == McpFinding.Kind.CROSS_SERVER_SHADOWING);
    }

    @Test
    void addedAndRemovedToolsAreReportedAgainstThePins() {
        PinStore pins = PinStore.open(dir.resolve("pins.json"));
        pins.pin(server("s", tool("a", "A."), tool("b", "B.")));
        List<McpFinding> f =
                new McpScanner().analyze(List.of(server("s", tool("a", "A."), tool("c", "C."))), Optional.of(pins));
        assertThat(f)
                .extracting(x -> x.tool().orElseThrow() + ":" + x.title().split(" ")[1])
                .containsExactlyInAnyOrder("c:added", "b:removed");
        assertThat(new McpScanner().analyze(List.of(server("new-server", tool("a", "A."))), Optional.of(pins)))
                .as("a server never pinned has nothing to compare")
                .isEmpty();
    }

    @Test
    void reportsAreJsonAndSarif() {
        List<McpFinding> f = new McpScanner()
                .analyze(
                        List.of(
                                server("web", tool("fetch_url", "Fetch a web page.")),
                                server("mail", tool("send_email", "Send an e-mail to a recipient."))),
                        Optional.empty());
        var sarif = McpReport.sarif(f, "test");
        assertThat(sarif.get("version").asText()).isEqualTo("2.1.0");
        assertThat(sarif.at("/runs/0/results/0/ruleId").asText()).isEqualTo("toxic-flow");
        assertThat(sarif.at("/runs/0/results/0/level").asText()).isEqualTo("error");
        assertThat(sarif.at("/runs/0/results/0/properties/atlas_techniques").toString())
                .contains("AML.T0086");
        var json = McpReport.json(List.of(), f, "5.6.0");
        assertThat(json.at("/findings/0/kind").asText()).isEqualTo("toxic-flow");
    }
}
