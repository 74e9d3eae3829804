package org.atlasops.emulate.target;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Any HTTP chat endpoint: the prompt (the conversation's last user message) is put into a JSON request template and
 * the answer read from the reply at a JSON path. Both are checked when the target is made; a reply that is not JSON
 * or has nothing at the path is {@link Reply.Outcome#MALFORMED}.
 */
public final class HttpTarget implements Target {
    private final String name;
    private final URI url;
    private final HttpTemplate template;
    private final JsonPath answer;
    private final Map<String, String> headers;
    private final Http http;

    private HttpTarget(
            String name,
            URI url,
            HttpTemplate template,
            JsonPath answer,
            Map<String, String> headers,
            Duration timeout) {
        this.name = name;
        this.url = url;
        this.template = template;
        this.answer = answer;
        this.headers = Map.copyOf(headers);
        this.http = new Http(timeout);
    }

    /**
     * Checks the template ({@code --template}) and the answer path ({@code --answer-path}); a bad one is a
     * {@link org.atlasops.kb.failure.BadInputException} that names the option.
     */
    public static HttpTarget of(
            String name, URI url, String template, String answerPath, Map<String, String> headers, Duration timeout) {
        return new HttpTarget(
                name,
                url,
                HttpTemplate.parse("template", template),
                JsonPath.parse("answer-path", answerPath),
                headers,
                timeout);
    }

    @Override
    public String name() {
        return name;
    }

    @Override
    public Set<TargetKind> kinds() {
        return Set.of(TargetKind.CHAT);
    }

    @Override
    public Reply send(Request request) throws InterruptedException {
        long start = System.nanoTime();
        if (!(request instanceof Request.Chat c)) {
            return Replies.unsupported(request, name, start);
        }
        String prompt = c.messages().stream()
                .filter(m -> m.role().equals("user"))
                .reduce((a, b) -> b)
                .orElse(c.messages().get(c.messages().size() - 1))
                .content();
        Http.Exchange x = http.post(url, template.fill(prompt), headers);
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
        Optional<JsonNode> found = answer.find(json.get());
        if (found.isEmpty()) {
            return Replies.failed(
                    Reply.Outcome.MALFORMED, "the answer of " + url + " has nothing at " + answer, one, start);
        }
        JsonNode a = found.get();
        return new Reply(
                Reply.Outcome.OK,
                Optional.of(a.isTextual() ? a.asText() : a.toString()),
                json,
                List.of(),
                one,
                Replies.since(start),
                "");
    }

    @Override
    public void close() {
        // nothing held
    }
}
