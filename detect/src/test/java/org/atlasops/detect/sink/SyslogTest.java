package org.atlasops.detect.sink;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.DataInputStream;
import java.io.IOException;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.atlasops.detect.alert.Alert;
import org.junit.jupiter.api.Test;

/** Syslog over loopback sockets: RFC 5424 messages, octet-counted over TCP (RFC 6587), one per datagram over UDP. */
class SyslogTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    /** RFC 5424 HEADER SP STRUCTURED-DATA SP MSG, with our SD-ID. */
    private static final Pattern RFC5424 = Pattern.compile(
            "<(\\d{1,3})>1 (\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\d"
                    + "\\.\\d{3}Z) ([!-~]{1,255}) atlas-ops (\\d+) ([!-~]{1,32}) \\[atlasops@32473 id=\"([0-9a-f]{32})\" "
                    + "rule=\"[^\"]+\" level=\"([a-z]*)\"( technique=\"AML\\.T\\d{4}(\\.\\d{3})?\")*\\] (\\{.*\\})",
            Pattern.DOTALL);

    private static void checkMessage(String m, Alert a) throws IOException {
        Matcher x = RFC5424.matcher(m);
        assertThat(x.matches()).as(m).isTrue();
        int pri = Integer.parseInt(x.group(1));
        assertThat(pri / 8).as("facility local0").isEqualTo(16);
        assertThat(pri % 8).isEqualTo(Syslog.severity(a.level()));
        assertThat(x.group(2))
                .isEqualTo(java.time.format.DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss.SSS'Z'")
                        .withZone(java.time.ZoneOffset.UTC)
                        .format(a.time()));
        assertThat(x.group(5)).isEqualTo(a.kind());
        assertThat(x.group(6)).isEqualTo(a.id());
        assertThat(JSON.readTree(x.group(10)).get("id").asText()).isEqualTo(a.id());
    }

    @Test
    void tcpFramesEachMessageByOctetCounting() throws Exception {
        List<Alert> alerts = Alerts.some();
        try (ServerSocket server = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            CompletableFuture<List<String>> received = CompletableFuture.supplyAsync(() -> {
                List<String> out = new ArrayList<>();
                try (Socket s = server.accept();
                        DataInputStream in = new DataInputStream(s.getInputStream())) {
                    while (out.size() < alerts.size()) {
                        out.add(frame(in));
                    }
                } catch (IOException e) {
                    throw new java.io.UncheckedIOException(e);
                }
                return out;
            });
            AlertSender sender = AlertSender.open(
                    SinkSpec.of(SinkSpec.Kind.SYSLOG_TCP, "127.0.0.1:" + server.getLocalPort())
                            .withBatching(2, 10),
                    m -> {});
            for (Alert a : alerts) {
                sender.accept(a);
            }
            assertThat(sender.finish().delivered()).isEqualTo(alerts.size());
            List<String> messages = received.get(30, TimeUnit.SECONDS);
            for (int i = 0; i < alerts.size(); i++) {
                checkMessage(messages.get(i), alerts.get(i));
            }
        }
    }

    /** One octet-counted frame: MSG-LEN SP SYSLOG-MSG, the length in bytes. */
    private static String frame(DataInputStream in) throws IOException {
        StringBuilder len = new StringBuilder();
        int c;
        while ((c = in.read()) != ' ') {
            assertThat(c).as("MSG-LEN is decimal digits then a space").isBetween((int) '0', (int) '9');
            len.append((char) c);
        }
        assertThat(len.charAt(0)).as("no leading zero").isNotEqualTo('0');
        byte[] msg = new byte[Integer.parseInt(len.toString())];
        in.readFully(msg);
        return new String(msg, StandardCharsets.UTF_8);
    }

    @Test
    void udpSendsOneMessagePerDatagram() throws Exception {
        List<Alert> alerts = Alerts.some();
        try (DatagramSocket server = new DatagramSocket(0, InetAddress.getLoopbackAddress())) {
            server.setSoTimeout(30_000);
            AlertSender sender = AlertSender.open(
                    SinkSpec.of(SinkSpec.Kind.SYSLOG_UDP, "localhost:" + server.getLocalPort()), m -> {});
            for (Alert a : alerts) {
                sender.accept(a);
            }
            assertThat(sender.finish().delivered()).isEqualTo(alerts.size());
            for (Alert a : alerts) {
                DatagramPacket p = new DatagramPacket(new byte[65_536], 65_536);
                server.receive(p);
                checkMessage(new String(p.getData(), 0, p.getLength(), StandardCharsets.UTF_8), a);
            }
        }
    }

    @Test
    void aClosedPortIsReportedAndTheRunGoesOnUnderContinue() throws Exception {
        int closed;
        try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            closed = s.getLocalPort();
        }
        List<String> reports = new ArrayList<>();
        AlertSender sender = AlertSender.open(
                SinkSpec.of(SinkSpec.Kind.SYSLOG_TCP, "127.0.0.1:" + closed)
                        .withRetry(java.time.Duration.ofSeconds(1), SinkSpec.OnFailure.CONTINUE),
                reports::add);
        for (Alert a : Alerts.some()) {
            sender.accept(a);
        }
        AlertSender.Stats stats = sender.finish();
        assertThat(stats.delivered()).isZero();
        assertThat(stats.undelivered()).isEqualTo(Alerts.some().size());
        assertThat(stats.firstFailure())
                .hasValueSatisfying(f -> assertThat(f)
                        .contains("not delivered within 1 s")
                        .contains("cannot send to syslog at 127.0.0.1:" + closed));
        assertThat(String.join("\n", reports)).contains("--sink-spill");
    }
}
