package org.atlasops.detect.sink;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.test.KafkaClusterTestKit;
import org.apache.kafka.common.test.TestKitNodes;
import org.atlasops.detect.alert.Alert;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The Kafka sink against a real broker (KRaft, in-process, as the stream ITs start it). */
class KafkaSinkIT {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static KafkaClusterTestKit cluster;

    @BeforeAll
    static void startBroker() throws Exception {
        cluster = new KafkaClusterTestKit.Builder(new TestKitNodes.Builder()
                        .setCombined(true)
                        .setNumBrokerNodes(1)
                        .setNumControllerNodes(1)
                        .build())
                .setConfigProp("offsets.topic.replication.factor", "1")
                .setConfigProp("transaction.state.log.replication.factor", "1")
                .setConfigProp("transaction.state.log.min.isr", "1")
                .build();
        cluster.format();
        cluster.startup();
        cluster.waitForReadyBrokers();
        try (Admin admin = Admin.create(Map.of("bootstrap.servers", cluster.bootstrapServers()))) {
            admin.createTopics(List.of(new NewTopic("soc-alerts", 2, (short) 1)))
                    .all()
                    .get();
        }
    }

    @AfterAll
    static void stopBroker() throws Exception {
        if (cluster != null) {
            cluster.close();
        }
    }

    @Test
    void everyAlertIsARecordKeyedByRuleWithItsIdInAHeader() throws Exception {
        List<Alert> alerts = Alerts.some();
        AlertSender sender = AlertSender.open(
                SinkSpec.of(SinkSpec.Kind.KAFKA, cluster.bootstrapServers())
                        .withTopic("soc-alerts")
                        .withBatching(2, 10),
                m -> {});
        for (Alert a : alerts) {
            sender.accept(a);
        }
        assertThat(sender.finish())
                .isEqualTo(new AlertSender.Stats(alerts.size(), alerts.size(), 0, java.util.Optional.empty()));

        List<ConsumerRecord<String, String>> records = new ArrayList<>();
        try (KafkaConsumer<String, String> consumer = new KafkaConsumer<>(
                Map.of(
                        ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, cluster.bootstrapServers(),
                        ConsumerConfig.GROUP_ID_CONFIG, "check",
                        ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest"),
                new StringDeserializer(),
                new StringDeserializer())) {
            consumer.subscribe(List.of("soc-alerts"));
            long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
            while (records.size() < alerts.size() && System.nanoTime() < deadline) {
                consumer.poll(Duration.ofMillis(200)).forEach(records::add);
            }
        }
        assertThat(records).hasSize(alerts.size());
        for (ConsumerRecord<String, String> r : records) {
            String id = JSON.readTree(r.value()).get("id").asText();
            assertThat(new String(r.headers().lastHeader("atlas-ops-alert-id").value(), StandardCharsets.UTF_8))
                    .isEqualTo(id);
            Alert a = alerts.stream().filter(x -> x.id().equals(id)).findFirst().orElseThrow();
            assertThat(r.key()).isEqualTo(a.ruleId() == null ? a.ruleTitle() : a.ruleId());
        }
        assertThat(records.stream()
                        .map(r -> r.headers().lastHeader("atlas-ops-alert-id"))
                        .count())
                .isEqualTo(alerts.size());
    }
}
