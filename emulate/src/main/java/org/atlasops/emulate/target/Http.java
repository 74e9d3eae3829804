package org.atlasops.emulate.target;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.ConnectException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * The HTTP exchange every HTTP target makes: one POST with a JSON body, bounded by a timeout, and what came back
 * sorted into the outcomes of {@link Reply}. It never throws for what the far side did.
 */
final class Http {
    static final ObjectMapper JSON = new ObjectMapper();
    /** Answers above this are cut: a target answering without end must not fill the heap. */
    static final int MAX_BODY = 8 * 1024 * 1024;

    private final HttpClient client;
    private final Duration timeout;

    Http(Duration timeout) {
        this.timeout = timeout;
        this.client = HttpClient.newBuilder()
                .connectTimeout(timeout)
                .followRedirects(HttpClient.Redirect.NEVER)
                .build();
    }

    Duration timeout() {
        return timeout;
    }

    /** What came back: a status and body, or the outcome and reason when nothing usable came back. */
    record Exchange(int status, String body, Reply.Outcome failure, String detail) {
        static Exchange failed(Reply.Outcome outcome, String detail) {
            return new Exchange(0, "", outcome, detail);
        }

        boolean answered() {
            return failure == null;
        }

        /** The body as JSON, if it is JSON. */
        Optional<JsonNode> json() {
            try {
                JsonNode n = JSON.readTree(body);
                return n == null || n.isMissingNode() ? Optional.empty() : Optional.of(n);
            } catch (IOException e) {
                return Optional.empty();
            }
        }

        /**
         * The outcome of a non-2xx status: a content filter's 400/403 (or any 403) is BLOCKED, the rest ERROR. The
         * OpenAI API and Azure answer {@code content_filter} / {@code content_policy_violation} codes.
         */
        Reply.Outcome statusOutcome() {
            String b = body.toLowerCase(Locale.ROOT);
            boolean filter = b.contains("content_filter")
                    || b.contains("content filter")
                    || b.contains("content_policy")
                    || b.contains("content management policy")
                    || b.contains("responsibleaipolicyviolation")
                    || b.contains("guardrail");
            if ((status == 400 && filter) || status == 403) {
                return Reply.Outcome.BLOCKED;
            }
            return Reply.Outcome.ERROR;
        }

        String statusDetail() {
            String b = body.strip().replaceAll("\\s+", " ");
            return "HTTP " + status + (b.isEmpty() ? "" : ": " + (b.length() > 200 ? b.substring(0, 200) + "…" : b));
        }
    }

    Exchange post(URI uri, String body, Map<String, String> headers) throws InterruptedException {
        HttpRequest.Builder b = HttpRequest.newBuilder(uri)
                .timeout(timeout)
                .header("Content-Type", "application/json")
                .header("Accept", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body, StandardCharsets.UTF_8));
        headers.forEach(b::header);
        return send(b.build());
    }

    Exchange get(URI uri, Map<String, String> headers) throws InterruptedException {
        HttpRequest.Builder b = HttpRequest.newBuilder(uri).timeout(timeout).header("Accept", "application/json");
        headers.forEach(b::header);
        return send(b.GET().build());
    }

    private Exchange send(HttpRequest request) throws InterruptedException {
        try {
            HttpResponse<byte[]> r = client.send(request, HttpResponse.BodyHandlers.ofByteArray());
            byte[] bytes = r.body();
            int n = Math.min(bytes.length, MAX_BODY);
            return new Exchange(r.statusCode(), new String(bytes, 0, n, StandardCharsets.UTF_8), null, "");
        } catch (HttpTimeoutException e) {
            return Exchange.failed(
                    Reply.Outcome.TIMEOUT, "no answer from " + request.uri() + " within " + timeout.toMillis() + " ms");
        } catch (ConnectException e) {
            return Exchange.failed(Reply.Outcome.ERROR, "cannot connect to " + request.uri() + ": " + message(e));
        } catch (IOException e) {
            return Exchange.failed(Reply.Outcome.ERROR, "exchange with " + request.uri() + " failed: " + message(e));
        }
    }

    static String message(Throwable e) {
        Throwable t = e;
        while (t.getCause() != null && t.getCause() != t) {
            t = t.getCause();
        }
        String m = t.getMessage();
        return m == null || m.isBlank() ? t.getClass().getSimpleName() : m;
    }
}
