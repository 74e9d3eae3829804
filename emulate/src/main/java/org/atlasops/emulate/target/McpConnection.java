package org.atlasops.emulate.target;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.modelcontextprotocol.client.McpClient;
import io.modelcontextprotocol.client.McpSyncClient;
import io.modelcontextprotocol.client.transport.HttpClientStreamableHttpTransport;
import io.modelcontextprotocol.client.transport.ServerParameters;
import io.modelcontextprotocol.client.transport.StdioClientTransport;
import io.modelcontextprotocol.json.jackson2.JacksonMcpJsonMapper;
import io.modelcontextprotocol.spec.McpClientTransport;
import io.modelcontextprotocol.spec.McpError;
import io.modelcontextprotocol.spec.McpSchema;
import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeoutException;

/**
 * One MCP server, reached with the official MCP Java SDK over stdio (a child process) or streamable HTTP. Connects on
 * first use and stays connected until closed. Failures are {@link Failed} with the outcome they mean.
 */
final class McpConnection implements AutoCloseable {
    private static final int MAX_PAGES = 50;

    /** How to reach the server. */
    sealed interface Transport {
        record Stdio(String command, List<String> args, Map<String, String> env) implements Transport {
            public Stdio {
                args = List.copyOf(args);
                env = Map.copyOf(env);
            }

            @Override
            public String toString() {
                return "stdio: " + command + (args.isEmpty() ? "" : " " + String.join(" ", args));
            }
        }

        record Streamable(URI url, Map<String, String> headers) implements Transport {
            public Streamable {
                headers = Map.copyOf(headers);
            }

            @Override
            public String toString() {
                return url.toString();
            }
        }
    }

    /** A call that did not get an answer: the outcome it means and a one-line reason. */
    static final class Failed extends Exception {
        private static final long serialVersionUID = 1L;
        final transient Reply.Outcome outcome;

        Failed(Reply.Outcome outcome, String detail) {
            super(detail);
            this.outcome = outcome;
        }
    }

    private final String name;
    private final Transport transport;
    private final Duration timeout;
    private McpSyncClient client;
    private boolean closed;

    McpConnection(String name, Transport transport, Duration timeout) {
        this.name = name;
        this.transport = transport;
        this.timeout = timeout;
    }

    String name() {
        return name;
    }

    Transport transport() {
        return transport;
    }

    private synchronized McpSyncClient client() throws Failed {
        if (closed) {
            throw new Failed(Reply.Outcome.ERROR, "the connection to " + name + " is closed");
        }
        if (client == null) {
            McpSyncClient c = McpClient.sync(clientTransport())
                    .requestTimeout(timeout)
                    .initializationTimeout(timeout)
                    .clientInfo(new McpSchema.Implementation("atlas-ops-emulate", "0.1.0"))
                    .build();
            try {
                c.initialize();
            } catch (RuntimeException e) {
                quietly(c);
                throw failure("cannot start a session with " + name + " (" + transport + ")", e);
            }
            client = c;
        }
        return client;
    }

    private McpClientTransport clientTransport() {
        JacksonMcpJsonMapper mapper = new JacksonMcpJsonMapper(Http.JSON);
        if (transport instanceof Transport.Stdio s) {
            return new StdioClientTransport(
                    ServerParameters.builder(s.command())
                            .args(s.args())
                            .env(s.env())
                            .build(),
                    mapper);
        }
        URI uri = ((Transport.Streamable) transport).url();
        String base = uri.getScheme() + "://" + uri.getRawAuthority();
        String endpoint = uri.getRawPath() == null || uri.getRawPath().isEmpty() ? "/mcp" : uri.getRawPath();
        var builder = HttpClientStreamableHttpTransport.builder(base)
                .endpoint(endpoint)
                .jsonMapper(mapper)
                .connectTimeout(timeout)
                .openConnectionOnStartup(false);
        Map<String, String> headers = ((Transport.Streamable) transport).headers();
        if (!headers.isEmpty()) {
            var request = java.net.http.HttpRequest.newBuilder();
            headers.forEach(request::header);
            builder.requestBuilder(request);
        }
        return builder.build();
    }

    /** Every tool the server lists, following pagination, as {@code {name, description, inputSchema}}. */
    ArrayNode tools() throws Failed {
        McpSyncClient c = client();
        List<McpSchema.Tool> all = new ArrayList<>();
        try {
            String cursor = null;
            int pages = 0;
            do {
                McpSchema.ListToolsResult r = cursor == null ? c.listTools() : c.listTools(cursor);
                all.addAll(r.tools());
                cursor = r.nextCursor();
            } while (cursor != null && ++pages < MAX_PAGES);
        } catch (RuntimeException e) {
            throw failure("cannot list the tools of " + name, e);
        }
        ArrayNode out = Http.JSON.createArrayNode();
        for (McpSchema.Tool t : all) {
            ObjectNode o = out.addObject();
            o.put("name", t.name());
            o.put("description", t.description() == null ? "" : t.description());
            o.set(
                    "inputSchema",
                    t.inputSchema() == null
                            ? Http.JSON.createObjectNode().put("type", "object")
                            : Http.JSON.valueToTree(t.inputSchema()));
        }
        return out;
    }

    /** Calls one tool; the result as JSON ({@code content}, {@code isError}, ...) and its text joined. */
    record Result(JsonNode json, String text, boolean isError) {}

    Result call(String tool, JsonNode arguments) throws Failed {
        McpSyncClient c = client();
        Map<String, Object> args = arguments.isObject()
                ? Http.JSON.convertValue(arguments, new TypeReference<Map<String, Object>>() {})
                : Map.of();
        McpSchema.CallToolResult r;
        try {
            r = c.callTool(new McpSchema.CallToolRequest(tool, args));
        } catch (RuntimeException e) {
            throw failure("calling " + tool + " on " + name + " failed", e);
        }
        StringBuilder text = new StringBuilder();
        if (r.content() != null) {
            for (McpSchema.Content part : r.content()) {
                if (part instanceof McpSchema.TextContent t) {
                    if (text.length() > 0) {
                        text.append('\n');
                    }
                    text.append(t.text());
                }
            }
        }
        return new Result(Http.JSON.valueToTree(r), text.toString(), Boolean.TRUE.equals(r.isError()));
    }

    private Failed failure(String what, RuntimeException e) {
        for (Throwable t = e; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (t instanceof TimeoutException
                    || t.getMessage() != null && t.getMessage().contains("Did not observe any item")) {
                return new Failed(Reply.Outcome.TIMEOUT, what + ": no answer within " + timeout.toMillis() + " ms");
            }
        }
        if (e instanceof McpError) {
            return new Failed(Reply.Outcome.ERROR, what + ": " + e.getMessage());
        }
        return new Failed(Reply.Outcome.ERROR, what + ": " + Http.message(e));
    }

    private static void quietly(McpSyncClient c) {
        try {
            c.close();
        } catch (RuntimeException ignored) {
            // it never started
        }
    }

    @Override
    public synchronized void close() {
        closed = true;
        if (client != null) {
            try {
                client.closeGracefully();
            } catch (RuntimeException e) {
                quietly(client);
            }
            client = null;
        }
    }
}
