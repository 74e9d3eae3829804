package org.atlasops.detect.sink;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.KafkaException;
import org.apache.kafka.common.errors.RetriableException;
import org.apache.kafka.common.serialization.StringSerializer;
import org.atlasops.detect.alert.Alert;
import org.atlasops.detect.alert.AlertWriter;

/**
 * A Kafka topic: one record per alert, keyed by rule id like {@code detect stream}'s output, the alert's id in the
 * header {@code atlas-ops-alert-id}. The producer is idempotent with {@code acks=all}; a batch counts as delivered
 * when every record is acknowledged.
 */
final class KafkaTopic implements Transport {
    static final String ID_HEADER = "atlas-ops-alert-id";
    private static final Duration DELIVERY_TIMEOUT = Duration.ofSeconds(30);

    private final SinkSpec spec;
    private KafkaProducer<String, String> producer;

    KafkaTopic(SinkSpec spec) {
        this.spec = spec;
    }

    private KafkaProducer<String, String> producer() {
        if (producer == null) {
            Properties p = new Properties();
            p.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, spec.target());
            p.put(ProducerConfig.ACKS_CONFIG, "all");
            p.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, "true");
            p.put(ProducerConfig.LINGER_MS_CONFIG, "5");
            p.put(ProducerConfig.MAX_BLOCK_MS_CONFIG, Long.toString(Http.CONNECT_TIMEOUT.toMillis() * 2));
            p.put(ProducerConfig.REQUEST_TIMEOUT_MS_CONFIG, "10000");
            p.put(ProducerConfig.DELIVERY_TIMEOUT_MS_CONFIG, Long.toString(DELIVERY_TIMEOUT.toMillis()));
            producer = new KafkaProducer<>(p, new StringSerializer(), new StringSerializer());
        }
        return producer;
    }

    @Override
    public Outcome deliver(List<Alert> batch) throws Failed {
        List<Future<RecordMetadata>> sent = new ArrayList<>();
        try {
            KafkaProducer<String, String> p = producer();
            for (Alert a : batch) {
                ProducerRecord<String, String> r = new ProducerRecord<>(
                        spec.topic(),
                        a.ruleId() == null ? a.ruleTitle() : a.ruleId(),
                        AlertWriter.line(a, spec.format()));
                r.headers().add(ID_HEADER, a.id().getBytes(StandardCharsets.UTF_8));
                sent.add(p.send(r));
            }
            p.flush();
            List<Alert> retry = new ArrayList<>();
            String why = null;
            for (int i = 0; i < sent.size(); i++) {
                try {
                    sent.get(i).get();
                } catch (ExecutionException e) {
                    if (!(e.getCause() instanceof RetriableException)) {
                        throw new Failed(
                                "Kafka refused the alerts for " + spec.topic() + ": "
                                        + e.getCause().getMessage(),
                                false,
                                e);
                    }
                    retry.add(batch.get(i));
                    why = e.getCause().getMessage();
                }
            }
            if (!retry.isEmpty() && retry.size() == batch.size()) {
                throw new Failed("Kafka at " + spec.target() + ": " + why, true);
            }
            return new Outcome(retry, List.of());
        } catch (KafkaException e) {
            throw new Failed("Kafka at " + spec.target() + ": " + e.getMessage(), true, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new Failed("interrupted while sending to Kafka", true, e);
        }
    }

    @Override
    public void close() {
        if (producer != null) {
            producer.close(Duration.ofSeconds(5));
        }
    }
}
