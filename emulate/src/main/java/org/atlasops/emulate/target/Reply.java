package org.atlasops.emulate.target;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * What a target answered to one {@link Request}. A target never throws for what the far side did (refused, timed
 * out, answered garbage): it answers a reply with that outcome, so the judge can call the attempt unscorable and the
 * run goes on.
 *
 * @param outcome how the exchange went
 * @param text the answer's text (chat and agent answers), if any
 * @param data the answer as JSON (tool results, tool lists, inference outputs), if any
 * @param toolCalls the tool calls the target made while answering (agent targets), in order
 * @param usage requests and tokens this exchange cost, counted against the run's budget
 * @param elapsed wall time of the exchange
 * @param detail a one-line reason for any outcome other than {@code OK}, empty otherwise
 */
public record Reply(
        Outcome outcome,
        Optional<String> text,
        Optional<JsonNode> data,
        List<ToolCallMade> toolCalls,
        Usage usage,
        Duration elapsed,
        String detail) {

    public Reply {
        Objects.requireNonNull(outcome, "outcome");
        Objects.requireNonNull(text, "text");
        Objects.requireNonNull(data, "data");
        toolCalls = List.copyOf(toolCalls);
        Objects.requireNonNull(usage, "usage");
        Objects.requireNonNull(elapsed, "elapsed");
        Objects.requireNonNull(detail, "detail");
    }

    /** How an exchange went. Anything but {@code OK} makes the attempt unscorable unless its judge says otherwise. */
    public enum Outcome {
        OK,
        /** The target (or a guard in front of it) refused the request before the model saw it, e.g. HTTP 400/403. */
        BLOCKED,
        TIMEOUT,
        /** The target answered, but not in the expected shape (not JSON, no answer at the configured path). */
        MALFORMED,
        /** Transport or server error (connection refused, HTTP 5xx, MCP error). */
        ERROR,
        /** This target does not take this kind of request. */
        UNSUPPORTED
    }

    /** A tool call an agent made: the MCP server's name, the tool, its arguments and what it returned. */
    public record ToolCallMade(String server, String tool, JsonNode arguments, Optional<String> result) {
        public ToolCallMade {
            Objects.requireNonNull(server, "server");
            Objects.requireNonNull(tool, "tool");
            Objects.requireNonNull(arguments, "arguments");
            Objects.requireNonNull(result, "result");
        }
    }

    /** Requests sent and tokens spent (0 when the target does not report them). */
    public record Usage(int requests, long promptTokens, long completionTokens) {
        public static final Usage NONE = new Usage(0, 0, 0);

        public Usage {
            if (requests < 0 || promptTokens < 0 || completionTokens < 0) {
                throw new IllegalArgumentException("usage counts are never negative");
            }
        }
    }
}
