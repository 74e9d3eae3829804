package org.atlasops.detect.mcp;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.modelcontextprotocol.client.McpClient;
import io.modelcontextprotocol.client.McpSyncClient;
import io.modelcontextprotocol.client.transport.HttpClientStreamableHttpTransport;
import io.modelcontextprotocol.client.transport.ServerParameters;
import io.modelcontextprotocol.client.transport.StdioClientTransport;
import io.modelcontextprotocol.json.jackson2.JacksonMcpJsonMapper;
import io.modelcontextprotocol.spec.McpClientTransport;
import io.modelcontextprotocol.spec.McpSchema;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Asks one MCP server what it offers, with the official MCP Java SDK: initialize, then list tools, prompts and
 * resources (following pagination). Nothing is called, nothing is sent anywhere but to the server itself. A server that
 * cannot be started or reached gives an inventory with the error instead.
 */
public final class McpInventoryClient {
    private static final int MAX_PAGES = 50;
    private static final ObjectMapper JSON = new ObjectMapper();
    private final Duration timeout;

    public McpInventoryClient(Duration timeout) {
        this.timeout = timeout;
    }

    public McpInventory fetch(McpServerSpec spec) {
        if (spec.transport() instanceof McpServerSpec.Stdio s && !runnable(s.command(), System.getenv("PATH"))) {
            // said at once: the SDK would log a stack trace and wait out the timeout for a process that never ran
            return McpInventory.failed(
                    spec,
                    "cannot start " + spec.name() + ": command not found: '" + s.command() + "' is not "
                            + (s.command().contains("/") || s.command().contains("\\")
                                    ? "an executable file"
                                    : "on PATH")
                            + "; install the server or fix its command in " + spec.source());
        }
        McpClientTransport transport;
        try {
            transport = transport(spec.transport());
        } catch (IllegalArgumentException e) {
            return McpInventory.failed(spec, e.getMessage());
        }
        McpSyncClient client = McpClient.sync(transport)
                .requestTimeout(timeout)
                .initializationTimeout(timeout)
                .clientInfo(new McpSchema.Implementation("atlas-ops-mcp-scan", "0.1.0"))
                .build();
        try {
            McpSchema.InitializeResult init = client.initialize();
            McpSchema.ServerCapabilities caps = init.capabilities();
            List<McpInventory.Tool> tools = new ArrayList<>();
            if (caps == null || caps.tools() != null) {
                String cursor = null;
                int pages = 0;
                do {
                    McpSchema.ListToolsResult r = cursor == null ? client.listTools() : client.listTools(cursor);
                    r.tools().forEach(t -> tools.add(tool(t)));
                    cursor = r.nextCursor();
                } while (cursor != null && ++pages < MAX_PAGES);
            }
            List<McpInventory.Item> prompts = new ArrayList<>();
            if (caps != null && caps.prompts() != null) {
                client.listPrompts()
                        .prompts()
                        .forEach(p -> prompts.add(new McpInventory.Item(p.name(), p.description())));
            }
            List<McpInventory.Item> resources = new ArrayList<>();
            if (caps != null && caps.resources() != null) {
                client.listResources()
                        .resources()
                        .forEach(r -> resources.add(
                                new McpInventory.Item(r.name() == null ? r.uri() : r.name(), r.description())));
            }
            Optional<String> version = Optional.ofNullable(init.serverInfo()).map(i -> i.name() + " " + i.version());
            return new McpInventory(
                    spec,
                    version,
                    Optional.ofNullable(init.instructions()),
                    tools,
                    prompts,
                    resources,
                    Optional.empty());
        } catch (RuntimeException e) {
            return McpInventory.failed(
                    spec, "cannot list what " + spec.name() + " (" + spec.transport() + ") offers: " + rootMessage(e));
        } finally {
            try {
                client.closeGracefully();
            } catch (RuntimeException e) {
                client.close();
            }
        }
    }

    /** Whether a command names an executable file, or one found on the PATH as a shell would look it up. */
    static boolean runnable(String command, String path) {
        if (command.isBlank()) {
            return false;
        }
        if (command.contains("/") || command.contains("\\")) {
            return Files.isExecutable(Path.of(command));
        }
        if (path == null || path.isBlank()) {
            return true; // nothing to look in: let the process start say why it cannot
        }
        boolean windows = System.getProperty("os.name", "")
                .toLowerCase(java.util.Locale.ROOT)
                .startsWith("windows");
        for (String dir : path.split(java.io.File.pathSeparator)) {
            if (dir.isBlank()) {
                continue;
            }
            Path candidate = Path.of(dir, command);
            if (Files.isExecutable(candidate) && !Files.isDirectory(candidate)) {
                return true;
            }
            if (windows) {
                for (String ext : List.of(".exe", ".cmd", ".bat")) {
                    if (Files.isExecutable(Path.of(dir, command + ext))) {
                        return true;
                    }
                }
            }
        }
        return false;
    }

    private static McpClientTransport transport(McpServerSpec.Transport t) {
        JacksonMcpJsonMapper mapper = new JacksonMcpJsonMapper(JSON);
        if (t instanceof McpServerSpec.Stdio s) {
            return new StdioClientTransport(
                    ServerParameters.builder(s.command())
                            .args(s.args())
                            .env(s.env())
                            .build(),
                    mapper);
        }
        McpServerSpec.Http h = (McpServerSpec.Http) t;
        URI uri = URI.create(h.url());
        String base = uri.getScheme() + "://" + uri.getRawAuthority();
        String endpoint = uri.getRawPath() == null || uri.getRawPath().isEmpty()
                ? "/mcp"
                : uri.getRawPath() + (uri.getRawQuery() == null ? "" : "?" + uri.getRawQuery());
        var builder = HttpClientStreamableHttpTransport.builder(base)
                .endpoint(endpoint)
                .jsonMapper(mapper)
                .openConnectionOnStartup(false);
        if (!h.headers().isEmpty()) {
            var request = java.net.http.HttpRequest.newBuilder();
            h.headers().forEach(request::header);
            builder.requestBuilder(request);
        }
        return builder.build();
    }

    private static McpInventory.Tool tool(McpSchema.Tool t) {
        Optional<JsonNode> schema = Optional.ofNullable(t.inputSchema()).map(s -> (JsonNode) JSON.valueToTree(s));
        Optional<JsonNode> annotations = Optional.ofNullable(t.annotations()).map(a -> (JsonNode) JSON.valueToTree(a));
        return new McpInventory.Tool(t.name(), t.description(), schema, annotations);
    }

    private static String rootMessage(Throwable e) {
        Throwable t = e;
        while (t.getCause() != null && t.getCause() != t) {
            t = t.getCause();
        }
        return t.getMessage() == null ? t.getClass().getSimpleName() : t.getMessage();
    }
}
