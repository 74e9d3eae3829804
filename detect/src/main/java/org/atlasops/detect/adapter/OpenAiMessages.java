package org.atlasops.detect.adapter;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * OpenAI chat-completions messages ({@code role}, {@code content} as a string or a list of typed parts,
 * {@code tool_calls}, a {@code tool} role for tool results) as OpenTelemetry GenAI messages: system messages go to
 * {@code gen_ai.system_instructions}, a tool message's content becomes a {@code tool_call_response} part, so the
 * rules tell text the user typed from data a tool returned. LiteLLM and Langfuse log messages in this form.
 */
final class OpenAiMessages {
    private OpenAiMessages() {}

    /** Adds {@code gen_ai.input.messages} and {@code gen_ai.system_instructions} from a messages array or a string. */
    static void input(JsonNode messages, ObjectNode event) {
        ArrayNode input = Json.NODES.arrayNode();
        ArrayNode system = Json.NODES.arrayNode();
        if (messages != null && messages.isTextual()) {
            input.add(Json.message("user", single(messages.asText())));
        } else if (messages != null && messages.isArray()) {
            for (JsonNode m : messages) {
                String role = Json.text(m, "role").orElse("user");
                if (role.equals("system") || role.equals("developer")) {
                    system.addAll(contentParts(m.get("content")));
                } else if (role.equals("tool") || role.equals("function")) {
                    ObjectNode part = Json.NODES.objectNode();
                    part.put("type", "tool_call_response");
                    Json.putText(part, "id", Json.text(m, "tool_call_id"));
                    part.put("response", contentText(m.get("content")));
                    ArrayNode parts = Json.NODES.arrayNode();
                    parts.add(part);
                    input.add(Json.message("tool", parts));
                } else {
                    ArrayNode parts = contentParts(m.get("content"));
                    parts.addAll(toolCalls(m.get("tool_calls")));
                    input.add(Json.message(role, parts));
                }
            }
        }
        if (!input.isEmpty()) {
            event.set("gen_ai.input.messages", input);
        }
        if (!system.isEmpty()) {
            event.set("gen_ai.system_instructions", system);
        }
    }

    /** One assistant message (or a bare string) as an output message. */
    static ObjectNode output(JsonNode message, JsonNode finishReason) {
        ArrayNode parts;
        if (message != null && message.isTextual()) {
            parts = single(message.asText());
        } else {
            parts = contentParts(message == null ? null : message.get("content"));
            if (message != null) {
                parts.addAll(toolCalls(message.get("tool_calls")));
            }
        }
        ObjectNode m = Json.message("assistant", parts);
        if (finishReason != null && finishReason.isTextual()) {
            m.put("finish_reason", finishReason.asText());
        }
        return m;
    }

    /**
     * The choices of a chat-completion response as output messages, with finish reasons; a text-completion
     * choice's {@code text} is taken as its content.
     */
    static void choices(JsonNode response, ObjectNode event) {
        JsonNode choices = response == null ? null : response.get("choices");
        if (choices == null || !choices.isArray()) {
            return;
        }
        ArrayNode out = Json.NODES.arrayNode();
        ArrayNode reasons = Json.NODES.arrayNode();
        for (JsonNode c : choices) {
            JsonNode message = c.has("message") ? c.get("message") : c.get("text");
            out.add(output(message, c.get("finish_reason")));
            if (c.path("finish_reason").isTextual()) {
                reasons.add(c.get("finish_reason").asText());
            }
        }
        event.set("gen_ai.output.messages", out);
        if (!reasons.isEmpty()) {
            event.set("gen_ai.response.finish_reasons", reasons);
        }
    }

    private static ArrayNode single(String text) {
        ArrayNode parts = Json.NODES.arrayNode();
        parts.add(Json.textPart(text));
        return parts;
    }

    /** Content as parts: a string is one text part; of a list, the text parts (images and audio carry no text). */
    static ArrayNode contentParts(JsonNode content) {
        ArrayNode parts = Json.NODES.arrayNode();
        if (content == null || content.isNull()) {
            return parts;
        }
        if (content.isTextual()) {
            parts.add(Json.textPart(content.asText()));
        } else if (content.isArray()) {
            for (JsonNode p : content) {
                if (p.isTextual()) {
                    parts.add(Json.textPart(p.asText()));
                } else if (p.path("text").isTextual()) {
                    parts.add(Json.textPart(p.get("text").asText()));
                }
            }
        }
        return parts;
    }

    private static String contentText(JsonNode content) {
        if (content != null && content.isArray()) {
            StringBuilder s = new StringBuilder();
            for (JsonNode p : contentParts(content)) {
                s.append(s.isEmpty() ? "" : "\n").append(p.get("content").asText());
            }
            return s.toString();
        }
        return Json.asText(content);
    }

    private static ArrayNode toolCalls(JsonNode calls) {
        ArrayNode parts = Json.NODES.arrayNode();
        if (calls == null || !calls.isArray()) {
            return parts;
        }
        for (JsonNode c : calls) {
            ObjectNode p = Json.NODES.objectNode();
            p.put("type", "tool_call");
            Json.putText(p, "id", Json.text(c, "id"));
            Json.putText(p, "name", Json.text(c, "function", "name"));
            JsonNode args = Json.at(c, "function", "arguments");
            if (args != null && args.isTextual()) { // OpenAI sends the arguments as a JSON text
                p.set(
                        "arguments",
                        Json.parseObject(args.asText())
                                .map(JsonNode.class::cast)
                                .orElse(args));
            } else if (args != null) {
                p.set("arguments", args);
            }
            parts.add(p);
        }
        return parts;
    }
}
