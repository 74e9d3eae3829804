package org.atlasops.intel.taxii;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.InetAddress;
import java.net.URI;
import java.time.Duration;
import java.util.Optional;
import org.atlasops.kb.failure.BadInputException;
import org.junit.jupiter.api.Test;

class TaxiiClientTest {
    /** A stand-in for the server's allow-list: 10/8 and 192.168/16 are private here; the rest is public. */
    private static boolean global(InetAddress a) {
        return !a.isSiteLocalAddress() && !a.isLoopbackAddress();
    }

    private static TaxiiClient client(boolean allowPrivate, boolean allowLoopback) {
        return new TaxiiClient(new TaxiiClient.Options(
                Optional.empty(),
                Optional.empty(),
                allowPrivate,
                allowLoopback,
                TaxiiClientTest::global,
                Duration.ofSeconds(5)));
    }

    @Test
    void onlyHttpsToPublicAddressesUnlessAllowed() {
        TaxiiClient strict = client(false, false);
        assertThatCode(() -> strict.checkTarget(URI.create("https://8.8.8.8/taxii2/")))
                .doesNotThrowAnyException();
        assertThatThrownBy(() -> strict.checkTarget(URI.create("http://8.8.8.8/taxii2/")))
                .isInstanceOf(BadInputException.class)
                .hasMessageContaining("only https");
        assertThatThrownBy(() -> strict.checkTarget(URI.create("https://10.1.2.3/taxii2/")))
                .hasMessageContaining("--allow-private");
        assertThatThrownBy(() -> strict.checkTarget(URI.create("https://127.0.0.1/taxii2/")))
                .hasMessageContaining("--allow-loopback");
        assertThatThrownBy(() -> strict.checkTarget(URI.create("https://[::1]/taxii2/")))
                .hasMessageContaining("--allow-loopback");
    }

    @Test
    void theOptionsLiftOneRuleEach() {
        TaxiiClient privateOk = client(true, false);
        assertThatCode(() -> privateOk.checkTarget(URI.create("https://192.168.1.5/taxii2/")))
                .doesNotThrowAnyException();
        assertThatThrownBy(() -> privateOk.checkTarget(URI.create("http://192.168.1.5/taxii2/")))
                .hasMessageContaining("only https");
        assertThatThrownBy(() -> privateOk.checkTarget(URI.create("https://127.0.0.1/taxii2/")))
                .hasMessageContaining("loopback");
        TaxiiClient loopbackOk = client(false, true);
        assertThatCode(() -> loopbackOk.checkTarget(URI.create("http://127.0.0.1:8080/taxii2/")))
                .doesNotThrowAnyException();
        assertThatThrownBy(() -> loopbackOk.checkTarget(URI.create("http://8.8.8.8/taxii2/")))
                .hasMessageContaining("only https");
    }

    @Test
    void aUserNeedsAToken() {
        assertThatThrownBy(() -> new TaxiiClient.Options(
                        Optional.of("alice"), Optional.empty(), false, false, a -> true, Duration.ofSeconds(1)))
                .hasMessageContaining("--user needs --token");
    }

    /** The HTTP client's ConnectException for each cause, as it throws them (the cause carries the reason). */
    @Test
    void anUnreachableServerIsDescribedByTheCauseOfTheConnectException() {
        assertThat(TaxiiClient.unreachable(connect(new java.nio.channels.UnresolvedAddressException())))
                .isEqualTo("unknown host (the name does not resolve)");
        assertThat(TaxiiClient.unreachable(connect(new java.net.NoRouteToHostException("No route to host"))))
                .isEqualTo("no route to host");
        assertThat(TaxiiClient.unreachable(connect(new java.net.ConnectException("Connection refused"))))
                .isEqualTo("connection refused");
        assertThat(TaxiiClient.unreachable(new java.net.http.HttpConnectTimeoutException("timed out")))
                .isEqualTo("no connection within the --timeout");
    }

    private static java.net.ConnectException connect(Throwable cause) {
        java.net.ConnectException e = new java.net.ConnectException();
        e.initCause(cause);
        return e;
    }

    @Test
    void a401NamesTheTokenVariableFirst() throws Exception {
        com.sun.net.httpserver.HttpServer server =
                com.sun.net.httpserver.HttpServer.create(new java.net.InetSocketAddress("127.0.0.1", 0), 0);
        server.createContext("/", x -> {
            x.sendResponseHeaders(401, -1);
            x.close();
        });
        server.start();
        try {
            URI root = URI.create("http://127.0.0.1:" + server.getAddress().getPort() + "/taxii2/api/");
            assertThatThrownBy(() -> client(false, true).collections(root))
                    .isInstanceOf(BadInputException.class)
                    .satisfies(e -> org.assertj.core.api.Assertions.assertThat(e.getMessage())
                            .contains("$ATLAS_OPS_TAXII_TOKEN")
                            .doesNotContain("--token TOKEN"));
        } finally {
            server.stop(0);
        }
    }
}
