package org.atlasops.detect.sink;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.atlasops.detect.alert.Alert;
import org.junit.jupiter.api.Test;

/** The sender's buffer policy with a receiver that holds its answer: a full buffer makes accept wait, not drop. */
class AlertSenderTest {
    /** Takes batches only when let through. */
    private static final class HeldReceiver implements Transport {
        final CountDownLatch open = new CountDownLatch(1);
        final CountDownLatch firstBatch = new CountDownLatch(1);
        final List<Alert> delivered = new CopyOnWriteArrayList<>();

        @Override
        public Outcome deliver(List<Alert> batch) throws Failed {
            firstBatch.countDown();
            try {
                open.await();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new Failed("interrupted", true);
            }
            delivered.addAll(batch);
            return Outcome.DELIVERED;
        }
    }

    @Test
    void aFullBufferMakesTheScanWaitAndEveryAlertIsDeliveredOnceTheReceiverTakesThem() throws Exception {
        HeldReceiver receiver = new HeldReceiver();
        SinkSpec spec = SinkSpec.of(SinkSpec.Kind.SYSLOG_TCP, "127.0.0.1:1").withBatching(1, 2);
        AlertSender sender = new AlertSender(spec, receiver, m -> {});
        List<Alert> alerts = new ArrayList<>();
        for (int i = 0; i < 4; i++) {
            alerts.addAll(Alerts.some());
        }
        sender.accept(alerts.get(0));
        assertThat(receiver.firstBatch.await(10, TimeUnit.SECONDS)).isTrue(); // one batch in flight, held
        CompletableFuture<Void> rest = new CompletableFuture<>();
        Thread scan = new Thread(() -> {
            try {
                for (Alert a : alerts.subList(1, alerts.size())) {
                    sender.accept(a);
                }
                rest.complete(null);
            } catch (java.io.IOException e) {
                rest.completeExceptionally(e);
            }
        });
        scan.start();
        // the buffer holds 2 and the receiver holds the first batch: the scan thread comes to wait in accept
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (scan.getState() != Thread.State.TIMED_WAITING && System.nanoTime() < deadline) {
            Thread.onSpinWait();
        }
        assertThat(scan.getState()).isEqualTo(Thread.State.TIMED_WAITING);
        assertThat(rest).isNotDone();
        assertThat(receiver.delivered).isEmpty();
        receiver.open.countDown();
        rest.get(10, TimeUnit.SECONDS);
        AlertSender.Stats stats = sender.finish();
        assertThat(stats.accepted()).isEqualTo(alerts.size());
        assertThat(stats.delivered()).isEqualTo(alerts.size());
        assertThat(receiver.delivered).containsExactlyElementsOf(alerts);
    }

    @Test
    void theSpecRefusesABufferSmallerThanABatch() {
        org.assertj.core.api.Assertions.assertThatThrownBy(
                        () -> SinkSpec.of(SinkSpec.Kind.KAFKA, "localhost:9092").withBatching(100, 10))
                .hasMessageContaining("buffer 10 must hold at least one batch (100)");
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> SinkSpec.of(SinkSpec.Kind.ELASTIC, "elastic:9200")
                        .withRetry(Duration.ofSeconds(1), SinkSpec.OnFailure.STOP)
                        .withFormat(org.atlasops.detect.alert.AlertWriter.Format.ECS)
                        .url())
                .hasMessageContaining("not an http or https URL");
    }
}
