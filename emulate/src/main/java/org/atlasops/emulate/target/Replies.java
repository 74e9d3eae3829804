package org.atlasops.emulate.target;

import java.time.Duration;
import java.util.List;
import java.util.Optional;

/** Small builders for the replies every target gives. */
final class Replies {
    private Replies() {}

    static Duration since(long startNanos) {
        return Duration.ofNanos(System.nanoTime() - startNanos);
    }

    static Reply unsupported(Request request, String target, long start) {
        return failed(
                Reply.Outcome.UNSUPPORTED,
                target + " does not take " + request.getClass().getSimpleName() + " requests",
                Reply.Usage.NONE,
                start);
    }

    static Reply failed(Reply.Outcome outcome, String detail, Reply.Usage usage, long start) {
        return new Reply(outcome, Optional.empty(), Optional.empty(), List.of(), usage, since(start), detail);
    }
}
