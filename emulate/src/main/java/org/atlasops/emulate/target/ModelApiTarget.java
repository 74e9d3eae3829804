package org.atlasops.emulate.target;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * A classic model behind a JSON inference API: each {@link Request.Infer} posts its input as the body and the
 * answer's JSON is the reply's data (its {@code label}, when it has one, is the text). Not JSON is
 * {@link Reply.Outcome#MALFORMED}.
 */
public final class ModelApiTarget implements Target {
    private final String name;
    private final URI url;
    private final Map<String, String> headers;
    private final Http http;

    public ModelApiTarget(String name, URI url, Map<String, String> headers, Duration timeout) {
        this.name = name;
        this.url = url;
        this.headers = Map.copyOf(headers);
        this.http = new Http(timeout);
    }

    @Override
    public String name() {
        return name;
    }

    @Override
    public Set<TargetKind> kinds() {
        return Set.of(TargetKind.MODEL_API);
    }

    @Override
    public Reply send(Request request) throws InterruptedException {
        long start = System.nanoTime();
        if (!(request instanceof Request.Infer infer)) {
            return Replies.unsupported(request, name, start);
        }
        Http.Exchange x = http.post(url, infer.input().toString(), headers);
        Reply.Usage one = new Reply.Usage(1, 0, 0);
        if (!x.answered()) {
            return Replies.failed(x.failure(), x.detail(), one, start);
        }
        if (x.status() < 200 || x.status() > 299) {
            return Replies.failed(x.statusOutcome(), x.statusDetail(), one, start);
        }
        Optional<JsonNode> json = x.json();
        if (json.isEmpty()) {
            return Replies.failed(Reply.Outcome.MALFORMED, "the answer of " + url + " is not JSON", one, start);
        }
        Optional<String> label = Optional.of(json.get().path("label"))
                .filter(JsonNode::isValueNode)
                .map(JsonNode::asText);
        return new Reply(Reply.Outcome.OK, label, json, List.of(), one, Replies.since(start), "");
    }

    @Override
    public void close() {
        // nothing held
    }
}
