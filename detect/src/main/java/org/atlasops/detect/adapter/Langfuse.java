package org.atlasops.detect.adapter;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Langfuse observations (langfuse.com, public API reference, {@code GET /api/public/observations}: {@code id,
 * traceId, type, startTime, model, input, output, usageDetails} or {@code usage}, {@code metadata}), one per line,
 * or a trace ({@code GET /api/public/traces/{id}}: {@code userId, sessionId}, {@code observations}) whose
 * generations become one event each. Only observations of type {@code GENERATION} are model calls; spans and events
 * give no event. Inputs and outputs are what the integrations log: OpenAI chat messages, an object with
 * {@code messages}, or text.
 */
final class Langfuse implements Adapter.RecordAdapter {
    @Override
    public List<ObjectNode> adapt(ObjectNode r) throws Adapter.NotThisShape {
        if (r.path("observations").isArray()) {
            List<ObjectNode> out = new ArrayList<>();
            for (JsonNode o : r.get("observations")) {
                if (o instanceof ObjectNode obs && isGeneration(obs)) {
                    out.add(event(obs, r));
                }
            }
            return out;
        }
        if (!r.has("type") || !(r.has("traceId") || r.has("trace_id"))) {
            throw new Adapter.NotThisShape(
                    "not a Langfuse observation or trace (an observation has type and traceId; a trace has "
                            + "observations)");
        }
        return isGeneration(r) ? List.of(event(r, r)) : List.of();
    }

    private static boolean isGeneration(ObjectNode o) {
        return Json.text(o, "type")
                .map(t -> t.toUpperCase(Locale.ROOT).equals("GENERATION"))
                .orElse(false);
    }

    private static ObjectNode event(ObjectNode o, ObjectNode trace) {
        ObjectNode e = Json.NODES.objectNode();
        Json.putText(e, "@timestamp", Json.time(o.get("startTime")).or(() -> Json.time(trace.get("timestamp"))));
        e.put("gen_ai.operation.name", "chat");
        Json.putText(e, "gen_ai.request.model", Json.text(o, "model"));
        Json.putText(
                e,
                "gen_ai.provider.name",
                Json.text(o, "metadata", "ls_provider").or(() -> Json.text(o, "metadata", "provider")));
        Json.putText(
                e,
                "gen_ai.conversation.id",
                Json.text(o, "sessionId")
                        .or(() -> Json.text(trace, "sessionId"))
                        .or(() -> Json.text(o, "traceId"))
                        .or(() -> Json.text(trace, "id")));
        Json.putText(e, "user.id", Json.text(o, "userId").or(() -> Json.text(trace, "userId")));
        JsonNode input = o.get("input");
        if (input != null && input.isObject() && input.has("messages")) {
            input = input.get("messages");
        }
        OpenAiMessages.input(input, e);
        JsonNode output = o.get("output");
        if (output != null && output.isObject() && output.has("choices")) {
            OpenAiMessages.choices(output, e);
        } else if (output != null && !output.isNull()) {
            ArrayNode out = Json.NODES.arrayNode();
            out.add(OpenAiMessages.output(output, null));
            e.set("gen_ai.output.messages", out);
        }
        JsonNode usage = o.has("usageDetails") ? o.get("usageDetails") : o.get("usage");
        Json.number(usage, "input").ifPresent(n -> e.put("gen_ai.usage.input_tokens", n));
        Json.number(usage, "output").ifPresent(n -> e.put("gen_ai.usage.output_tokens", n));
        return e;
    }
}
