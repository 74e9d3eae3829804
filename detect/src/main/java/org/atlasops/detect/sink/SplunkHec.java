package org.atlasops.detect.sink;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.math.BigDecimal;
import java.net.InetAddress;
import java.net.URI;
import java.net.UnknownHostException;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.atlasops.detect.alert.Alert;
import org.atlasops.detect.alert.AlertWriter;

/**
 * Splunk's HTTP Event Collector (docs.splunk.com, "Format events for HTTP Event Collector" and "HTTP Event
 * Collector REST API endpoints"): {@code POST /services/collector/event} with {@code Authorization: Splunk TOKEN};
 * the body is the batch's event objects one after another, each {@code {"time": epoch seconds, "host", "source",
 * "sourcetype", "index"?, "event": alert}}. The answer {@code {"text":"Success","code":0}} takes the batch; 503
 * (server busy), 429 and 5xx are retried; 400 with {@code invalid-event-number} N means the events before N were
 * indexed, N was refused, and the rest are sent again; other 4xx refuse the batch.
 */
final class SplunkHec implements Transport {
    static final String SOURCETYPE = "atlas-ops:alert";
    private static final ObjectMapper JSON = new ObjectMapper();

    private final SinkSpec spec;
    private final URI endpoint;
    private final Http http;
    private final String host;

    SplunkHec(SinkSpec spec) {
        this.spec = spec;
        URI base = spec.url();
        this.endpoint = base.getPath() != null && base.getPath().contains("/services/collector")
                ? base
                : URI.create(base + "/services/collector/event");
        this.http = new Http(spec.caFile());
        this.host = hostName();
    }

    @Override
    public Outcome deliver(List<Alert> batch) throws Failed {
        StringBuilder body = new StringBuilder();
        for (Alert a : batch) {
            Map<String, Object> envelope = new LinkedHashMap<>();
            envelope.put("time", new BigDecimal(a.time().toEpochMilli()).movePointLeft(3));
            envelope.put("host", host);
            envelope.put("source", "atlas-ops");
            envelope.put("sourcetype", SOURCETYPE);
            spec.index().ifPresent(i -> envelope.put("index", i));
            try {
                String head = JSON.writeValueAsString(envelope);
                body.append(head, 0, head.length() - 1)
                        .append(",\"event\":")
                        .append(AlertWriter.line(a, spec.format()))
                        .append("}\n");
            } catch (IOException e) {
                throw new IllegalStateException(e);
            }
        }
        Map<String, String> headers = new LinkedHashMap<>();
        headers.put("Content-Type", "application/json");
        spec.token().ifPresent(t -> headers.put("Authorization", "Splunk " + t));
        HttpResponse<String> r = http.post(endpoint, headers, body.toString());
        int status = r.statusCode();
        if (status / 100 == 2) {
            return Outcome.DELIVERED;
        }
        String what = "HEC answered " + status + " " + Http.brief(r.body());
        if (Http.retryable(status)) {
            throw new Failed(what, true);
        }
        if (status == 400) {
            int invalid = invalidEventNumber(r.body());
            if (invalid >= 0 && invalid < batch.size()) {
                List<Rejected> rejected = List.of(new Rejected(batch.get(invalid), what));
                return new Outcome(new ArrayList<>(batch.subList(invalid + 1, batch.size())), rejected);
            }
        }
        if (status == 401 || status == 403) {
            what += "; check the token (--sink-token-env names the variable that holds it)";
        }
        throw new Failed(what, false);
    }

    private static int invalidEventNumber(String body) {
        try {
            JsonNode n = JSON.readTree(body);
            return n != null && n.path("invalid-event-number").isInt()
                    ? n.get("invalid-event-number").asInt()
                    : -1;
        } catch (IOException e) {
            return -1;
        }
    }

    private static String hostName() {
        try {
            return InetAddress.getLocalHost().getHostName();
        } catch (UnknownHostException e) {
            return "localhost";
        }
    }
}
