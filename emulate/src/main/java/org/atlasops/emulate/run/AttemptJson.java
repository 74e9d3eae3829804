package org.atlasops.emulate.run;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.atlasops.emulate.judge.Verdict;

/** The one JSON form of an attempt: a line of {@code attempts.jsonl}, and the JSON and JSONL reports. */
public final class AttemptJson {
    static final ObjectMapper MAPPER = new ObjectMapper();

    private AttemptJson() {}

    public static ObjectNode toJson(Attempt a) {
        ObjectNode o = JsonNodeFactory.instance.objectNode();
        o.put("key", a.key());
        o.put("procedure", a.procedure());
        o.put("name", a.name());
        o.put("technique", a.technique());
        o.put("tactic", a.tactic());
        o.put("atlas_release", a.release());
        o.put("index", a.index());
        o.put("seed", a.seed());
        o.put("canary", a.canary());
        o.put("target", a.target());
        o.put("source", a.source());
        o.put("started", a.started().toString());
        o.put("elapsed_ms", a.elapsedMillis());
        o.put("verdict", a.verdict().label());
        o.put("reason", a.reason());
        ObjectNode usage = o.putObject("usage");
        usage.put("requests", a.requests());
        usage.put("prompt_tokens", a.promptTokens());
        usage.put("completion_tokens", a.completionTokens());
        ArrayNode ex = o.putArray("exchanges");
        for (Attempt.Sent s : a.exchanges()) {
            ObjectNode e = ex.addObject();
            e.put("step", s.step());
            e.put("label", s.label());
            e.put("kind", s.kind());
            e.set("request", s.request());
            e.put("outcome", s.outcome());
            s.answer().ifPresent(t -> e.put("answer", t));
            s.data().ifPresent(d -> e.set("data", d));
            e.set("tool_calls", s.toolCalls());
            e.put("elapsed_ms", s.elapsedMillis());
            e.put("prompt_tokens", s.promptTokens());
            e.put("completion_tokens", s.completionTokens());
            if (!s.detail().isEmpty()) {
                e.put("detail", s.detail());
            }
        }
        return o;
    }

    /** @throws IllegalArgumentException when the JSON is not an attempt */
    public static Attempt fromJson(JsonNode o) {
        try {
            List<Attempt.Sent> sent = new ArrayList<>();
            for (JsonNode e : o.path("exchanges")) {
                sent.add(new Attempt.Sent(
                        e.path("step").asInt(),
                        e.path("label").asText(),
                        e.path("kind").asText(),
                        e.path("request"),
                        e.path("outcome").asText(),
                        e.hasNonNull("answer") ? Optional.of(e.get("answer").asText()) : Optional.empty(),
                        e.hasNonNull("data") ? Optional.of(e.get("data")) : Optional.empty(),
                        e.has("tool_calls") ? e.get("tool_calls") : JsonNodeFactory.instance.arrayNode(),
                        e.path("elapsed_ms").asLong(),
                        e.path("prompt_tokens").asLong(),
                        e.path("completion_tokens").asLong(),
                        e.path("detail").asText("")));
            }
            return new Attempt(
                    text(o, "key"),
                    text(o, "procedure"),
                    o.path("name").asText(""),
                    text(o, "technique"),
                    o.path("tactic").asText(""),
                    o.path("atlas_release").asText(""),
                    o.path("index").asInt(),
                    o.path("seed").asLong(),
                    o.path("canary").asText(""),
                    o.path("target").asText(""),
                    o.path("source").asText("atlas-ops"),
                    Instant.parse(text(o, "started")),
                    o.path("elapsed_ms").asLong(),
                    sent,
                    Verdict.parse(text(o, "verdict")),
                    o.path("reason").asText(""),
                    o.path("usage").path("requests").asInt(),
                    o.path("usage").path("prompt_tokens").asLong(),
                    o.path("usage").path("completion_tokens").asLong());
        } catch (RuntimeException e) {
            throw new IllegalArgumentException("not an attempt: " + e.getMessage(), e);
        }
    }

    private static String text(JsonNode o, String field) {
        JsonNode v = o.get(field);
        if (v == null || !v.isTextual() || v.asText().isEmpty()) {
            throw new IllegalArgumentException("field '" + field + "' is missing");
        }
        return v.asText();
    }
}
