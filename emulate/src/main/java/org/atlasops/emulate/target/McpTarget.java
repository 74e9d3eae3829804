package org.atlasops.emulate.target;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.StreamSupport;

/**
 * An MCP server addressed directly with the official MCP Java SDK, over stdio (the target starts the server as a
 * child process and stops it on close) or streamable HTTP. It takes {@link Request.ListTools} (the reply's data is
 * the tool list, its text the tool names) and {@link Request.CallTool} (the data is the tool result, the text its
 * text content). A tool result with {@code isError} is still an answer ({@code OK}); a JSON-RPC error, a server that
 * cannot be started or reached is {@code ERROR}, no answer in time {@code TIMEOUT}.
 */
public final class McpTarget implements Target {
    private final McpConnection connection;

    private McpTarget(McpConnection connection) {
        this.connection = connection;
    }

    /** A server started as a child process that speaks MCP on its stdin and stdout. */
    public static McpTarget stdio(
            String name, String command, List<String> args, Map<String, String> env, Duration timeout) {
        return new McpTarget(new McpConnection(name, new McpConnection.Transport.Stdio(command, args, env), timeout));
    }

    /** A server at a streamable-HTTP endpoint, e.g. {@code http://127.0.0.1:8931/mcp}. */
    public static McpTarget http(String name, URI url, Map<String, String> headers, Duration timeout) {
        return new McpTarget(new McpConnection(name, new McpConnection.Transport.Streamable(url, headers), timeout));
    }

    McpConnection connection() {
        return connection;
    }

    @Override
    public String name() {
        return connection.name();
    }

    @Override
    public Set<TargetKind> kinds() {
        return Set.of(TargetKind.MCP);
    }

    @Override
    public Reply send(Request request) throws InterruptedException {
        long start = System.nanoTime();
        try {
            if (request instanceof Request.ListTools) {
                ArrayNode tools = connection.tools();
                String names = StreamSupport.stream(tools.spliterator(), false)
                        .map(t -> t.path("name").asText())
                        .collect(Collectors.joining("\n"));
                return new Reply(
                        Reply.Outcome.OK,
                        Optional.of(names),
                        Optional.of(tools),
                        List.of(),
                        new Reply.Usage(1, 0, 0),
                        Replies.since(start),
                        "");
            }
            if (request instanceof Request.CallTool call) {
                McpConnection.Result r = connection.call(call.tool(), call.arguments());
                return new Reply(
                        Reply.Outcome.OK,
                        Optional.of(r.text()),
                        Optional.<JsonNode>of(r.json()),
                        List.of(),
                        new Reply.Usage(1, 0, 0),
                        Replies.since(start),
                        "");
            }
            return Replies.unsupported(request, name(), start);
        } catch (McpConnection.Failed f) {
            return Replies.failed(f.outcome, f.getMessage(), new Reply.Usage(1, 0, 0), start);
        }
    }

    @Override
    public void close() {
        connection.close();
    }
}
