package org.atlasops.server;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import org.atlasops.server.web.Html;
import org.atlasops.store.Role;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Issue 18: the sign-in findings, over HTTP on loopback as the probe sent them. */
class SignInHardeningTest {
    private static final String PASSWORD = "correct horse battery";

    @TempDir
    Path dir;

    ServerFixture s;

    @BeforeEach
    void start() {
        s = new ServerFixture(dir, false);
        s.server.database().users().create("pat", Role.VIEWER);
        s.server.database().users().setPassword("pat", PASSWORD);
    }

    @AfterEach
    void stop() {
        s.close();
    }

    private HttpResponse<String> formSignIn(String rawNext) throws Exception {
        return s.send(s.request("/login?next=" + rawNext)
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString("name=pat&password=" + Html.url(PASSWORD))));
    }

    /** Finding 4: {@code next} is followed only when a browser would read it as a path on this site. */
    @Test
    void aSignInRedirectsOnlyToAPathOnThisSite() throws Exception {
        for (String evil : List.of(
                "/%09/evil.example",
                "/%0A/evil.example",
                "/%0D%0A/evil.example",
                "%2F%2Fevil.example",
                "//evil.example",
                "/%5Cevil.example",
                "%5C%5Cevil.example",
                "%09//evil.example",
                "https://evil.example/",
                "javascript:alert(1)")) {
            HttpResponse<String> r = formSignIn(evil);
            assertThat(r.statusCode()).as(evil).isEqualTo(302);
            assertThat(r.headers().firstValue("Location")).as(evil).contains("/");
        }
        HttpResponse<String> ok = formSignIn("%2Flayers%3Foffset%3D1");
        assertThat(ok.headers().firstValue("Location")).contains("/layers?offset=1");
    }

    private HttpResponse<String> apiSignIn(String contentType, Optional<String> origin, String password)
            throws Exception {
        HttpRequest.Builder r = s.request("/api/v1/session")
                .header("Content-Type", contentType)
                .POST(HttpRequest.BodyPublishers.ofString("{\"name\":\"pat\",\"password\":\"" + password + "\"}"));
        origin.ifPresent(o -> r.header("Origin", o));
        return s.send(r);
    }

    /** Finding 5: another site's page cannot sign a victim in through the API. */
    @Test
    void anApiSignInNeedsJsonAndThisSitesOrigin() throws Exception {
        for (var attempt : List.of(
                new Object[] {"text/plain", Optional.of("http://evil.example")},
                new Object[] {"text/plain", Optional.empty()},
                new Object[] {"application/x-www-form-urlencoded", Optional.empty()},
                new Object[] {"application/json", Optional.of("http://evil.example")},
                new Object[] {"application/json", Optional.of("null")},
                new Object[] {"application/json", Optional.of("https://127.0.0.1.evil.example")})) {
            @SuppressWarnings("unchecked")
            HttpResponse<String> r = apiSignIn((String) attempt[0], (Optional<String>) attempt[1], PASSWORD);
            assertThat(r.statusCode()).as(attempt[0] + " " + attempt[1]).isEqualTo(403);
            assertThat(ServerFixture.json(r).get("type").asText()).isEqualTo("/problems/csrf");
            assertThat(r.headers().firstValue("Set-Cookie")).isEmpty();
        }
        assertThat(apiSignIn("application/json", Optional.empty(), PASSWORD).statusCode())
                .isEqualTo(200);
        assertThat(apiSignIn("application/json; charset=utf-8", Optional.of(s.base()), PASSWORD)
                        .statusCode())
                .isEqualTo(200);
    }

    /** Finding 2: a burst of wrong passwords for one name has at most 6 of them checked; the rest wait. */
    @Test
    void aBurstOfWrongPasswordsHasAtMostSixChecked() throws Exception {
        List<CompletableFuture<HttpResponse<String>>> burst = new ArrayList<>();
        for (int i = 0; i < 20; i++) {
            burst.add(s.http.sendAsync(
                    s.request("/api/v1/session")
                            .header("Content-Type", "application/json")
                            .POST(HttpRequest.BodyPublishers.ofString(
                                    "{\"name\":\"pat\",\"password\":\"wrong password " + i + "\"}"))
                            .build(),
                    HttpResponse.BodyHandlers.ofString()));
        }
        int checked = 0;
        int waiting = 0;
        for (CompletableFuture<HttpResponse<String>> f : burst) {
            int status = f.get().statusCode();
            checked += status == 401 ? 1 : 0;
            waiting += status == 429 ? 1 : 0;
        }
        assertThat(checked).isEqualTo(6);
        assertThat(waiting).isEqualTo(14);
        JsonNode audit = ServerFixture.json(s.get("/api/v1/audit", s.token("root", Role.ADMIN)));
        int refused = 0;
        for (JsonNode e : audit.get("entries")) {
            refused += e.get("action").asText().equals("session.refused") ? 1 : 0;
        }
        assertThat(refused).as("one audit entry per checked password").isEqualTo(6);
    }

    /** Finding 14: team data and pages that show the caller are never cached; assets may be. */
    @Test
    void answersAboutTheCallerAreNeverCached() throws Exception {
        String viewer = s.token("vic", Role.VIEWER);
        for (String path : List.of("/api/v1/layers", "/api/v1/me", "/api/v1/tokens", "/layers", "/", "/login")) {
            HttpResponse<String> r = s.get(path, viewer);
            assertThat(r.statusCode()).as(path).isEqualTo(200);
            assertThat(r.headers().firstValue("Cache-Control")).as(path).contains("no-store");
        }
        HttpResponse<String> unauthorized = s.get("/api/v1/layers", null);
        assertThat(unauthorized.headers().firstValue("Cache-Control")).contains("no-store");
        HttpResponse<String> asset = s.get("/assets/app.css", null);
        assertThat(asset.statusCode()).isEqualTo(200);
        assertThat(asset.headers().firstValue("Cache-Control")).contains("public, max-age=3600");
    }

    /** Finding 14: a sign-in link names the server, never the Host header the caller sent. */
    @Test
    void aSignInLinkIgnoresTheHostHeader() throws Exception {
        String admin = s.token("root", Role.ADMIN);
        String body = "{\"name\":\"newcomer\",\"role\":\"viewer\"}";
        String answer = RawHttp.exchange(
                s.server.port(),
                "POST /api/v1/users HTTP/1.1\r\nHost: evil.example\r\nAuthorization: Bearer " + admin
                        + "\r\nContent-Type: application/json\r\nContent-Length: " + body.length()
                        + "\r\nConnection: close\r\n\r\n" + body);
        assertThat(answer).startsWith("HTTP/1.1 201");
        assertThat(answer).doesNotContain("evil.example").contains("\"" + s.base() + "/login/");
    }

    @Test
    void withAPublicUrlLinksAndSignInOriginsFollowIt() throws Exception {
        ServerOptions options = new ServerOptions(
                "127.0.0.1",
                0,
                dir.resolve("proxied"),
                Optional.empty(),
                false,
                "5.6.0",
                List.of(),
                Optional.of(URI.create("https://atlas.corp.example")),
                ServerOptions.DEFAULT_TOKEN_DAYS);
        try (AtlasServer server = AtlasServer.start(options)) {
            assertThat(server.firstLoginLink().orElseThrow()).startsWith("https://atlas.corp.example/login/");
            server.database().users().create("pat", Role.VIEWER);
            server.database().users().setPassword("pat", PASSWORD);
            String body = "{\"name\":\"pat\",\"password\":\"" + PASSWORD + "\"}";
            String fromProxy = RawHttp.exchange(
                    server.port(),
                    "POST /api/v1/session HTTP/1.1\r\nHost: internal:8080\r\nOrigin: https://atlas.corp.example\r\n"
                            + "Content-Type: application/json\r\nContent-Length: " + body.length()
                            + "\r\nConnection: close\r\n\r\n" + body);
            assertThat(fromProxy).startsWith("HTTP/1.1 200");
        }
    }
}
