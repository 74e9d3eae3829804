package org.atlasops.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code serve} refuses what it cannot run with one line and exit code 2; the server itself is tested in server. */
class ServeCliTest {
    @TempDir
    Path dir;

    @Test
    void aPortOutOfRangeIsRefused() {
        Cli r = Cli.run("--data-dir", dir.toString(), "serve", "--port", "70000");
        assertThat(r.code()).isEqualTo(2);
        assertThat(r.err()).contains("--port 70000 is not a TCP port");
    }

    @Test
    void anUnsupportedDatabaseUrlNamesTheFormsThatWork() {
        Cli r = Cli.run("--data-dir", dir.toString(), "serve", "--db", "jdbc:mysql://db/atlas");
        assertThat(r.code()).isEqualTo(2);
        assertThat(r.err()).contains("jdbc:postgresql://HOST:PORT/DB");
    }

    @Test
    void aPortInUseIsReportedWithTheFix() throws Exception {
        try (ServerSocket taken = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            // the logging backend writes to System.err: nothing of the web server's may come before our line
            ByteArrayOutputStream logged = new ByteArrayOutputStream();
            PrintStream stderr = System.err;
            Cli r;
            System.setErr(new PrintStream(logged, true, StandardCharsets.UTF_8));
            try {
                r = Cli.run("--data-dir", dir.toString(), "serve", "--port", String.valueOf(taken.getLocalPort()));
            } finally {
                System.setErr(stderr);
            }
            assertThat(r.code()).as(r.err()).isEqualTo(2);
            assertThat(r.err())
                    .contains("cannot listen on 127.0.0.1:" + taken.getLocalPort())
                    .contains("--port");
            assertThat(r.err().lines()).hasSize(1);
            assertThat(logged.toString(StandardCharsets.UTF_8))
                    .doesNotContain("ERROR")
                    .doesNotContain("javalin");
        }
    }

    @Test
    void anUnknownReleaseIsOneLineNamingTheKnownOnes() {
        Cli r = Cli.run("--data-dir", dir.toString(), "serve", "--port", "0", "--release", "UNKNOWN");
        assertThat(r.code()).as(r.err()).isEqualTo(2);
        assertThat(r.err().lines()).hasSize(1);
        assertThat(r.err())
                .contains("'UNKNOWN'")
                .contains(org.atlasops.kb.read.ReleaseCatalog.DEFAULT_VERSION)
                .doesNotContain("internal error");
    }

    @Test
    void anUnreachableDatabaseIsReportedWithoutAStackTrace() {
        Cli r = Cli.run("--data-dir", dir.toString(), "serve", "--db", "jdbc:postgresql://127.0.0.1:1/atlas");
        assertThat(r.code()).isEqualTo(2);
        assertThat(r.err())
                .contains("cannot open the database jdbc:postgresql://127.0.0.1:1/atlas")
                .doesNotContain("\tat ");
    }

    @Test
    void tlsOptionsThatCannotWorkAreRefusedBeforeAnythingStarts() throws Exception {
        Cli certOnly = Cli.run("--data-dir", dir.toString(), "serve", "--port", "0", "--tls-cert", "cert.pem");
        assertThat(certOnly.code()).isEqualTo(2);
        assertThat(certOnly.err()).contains("--tls-cert cert.pem needs --tls-key");
        java.nio.file.Path cert = java.nio.file.Files.writeString(dir.resolve("cert.pem"), "not a certificate\n");
        Cli noPem = Cli.run(
                "--data-dir",
                dir.toString(),
                "serve",
                "--port",
                "0",
                "--tls-cert",
                cert.toString(),
                "--tls-key",
                cert.toString());
        assertThat(noPem.code()).isEqualTo(2);
        assertThat(noPem.err().lines()).hasSize(1);
        assertThat(noPem.err()).contains(cert + ": holds no PEM certificate");
        Cli both = Cli.run(
                "--data-dir", dir.toString(), "serve", "--tls-keystore", "s.p12", "--tls-cert", cert.toString());
        assertThat(both.code()).isEqualTo(2);
        assertThat(both.err()).contains("do not go together");
    }
}
