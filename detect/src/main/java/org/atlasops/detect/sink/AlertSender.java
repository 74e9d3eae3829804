package org.atlasops.detect.sink;

import java.io.BufferedWriter;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;
import org.atlasops.detect.alert.Alert;
import org.atlasops.detect.alert.AlertWriter;
import org.atlasops.detect.scan.ScanRun;

/**
 * Sends alerts to a receiver from a thread of its own, so a slow receiver does not stall the scan until the buffer
 * is full. The policy, in full (docs/detect.md#sinks):
 * <ul>
 *   <li>{@link #accept} puts the alert in a bounded buffer ({@link SinkSpec#bufferCapacity}). When it is full,
 *       {@code accept} waits: the scan slows to the receiver's pace; no alert is dropped.
 *   <li>The sender takes up to {@link SinkSpec#batchSize} alerts at a time. A batch that fails for a reason worth
 *       retrying (unreachable, 503, 429, a timeout, items the receiver asks to resend) is sent again after 0.2 s,
 *       0.4 s, … up to 5 s apart, for {@link SinkSpec#retryFor}. A request the receiver refuses (400, 401, 403) and
 *       single alerts it refuses are not retried.
 *   <li>Alerts that were not delivered are reported (how many, why) and written to the spill file when one is
 *       named, so none is lost without a word. After a batch is given up, later batches are tried once each until
 *       the receiver takes one again.
 *   <li>With {@link SinkSpec.OnFailure#STOP} the next {@code accept} fails with the reason, and what is still in
 *       the buffer is spilled; with {@link SinkSpec.OnFailure#CONTINUE} the run goes on.
 * </ul>
 * {@link #finish} waits for the buffer to drain and says what was delivered.
 */
public final class AlertSender implements ScanRun.AlertSink, AutoCloseable {
    /** Told what goes wrong (retries, alerts not delivered), from the sender's thread. */
    @FunctionalInterface
    public interface Reporter {
        void report(String message);

        /**
         * Alerts not delivered once the sender stops taking alerts ({@code --sink-on-failure stop}): the run ends
         * with {@link #stopped()}, which says it too, so a command may keep these for its {@code --verbose}.
         */
        default void reportStopped(String message) {
            report(message);
        }
    }

    /**
     * What a sender did.
     *
     * @param accepted alerts given to {@link #accept}
     * @param delivered alerts the receiver took (for Elastic, including those it already had: same id)
     * @param undelivered alerts given up (reported, and spilled when a spill file is named)
     * @param firstFailure why the first alerts were given up
     */
    public record Stats(long accepted, long delivered, long undelivered, Optional<String> firstFailure) {
        public Stats {
            Objects.requireNonNull(firstFailure, "firstFailure");
        }
    }

    private static final Duration FIRST_BACKOFF = Duration.ofMillis(200);
    private static final Duration MAX_BACKOFF = Duration.ofSeconds(5);

    private final SinkSpec spec;
    private final Transport transport;
    private final Reporter reporter;
    private final BlockingQueue<Alert> queue;
    private final Thread worker;
    private final AtomicLong accepted = new AtomicLong();
    private final AtomicLong delivered = new AtomicLong();
    private final AtomicLong undelivered = new AtomicLong();
    private volatile boolean closing;
    private volatile String stopReason;
    private volatile String firstFailure;
    private boolean degraded;
    private BufferedWriter spill;
    private Stats stats;

    /**
     * A sender over the spec's protocol. Nothing is connected yet: an unreachable receiver shows with the first
     * batch.
     *
     * @throws IllegalArgumentException when the spec's target is not usable (not a URL, no port, an unreadable
     *                                  CA file)
     */
    public static AlertSender open(SinkSpec spec, Reporter reporter) {
        Transport t = switch (spec.kind()) {
            case SPLUNK_HEC -> new SplunkHec(spec);
            case ELASTIC -> new ElasticBulk(spec);
            case SYSLOG_TCP -> new Syslog(spec, false);
            case SYSLOG_UDP -> new Syslog(spec, true);
            case KAFKA -> new KafkaTopic(spec);
        };
        return new AlertSender(spec, t, reporter);
    }

    AlertSender(SinkSpec spec, Transport transport, Reporter reporter) {
        this.spec = Objects.requireNonNull(spec, "spec");
        this.transport = Objects.requireNonNull(transport, "transport");
        this.reporter = Objects.requireNonNull(reporter, "reporter");
        this.queue = new ArrayBlockingQueue<>(spec.bufferCapacity());
        this.worker = new Thread(this::drain, "atlas-ops-sink-" + spec.kind().cliName());
        this.worker.setDaemon(true);
        this.worker.start();
    }

    /**
     * Takes an alert for delivery; waits while the buffer is full.
     *
     * @throws IOException when the policy is {@code STOP} and alerts could not be delivered (the message says
     *                     why), or when the sender is finished
     */
    @Override
    public void accept(Alert alert) throws IOException {
        Objects.requireNonNull(alert, "alert");
        if (closing) {
            throw new IOException("the " + name() + " sink is finished");
        }
        try {
            while (true) {
                String stop = stopReason;
                if (stop != null) {
                    throw new IOException(stop);
                }
                if (queue.offer(alert, 200, TimeUnit.MILLISECONDS)) {
                    accepted.incrementAndGet();
                    return;
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted while the " + name() + " sink's buffer was full", e);
        }
    }

    /** Waits until every accepted alert is delivered or given up, then closes the connection. Idempotent. */
    public synchronized Stats finish() {
        if (stats == null) {
            closing = true;
            boolean interrupted = false;
            while (worker.isAlive()) {
                try {
                    worker.join();
                } catch (InterruptedException e) {
                    interrupted = true; // the alerts in the buffer are delivered or spilled first
                }
            }
            transport.close();
            closeSpill();
            stats = new Stats(accepted.get(), delivered.get(), undelivered.get(), Optional.ofNullable(firstFailure));
            if (interrupted) {
                Thread.currentThread().interrupt();
            }
        }
        return stats;
    }

    @Override
    public void close() {
        finish();
    }

    /** Alerts accepted and neither delivered nor given up yet (in the buffer or in flight). */
    public long pending() {
        return accepted.get() - delivered.get() - undelivered.get();
    }

    /** Why the sender stopped taking alerts (policy {@code STOP}), if it did. */
    public Optional<String> stopped() {
        return Optional.ofNullable(stopReason);
    }

    private String name() {
        return spec.kind().cliName();
    }

    /** How long a batch waits for more alerts after its first (see drain). */
    private static final long LINGER_NANOS = TimeUnit.MILLISECONDS.toNanos(25);

    private void drain() {
        List<Alert> batch = new ArrayList<>(spec.batchSize());
        while (true) {
            Alert first;
            try {
                first = queue.poll(50, TimeUnit.MILLISECONDS);
            } catch (InterruptedException e) {
                first = queue.poll();
            }
            if (first == null) {
                if (closing && queue.isEmpty()) {
                    return;
                }
                continue;
            }
            batch.clear();
            batch.add(first);
            queue.drainTo(batch, spec.batchSize() - 1);
            // linger briefly for the rest of a batch whose alerts are being accepted right now, so a burst goes out
            // as one request instead of a lone first alert and the rest
            long lingerUntil = System.nanoTime() + LINGER_NANOS;
            while (batch.size() < spec.batchSize() && !closing) {
                long left = lingerUntil - System.nanoTime();
                Alert next;
                try {
                    next = left > 0 ? queue.poll(left, TimeUnit.NANOSECONDS) : null;
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    next = null;
                }
                if (next == null) {
                    break;
                }
                batch.add(next);
                queue.drainTo(batch, spec.batchSize() - batch.size());
            }
            if (stopReason != null) {
                giveUp(batch, "the sink stopped after an earlier failure");
            } else {
                send(List.copyOf(batch));
            }
        }
    }

    private void send(List<Alert> batch) {
        long deadline = System.nanoTime() + (degraded ? 0 : spec.retryFor().toNanos());
        Duration backoff = FIRST_BACKOFF;
        List<Alert> pending = batch;
        boolean told = false;
        while (true) {
            String why;
            try {
                Transport.Outcome o = transport.deliver(pending);
                delivered.addAndGet(
                        pending.size() - o.retry().size() - o.rejected().size());
                for (Transport.Rejected r : o.rejected()) {
                    giveUp(List.of(r.alert()), "refused: " + r.reason());
                }
                if (o.retry().isEmpty()) {
                    if (degraded) {
                        reporter.report(name() + " sink: delivering again");
                    }
                    degraded = false;
                    return;
                }
                pending = o.retry();
                why = "the receiver asked to resend " + pending.size() + " alert" + (pending.size() == 1 ? "" : "s");
            } catch (Transport.Failed f) {
                if (!f.retryable()) {
                    giveUp(pending, f.getMessage());
                    return;
                }
                why = f.getMessage();
            }
            if (System.nanoTime() + backoff.toNanos() > deadline) {
                giveUp(
                        pending,
                        degraded
                                ? why
                                : "not delivered within " + spec.retryFor().toSeconds() + " s: " + why);
                degraded = true;
                return;
            }
            if (!told) {
                reporter.report(name() + " sink: " + why + "; retrying for up to "
                        + spec.retryFor().toSeconds() + " s");
                told = true;
            }
            LockSupport.parkNanos(backoff.toNanos());
            backoff = backoff.multipliedBy(2).compareTo(MAX_BACKOFF) > 0 ? MAX_BACKOFF : backoff.multipliedBy(2);
        }
    }

    /** Alerts not delivered: counted, reported, spilled; under STOP the sender stops taking alerts. */
    private void giveUp(List<Alert> alerts, String reason) {
        undelivered.addAndGet(alerts.size());
        if (firstFailure == null) {
            firstFailure = reason;
        }
        String kept = spillAll(alerts);
        String message = name() + " sink: " + alerts.size() + " alert" + (alerts.size() == 1 ? "" : "s")
                + " not delivered (" + reason + ")" + kept;
        if (spec.onFailure() == SinkSpec.OnFailure.STOP) {
            if (stopReason == null) {
                stopReason = message + "; the run stops (--sink-on-failure continue goes on)";
            }
            reporter.reportStopped(message);
        } else {
            reporter.report(message);
        }
    }

    /** "; written to FILE", or why not. */
    private String spillAll(List<Alert> alerts) {
        if (spec.spill().isEmpty()) {
            return "; give --sink-spill FILE to keep such alerts";
        }
        try {
            if (spill == null) {
                spill = Files.newBufferedWriter(
                        spec.spill().get(),
                        StandardCharsets.UTF_8,
                        StandardOpenOption.CREATE,
                        StandardOpenOption.APPEND);
            }
            for (Alert a : alerts) {
                spill.write(AlertWriter.line(a, spec.format()));
                spill.write('\n');
            }
            spill.flush();
            return "; written to " + spec.spill().get();
        } catch (IOException e) {
            return "; and not written to " + spec.spill().get() + ": " + e.getMessage();
        }
    }

    private void closeSpill() {
        if (spill != null) {
            try {
                spill.close();
            } catch (IOException e) {
                reporter.report(name() + " sink: cannot close " + spec.spill().get() + ": " + e.getMessage());
            }
        }
    }
}
