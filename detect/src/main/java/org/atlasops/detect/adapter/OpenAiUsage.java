package org.atlasops.detect.adapter;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The OpenAI organisation usage API (platform.openai.com, API reference "Usage": {@code GET
 * /v1/organization/usage/completions} and siblings): a page ({@code object: page, data: [buckets]}), a bucket
 * ({@code object: bucket, start_time, end_time, results}) or one result ({@code
 * organization.usage.completions.result}: {@code input_tokens, output_tokens, num_model_requests, project_id,
 * user_id, api_key_id, model}). Each result becomes a model API access event for the bucket's start, with the API
 * key (else the user, else the project) as {@code client.id}, so the token and request-rate correlations group per
 * key. The usage API aggregates: one event stands for {@code num_model_requests} requests.
 */
final class OpenAiUsage implements Adapter.RecordAdapter {
    @Override
    public List<ObjectNode> adapt(ObjectNode r) throws Adapter.NotThisShape {
        String object = Json.text(r, "object").orElse("");
        List<ObjectNode> out = new ArrayList<>();
        if (object.equals("page") && r.path("data").isArray()) {
            for (JsonNode b : r.get("data")) {
                bucket(b, out);
            }
        } else if (object.equals("bucket")) {
            bucket(r, out);
        } else if (object.startsWith("organization.usage.")) {
            out.add(result(r, Optional.empty()));
        } else {
            throw new Adapter.NotThisShape(
                    "not an OpenAI usage record (object is page, bucket or " + "organization.usage.*.result)");
        }
        return out;
    }

    private static void bucket(JsonNode b, List<ObjectNode> out) {
        Optional<String> start = Json.time(b.get("start_time"));
        for (JsonNode res : b.path("results")) {
            if (res.isObject()) {
                out.add(result(res, start));
            }
        }
    }

    private static ObjectNode result(JsonNode res, Optional<String> start) {
        ObjectNode e = Json.NODES.objectNode();
        Json.putText(e, "@timestamp", start.or(() -> Json.time(res.get("start_time"))));
        String kind = Json.text(res, "object").orElse("organization.usage.completions.result");
        e.put("url.path", path(kind));
        e.put("http.request.method", "POST");
        Json.putText(
                e,
                "client.id",
                Json.text(res, "api_key_id")
                        .or(() -> Json.text(res, "user_id"))
                        .or(() -> Json.text(res, "project_id")));
        Json.putText(e, "user.id", Json.text(res, "user_id"));
        Json.putText(e, "model.name", Json.text(res, "model"));
        e.put("gen_ai.provider.name", "openai");
        long in = Json.number(res, "input_tokens").orElse(0L);
        long outTokens = Json.number(res, "output_tokens").orElse(0L);
        e.put("usage.input_tokens", in);
        e.put("usage.output_tokens", outTokens);
        e.put("usage.total_tokens", in + outTokens);
        Json.number(res, "num_model_requests").ifPresent(n -> e.put("request.count", n));
        return e;
    }

    /** The API path a usage kind counts (organization.usage.embeddings.result: /v1/embeddings). */
    private static String path(String kind) {
        String k = kind.replace("organization.usage.", "").replace(".result", "");
        return switch (k) {
            case "embeddings" -> "/v1/embeddings";
            case "moderations" -> "/v1/moderations";
            case "images" -> "/v1/images/generations";
            case "audio_speeches" -> "/v1/audio/speech";
            case "audio_transcriptions" -> "/v1/audio/transcriptions";
            default -> "/v1/chat/completions";
        };
    }
}
