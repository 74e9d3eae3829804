package org.atlasops.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code mcp scan} and {@code mcp pin} as a user types them, against real MCP servers started over stdio. */
class McpScanCliIT {
    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path dir;

    private Path config(String... kinds) throws Exception {
        ObjectNode servers = JSON.createObjectNode();
        for (String kind : kinds) {
            ObjectNode s = servers.putObject(kind);
            s.put(
                    "command",
                    Path.of(System.getProperty("java.home"), "bin", "java").toString());
            ArrayNode args = s.putArray("args")
                    .add("-cp")
                    .add(System.getProperty("java.class.path"))
                    .add("org.atlasops.detect.mcp.TestMcpServer")
                    .add(kind);
            if (kind.equals("changing")) {
                args.add(dir.resolve("version").toString());
            }
        }
        Path file = dir.resolve("mcp.json");
        Files.writeString(
                file, JSON.createObjectNode().set("mcpServers", servers).toString());
        return file;
    }

    private Cli run(String... args) {
        String[] all = new String[args.length + 2];
        all[0] = "--data-dir";
        all[1] = dir.resolve("data").toString();
        System.arraycopy(args, 0, all, 2, args.length);
        return Cli.run(all);
    }

    @Test
    void aPoisonedServerFailsTheScanWithItsFindings() throws Exception {
        Path config = config("benign", "poisoned", "mail");
        Cli table = run("mcp", "scan", "--config", config.toString());
        assertThat(table.code()).as(table.err()).isEqualTo(1);
        assertThat(table.out())
                .contains(
                        "benign",
                        "2 tools",
                        "tool-poisoning",
                        "poisoned/get_forecast",
                        "AML.T0110 AI Agent Tool Poisoning",
                        "cross-server-shadowing",
                        "toxic-flow");

        Cli json = run("mcp", "scan", "--config", config.toString(), "--format", "json");
        JsonNode report = JSON.readTree(json.out());
        assertThat(report.get("servers")).hasSize(3);
        assertThat(report.get("findings").toString()).contains("\"tool-poisoning\"", "AML.T0086");

        Cli sarif = run("mcp", "scan", "--config", config.toString(), "--format", "sarif");
        assertThat(JSON.readTree(sarif.out()).at("/runs/0/tool/driver/name").asText())
                .isEqualTo("atlas-ops mcp scan");
    }

    @Test
    void aBenignServerAloneScansClean() throws Exception {
        Cli r = run("mcp", "scan", "--config", config("benign").toString());
        assertThat(r.code()).as(r.err()).isZero();
        assertThat(r.out()).contains("No findings.");
        assertThat(r.err()).contains("no pins yet");
    }

    @Test
    void pinThenChangeIsARugPullUntilThePinsAreUpdated() throws Exception {
        Files.writeString(dir.resolve("version"), "1");
        Path config = config("changing");
        Cli pin = run("mcp", "pin", "--config", config.toString());
        assertThat(pin.code()).as(pin.err()).isZero();
        assertThat(pin.out()).contains("pinned 1 tools of changing");
        assertThat(Files.exists(dir.resolve("data/mcp-pins.json"))).isTrue();

        Files.writeString(dir.resolve("version"), "2");
        Cli changed = run("mcp", "scan", "--config", config.toString());
        assertThat(changed.code()).isEqualTo(1);
        assertThat(changed.out()).contains("rug-pull", "changing/get_time", "AML.T0109", "│ - ", "│ + ");

        assertThat(run("mcp", "scan", "--config", config.toString(), "--update-pins")
                        .code())
                .isEqualTo(1);
        Cli after = run("mcp", "scan", "--config", config.toString());
        assertThat(after.out()).doesNotContain("rug-pull");
    }

    @Test
    void badUsageIsExitCodeTwo() throws Exception {
        assertThat(run("mcp", "scan", "--config", dir.resolve("missing.json").toString())
                        .code())
                .isEqualTo(2);
        Cli format = run("mcp", "scan", "--config", config("benign").toString(), "--format", "xml");
        assertThat(format.code()).isEqualTo(2);
        assertThat(format.err())
                .isEqualTo("atlas-ops: unknown format 'xml' for mcp scan: use one of table, json, sarif\n");
        assertThat(run("mcp", "scan", "--config", config("benign").toString(), "--fail-on", "extreme")
                        .code())
                .isEqualTo(2);
    }
}
