package org.atlasops.detect.sink;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import org.atlasops.detect.alert.Alert;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The Splunk HEC sink against a loopback receiver that checks the wire format of the HEC event endpoint: the path,
 * the {@code Splunk} token header, batches of concatenated event envelopes with epoch-seconds times, 503 retried
 * with backoff, {@code invalid-event-number} honoured, a refused token stopping the run, and TLS with a CA file.
 */
class SplunkHecTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Receiver.Answer SUCCESS = new Receiver.Answer(200, "{\"text\":\"Success\",\"code\":0}");
    private static final Receiver.Answer BUSY = new Receiver.Answer(503, "{\"text\":\"Server is busy\",\"code\":9}");

    @TempDir
    Path dir;

    private final List<String> reports = new CopyOnWriteArrayList<>();

    private SinkSpec spec(String url) {
        return SinkSpec.of(SinkSpec.Kind.SPLUNK_HEC, url)
                .withToken(Optional.of("11111111-2222-3333-4444-555555555555"))
                .withIndex(Optional.of("ai_alerts"))
                .withBatching(2, 10)
                .withRetry(Duration.ofSeconds(20), SinkSpec.OnFailure.STOP)
                .withSpill(Optional.of(dir.resolve("spill.jsonl")));
    }

    /** The envelopes of one request body, checked against the HEC event format. */
    private static List<JsonNode> envelopes(Receiver.Request r) throws IOException {
        assertThat(r.method()).isEqualTo("POST");
        assertThat(r.path()).isEqualTo("/services/collector/event");
        assertThat(r.header("Authorization")).isEqualTo("Splunk 11111111-2222-3333-4444-555555555555");
        assertThat(r.header("Content-Type")).startsWith("application/json");
        List<JsonNode> out = new ArrayList<>();
        try (var it = JSON.readerFor(JsonNode.class).<JsonNode>readValues(r.body())) {
            while (it.hasNext()) {
                JsonNode e = it.next();
                assertThat(e.isObject()).isTrue();
                assertThat(e.fieldNames())
                        .toIterable()
                        .containsExactly("time", "host", "source", "sourcetype", "index", "event");
                assertThat(e.get("time").isNumber())
                        .as("HEC time is epoch seconds")
                        .isTrue();
                assertThat(e.get("sourcetype").asText()).isEqualTo("atlas-ops:alert");
                assertThat(e.get("index").asText()).isEqualTo("ai_alerts");
                assertThat(e.get("event").isObject()).isTrue();
                out.add(e);
            }
        }
        return out;
    }

    @Test
    void batchesAreSentWithTheTokenAndRetriedWhenTheCollectorIsBusy() throws Exception {
        List<Alert> alerts = Alerts.some().subList(0, 3);
        try (Receiver hec = new Receiver("/services/collector", r -> SUCCESS)) {
            hec.then(r -> BUSY).then(r -> BUSY);
            AlertSender sender = AlertSender.open(spec(hec.url()), reports::add);
            for (Alert a : alerts) {
                sender.accept(a);
            }
            AlertSender.Stats stats = sender.finish();

            assertThat(stats).isEqualTo(new AlertSender.Stats(3, 3, 0, Optional.empty()));
            assertThat(reports).anySatisfy(m -> assertThat(m).contains("503").contains("retrying"));
            List<String> delivered = new ArrayList<>();
            for (int i = 0; i < hec.requests.size(); i++) {
                List<JsonNode> batch = envelopes(hec.requests.get(i));
                assertThat(batch).hasSizeBetween(1, 2);
                if (i >= 2) { // the first two were answered 503
                    batch.forEach(e -> delivered.add(e.get("event").get("id").asText()));
                }
                for (JsonNode e : batch) {
                    Alert a = alerts.stream()
                            .filter(x -> x.id().equals(e.get("event").get("id").asText()))
                            .findFirst()
                            .orElseThrow();
                    assertThat(e.get("time").decimalValue().movePointRight(3).longValue())
                            .isEqualTo(a.time().toEpochMilli());
                }
            }
            assertThat(delivered)
                    .containsExactlyInAnyOrderElementsOf(
                            alerts.stream().map(Alert::id).toList());
        }
    }

    @Test
    void anInvalidEventIsRefusedTheOnesBeforeItAreKeptAndTheOnesAfterItAreSentAgain() throws Exception {
        List<Alert> alerts = Alerts.some().subList(0, 3);
        try (Receiver hec = new Receiver("/services/collector", r -> SUCCESS)) {
            hec.then(r -> new Receiver.Answer(
                    400, "{\"text\":\"Invalid data format\",\"code\":6," + "\"invalid-event-number\":1}"));
            AlertSender sender = AlertSender.open(
                    spec(hec.url()).withBatching(3, 10).withRetry(Duration.ofSeconds(20), SinkSpec.OnFailure.CONTINUE),
                    reports::add);
            for (Alert a : alerts) {
                sender.accept(a);
            }
            AlertSender.Stats stats = sender.finish();

            assertThat(stats.delivered()).isEqualTo(2);
            assertThat(stats.undelivered()).isEqualTo(1);
            assertThat(envelopes(hec.requests.get(1)))
                    .extracting(e -> e.get("event").get("id").asText())
                    .containsExactly(alerts.get(2).id());
            assertThat(Files.readAllLines(dir.resolve("spill.jsonl")))
                    .singleElement()
                    .satisfies(l -> assertThat(JSON.readTree(l).get("id").asText())
                            .isEqualTo(alerts.get(1).id()));
            assertThat(reports)
                    .anySatisfy(m -> assertThat(m)
                            .contains("1 alert not delivered")
                            .contains("Invalid data format")
                            .contains("spill.jsonl"));
        }
    }

    @Test
    void aRefusedTokenStopsTheRunAndSpillsWhatIsBuffered() throws Exception {
        List<Alert> alerts = Alerts.some();
        try (Receiver hec = new Receiver(
                "/services/collector", r -> new Receiver.Answer(403, "{\"text\":\"Invalid token\",\"code\":4}"))) {
            AlertSender sender = AlertSender.open(spec(hec.url()), reports::add);
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
            assertThatThrownBy(() -> {
                        while (System.nanoTime() < deadline) { // the sender stops once the first batch is refused
                            for (Alert a : alerts) {
                                sender.accept(a);
                            }
                            sender.stopped().ifPresent(s -> {
                                throw new IllegalStateException(s);
                            });
                        }
                    })
                    .hasMessageContaining("403")
                    .hasMessageContaining("Invalid token")
                    .hasMessageContaining("check the token");
            AlertSender.Stats stats = sender.finish();
            assertThat(stats.delivered()).isZero();
            assertThat(stats.undelivered()).isEqualTo(stats.accepted());
            assertThat(Files.readAllLines(dir.resolve("spill.jsonl"))).hasSize((int) stats.accepted());
            assertThatThrownBy(() -> sender.accept(alerts.get(0))).isInstanceOf(IOException.class);
        }
    }

    @Test
    void tlsWithTheCollectorsCaFileAndAClearErrorWithoutIt() throws Exception {
        Path keystore = dir.resolve("hec.p12");
        Path ca = dir.resolve("hec-ca.pem");
        keytool(
                "-genkeypair",
                "-keystore",
                keystore.toString(),
                "-storetype",
                "PKCS12",
                "-storepass",
                "changeit",
                "-alias",
                "hec",
                "-keyalg",
                "EC",
                "-dname",
                "CN=localhost",
                "-ext",
                "SAN=ip:127.0.0.1",
                "-validity",
                "2");
        keytool(
                "-exportcert",
                "-rfc",
                "-keystore",
                keystore.toString(),
                "-storetype",
                "PKCS12",
                "-storepass",
                "changeit",
                "-alias",
                "hec",
                "-file",
                ca.toString());
        java.security.KeyStore ks = java.security.KeyStore.getInstance("PKCS12");
        try (var in = Files.newInputStream(keystore)) {
            ks.load(in, "changeit".toCharArray());
        }
        KeyManagerFactory kmf = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
        kmf.init(ks, "changeit".toCharArray());
        SSLContext tls = SSLContext.getInstance("TLS");
        tls.init(kmf.getKeyManagers(), null, null);
        Alert alert = Alerts.some().get(0);
        try (Receiver hec = new Receiver("/services/collector", r -> SUCCESS, tls)) {
            AlertSender trusting = AlertSender.open(spec(hec.url()).withCaFile(Optional.of(ca)), reports::add);
            trusting.accept(alert);
            assertThat(trusting.finish().delivered()).isEqualTo(1);
            assertThat(envelopes(hec.requests.get(0))).hasSize(1);

            AlertSender untrusting = AlertSender.open(spec(hec.url()), reports::add);
            untrusting.accept(alert);
            AlertSender.Stats stats = untrusting.finish();
            assertThat(stats.undelivered()).isEqualTo(1);
            assertThat(stats.firstFailure())
                    .hasValueSatisfying(f -> assertThat(f).contains("TLS").contains("--sink-ca"));
            assertThat(hec.requests).hasSize(1);
        }
    }

    private static void keytool(String... args) throws Exception {
        List<String> cmd = new ArrayList<>();
        cmd.add(Path.of(System.getProperty("java.home"), "bin", "keytool").toString());
        cmd.addAll(List.of(args));
        Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes());
        assertThat(p.waitFor(30, TimeUnit.SECONDS)).isTrue();
        assertThat(p.exitValue()).as(out).isZero();
    }
}
