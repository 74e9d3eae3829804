package org.atlasops.detect.mcp;

import static org.assertj.core.api.Assertions.assertThat;

import io.modelcontextprotocol.server.McpSyncServer;
import io.modelcontextprotocol.server.transport.HttpServletStreamableServerTransportProvider;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.atlasops.kb.AtlasId;
import org.eclipse.jetty.ee10.servlet.ServletContextHandler;
import org.eclipse.jetty.ee10.servlet.ServletHolder;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The scanner against real MCP servers built with the SDK: over stdio (child JVMs) and over streamable HTTP (Jetty),
 * benign, poisoned and changing ones, end to end.
 */
class McpScanIT {
    @TempDir
    Path dir;

    final List<Server> jetty = new ArrayList<>();
    final List<McpSyncServer> servers = new ArrayList<>();
    final McpInventoryClient client = new McpInventoryClient(Duration.ofSeconds(30));

    @AfterEach
    void stop() throws Exception {
        for (McpSyncServer s : servers) {
            s.close();
        }
        for (Server s : jetty) {
            s.stop();
        }
    }

    private static McpServerSpec stdio(String kind, Path state) {
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        List<String> args = new ArrayList<>(
                List.of("-cp", System.getProperty("java.class.path"), TestMcpServer.class.getName(), kind));
        if (state != null) {
            args.add(state.toString());
        }
        return new McpServerSpec(kind, "test", Path.of("test.json"), new McpServerSpec.Stdio(java, args, Map.of()));
    }

    private McpServerSpec http(String kind, Path state) throws Exception {
        HttpServletStreamableServerTransportProvider transport = HttpServletStreamableServerTransportProvider.builder()
                .jsonMapper(TestMcpServer.MAPPER)
                .mcpEndpoint("/mcp")
                .build();
        servers.add(TestMcpServer.build(transport, kind, state));
        Server server = new Server();
        ServerConnector connector = new ServerConnector(server);
        connector.setHost("127.0.0.1");
        connector.setPort(0);
        server.addConnector(connector);
        ServletContextHandler context = new ServletContextHandler();
        context.addServlet(new ServletHolder(transport), "/*");
        server.setHandler(context);
        server.start();
        jetty.add(server);
        return new McpServerSpec(
                kind + "-http",
                "test",
                Path.of("test.json"),
                new McpServerSpec.Http("http://127.0.0.1:" + connector.getLocalPort() + "/mcp", Map.of()));
    }

    private static List<McpFinding> of(List<McpFinding> all, McpFinding.Kind kind) {
        return all.stream().filter(f -> f.kind() == kind).toList();
    }

    @Test
    void benignPoisonedAndMailServersOverStdio() {
        List<McpInventory> inv = List.of(
                client.fetch(stdio("benign", null)),
                client.fetch(stdio("poisoned", null)),
                client.fetch(stdio("mail", null)));
        assertThat(inv).allSatisfy(i -> assertThat(i.error()).isEmpty());
        assertThat(inv.get(0).tools()).extracting(McpInventory.Tool::name).containsExactly("add_note", "list_notes");
        assertThat(inv.get(0).serverVersion()).contains("benign 1.0");

        List<McpFinding> findings = new McpScanner().analyze(inv, Optional.empty());
        assertThat(of(findings, McpFinding.Kind.TOOL_POISONING)).singleElement().satisfies(f -> {
            assertThat(f.server()).isEqualTo("poisoned");
            assertThat(f.techniques()).extracting(AtlasId::value).contains("AML.T0110");
        });
        assertThat(of(findings, McpFinding.Kind.CROSS_SERVER_SHADOWING))
                .singleElement()
                .satisfies(f -> assertThat(f.evidence().get(0)).contains("send_email"));
        assertThat(of(findings, McpFinding.Kind.TOXIC_FLOW))
                .anySatisfy(f ->
                        assertThat(f.techniques()).extracting(AtlasId::value).contains("AML.T0086"));
        assertThat(findings).noneMatch(f -> f.server().equals("benign"));
    }

    @Test
    void theSameServersOverStreamableHttp() throws Exception {
        McpInventory benign = client.fetch(http("benign", null));
        McpInventory poisoned = client.fetch(http("poisoned", null));
        assertThat(benign.error()).isEmpty();
        assertThat(benign.tools()).hasSize(2);
        List<McpFinding> findings = new McpScanner().analyze(List.of(benign, poisoned), Optional.empty());
        assertThat(of(findings, McpFinding.Kind.TOOL_POISONING))
                .singleElement()
                .satisfies(f -> assertThat(f.server()).isEqualTo("poisoned-http"));
    }

    @Test
    void aToolThatChangesBetweenTwoRunsIsARugPull() throws Exception {
        Path state = dir.resolve("version");
        Files.writeString(state, "1");
        PinStore pins = PinStore.open(dir.resolve("pins.json"));
        McpInventory first = client.fetch(stdio("changing", state));
        assertThat(new McpScanner().analyze(List.of(first), Optional.of(pins))).isEmpty();
        pins.pin(first);
        pins.save();

        Files.writeString(state, "2");
        PinStore reopened = PinStore.open(dir.resolve("pins.json"));
        for (McpServerSpec spec : List.of(stdio("changing", state), http("changing", state))) {
            McpInventory second = client.fetch(spec);
            if (spec.transport() instanceof McpServerSpec.Http) {
                reopened.pin(new McpInventory(
                        spec,
                        Optional.empty(),
                        Optional.empty(),
                        first.tools(),
                        List.of(),
                        List.of(),
                        Optional.empty()));
            }
            List<McpFinding> rug =
                    of(new McpScanner().analyze(List.of(second), Optional.of(reopened)), McpFinding.Kind.RUG_PULL);
            assertThat(rug).as(spec.name()).singleElement().satisfies(f -> {
                assertThat(f.tool()).contains("get_time");
                assertThat(f.techniques()).extracting(AtlasId::value).containsExactly("AML.T0109");
                assertThat(f.evidence())
                        .anySatisfy(e -> assertThat(e).startsWith("- ").contains("current time."))
                        .anySatisfy(e -> assertThat(e).startsWith("+ ").contains("full conversation"));
            });
        }
    }

    @Test
    void aServerThatCannotStartIsReportedNotThrown() {
        McpServerSpec broken = new McpServerSpec(
                "broken",
                "test",
                Path.of("x.json"),
                new McpServerSpec.Stdio("/nonexistent/mcp-server", List.of(), Map.of()));
        McpInventory inv = new McpInventoryClient(Duration.ofSeconds(5)).fetch(broken);
        assertThat(inv.error()).hasValueSatisfying(e -> assertThat(e).contains("broken"));
        assertThat(new McpScanner().analyze(List.of(inv), Optional.empty()))
                .singleElement()
                .satisfies(f -> assertThat(f.kind()).isEqualTo(McpFinding.Kind.UNREACHABLE));
    }
}
