package org.atlasops.server.layers;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.sun.net.httpserver.HttpServer;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.atlasops.server.web.Problem;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The fetcher connects only to addresses it checked; names are resolved by a stand-in DNS here. */
class LayerFetcherTest {
    private HttpServer files;

    @BeforeEach
    void serve() throws Exception {
        files = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        files.createContext("/layer.json", ex -> {
            byte[] body = "{\"name\":\"fetched\"}".getBytes(StandardCharsets.UTF_8);
            ex.sendResponseHeaders(200, body.length);
            ex.getResponseBody().write(body);
            ex.close();
        });
        files.start();
    }

    @AfterEach
    void stop() {
        files.stop(0);
    }

    @Test
    void theConnectionGoesWhereTheCheckedNameResolved() throws Exception {
        int port = files.getAddress().getPort();
        // files.test exists only in the stand-in DNS: a successful fetch shows the client asked it, not the system
        try (LayerFetcher f = new LayerFetcher(
                List.of("files.test:" + port), host -> new InetAddress[] {InetAddress.getByName("127.0.0.1")})) {
            assertThat(f.fetch("http://files.test:" + port + "/layer.json")).isEqualTo("{\"name\":\"fetched\"}");
        }
    }

    /** The first answer is a public address (never connected to: the second answer is the one connected to). */
    @Test
    void aNameThatTurnsInternalBetweenCheckAndConnectionIsRefused() {
        AtomicInteger lookups = new AtomicInteger();
        LayerFetcher.Dns rebinding = host ->
                new InetAddress[] {InetAddress.getByName(lookups.getAndIncrement() == 0 ? "8.8.8.8" : "127.0.0.1")};
        try (LayerFetcher f = new LayerFetcher(List.of(), rebinding)) {
            assertThatThrownBy(() ->
                            f.fetch("https://rebind.test:" + files.getAddress().getPort() + "/layer.json"))
                    .isInstanceOfSatisfying(Problem.class, p -> {
                        assertThat(p.status()).isEqualTo(403);
                        assertThat(p.type().slug()).isEqualTo("fetch-refused");
                        assertThat(p.detail()).contains("127.0.0.1");
                    });
            assertThat(lookups.get())
                    .as("checked, then resolved again only by the connection")
                    .isEqualTo(2);
        }
    }

    @Test
    void anInternalNameIsRefusedBeforeAnyConnection() {
        try (LayerFetcher f =
                new LayerFetcher(List.of(), host -> new InetAddress[] {InetAddress.getByName("10.1.2.3")})) {
            assertThatThrownBy(() -> f.fetch("https://intranet.test/layer.json"))
                    .isInstanceOfSatisfying(
                            Problem.class, p -> assertThat(p.detail()).contains("10.1.2.3"));
        }
    }
}
