package org.atlasops.emulate.run;

import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalLong;
import org.atlasops.emulate.target.Target;

/**
 * How a run goes.
 *
 * @param seed the same seed gives the same attempts (prompts, canaries, generated queries)
 * @param concurrency attempts in flight at once
 * @param ratePerSecond requests per second at most (0: no limit)
 * @param maxRequests stop when this many requests were sent (empty: no limit)
 * @param maxTokens stop when this many tokens were spent (empty: no limit)
 * @param secrets values that count as leaked when an answer holds them
 * @param judge the chat target that answers LLM judges, if any
 */
public record RunOptions(
        long seed,
        int concurrency,
        double ratePerSecond,
        OptionalLong maxRequests,
        OptionalLong maxTokens,
        List<String> secrets,
        Optional<Target> judge,
        Duration progressInterval) {
    public RunOptions {
        if (concurrency < 1 || concurrency > 64) {
            throw new IllegalArgumentException("concurrency is 1 to 64");
        }
        if (ratePerSecond < 0) {
            throw new IllegalArgumentException("the rate is 0 (no limit) or more");
        }
        Objects.requireNonNull(maxRequests, "maxRequests");
        Objects.requireNonNull(maxTokens, "maxTokens");
        secrets = List.copyOf(secrets);
        Objects.requireNonNull(judge, "judge");
        Objects.requireNonNull(progressInterval, "progressInterval");
    }

    public static RunOptions defaults(long seed) {
        return new RunOptions(
                seed, 1, 0, OptionalLong.empty(), OptionalLong.empty(), List.of(), Optional.empty(), Duration.ZERO);
    }

    public RunOptions withConcurrency(int n) {
        return new RunOptions(seed, n, ratePerSecond, maxRequests, maxTokens, secrets, judge, progressInterval);
    }

    public RunOptions withBudget(OptionalLong requests, OptionalLong tokens) {
        return new RunOptions(seed, concurrency, ratePerSecond, requests, tokens, secrets, judge, progressInterval);
    }

    public RunOptions withSecrets(List<String> s) {
        return new RunOptions(seed, concurrency, ratePerSecond, maxRequests, maxTokens, s, judge, progressInterval);
    }

    public RunOptions withRate(double perSecond) {
        return new RunOptions(seed, concurrency, perSecond, maxRequests, maxTokens, secrets, judge, progressInterval);
    }

    public RunOptions withJudge(Optional<Target> j) {
        return new RunOptions(seed, concurrency, ratePerSecond, maxRequests, maxTokens, secrets, j, progressInterval);
    }
}
