package org.atlasops.detect.sink;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import org.atlasops.detect.alert.Alert;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The bulk sink against a loopback receiver that checks the bulk API's NDJSON strictly (one create action with
 * index and id, then the document, each on its own line, a final newline) and answers with per-item results: a
 * created item, a mapping error (reported, not retried), a throttled item (sent again) and a conflict (already
 * there: delivered).
 */
class ElasticBulkTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path dir;

    private final List<String> reports = new CopyOnWriteArrayList<>();

    /** The alerts' ids of a bulk request, checking its form. */
    private static List<String> ids(Receiver.Request r, String index) throws Exception {
        assertThat(r.method()).isEqualTo("POST");
        assertThat(r.path()).isEqualTo("/_bulk");
        assertThat(r.header("Content-Type")).isEqualTo("application/x-ndjson");
        assertThat(r.body()).endsWith("\n");
        String[] lines = r.body().split("\n", -1);
        assertThat(lines.length % 2)
                .as("action and document pairs, then the final newline")
                .isEqualTo(1);
        List<String> ids = new ArrayList<>();
        for (int i = 0; i + 1 < lines.length; i += 2) {
            JsonNode action = JSON.readTree(lines[i]);
            JsonNode doc = JSON.readTree(lines[i + 1]);
            assertThat(action.fieldNames()).toIterable().containsExactly("create");
            assertThat(action.get("create").get("_index").asText()).isEqualTo(index);
            assertThat(action.get("create").get("_id").asText())
                    .isEqualTo(doc.get("id").asText());
            ids.add(doc.get("id").asText());
        }
        return ids;
    }

    private static String item(int status, String error) {
        return "{\"create\":{\"_index\":\"atlas-ops-alerts\",\"_id\":\"x\",\"status\":" + status
                + (error == null ? "" : ",\"error\":" + error) + "}}";
    }

    @Test
    void perItemErrorsAreReportedThrottledItemsSentAgainAndConflictsCountAsDelivered() throws Exception {
        List<Alert> alerts = Alerts.some().subList(0, 4);
        String mixed = "{\"took\":3,\"errors\":true,\"items\":[" + item(201, null) + ","
                + item(400, "{\"type\":\"mapper_parsing_exception\",\"reason\":\"failed to parse field [time]\"}")
                + "," + item(429, "{\"type\":\"es_rejected_execution_exception\",\"reason\":\"queue full\"}") + ","
                + item(409, "{\"type\":\"version_conflict_engine_exception\",\"reason\":\"document already exists\"}")
                + "]}";
        try (Receiver es = new Receiver(
                "/_bulk",
                r -> new Receiver.Answer(
                        200, "{\"took\":1,\"errors\":false," + "\"items\":[" + item(201, null) + "]}"))) {
            es.then(r -> new Receiver.Answer(200, mixed));
            AlertSender sender = AlertSender.open(
                    SinkSpec.of(SinkSpec.Kind.ELASTIC, es.url())
                            .withToken(Optional.of("elastic:changeme"))
                            .withBatching(4, 10)
                            .withRetry(Duration.ofSeconds(20), SinkSpec.OnFailure.CONTINUE)
                            .withSpill(Optional.of(dir.resolve("spill.jsonl"))),
                    reports::add);
            for (Alert a : alerts) {
                sender.accept(a);
            }
            AlertSender.Stats stats = sender.finish();

            assertThat(stats.accepted()).isEqualTo(4);
            assertThat(stats.delivered()).isEqualTo(3);
            assertThat(stats.undelivered()).isEqualTo(1);
            assertThat(es.requests).hasSize(2);
            assertThat(ids(es.requests.get(0), "atlas-ops-alerts"))
                    .containsExactlyElementsOf(alerts.stream().map(Alert::id).toList());
            assertThat(ids(es.requests.get(1), "atlas-ops-alerts"))
                    .containsExactly(alerts.get(2).id());
            assertThat(es.requests.get(0).header("Authorization"))
                    .isEqualTo("Basic "
                            + Base64.getEncoder().encodeToString("elastic:changeme".getBytes(StandardCharsets.UTF_8)));
            assertThat(reports)
                    .anySatisfy(m -> assertThat(m)
                            .contains("1 alert not delivered")
                            .contains("mapper_parsing_exception: failed to parse field [time]"));
        }
    }

    @Test
    void anApiKeyAndAnIndexOfOnesOwn() throws Exception {
        Alert alert = Alerts.some().get(0);
        try (Receiver es = new Receiver(
                "/_bulk",
                r -> new Receiver.Answer(200, "{\"took\":1,\"errors\":false,\"items\":[" + item(201, null) + "]}"))) {
            AlertSender sender = AlertSender.open(
                    SinkSpec.of(SinkSpec.Kind.ELASTIC, es.url() + "/")
                            .withToken(Optional.of("VnVhQ2ZHY0JDZGJrUW0tZTVhT3g6dWkybHAyYXhUTm1zeWFrdzl0dk5udw=="))
                            .withIndex(Optional.of("logs-atlas_ops.alerts-default")),
                    reports::add);
            sender.accept(alert);
            assertThat(sender.finish().delivered()).isEqualTo(1);
            assertThat(ids(es.requests.get(0), "logs-atlas_ops.alerts-default")).containsExactly(alert.id());
            assertThat(es.requests.get(0).header("Authorization"))
                    .isEqualTo("ApiKey VnVhQ2ZHY0JDZGJrUW0tZTVhT3g6dWkybHAyYXhUTm1zeWFrdzl0dk5udw==");
        }
    }
}
