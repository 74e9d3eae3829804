package org.atlasops.emulate.target;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.net.URI;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * One call to an OpenAI-compatible {@code POST {base}/chat/completions} (non-streaming), shared by the chat target
 * and the agent harness.
 */
final class ChatClient {
    private final URI endpoint;
    private final String model;
    private final Optional<String> apiKey;
    private final Http http;

    ChatClient(URI baseUrl, String model, Optional<String> apiKey, Http http) {
        String base = baseUrl.toString();
        this.endpoint = URI.create((base.endsWith("/") ? base : base + "/") + "chat/completions");
        this.model = model;
        this.apiKey = apiKey;
        this.http = http;
    }

    URI endpoint() {
        return endpoint;
    }

    /**
     * What one completion gave: the outcome, the assistant message (its {@code content} and {@code tool_calls}),
     * the finish reason and the usage.
     */
    record Completion(
            Reply.Outcome outcome,
            Optional<ObjectNode> message,
            String finishReason,
            Reply.Usage usage,
            String detail) {
        static Completion failed(Reply.Outcome outcome, String detail, Reply.Usage usage) {
            return new Completion(outcome, Optional.empty(), "", usage, detail);
        }

        Optional<String> text() {
            return message.map(m -> m.path("content"))
                    .filter(JsonNode::isTextual)
                    .map(JsonNode::asText)
                    .or(() -> message.map(m -> m.path("refusal"))
                            .filter(JsonNode::isTextual)
                            .map(JsonNode::asText));
        }

        ArrayNode toolCalls() {
            return message.map(m -> m.path("tool_calls"))
                    .filter(JsonNode::isArray)
                    .map(n -> (ArrayNode) n)
                    .orElseGet(Http.JSON::createArrayNode);
        }
    }

    Completion complete(ArrayNode messages, Optional<ArrayNode> tools) throws InterruptedException {
        ObjectNode body = Http.JSON.createObjectNode();
        body.put("model", model);
        body.set("messages", messages);
        tools.filter(t -> !t.isEmpty()).ifPresent(t -> body.set("tools", t));
        Map<String, String> headers = new LinkedHashMap<>();
        apiKey.ifPresent(k -> headers.put("Authorization", "Bearer " + k));
        Http.Exchange x = http.post(endpoint, body.toString(), headers);
        Reply.Usage one = new Reply.Usage(1, 0, 0);
        if (!x.answered()) {
            return Completion.failed(x.failure(), x.detail(), one);
        }
        if (x.status() < 200 || x.status() > 299) {
            return Completion.failed(x.statusOutcome(), x.statusDetail(), one);
        }
        Optional<JsonNode> json = x.json();
        if (json.isEmpty() || !json.get().isObject()) {
            return Completion.failed(
                    Reply.Outcome.MALFORMED, "the answer of " + endpoint + " is not a JSON object", one);
        }
        JsonNode root = json.get();
        JsonNode usage = root.path("usage");
        Reply.Usage used = new Reply.Usage(
                1,
                Math.max(0, usage.path("prompt_tokens").asLong(0)),
                Math.max(0, usage.path("completion_tokens").asLong(0)));
        JsonNode choice = root.path("choices").path(0);
        JsonNode message = choice.path("message");
        if (!message.isObject()) {
            return Completion.failed(
                    Reply.Outcome.MALFORMED, "the answer of " + endpoint + " has no choices[0].message", used);
        }
        String finish = choice.path("finish_reason").asText("");
        if (finish.equals("content_filter")) {
            return new Completion(
                    Reply.Outcome.BLOCKED,
                    Optional.of((ObjectNode) message),
                    finish,
                    used,
                    "the answer was withheld by a content filter (finish_reason content_filter)");
        }
        return new Completion(Reply.Outcome.OK, Optional.of((ObjectNode) message), finish, used, "");
    }

    /** The conversation of a chat request as OpenAI messages. */
    static ArrayNode messages(Request.Chat chat) {
        ArrayNode a = Http.JSON.createArrayNode();
        for (Request.Message m : chat.messages()) {
            a.addObject().put("role", m.role()).put("content", m.content());
        }
        return a;
    }

    static Reply.Usage plus(Reply.Usage a, Reply.Usage b) {
        return new Reply.Usage(
                a.requests() + b.requests(),
                a.promptTokens() + b.promptTokens(),
                a.completionTokens() + b.completionTokens());
    }
}
