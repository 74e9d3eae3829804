package org.atlasops.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import org.atlasops.server.AtlasServer;
import org.atlasops.server.ServerOptions;
import org.atlasops.store.Database;
import org.atlasops.store.Role;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/** {@code users list} and {@code users link}: admin recovery from the machine that holds the data (issue 17, 1). */
class UsersCliTest {
    @TempDir
    Path dir;

    private static ServerOptions options(Path dataDir) {
        return new ServerOptions("127.0.0.1", 0, dataDir, Optional.empty(), false, "5.6.0", List.of());
    }

    @Test
    void aNewLinkSignsTheAdminInAfterTheFirstOneWasLost() throws Exception {
        int port;
        try (AtlasServer first = AtlasServer.start(options(dir))) {
            port = first.port();
            first.database().users().create("vic", Role.VIEWER);
            first.database().users().disable("vic");
        }
        Cli list = Cli.run("--data-dir", dir.toString(), "users", "list");
        assertThat(list.code()).as(list.err()).isZero();
        assertThat(list.out())
                .containsPattern("admin\\s+admin\\s+enabled")
                .containsPattern("vic\\s+viewer\\s+disabled");

        Cli json = Cli.run("--data-dir", dir.toString(), "users", "list", "--format", "json");
        assertThat(json.out()).contains("\"name\" : \"vic\"", "\"disabled\" : true");

        // the server is stopped: the link names the address it last served
        Cli link = Cli.run("--data-dir", dir.toString(), "users", "link", "admin");
        assertThat(link.code()).as(link.err()).isZero();
        String url = link.out()
                .lines()
                .filter(l -> l.contains("/login/"))
                .findFirst()
                .orElseThrow()
                .strip();
        assertThat(url).startsWith("http://127.0.0.1:" + port + "/login/");

        try (AtlasServer again = AtlasServer.start(options(dir))) {
            HttpClient http = HttpClient.newBuilder().build();
            String path = url.substring(url.indexOf("/login/"));
            HttpResponse<String> r = http.send(
                    HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + again.port() + path))
                            .GET()
                            .build(),
                    HttpResponse.BodyHandlers.ofString());
            assertThat(r.statusCode()).isEqualTo(302);
            assertThat(r.headers().firstValue("Location")).contains("/account?welcome=1");
            assertThat(again.database().audit().recent(20).toString()).contains("user.link");
        }
    }

    @Test
    void unknownAndDisabledUsersGetNoLink() {
        try (Database db = Database.open(Database.Location.h2In(dir))) {
            db.users().create("root", Role.ADMIN);
            db.users().create("vic", Role.VIEWER);
            db.users().disable("vic");
        }
        Cli unknown = Cli.run("--data-dir", dir.toString(), "users", "link", "ghost");
        assertThat(unknown.code()).isEqualTo(2);
        assertThat(unknown.err()).contains("no user named 'ghost'").hasLineCount(1);
        Cli disabled = Cli.run("--data-dir", dir.toString(), "users", "link", "vic");
        assertThat(disabled.code()).isEqualTo(2);
        assertThat(disabled.err()).contains("is disabled").hasLineCount(1);
        Cli badUrl = Cli.run("--data-dir", dir.toString(), "users", "link", "root", "--url", "ftp://x");
        assertThat(badUrl.code()).isEqualTo(2);
        assertThat(badUrl.err()).contains("--url");
    }

    @Test
    @Timeout(120)
    void aSecondServeOnADataDirectoryInUseSaysAnotherHoldsIt() {
        try (AtlasServer running = AtlasServer.start(options(dir))) {
            Cli second = Cli.run("--data-dir", dir.toString(), "serve", "--port", "0");
            assertThat(second.code()).isEqualTo(2);
            assertThat(second.err())
                    .hasLineCount(1)
                    .contains("is in use by another atlas-ops serve")
                    .contains("http://127.0.0.1:" + running.port() + "/")
                    .doesNotContain("check the URL, user and password");
        }
    }
}
