package org.atlasops.detect.sink;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.atlasops.detect.alert.Alert;
import org.atlasops.detect.alert.AlertWriter;

/**
 * The Elasticsearch / OpenSearch bulk API (elastic.co, "Bulk API"; opensearch.org, "Bulk"): {@code POST /_bulk}
 * with {@code Content-Type: application/x-ndjson}, a body of action and document lines ending in a newline. Each
 * alert is a {@code create} with {@code _id} its stable id, so a repeat (a stream replayed after a crash) is
 * refused as a conflict instead of indexed twice; a 409 item counts as delivered. The answer's {@code items} are
 * read one by one: 429 and 5xx items are sent again, other failed items are reported with their error type and
 * reason. Credentials: {@code user:password} for basic authentication, else an API key ({@code Authorization:
 * ApiKey …}).
 */
final class ElasticBulk implements Transport {
    static final String DEFAULT_INDEX = "atlas-ops-alerts";
    private static final ObjectMapper JSON = new ObjectMapper();

    private final SinkSpec spec;
    private final URI endpoint;
    private final Http http;

    ElasticBulk(SinkSpec spec) {
        this.spec = spec;
        this.endpoint = URI.create(spec.url() + "/_bulk");
        this.http = new Http(spec.caFile());
    }

    @Override
    public Outcome deliver(List<Alert> batch) throws Failed {
        String index = spec.index().orElse(DEFAULT_INDEX);
        StringBuilder body = new StringBuilder();
        for (Alert a : batch) {
            ObjectNode action = JSON.createObjectNode();
            action.putObject("create").put("_index", index).put("_id", a.id());
            body.append(action).append('\n');
            body.append(AlertWriter.line(a, spec.format())).append('\n');
        }
        Map<String, String> headers = new LinkedHashMap<>();
        headers.put("Content-Type", "application/x-ndjson");
        spec.token().ifPresent(t -> headers.put("Authorization", authorization(t)));
        HttpResponse<String> r = http.post(endpoint, headers, body.toString());
        int status = r.statusCode();
        if (status / 100 != 2) {
            String what = "bulk API answered " + status + " " + Http.brief(r.body());
            if (status == 401 || status == 403) {
                what += "; check the credentials (--sink-token-env names the variable that holds them)";
            }
            throw new Failed(what, Http.retryable(status));
        }
        JsonNode answer;
        try {
            answer = JSON.readTree(r.body());
        } catch (IOException e) {
            throw new Failed("bulk API answered 200 with a body that is not JSON: " + Http.brief(r.body()), false);
        }
        if (answer == null || !answer.path("errors").asBoolean(false)) {
            return Outcome.DELIVERED;
        }
        JsonNode items = answer.path("items");
        if (!items.isArray() || items.size() != batch.size()) {
            throw new Failed("bulk API reported errors without one item per alert: " + Http.brief(r.body()), false);
        }
        List<Alert> retry = new ArrayList<>();
        List<Rejected> rejected = new ArrayList<>();
        for (int i = 0; i < batch.size(); i++) {
            JsonNode item =
                    items.get(i).elements().hasNext() ? items.get(i).elements().next() : null;
            int s = item == null ? 500 : item.path("status").asInt(500);
            if (s / 100 == 2 || s == 409) {
                continue; // taken, or already there under the same id
            }
            if (Http.retryable(s)) {
                retry.add(batch.get(i));
            } else {
                JsonNode err = item == null ? null : item.get("error");
                String reason = err == null
                        ? "status " + s
                        : err.path("type").asText("error") + ": "
                                + err.path("reason").asText("");
                rejected.add(new Rejected(batch.get(i), "item " + s + " " + reason));
            }
        }
        return new Outcome(retry, rejected);
    }

    private static String authorization(String token) {
        if (token.contains(":")) {
            return "Basic " + Base64.getEncoder().encodeToString(token.getBytes(StandardCharsets.UTF_8));
        }
        return "ApiKey " + token;
    }
}
