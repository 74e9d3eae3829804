package org.atlasops.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.atlasops.server.AtlasServer;
import org.atlasops.server.ServerOptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code users link} and {@code admin backup} in another process while {@code serve} holds the H2 database (issue 17, section 1). */
class UsersCliIT {
    @TempDir
    Path dir;

    @Test
    void aLinkAndABackupAreMadeByAnotherProcessWhileTheServerRuns() throws Exception {
        try (AtlasServer server = AtlasServer.start(
                new ServerOptions("127.0.0.1", 0, dir, Optional.empty(), false, "5.6.0", List.of()))) {
            String java =
                    Path.of(System.getProperty("java.home"), "bin", "java").toString();
            Process p = new ProcessBuilder(
                            java,
                            "-cp",
                            System.getProperty("java.class.path"),
                            Main.class.getName(),
                            "--data-dir",
                            dir.toString(),
                            "users",
                            "link",
                            "admin")
                    .redirectErrorStream(true)
                    .start();
            String output = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            assertThat(p.waitFor(60, TimeUnit.SECONDS)).isTrue();
            assertThat(p.exitValue()).as(output).isZero();
            String url = output.lines()
                    .filter(l -> l.contains("/login/"))
                    .findFirst()
                    .orElseThrow()
                    .strip();
            assertThat(url).startsWith("http://127.0.0.1:" + server.port() + "/login/");
            HttpResponse<String> r = HttpClient.newHttpClient()
                    .send(HttpRequest.newBuilder(URI.create(url)).GET().build(), HttpResponse.BodyHandlers.ofString());
            assertThat(r.statusCode())
                    .as("the running server accepts the link made beside it")
                    .isEqualTo(302);

            Path backup = dir.resolve("while-serving.sql.gz");
            Process b = new ProcessBuilder(
                            java,
                            "-cp",
                            System.getProperty("java.class.path"),
                            Main.class.getName(),
                            "--data-dir",
                            dir.toString(),
                            "admin",
                            "backup",
                            backup.toString())
                    .redirectErrorStream(true)
                    .start();
            String said = new String(b.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            assertThat(b.waitFor(60, TimeUnit.SECONDS)).isTrue();
            assertThat(b.exitValue()).as(said).isZero();
            assertThat(Files.size(backup)).isPositive();
        }
    }
}
