package org.atlasops.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.sun.net.httpserver.HttpServer;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The TAXII client's failures as a user meets them: a server that is not there, an answer that is not JSON, an
 * {@code --out} bundle that is not JSON. One line each that says what to check; the detail only with --verbose.
 */
class TaxiiClientErrorsCliTest {
    @TempDir
    Path dir;

    private Cli intel(String... args) {
        String[] all = new String[args.length + 3];
        all[0] = "--data-dir";
        all[1] = dir.resolve("home").toString();
        all[2] = "intel";
        System.arraycopy(args, 0, all, 3, args.length);
        return Cli.run(all);
    }

    /** A loopback port nothing listens on. */
    private static int closedPort() throws Exception {
        try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return s.getLocalPort();
        }
    }

    @Test
    void anUnreachableServerIsOneLineThatSaysWhatToCheck() throws Exception {
        String url = "http://127.0.0.1:" + closedPort() + "/taxii2/";
        Cli r = intel("collections", url, "--allow-loopback");
        assertThat(r.code()).isEqualTo(ExitCodes.BAD_INPUT);
        assertThat(r.err())
                .isEqualTo("atlas-ops: cannot reach " + url
                        + ": connection refused; check the URL and that the server runs\n");
        Cli verbose = Cli.run(
                "--verbose",
                "--data-dir",
                dir.resolve("home").toString(),
                "intel",
                "collections",
                url,
                "--allow-loopback");
        assertThat(verbose.err()).contains("java.net.ConnectException");
    }

    @Test
    void anAnswerThatIsNotJsonIsOneLineWithoutTheAnswersText() throws Exception {
        HttpServer server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.createContext("/", x -> {
            byte[] body = "<html>sign in, secret-session-token</html>".getBytes(StandardCharsets.UTF_8);
            x.getResponseHeaders().add("Content-Type", "application/taxii+json;version=2.1");
            x.sendResponseHeaders(200, body.length);
            x.getResponseBody().write(body);
            x.close();
        });
        server.start();
        try {
            String url = "http://127.0.0.1:" + server.getAddress().getPort() + "/taxii2/";
            Cli r = intel("collections", url, "--allow-loopback");
            assertThat(r.code()).isEqualTo(ExitCodes.BAD_INPUT);
            assertThat(r.err().lines()).hasSize(1);
            assertThat(r.err())
                    .startsWith("atlas-ops: " + url + " answered something that is not JSON (line 1, column ")
                    .endsWith("); is it a TAXII 2.1 server?\n")
                    .doesNotContain("Source", "secret-session-token");
        } finally {
            server.stop(0);
        }
    }

    @Test
    void anOutBundleThatIsNotJsonIsOneLineBeforeTheServerIsAsked() throws Exception {
        Path out = dir.resolve("atlas.json");
        Files.writeString(out, "{\"objects\": [\n  {\"id\": \"x\", \"secret\": oops}\n]}");
        String url = "http://127.0.0.1:" + closedPort() + "/taxii2/";
        Cli r = intel("pull", url, "--allow-loopback", "--collection", "c1", "--out", out.toString());
        assertThat(r.code()).isEqualTo(ExitCodes.BAD_INPUT);
        assertThat(r.err())
                .startsWith("atlas-ops: " + out + ":2:")
                .contains(": not JSON: ")
                .endsWith("; give another --out, or --full with a new file\n")
                .doesNotContain("Source", "[{");
        assertThat(r.err().lines()).hasSize(1);
    }
}
