package org.atlasops.detect.adapter;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * MCP message logs: JSON-RPC 2.0 messages as the MCP specification defines them (modelcontextprotocol.io,
 * specification 2025-06-18, "Base protocol" and "Tools": requests {@code jsonrpc, id, method, params},
 * notifications without {@code id}, responses {@code result} or {@code error}; {@code tools/call} with {@code
 * params.name, params.arguments}; results with {@code content[]} of type {@code text} and {@code isError}; {@code
 * tools/list} results with {@code tools}). A line is one message as the stdio transport carries it, a message in a
 * log wrapper ({@code message}, with {@code timestamp}, {@code server}, {@code sessionId}, {@code transport}), or an
 * MCP Inspector history entry ({@code request} and {@code response}, each a message or its JSON text). Answers are
 * matched to their request by id, so a response carries the method and tool it answers.
 */
final class McpLog implements Adapter.RecordAdapter {
    /** Requests waiting for their answer, oldest dropped beyond this many. */
    private static final int MAX_PENDING = 10_000;

    private record Pending(String method, Optional<String> tool) {}

    private final Map<String, Pending> pending = new LinkedHashMap<>(16, 0.75f, false) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<String, Pending> eldest) {
            return size() > MAX_PENDING;
        }
    };

    @Override
    public List<ObjectNode> adapt(ObjectNode r) throws Adapter.NotThisShape {
        if (isMessage(r)) {
            return List.of(event(r, r));
        }
        if (r.has("message") && message(r.get("message")).isPresent()) {
            return List.of(event(message(r.get("message")).get(), r));
        }
        Optional<ObjectNode> request = message(r.get("request"));
        if (request.isPresent()) { // an MCP Inspector history entry
            List<ObjectNode> out = new ArrayList<>();
            out.add(event(request.get(), r));
            Optional<ObjectNode> response = message(r.get("response"));
            if (response.isPresent()) {
                out.add(event(response.get(), r));
            }
            return out;
        }
        throw new Adapter.NotThisShape("not an MCP message (a JSON-RPC 2.0 object with method, result or error; "
                + "or a log entry with message, or request and response)");
    }

    private static boolean isMessage(JsonNode n) {
        return n instanceof ObjectNode
                && (n.has("method") || n.has("result") || n.has("error"))
                && (n.has("jsonrpc") || n.has("id") || n.has("method"));
    }

    /** A message as an object, or as the JSON text the Inspector keeps. */
    private static Optional<ObjectNode> message(JsonNode n) {
        if (n == null) {
            return Optional.empty();
        }
        Optional<ObjectNode> o = n.isTextual()
                ? Json.parseObject(n.asText())
                : Optional.of(n).filter(ObjectNode.class::isInstance).map(ObjectNode.class::cast);
        return o.filter(McpLog::isMessage);
    }

    private ObjectNode event(ObjectNode m, ObjectNode wrapper) {
        ObjectNode e = Json.NODES.objectNode();
        Json.putText(
                e,
                "@timestamp",
                Json.time(wrapper.get("timestamp"))
                        .or(() -> Json.time(wrapper.get("time")))
                        .or(() -> Json.time(wrapper.get("ts"))));
        Json.putText(
                e,
                "mcp.server.name",
                Json.text(wrapper, "server")
                        .or(() -> Json.text(wrapper, "serverName"))
                        .or(() -> Json.text(wrapper, "server", "name")));
        Json.putText(e, "mcp.session.id", Json.text(wrapper, "sessionId").or(() -> Json.text(wrapper, "session_id")));
        Json.putText(e, "mcp.transport", Json.text(wrapper, "transport"));
        JsonNode id = m.get("id");
        if (id != null && (id.isTextual() || id.isNumber())) {
            e.set("jsonrpc.id", id);
        }
        String key = id == null ? "" : id.asText();
        if (m.has("method")) {
            String method = m.get("method").asText();
            e.put("mcp.direction", id == null ? "notification" : "request");
            e.put("jsonrpc.method", method);
            Optional<String> tool = Optional.empty();
            if (method.equals("tools/call")) {
                tool = Json.text(m, "params", "name");
                Json.putText(e, "mcp.tool.name", tool);
                JsonNode args = Json.at(m, "params", "arguments");
                if (args != null) {
                    e.set("mcp.tool.arguments", args);
                }
            }
            if (id != null) {
                pending.put(key, new Pending(method, tool));
            }
        } else {
            e.put("mcp.direction", "response");
            Pending p = id == null ? null : pending.remove(key);
            if (p != null) {
                e.put("jsonrpc.method", p.method());
                Json.putText(e, "mcp.tool.name", p.tool());
            }
            JsonNode result = m.get("result");
            if (result != null && result.path("content").isArray()) {
                StringBuilder text = new StringBuilder();
                for (JsonNode c : result.get("content")) {
                    Json.text(c, "text")
                            .ifPresent(
                                    t -> text.append(text.isEmpty() ? "" : "\n").append(t));
                }
                e.put("mcp.tool.result", text.toString());
            }
            if (result != null && result.path("isError").isBoolean()) {
                e.put("mcp.tool.is_error", result.get("isError").asBoolean());
            }
            if (result != null && result.path("tools").isArray()) {
                e.set("mcp.tools", result.get("tools"));
                if (p == null) {
                    e.put("jsonrpc.method", "tools/list");
                }
            }
        }
        e.set("message", m);
        return e;
    }
}
