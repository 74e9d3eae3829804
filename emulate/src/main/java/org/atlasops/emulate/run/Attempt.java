package org.atlasops.emulate.run;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import org.atlasops.emulate.judge.Verdict;

/**
 * One attempt as it is kept: which procedure and technique, what was sent and answered, the verdict and why, timing
 * and usage. Imported results (garak, promptfoo) are attempts too, with their {@code source}.
 *
 * @param key {@code procedure#index}, unique in a run; resume skips the keys already recorded
 * @param source {@code atlas-ops}, {@code garak} or {@code promptfoo}
 */
public record Attempt(
        String key,
        String procedure,
        String name,
        String technique,
        String tactic,
        String release,
        int index,
        long seed,
        String canary,
        String target,
        String source,
        Instant started,
        long elapsedMillis,
        List<Sent> exchanges,
        Verdict verdict,
        String reason,
        int requests,
        long promptTokens,
        long completionTokens) {
    public Attempt {
        Objects.requireNonNull(key, "key");
        Objects.requireNonNull(procedure, "procedure");
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(technique, "technique");
        Objects.requireNonNull(tactic, "tactic");
        Objects.requireNonNull(release, "release");
        Objects.requireNonNull(canary, "canary");
        Objects.requireNonNull(target, "target");
        Objects.requireNonNull(source, "source");
        Objects.requireNonNull(started, "started");
        exchanges = List.copyOf(exchanges);
        Objects.requireNonNull(verdict, "verdict");
        Objects.requireNonNull(reason, "reason");
    }

    /**
     * One request as sent and its reply, flattened for keeping.
     *
     * @param kind {@code chat}, {@code plant}, {@code list-tools}, {@code call-tool} or {@code infer}
     * @param request the request as JSON (messages, content, tool and arguments, input)
     * @param outcome the reply's outcome, lower case
     * @param toolCalls the tool calls the target made, as JSON {server, tool, arguments, result}
     */
    public record Sent(
            int step,
            String label,
            String kind,
            JsonNode request,
            String outcome,
            Optional<String> answer,
            Optional<JsonNode> data,
            JsonNode toolCalls,
            long elapsedMillis,
            long promptTokens,
            long completionTokens,
            String detail) {
        public Sent {
            Objects.requireNonNull(label, "label");
            Objects.requireNonNull(kind, "kind");
            Objects.requireNonNull(request, "request");
            Objects.requireNonNull(outcome, "outcome");
            Objects.requireNonNull(answer, "answer");
            Objects.requireNonNull(data, "data");
            Objects.requireNonNull(toolCalls, "toolCalls");
            Objects.requireNonNull(detail, "detail");
        }
    }
}
