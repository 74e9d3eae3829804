package org.atlasops.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.ConsumerGroupDescription;
import org.apache.kafka.clients.admin.MemberDescription;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.apache.kafka.common.test.KafkaClusterTestKit;
import org.apache.kafka.common.test.TestKitNodes;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue 17 section 7: two {@code detect stream} processes with one application id on a real broker (KRaft,
 * in-process); one is killed with SIGKILL ({@link Process#destroyForcibly()}: no shutdown hook, no commit, its open
 * transaction left to time out) in the middle of a burst of events. Every alert comes out, read committed, with its
 * stable id (a repeat would carry the same id); and a correlation whose first events were processed before the kill
 * fires after it on the survivor, which restored the window from the changelog. Each partition has such a
 * correlation, so whichever process owned it, one of them is restored.
 */
class StreamFailoverIT {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String RULES = """
            title: Secret asked
            id: secret-asked
            tags: [atlas.aml.t0051.000]
            logsource: {category: test}
            detection: {s: {action: secret}, condition: s}
            level: high
            ---
            title: Login
            name: login
            logsource: {category: test}
            detection: {s: {action: login}, condition: s}
            ---
            title: Three logins
            id: three-logins
            tags: [atlas.aml.t0012]
            correlation: {type: event_count, rules: [login], group-by: [user.id], timespan: 1h, condition: {gte: 3}}
            level: medium
            """;
    private static final String[] USERS = {"eve", "mallory"}; // eve's events go to partition 0, mallory's to 1

    @TempDir
    Path dir;

    private KafkaClusterTestKit cluster;
    private final List<Process> processes = new ArrayList<>();

    @AfterEach
    void stop() throws Exception {
        processes.forEach(Process::destroyForcibly);
        if (cluster != null) {
            cluster.close();
        }
    }

    @Test
    void everyAlertComesOutAndACorrelationSpanningTheKillFiresOnTheSurvivor() throws Exception {
        System.setProperty("org.slf4j.simpleLogger.log.org.apache.kafka", "warn"); // the broker's INFO lines
        System.setProperty("org.slf4j.simpleLogger.log.kafka", "warn");
        cluster = new KafkaClusterTestKit.Builder(new TestKitNodes.Builder()
                        .setCombined(true)
                        .setNumBrokerNodes(1)
                        .setNumControllerNodes(1)
                        .build())
                .setConfigProp("offsets.topic.replication.factor", "1")
                .setConfigProp("transaction.state.log.replication.factor", "1")
                .setConfigProp("transaction.state.log.min.isr", "1")
                .setConfigProp("group.initial.rebalance.delay.ms", "0")
                .build();
        cluster.format();
        cluster.startup();
        cluster.waitForReadyBrokers();
        String brokers = cluster.bootstrapServers();
        try (Admin admin = Admin.create(Map.of("bootstrap.servers", brokers))) {
            admin.createTopics(List.of(new NewTopic("events", 2, (short) 1), new NewTopic("alerts", 1, (short) 1)))
                    .all()
                    .get();
        }
        Path rules = Files.writeString(dir.resolve("rules.yml"), RULES);
        Process first = startStream("a", brokers, rules);
        Process second = startStream("b", brokers, rules);
        try (Admin admin = Admin.create(Map.of("bootstrap.servers", brokers));
                KafkaProducer<String, String> producer = new KafkaProducer<>(
                        Map.of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, brokers, ProducerConfig.ACKS_CONFIG, "all"),
                        new StringSerializer(),
                        new StringSerializer());
                KafkaConsumer<String, String> alerts = new KafkaConsumer<>(
                        Map.of(
                                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, brokers,
                                ConsumerConfig.GROUP_ID_CONFIG, "soc",
                                ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest",
                                ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed"),
                        new StringDeserializer(),
                        new StringDeserializer())) {
            alerts.subscribe(List.of("alerts"));
            List<JsonNode> out = new ArrayList<>();
            waitFor(() -> balanced(admin), Duration.ofSeconds(60), "each process owning one partition");

            // two logins of each user and a marker: once the markers' alerts are committed, so are the logins'
            // correlation windows (one transaction per commit, in partition order)
            Set<String> expected = new HashSet<>();
            int second_ = 0;
            for (int p = 0; p < 2; p++) {
                for (int i = 0; i < 2; i++) {
                    send(producer, p, event("login", USERS[p], second_++));
                }
                expected.add(source(send(producer, p, event("secret", USERS[p], second_++))));
            }
            waitFor(() -> poll(alerts, out).size() >= 2, Duration.ofSeconds(60), "the markers' alerts");

            // a burst across both partitions, one process killed in the middle of it
            for (int i = 0; i < 120; i++) {
                int p = i % 2;
                expected.add(source(send(producer, p, event("secret", USERS[p], second_++))));
                if (i == 40) {
                    first.destroyForcibly();
                    assertThat(first.waitFor(20, TimeUnit.SECONDS)).isTrue();
                }
            }
            // the third login of each user, after the kill: both correlations must fire
            for (int p = 0; p < 2; p++) {
                send(producer, p, event("login", USERS[p], second_++));
            }
            waitFor(
                    () -> ids(poll(alerts, out), "rule").size() >= expected.size()
                            && ids(out, "correlation").size() >= 2,
                    Duration.ofSeconds(90),
                    "every alert after the kill");

            Map<String, String> sourceById = new HashMap<>();
            for (JsonNode a : out) {
                String src = a.at("/source/0/file").asText() + "@"
                        + a.at("/source/0/line").asLong();
                String before = sourceById.putIfAbsent(a.get("id").asText(), src);
                assertThat(before == null || before.equals(src))
                        .as("a repeated id is a repeat of one alert")
                        .isTrue();
            }
            Set<String> ruleSources = new HashSet<>();
            out.stream()
                    .filter(a -> a.get("kind").asText().equals("rule"))
                    .forEach(a -> ruleSources.add(a.at("/source/0/file").asText() + "@"
                            + a.at("/source/0/line").asLong()));
            assertThat(ruleSources).as("an alert for every secret event").isEqualTo(expected);
            assertThat(ids(out, "rule")).hasSize(expected.size());
            List<JsonNode> correlations = out.stream()
                    .filter(a -> a.get("kind").asText().equals("correlation"))
                    .toList();
            assertThat(correlations)
                    .extracting(a -> a.at("/group_key/user.id").asText())
                    .containsExactlyInAnyOrder(USERS);
            assertThat(correlations)
                    .allSatisfy(c -> assertThat(c.get("events").asInt()).isEqualTo(3));
            assertThat(second.isAlive()).as("the survivor runs on").isTrue();
        }
    }

    /** Two members, each with one partition of the input. */
    private static boolean balanced(Admin admin) {
        try {
            ConsumerGroupDescription g = admin.describeConsumerGroups(List.of("failover"))
                    .all()
                    .get()
                    .get("failover");
            Collection<MemberDescription> members = g.members();
            return members.size() == 2
                    && members.stream()
                            .allMatch(m -> m.assignment().topicPartitions().stream()
                                            .filter(tp -> tp.topic().equals("events"))
                                            .count()
                                    == 1);
        } catch (Exception e) {
            return false;
        }
    }

    private static RecordMetadata send(KafkaProducer<String, String> producer, int partition, String value)
            throws Exception {
        return producer.send(new ProducerRecord<>("events", partition, USERS[partition], value))
                .get(30, TimeUnit.SECONDS);
    }

    /** Where an alert of this record says it came from: topic-partition and offset + 1. */
    private static String source(RecordMetadata m) {
        return m.topic() + "-" + m.partition() + "@" + (m.offset() + 1);
    }

    private static String event(String action, String user, int second) {
        return String.format(
                "{\"@timestamp\":\"2026-05-01T10:%02d:%02dZ\",\"action\":\"%s\",\"user.id\":\"%s\"}",
                second / 60, second % 60, action, user);
    }

    private static List<JsonNode> poll(KafkaConsumer<String, String> consumer, List<JsonNode> into) {
        for (ConsumerRecord<String, String> r : consumer.poll(Duration.ofMillis(200))) {
            try {
                into.add(JSON.readTree(r.value()));
            } catch (IOException e) {
                throw new AssertionError(r.value(), e);
            }
        }
        return into;
    }

    private static Set<String> ids(List<JsonNode> alerts, String kind) {
        Set<String> ids = new HashSet<>();
        alerts.stream()
                .filter(a -> a.get("kind").asText().equals(kind))
                .forEach(a -> ids.add(a.get("id").asText()));
        return ids;
    }

    /** {@code atlas-ops detect stream} in a child JVM, fast to notice a dead peer and an abandoned transaction. */
    private Process startStream(String name, String brokers, Path rules) throws IOException {
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        Process p = new ProcessBuilder(
                        java,
                        "-cp",
                        System.getProperty("java.class.path"),
                        Main.class.getName(),
                        "--data-dir",
                        dir.resolve("home-" + name).toString(),
                        "detect",
                        "stream",
                        "--bootstrap-servers",
                        brokers,
                        "--input",
                        "events",
                        "--output",
                        "alerts",
                        "--application-id",
                        "failover",
                        "--state-dir",
                        dir.resolve("state-" + name).toString(),
                        "--rules",
                        rules.toString(),
                        "--property",
                        "commit.interval.ms=100",
                        "--property",
                        "session.timeout.ms=6000",
                        "--property",
                        "heartbeat.interval.ms=1000",
                        "--property",
                        "producer.transaction.timeout.ms=5000")
                .redirectErrorStream(true)
                .start();
        processes.add(p);
        List<String> said = new CopyOnWriteArrayList<>();
        Thread reader = new Thread(() -> {
            try (BufferedReader in =
                    new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8))) {
                for (String line; (line = in.readLine()) != null; ) {
                    said.add(line);
                }
            } catch (IOException e) {
                // the process ended
            }
        });
        reader.setDaemon(true);
        reader.start();
        return p;
    }

    private static void waitFor(BooleanSupplier condition, Duration limit, String what) throws InterruptedException {
        long deadline = System.nanoTime() + limit.toNanos();
        Object monitor = new Object();
        while (!condition.getAsBoolean()) {
            assertThat(System.nanoTime()).as("waiting for " + what).isLessThan(deadline);
            synchronized (monitor) {
                monitor.wait(20);
            }
        }
    }
}
