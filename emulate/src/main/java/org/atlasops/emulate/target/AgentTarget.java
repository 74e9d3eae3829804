package org.atlasops.emulate.target;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * An agent harness: an OpenAI-compatible chat endpoint given the tools of one or more MCP servers as OpenAI function
 * tools. When the model answers with {@code tool_calls}, the harness runs each call on the real MCP server, hands
 * the results back as {@code tool} messages and asks again, for at most {@code maxRounds} rounds. Every call made is
 * in the reply's {@link Reply#toolCalls()}, in order, with its arguments and result. It also takes
 * {@link Request.ListTools} (every server's tools, each with its {@code server}) and {@link Request.CallTool}.
 */
public final class AgentTarget implements Target {
    /** Tool names OpenAI accepts: letters, digits, _ and -, at most 64. */
    private static final String FUNCTION_NAME = "[A-Za-z0-9_-]{1,64}";

    private final String name;
    private final ChatClient chat;
    private final List<McpConnection> servers;
    private final int maxRounds;
    private final List<Target> owned;

    private record Route(McpConnection server, String tool) {}

    /** The tools offered to the model in one exchange: function name → (server, tool), and the OpenAI tools. */
    private record Catalogue(Map<String, Route> routes, ArrayNode functions) {}

    private AgentTarget(String name, ChatClient chat, List<McpConnection> servers, int maxRounds, List<Target> owned) {
        if (maxRounds < 1 || maxRounds > 50) {
            throw new IllegalArgumentException("maxRounds is from 1 to 50, not " + maxRounds);
        }
        this.name = name;
        this.chat = chat;
        this.servers = List.copyOf(servers);
        this.maxRounds = maxRounds;
        this.owned = List.copyOf(owned);
    }

    /**
     * A harness over a chat endpoint and the given MCP targets (made with {@link McpTarget#stdio} or
     * {@link McpTarget#http}); closing the harness closes them.
     */
    public static AgentTarget of(
            String name,
            URI baseUrl,
            String model,
            Optional<String> apiKey,
            List<McpTarget> mcpServers,
            int maxRounds,
            Duration timeout) {
        Set<String> names = new HashSet<>();
        for (McpTarget t : mcpServers) {
            if (!names.add(t.name())) {
                throw new org.atlasops.kb.failure.BadInputException(
                        "option mcp names the server '" + t.name() + "' twice; give each server its own name");
            }
        }
        return new AgentTarget(
                name,
                new ChatClient(baseUrl, model, apiKey, new Http(timeout)),
                mcpServers.stream().map(McpTarget::connection).toList(),
                maxRounds,
                List.copyOf(mcpServers));
    }

    @Override
    public String name() {
        return name;
    }

    @Override
    public Set<TargetKind> kinds() {
        return Set.of(TargetKind.AGENT, TargetKind.CHAT, TargetKind.MCP);
    }

    /**
     * Lists every server's tools and names them for the model (server__tool when two servers share one). Done for
     * every request, as an agent does at the start of a session: a tool that changed since (a rug pull) is seen.
     */
    private Catalogue discover() throws McpConnection.Failed {
        Map<String, List<JsonNode>> byServer = new LinkedHashMap<>();
        Map<String, Integer> seen = new LinkedHashMap<>();
        for (McpConnection s : servers) {
            List<JsonNode> tools = new ArrayList<>();
            s.tools().forEach(tools::add);
            byServer.put(s.name(), tools);
            tools.forEach(t -> seen.merge(t.path("name").asText(), 1, Integer::sum));
        }
        Map<String, Route> r = new LinkedHashMap<>();
        ArrayNode fns = Http.JSON.createArrayNode();
        for (McpConnection s : servers) {
            for (JsonNode t : byServer.get(s.name())) {
                String tool = t.path("name").asText();
                String fn = seen.get(tool) > 1 ? s.name() + "__" + tool : tool;
                fn = fn.replaceAll("[^A-Za-z0-9_-]", "_");
                if (!fn.matches(FUNCTION_NAME) || r.containsKey(fn)) {
                    continue; // a name the API would refuse, or a clash left after renaming: the model never sees it
                }
                r.put(fn, new Route(s, tool));
                ObjectNode f = fns.addObject().put("type", "function").putObject("function");
                f.put("name", fn);
                f.put("description", t.path("description").asText(""));
                f.set("parameters", t.path("inputSchema"));
            }
        }
        return new Catalogue(r, fns);
    }

    @Override
    public Reply send(Request request) throws InterruptedException {
        long start = System.nanoTime();
        if (!(request instanceof Request.Chat
                || request instanceof Request.ListTools
                || request instanceof Request.CallTool)) {
            return Replies.unsupported(request, name, start);
        }
        Catalogue catalogue;
        try {
            catalogue = discover();
        } catch (McpConnection.Failed f) {
            return Replies.failed(f.outcome, f.getMessage(), new Reply.Usage(servers.size(), 0, 0), start);
        }
        Map<String, Route> routes = catalogue.routes();
        if (request instanceof Request.Chat c) {
            return converse(c, catalogue, start);
        }
        if (request instanceof Request.ListTools) {
            ArrayNode all = Http.JSON.createArrayNode();
            routes.forEach((fn, route) -> all.addObject()
                    .put("server", route.server().name())
                    .put("name", route.tool())
                    .put("function", fn));
            return new Reply(
                    Reply.Outcome.OK,
                    Optional.of(String.join("\n", routes.keySet())),
                    Optional.of(all),
                    List.of(),
                    Reply.Usage.NONE,
                    Replies.since(start),
                    "");
        }
        if (request instanceof Request.CallTool call) {
            Route route = routes.get(call.tool());
            if (route == null) {
                return Replies.failed(
                        Reply.Outcome.ERROR,
                        "no MCP server of " + name + " has the tool " + call.tool(),
                        Reply.Usage.NONE,
                        start);
            }
            try {
                McpConnection.Result r = route.server().call(route.tool(), call.arguments());
                Reply.ToolCallMade made = new Reply.ToolCallMade(
                        route.server().name(), route.tool(), call.arguments(), Optional.of(r.text()));
                return new Reply(
                        Reply.Outcome.OK,
                        Optional.of(r.text()),
                        Optional.of(r.json()),
                        List.of(made),
                        new Reply.Usage(1, 0, 0),
                        Replies.since(start),
                        "");
            } catch (McpConnection.Failed f) {
                return Replies.failed(f.outcome, f.getMessage(), new Reply.Usage(1, 0, 0), start);
            }
        }
        throw new IllegalStateException("unreachable: chat, list and call are handled above");
    }

    private Reply converse(Request.Chat c, Catalogue catalogue, long start) throws InterruptedException {
        Map<String, Route> routes = catalogue.routes();
        ArrayNode messages = ChatClient.messages(c);
        List<Reply.ToolCallMade> made = new ArrayList<>();
        Reply.Usage used = new Reply.Usage(servers.size(), 0, 0); // the tool lists of this session
        for (int round = 0; round <= maxRounds; round++) {
            // the last round offers no tools: the model has to answer in words
            Optional<ArrayNode> tools = round < maxRounds ? Optional.of(catalogue.functions()) : Optional.empty();
            ChatClient.Completion done = chat.complete(messages.deepCopy(), tools);
            used = ChatClient.plus(used, done.usage());
            if (done.outcome() != Reply.Outcome.OK) {
                return new Reply(
                        done.outcome(),
                        Optional.empty(),
                        Optional.empty(),
                        made,
                        used,
                        Replies.since(start),
                        done.detail());
            }
            ArrayNode calls = done.toolCalls();
            if (calls.isEmpty() || tools.isEmpty()) {
                return new Reply(
                        Reply.Outcome.OK, done.text(), Optional.of(messages), made, used, Replies.since(start), "");
            }
            ObjectNode assistant = messages.addObject().put("role", "assistant");
            assistant.set("content", done.message().get().path("content").deepCopy());
            assistant.set("tool_calls", calls.deepCopy());
            for (JsonNode call : calls) {
                String id = call.path("id").asText("call_" + made.size());
                String fn = call.path("function").path("name").asText("");
                JsonNode args = arguments(call.path("function").path("arguments"));
                Route route = routes.get(fn);
                String result;
                if (route == null) {
                    result = "error: there is no tool named " + fn;
                } else {
                    try {
                        McpConnection.Result r = route.server().call(route.tool(), args);
                        result = r.text();
                        used = ChatClient.plus(used, new Reply.Usage(1, 0, 0));
                    } catch (McpConnection.Failed f) {
                        result = "error: " + f.getMessage();
                    }
                    made.add(new Reply.ToolCallMade(route.server().name(), route.tool(), args, Optional.of(result)));
                }
                messages.addObject().put("role", "tool").put("tool_call_id", id).put("content", result);
            }
        }
        throw new IllegalStateException("unreachable: the last round offers no tools");
    }

    /** Arguments arrive as a JSON string (OpenAI); some servers send an object. Anything else is kept as text. */
    private static JsonNode arguments(JsonNode raw) {
        if (raw.isObject()) {
            return raw;
        }
        if (raw.isTextual()) {
            try {
                JsonNode n = Http.JSON.readTree(raw.asText());
                if (n != null && n.isObject()) {
                    return n;
                }
            } catch (IOException e) {
                // below
            }
            return Http.JSON.createObjectNode().put("_unparsed", raw.asText());
        }
        return Http.JSON.createObjectNode();
    }

    @Override
    public void close() {
        for (Target t : owned) {
            t.close();
        }
    }
}
