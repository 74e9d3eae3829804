package org.atlasops.emulate.telemetry;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import org.atlasops.emulate.run.Attempt;

/**
 * The telemetry an attempt caused, in the schemas of docs/telemetry.md, so detection can be run over it
 * ({@code emulate verify}): an OpenTelemetry GenAI {@code chat} event per chat exchange (tool calls the agent made
 * become {@code tool_call} / {@code tool_call_response} parts and MCP messages), a {@code retrieval} event carrying a
 * planted document, MCP JSON-RPC request and response events for direct tool calls and listings, and a model-API
 * access log per inference query. Every event carries {@code atlas_ops.emulate.attempt} and
 * {@code atlas_ops.emulate.technique}, so an alert can be traced back to the attempt.
 */
public final class Telemetry {
    private static final JsonNodeFactory F = JsonNodeFactory.instance;

    private Telemetry() {}

    public static List<ObjectNode> of(Attempt a) {
        List<ObjectNode> out = new ArrayList<>();
        long offset = 0;
        int rpc = 1;
        for (Attempt.Sent s : a.exchanges()) {
            Instant at = a.started().plusMillis(offset);
            offset += s.elapsedMillis();
            switch (s.kind()) {
                case "chat" -> {
                    out.add(chat(a, s, at));
                    for (JsonNode call : s.toolCalls()) {
                        String server = call.path("server").asText("agent-tools");
                        ObjectNode req = mcp(a, at, "request", server, "tools/call", rpc);
                        req.put("mcp.tool.name", call.path("tool").asText());
                        req.set("mcp.tool.arguments", call.path("arguments"));
                        out.add(req);
                        ObjectNode res = mcp(a, at, "response", server, "tools/call", rpc++);
                        res.put("mcp.tool.name", call.path("tool").asText());
                        if (call.hasNonNull("result")) {
                            res.put("mcp.tool.result", call.get("result").asText());
                        }
                        res.put("mcp.tool.is_error", false);
                        out.add(res);
                    }
                }
                case "plant" -> {
                    ObjectNode e = base(a, at);
                    e.put("gen_ai.operation.name", "retrieval");
                    e.put("gen_ai.provider.name", "atlas-ops-emulate");
                    ArrayNode docs = e.putArray("gen_ai.retrieval.documents");
                    ObjectNode d = docs.addObject();
                    d.put("id", s.request().path("name").asText());
                    d.put("source", s.request().path("channel").asText());
                    d.put("content", s.request().path("content").asText());
                    out.add(e);
                }
                case "call-tool" -> {
                    ObjectNode req = mcp(a, at, "request", a.target(), "tools/call", rpc);
                    req.put("mcp.tool.name", s.request().path("tool").asText());
                    req.set("mcp.tool.arguments", s.request().path("arguments"));
                    out.add(req);
                    ObjectNode res =
                            mcp(a, at.plusMillis(s.elapsedMillis()), "response", a.target(), "tools/call", rpc++);
                    res.put("mcp.tool.name", s.request().path("tool").asText());
                    s.answer().ifPresent(t -> res.put("mcp.tool.result", t));
                    res.put("mcp.tool.is_error", !s.outcome().equals("ok"));
                    out.add(res);
                }
                case "list-tools" -> {
                    out.add(mcp(a, at, "request", a.target(), "tools/list", rpc));
                    ObjectNode res =
                            mcp(a, at.plusMillis(s.elapsedMillis()), "response", a.target(), "tools/list", rpc++);
                    s.data().ifPresent(d -> {
                        JsonNode tools = d.isArray() ? d : d.path("tools");
                        if (tools.isArray()) {
                            res.set("mcp.tools", tools);
                        }
                    });
                    out.add(res);
                }
                case "infer" -> out.add(modelApi(a, s, at));
                default -> {
                    // other kinds cause no telemetry we know how to write
                }
            }
        }
        return out;
    }

    private static ObjectNode base(Attempt a, Instant at) {
        ObjectNode e = F.objectNode();
        e.put("@timestamp", at.toString());
        e.put("atlas_ops.emulate.attempt", a.key());
        e.put("atlas_ops.emulate.technique", a.technique());
        return e;
    }

    private static ObjectNode chat(Attempt a, Attempt.Sent s, Instant at) {
        ObjectNode e = base(a, at);
        e.put("gen_ai.operation.name", "chat");
        e.put("gen_ai.provider.name", a.target());
        e.put("gen_ai.request.model", a.target());
        e.put("gen_ai.conversation.id", a.key());
        e.put("user.id", "atlas-ops-emulate");
        ArrayNode in = e.putArray("gen_ai.input.messages");
        for (JsonNode m : s.request().path("messages")) {
            if (m.path("role").asText().equals("system")) {
                e.put("gen_ai.system_instructions", m.path("content").asText());
                continue;
            }
            ObjectNode msg = in.addObject();
            msg.put("role", m.path("role").asText());
            ObjectNode part = msg.putArray("parts").addObject();
            part.put("type", "text");
            part.put("content", m.path("content").asText());
        }
        int i = 0;
        for (JsonNode call : s.toolCalls()) {
            ObjectNode msg = in.addObject();
            msg.put("role", "assistant");
            ObjectNode p = msg.putArray("parts").addObject();
            p.put("type", "tool_call");
            p.put("id", "call_" + i);
            p.put("name", call.path("tool").asText());
            p.set("arguments", call.path("arguments"));
            if (call.hasNonNull("result")) {
                ObjectNode t = in.addObject();
                t.put("role", "tool");
                ObjectNode r = t.putArray("parts").addObject();
                r.put("type", "tool_call_response");
                r.put("id", "call_" + i);
                r.put("response", call.get("result").asText());
            }
            i++;
        }
        ArrayNode outMsgs = e.putArray("gen_ai.output.messages");
        if (s.answer().isPresent()) {
            ObjectNode msg = outMsgs.addObject();
            msg.put("role", "assistant");
            ObjectNode part = msg.putArray("parts").addObject();
            part.put("type", "text");
            part.put("content", s.answer().get());
            msg.put("finish_reason", s.outcome().equals("blocked") ? "content_filter" : "stop");
        }
        e.put("gen_ai.usage.input_tokens", s.promptTokens());
        e.put("gen_ai.usage.output_tokens", s.completionTokens());
        e.putArray("gen_ai.response.finish_reasons").add(s.outcome().equals("blocked") ? "content_filter" : "stop");
        return e;
    }

    private static ObjectNode mcp(Attempt a, Instant at, String direction, String server, String method, int id) {
        ObjectNode e = base(a, at);
        e.put("mcp.direction", direction);
        e.put("mcp.server.name", server);
        e.put("mcp.session.id", a.key());
        e.put("jsonrpc.method", method);
        e.put("jsonrpc.id", id);
        return e;
    }

    private static ObjectNode modelApi(Attempt a, Attempt.Sent s, Instant at) {
        ObjectNode e = base(a, at);
        e.put("client.id", "atlas-ops-emulate");
        e.put("client.address", "127.0.0.1");
        e.put("http.request.method", "POST");
        e.put("url.path", "/v1/infer");
        e.put("model.name", a.target());
        e.put("http.response.status_code", status(s.outcome()));
        e.put("request.queries", 1);
        e.put("request.input_hash", sha256(s.request().path("input").toString()));
        e.put("event.duration", s.elapsedMillis());
        e.put("usage.input_tokens", s.promptTokens());
        e.put("usage.output_tokens", s.completionTokens());
        e.put("usage.total_tokens", s.promptTokens() + s.completionTokens());
        return e;
    }

    private static int status(String outcome) {
        return switch (outcome) {
            case "ok" -> 200;
            case "blocked" -> 403;
            case "timeout" -> 504;
            case "malformed" -> 502;
            case "unsupported" -> 404;
            default -> 500;
        };
    }

    static String sha256(String s) {
        try {
            return HexFormat.of()
                    .formatHex(MessageDigest.getInstance("SHA-256").digest(s.getBytes(StandardCharsets.UTF_8)))
                    .substring(0, 16);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
