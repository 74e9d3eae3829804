package org.atlasops.detect.adapter;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;

/**
 * AWS Bedrock model-invocation logs (docs.aws.amazon.com, Bedrock user guide, "Monitor model invocation using
 * CloudWatch Logs and Amazon S3": {@code schemaType: ModelInvocationLog, timestamp, accountId, identity.arn,
 * region, requestId, operation, modelId, input.inputBodyJson, input.inputTokenCount, output.outputBodyJson,
 * output.outputTokenCount}). The bodies are the model's own request and response: the Converse API's ({@code
 * messages} with {@code text}, {@code toolUse} and {@code toolResult} blocks, {@code system}, {@code
 * output.message}), Anthropic's Messages API ({@code content} blocks {@code text}, {@code tool_use}, {@code
 * tool_result}) and the plain-text ones ({@code inputText}/{@code prompt}, {@code results[].outputText},
 * {@code generation}). Tool results become {@code tool_call_response} parts, as the rules expect of data a tool
 * returned.
 */
final class Bedrock implements Adapter.RecordAdapter {
    @Override
    public List<ObjectNode> adapt(ObjectNode r) throws Adapter.NotThisShape {
        if (!r.has("modelId") || !(r.has("input") || r.has("output"))) {
            throw new Adapter.NotThisShape(
                    "not a Bedrock model-invocation log record (it has schemaType, modelId, " + "input and output)");
        }
        ObjectNode e = Json.NODES.objectNode();
        Json.putText(e, "@timestamp", Json.time(r.get("timestamp")));
        String operation = Json.text(r, "operation").orElse("InvokeModel");
        e.put("gen_ai.operation.name", operation.startsWith("Embed") ? "embeddings" : "chat");
        e.put("gen_ai.provider.name", "aws.bedrock");
        Json.putText(e, "gen_ai.request.model", Json.text(r, "modelId"));
        Json.putText(e, "gen_ai.conversation.id", Json.text(r, "requestId"));
        Json.putText(e, "user.id", Json.text(r, "identity", "arn"));
        Json.putText(e, "cloud.account.id", Json.text(r, "accountId"));
        Json.putText(e, "cloud.region", Json.text(r, "region"));
        JsonNode in = Json.at(r, "input", "inputBodyJson");
        if (in != null && in.isObject()) {
            input(in, e);
        }
        JsonNode out = Json.at(r, "output", "outputBodyJson");
        if (out != null && out.isObject()) {
            output(out, e);
        }
        Json.number(r, "input", "inputTokenCount").ifPresent(n -> e.put("gen_ai.usage.input_tokens", n));
        Json.number(r, "output", "outputTokenCount").ifPresent(n -> e.put("gen_ai.usage.output_tokens", n));
        return List.of(e);
    }

    private static void input(JsonNode body, ObjectNode e) {
        ArrayNode messages = Json.NODES.arrayNode();
        if (body.path("messages").isArray()) {
            for (JsonNode m : body.get("messages")) {
                String role = Json.text(m, "role").orElse("user");
                ArrayNode parts = Json.NODES.arrayNode();
                ArrayNode toolResults = Json.NODES.arrayNode();
                blocks(m.get("content"), parts, toolResults);
                if (!parts.isEmpty()) {
                    messages.add(Json.message(role, parts));
                }
                if (!toolResults.isEmpty()) {
                    messages.add(Json.message("tool", toolResults));
                }
            }
        }
        for (String plain : List.of("inputText", "prompt")) {
            if (body.path(plain).isTextual()) {
                ArrayNode parts = Json.NODES.arrayNode();
                parts.add(Json.textPart(body.get(plain).asText()));
                messages.add(Json.message("user", parts));
            }
        }
        if (!messages.isEmpty()) {
            e.set("gen_ai.input.messages", messages);
        }
        JsonNode system = body.get("system");
        if (system != null && !system.isNull()) {
            ArrayNode parts = OpenAiMessages.contentParts(system);
            if (!parts.isEmpty()) {
                e.set("gen_ai.system_instructions", parts);
            }
        }
    }

    private static void output(JsonNode body, ObjectNode e) {
        ArrayNode parts = Json.NODES.arrayNode();
        JsonNode reason = null;
        if (Json.at(body, "output", "message") != null) { // Converse
            blocks(Json.at(body, "output", "message", "content"), parts, Json.NODES.arrayNode());
            reason = body.get("stopReason");
        } else if (body.path("content").isArray()) { // Anthropic Messages
            blocks(body.get("content"), parts, Json.NODES.arrayNode());
            reason = body.get("stop_reason");
        } else if (body.path("results").isArray()) { // Titan text
            for (JsonNode res : body.get("results")) {
                Json.text(res, "outputText").ifPresent(t -> parts.add(Json.textPart(t)));
                reason = res.get("completionReason");
            }
        } else if (body.path("generation").isTextual()) { // Llama
            parts.add(Json.textPart(body.get("generation").asText()));
            reason = body.get("stop_reason");
        }
        if (parts.isEmpty()) {
            return;
        }
        ObjectNode m = Json.message("assistant", parts);
        if (reason != null && reason.isTextual()) {
            m.put("finish_reason", reason.asText());
        }
        ArrayNode out = Json.NODES.arrayNode();
        out.add(m);
        e.set("gen_ai.output.messages", out);
    }

    /** Content blocks of either API: text and tool calls to {@code parts}, tool results to {@code toolResults}. */
    private static void blocks(JsonNode content, ArrayNode parts, ArrayNode toolResults) {
        if (content == null) {
            return;
        }
        if (content.isTextual()) {
            parts.add(Json.textPart(content.asText()));
            return;
        }
        for (JsonNode b : content) {
            String type = Json.text(b, "type").orElse("");
            if (b.path("text").isTextual()) {
                parts.add(Json.textPart(b.get("text").asText()));
            } else if (b.has("toolUse") || type.equals("tool_use")) {
                JsonNode use = b.has("toolUse") ? b.get("toolUse") : b;
                ObjectNode p = Json.NODES.objectNode();
                p.put("type", "tool_call");
                Json.putText(p, "id", Json.text(use, "toolUseId").or(() -> Json.text(use, "id")));
                Json.putText(p, "name", Json.text(use, "name"));
                if (use.has("input")) {
                    p.set("arguments", use.get("input"));
                }
                parts.add(p);
            } else if (b.has("toolResult") || type.equals("tool_result")) {
                JsonNode res = b.has("toolResult") ? b.get("toolResult") : b;
                ObjectNode p = Json.NODES.objectNode();
                p.put("type", "tool_call_response");
                Json.putText(p, "id", Json.text(res, "toolUseId").or(() -> Json.text(res, "tool_use_id")));
                p.put("response", resultText(res.get("content")));
                toolResults.add(p);
            }
        }
    }

    private static String resultText(JsonNode content) {
        if (content == null || content.isTextual()) {
            return content == null ? "" : content.asText();
        }
        StringBuilder s = new StringBuilder();
        for (JsonNode c : content) {
            String t = c.path("text").isTextual() ? c.get("text").asText() : Json.asText(c.get("json"));
            s.append(s.isEmpty() ? "" : "\n").append(t);
        }
        return s.toString();
    }
}
