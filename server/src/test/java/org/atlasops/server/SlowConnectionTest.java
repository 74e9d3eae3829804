package org.atlasops.server;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue 18, finding 13: connections that say nothing, or send a body too slowly, are closed; the web server's own
 * error answers carry the security headers. Short limits here; the defaults are in {@link ConnectionLimits}.
 */
class SlowConnectionTest {
    @TempDir
    Path dir;

    AtlasServer server;

    @BeforeEach
    void start() {
        server = AtlasServer.start(
                new ServerOptions("127.0.0.1", 0, dir, Optional.empty(), false, "5.6.0", List.of()),
                new ConnectionLimits(Duration.ofSeconds(1), 2048));
    }

    @AfterEach
    void stop() {
        server.close();
    }

    @Test
    void aConnectionThatStopsHalfWayThroughItsHeadersIsClosed() throws Exception {
        try (RawHttp raw = new RawHttp(server.port())) {
            raw.send("GET / HTTP/1.1\r\nHost: 127.0.0.1\r\n");
            long started = System.nanoTime();
            String answer = raw.readAll(15);
            assertThat(answer).doesNotContain("[still open]");
            assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(Duration.ofSeconds(10));
        }
    }

    @Test
    void aBodyTrickledSlowerThanTheMinimumRateIsCutOff() throws Exception {
        // other requests' bytes must not make up for this one's slowness: send a large body first
        String large = "{\"name\":\"x\",\"password\":\"" + "p".repeat(500_000) + "\"}";
        String answered = RawHttp.exchange(
                server.port(),
                "POST /api/v1/session HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: application/json\r\n"
                        + "Content-Length: " + large.length() + "\r\nConnection: close\r\n\r\n" + large);
        assertThat(answered).startsWith("HTTP/1.1 401");
        try (RawHttp raw = new RawHttp(server.port())) {
            String body = "{\"name\":\"x\",\"password\":\"" + "p".repeat(20_000) + "\"}";
            raw.send("POST /api/v1/session HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: application/json\r\n"
                    + "Content-Length: " + body.length() + "\r\n\r\n");
            long started = System.nanoTime();
            // 20 bytes, then up to 200 ms waiting for the server's answer: at most 100 B/s, often enough for the idle
            // timeout, far below the minimum rate
            boolean cutOff = false;
            for (int i = 0; i < body.length() / 20 && !cutOff; i++) {
                try {
                    raw.send(body.substring(i * 20, i * 20 + 20));
                    cutOff = raw.answersWithin(Duration.ofMillis(200))
                            || Duration.ofNanos(System.nanoTime() - started).compareTo(Duration.ofSeconds(20)) > 0;
                } catch (java.io.IOException e) {
                    cutOff = true;
                }
            }
            Duration took = Duration.ofNanos(System.nanoTime() - started);
            String answer = raw.readAll(5);
            assertThat(took)
                    .as("cut off long before the body (200 s at this rate) was sent")
                    .isLessThan(Duration.ofSeconds(10));
            assertThat(answer).doesNotContain("[still open]").doesNotContain("HTTP/1.1 200");
        }
    }

    @Test
    void theWebServersOwnErrorPagesCarryTheSecurityHeaders() throws Exception {
        for (String bad : List.of(
                "GET / HTTP/1.1\r\nHost: 127.0.0.1\r\nNot a header line\r\n\r\n",
                "GET / HTTP/1.1\r\nHost: 127.0.0.1\r\nX-Big: " + "x".repeat(20_000) + "\r\n\r\n",
                "BREW /%%% HTTP/9.9\r\n\r\n")) {
            String answer = RawHttp.exchange(server.port(), bad);
            assertThat(answer).as(bad.substring(0, 20)).containsPattern("^HTTP/1\\.1 [45]\\d\\d ");
            String headers = answer.substring(0, answer.indexOf("\r\n\r\n")).toLowerCase(java.util.Locale.ROOT);
            assertThat(headers)
                    .as(answer)
                    .contains("x-content-type-options: nosniff")
                    .contains("content-security-policy: default-src 'self'")
                    .contains("x-frame-options: deny")
                    .contains("referrer-policy: same-origin")
                    .contains("cache-control: no-store");
        }
    }
}
