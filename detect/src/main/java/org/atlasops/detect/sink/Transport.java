package org.atlasops.detect.sink;

import java.util.List;
import java.util.Objects;
import org.atlasops.detect.alert.Alert;

/** Sends one batch over one protocol; called by the sender's thread only. */
interface Transport extends AutoCloseable {
    /**
     * What became of a batch that reached the receiver.
     *
     * @param retry alerts the receiver asked to be sent again (busy, throttled)
     * @param rejected alerts the receiver refused for good, with its reason
     */
    record Outcome(List<Alert> retry, List<Rejected> rejected) {
        static final Outcome DELIVERED = new Outcome(List.of(), List.of());

        public Outcome {
            retry = List.copyOf(retry);
            rejected = List.copyOf(rejected);
        }
    }

    /** An alert the receiver refused, and why. */
    record Rejected(Alert alert, String reason) {
        public Rejected {
            Objects.requireNonNull(alert, "alert");
            Objects.requireNonNull(reason, "reason");
        }
    }

    /** The whole batch did not get through. */
    final class Failed extends Exception {
        private static final long serialVersionUID = 1L;
        private final boolean retryable;

        Failed(String message, boolean retryable) {
            super(message);
            this.retryable = retryable;
        }

        Failed(String message, boolean retryable, Throwable cause) {
            super(message, cause);
            this.retryable = retryable;
        }

        /** Worth sending again (unreachable, busy); not when the receiver refused the request itself. */
        boolean retryable() {
            return retryable;
        }
    }

    Outcome deliver(List<Alert> batch) throws Failed;

    @Override
    default void close() {}
}
