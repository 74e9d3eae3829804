package org.atlasops.detect.adapter;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;
import java.util.Optional;

/**
 * LiteLLM proxy logs: the {@code StandardLoggingPayload} its loggers receive (docs.litellm.ai, "StandardLoggingPayload
 * specification": {@code id, call_type, startTime} in epoch seconds, {@code model, model_group,
 * custom_llm_provider, messages, response, metadata.user_api_key_*, end_user, requester_ip_address, prompt_tokens,
 * completion_tokens}) and a row of its spend logs ({@code LiteLLM_SpendLogs}: {@code request_id, user, api_key,
 * session_id}, ISO times). Messages and responses are in OpenAI's chat form (or Anthropic's, for
 * {@code anthropic_messages}).
 */
final class LiteLlm implements Adapter.RecordAdapter {
    @Override
    public List<ObjectNode> adapt(ObjectNode r) throws Adapter.NotThisShape {
        if (!r.has("call_type") || !(r.has("messages") || r.has("response") || r.has("model"))) {
            throw new Adapter.NotThisShape(
                    "not a LiteLLM log record (a standard logging payload or spend log row has call_type, model, "
                            + "messages and response)");
        }
        ObjectNode e = Json.NODES.objectNode();
        Json.putText(e, "@timestamp", Json.time(r.get("startTime")));
        String callType = Json.text(r, "call_type").orElse("");
        e.put(
                "gen_ai.operation.name",
                callType.contains("embedding")
                        ? "embeddings"
                        : callType.contains("text_completion") ? "text_completion" : "chat");
        Json.putText(e, "gen_ai.provider.name", Json.text(r, "custom_llm_provider"));
        Json.putText(e, "gen_ai.request.model", Json.text(r, "model_group").or(() -> Json.text(r, "model")));
        Json.putText(
                e, "gen_ai.response.model", Json.text(r, "response", "model").or(() -> Json.text(r, "model")));
        Json.putText(
                e,
                "gen_ai.conversation.id",
                Json.text(r, "session_id")
                        .or(() -> Json.text(r, "trace_id"))
                        .or(() -> Json.text(r, "id"))
                        .or(() -> Json.text(r, "request_id")));
        Json.putText(
                e,
                "user.id",
                first(
                        Json.text(r, "end_user"),
                        Json.text(r, "metadata", "user_api_key_end_user_id"),
                        Json.text(r, "user"),
                        Json.text(r, "metadata", "user_api_key_user_id")));
        Json.putText(
                e,
                "client.address",
                Json.text(r, "requester_ip_address").or(() -> Json.text(r, "metadata", "requester_ip_address")));
        Json.putText(
                e,
                "client.id",
                first(
                        Json.text(r, "metadata", "user_api_key_alias"),
                        Json.text(r, "metadata", "user_api_key_hash"),
                        Json.text(r, "api_key")));
        OpenAiMessages.input(r.get("messages"), e);
        JsonNode response = r.get("response");
        if (response != null && response.isObject()) {
            OpenAiMessages.choices(response, e);
            if (!e.has("gen_ai.output.messages") && response.path("content").isArray()) { // Anthropic's form
                ArrayNode out = Json.NODES.arrayNode();
                out.add(OpenAiMessages.output(response, response.get("stop_reason")));
                e.set("gen_ai.output.messages", out);
            }
        }
        Json.number(r, "prompt_tokens").ifPresent(n -> e.put("gen_ai.usage.input_tokens", n));
        Json.number(r, "completion_tokens").ifPresent(n -> e.put("gen_ai.usage.output_tokens", n));
        return List.of(e);
    }

    @SafeVarargs
    private static Optional<String> first(Optional<String>... options) {
        for (Optional<String> o : options) {
            if (o.isPresent()) {
                return o;
            }
        }
        return Optional.empty();
    }
}
