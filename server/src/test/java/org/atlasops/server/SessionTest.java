package org.atlasops.server;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import org.atlasops.store.Database;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Browser sessions: the first-start admin link, cookie flags, CSRF, sign-in and sign-out, anonymous reading. */
class SessionTest {
    @TempDir
    Path dir;

    ServerFixture s;

    @BeforeEach
    void start() {
        s = new ServerFixture(dir, false);
    }

    @AfterEach
    void stop() {
        s.close();
    }

    /** Follows the first-start link; returns the session cookie. */
    private String signInWithFirstLink() throws Exception {
        String link = s.server.firstLoginLink().orElseThrow();
        HttpResponse<String> r =
                s.send(s.request(link.substring(link.indexOf("/login/"))).GET());
        assertThat(r.statusCode()).isEqualTo(302);
        assertThat(r.headers().firstValue("Location")).contains("/account?welcome=1");
        String setCookie = r.headers().firstValue("Set-Cookie").orElseThrow();
        assertThat(setCookie)
                .contains("atlas_session=")
                .containsIgnoringCase("HttpOnly")
                .containsIgnoringCase("SameSite=Strict");
        return setCookie.substring(0, setCookie.indexOf(';'));
    }

    private String csrf(String cookie) throws Exception {
        JsonNode me = ServerFixture.json(
                s.send(s.request("/api/v1/me").header("Cookie", cookie).GET()));
        assertThat(me.get("name").asText()).isEqualTo("admin");
        return me.get("csrf_token").asText();
    }

    @Test
    void theFirstStartLinkSignsTheAdminInOnce() throws Exception {
        String link = s.server.firstLoginLink().orElseThrow();
        signInWithFirstLink();
        HttpResponse<String> again =
                s.send(s.request(link.substring(link.indexOf("/login/"))).GET().header("Accept", "text/html"));
        assertThat(again.statusCode()).isEqualTo(404);
        assertThat(again.body()).contains("already used or has expired");
    }

    @Test
    void changesWithASessionNeedTheCsrfToken() throws Exception {
        String cookie = signInWithFirstLink();
        String token = csrf(cookie);
        String layer = "{\"name\":\"x\",\"techniques\":[]}";
        HttpResponse<String> without = s.send(s.request("/api/v1/layers")
                .header("Cookie", cookie)
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(layer)));
        assertThat(without.statusCode()).isEqualTo(403);
        assertThat(ServerFixture.json(without).get("type").asText()).isEqualTo("/problems/csrf");
        HttpResponse<String> wrong = s.send(s.request("/api/v1/layers")
                .header("Cookie", cookie)
                .header("X-CSRF-Token", token + "x")
                .POST(HttpRequest.BodyPublishers.ofString(layer)));
        assertThat(wrong.statusCode()).isEqualTo(403);
        HttpResponse<String> with = s.send(s.request("/api/v1/layers")
                .header("Cookie", cookie)
                .header("X-CSRF-Token", token)
                .POST(HttpRequest.BodyPublishers.ofString(layer)));
        assertThat(with.statusCode()).as(with.body()).isEqualTo(201);

        HttpResponse<String> formWithout = s.send(s.request("/account/tokens")
                .header("Cookie", cookie)
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString("label=t")));
        assertThat(formWithout.statusCode()).isEqualTo(403);
        HttpResponse<String> form = s.send(s.request("/account/tokens")
                .header("Cookie", cookie)
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString("label=t&csrf=" + token)));
        assertThat(form.statusCode()).isEqualTo(200);
        assertThat(form.body()).contains("shown once");
    }

    @Test
    void passwordSignInAndSignOut() throws Exception {
        String cookie = signInWithFirstLink();
        String token = csrf(cookie);
        HttpResponse<String> set = s.send(s.request("/account/password")
                .header("Cookie", cookie)
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString("password=correct+horse+battery&csrf=" + token)));
        assertThat(set.body()).contains("Password set.");

        HttpResponse<String> bad =
                s.call("POST", "/api/v1/session", null, "{\"name\":\"admin\",\"password\":\"wrong password!\"}");
        assertThat(bad.statusCode()).isEqualTo(401);
        HttpResponse<String> good =
                s.call("POST", "/api/v1/session", null, "{\"name\":\"admin\",\"password\":\"correct horse battery\"}");
        assertThat(good.statusCode()).isEqualTo(200);
        String newCookie = good.headers().firstValue("Set-Cookie").orElseThrow().split(";")[0];
        String newCsrf = ServerFixture.json(good).get("csrf_token").asText();

        HttpResponse<String> crossSite = s.send(s.request("/login")
                .header("Origin", "https://evil.example")
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString("name=admin&password=correct+horse+battery")));
        assertThat(crossSite.statusCode()).isEqualTo(403);

        HttpResponse<String> out = s.send(s.request("/api/v1/session")
                .header("Cookie", newCookie)
                .header("X-CSRF-Token", newCsrf)
                .DELETE());
        assertThat(out.statusCode()).isEqualTo(204);
        JsonNode me = ServerFixture.json(
                s.send(s.request("/api/v1/me").header("Cookie", newCookie).GET()));
        assertThat(me.get("signed_in").asBoolean()).isFalse();
    }

    @Test
    void aTooShortPasswordIsTheUsersToFixButAnOutageIsNot() throws Exception {
        String cookie = signInWithFirstLink();
        String token = csrf(cookie);
        HttpResponse<String> tooShort = s.send(s.request("/account/password")
                .header("Cookie", cookie)
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString("password=short&csrf=" + token)));
        assertThat(tooShort.statusCode()).isEqualTo(400);
        assertThat(tooShort.body()).contains("the password is too short");

        // the audit table gone: the write fails inside the store, as it would with the database down
        Database.Location location = Database.Location.h2In(dir);
        try (Connection c = DriverManager.getConnection(
                        location.url(), "sa", location.password().orElseThrow());
                Statement st = c.createStatement()) {
            st.execute("ALTER TABLE audit_log RENAME TO audit_log_away");
        }
        HttpResponse<String> outage = s.send(s.request("/account/password")
                .header("Cookie", cookie)
                .header("Accept", "text/html")
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString("password=correct+horse+battery&csrf=" + token)));
        assertThat(outage.statusCode()).isEqualTo(503);
        assertThat(outage.body()).doesNotContain("Password set.").doesNotContain("role=\"alert\">database error");
    }

    @Test
    void repeatedWrongPasswordsMakeTheNameWaitEvenWithTheRightOne(@TempDir Path still) throws Exception {
        // sign-in waits timed by a clock held still: the 1 s wait cannot end before the next request on a busy machine
        s.close();
        s = new ServerFixture(
                still,
                false,
                java.time.Clock.fixed(java.time.Instant.parse("2026-12-03T12:00:00Z"), java.time.ZoneOffset.UTC));
        String cookie = signInWithFirstLink();
        s.send(s.request("/account/password")
                .header("Cookie", cookie)
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString("password=correct+horse+battery&csrf=" + csrf(cookie))));
        String wrong = "{\"name\":\"admin\",\"password\":\"guess number x\"}";
        String right = "{\"name\":\"admin\",\"password\":\"correct horse battery\"}";
        for (int i = 0; i < 6; i++) {
            assertThat(s.call("POST", "/api/v1/session", null, wrong).statusCode())
                    .as("attempt " + i)
                    .isEqualTo(401);
        }
        HttpResponse<String> refused = s.call("POST", "/api/v1/session", null, right);
        assertThat(refused.statusCode()).isEqualTo(429);
        assertThat(refused.headers().firstValue("Retry-After")).contains("1");
        assertThat(ServerFixture.json(refused).get("type").asText()).isEqualTo("/problems/too-many-sign-ins");
        HttpResponse<String> page = s.send(s.request("/login")
                .header("Accept", "text/html")
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString("name=admin&password=correct+horse+battery")));
        assertThat(page.statusCode()).isEqualTo(429);
        assertThat(page.body()).contains("Too many failed sign-ins");
        // that the wait ends is SignInThrottleTest's, on a clock it moves by hand
        String audit = s.send(
                        s.request("/api/v1/audit").header("Cookie", cookie).GET())
                .body();
        assertThat(audit).contains("session.refused").contains("wrong name or password, from 127.0.0.1");
    }

    @Test
    void pagesForTeamDataSendAnonymousVisitorsToSignIn() throws Exception {
        HttpResponse<String> r = s.send(s.request("/layers").GET());
        assertThat(r.statusCode()).isEqualTo(302);
        assertThat(r.headers().firstValue("Location")).contains("/login?next=%2Flayers");
        assertThat(s.send(s.request("/login?next=//evil.example").GET()).body()).contains("action=\"/login?next=%2F\"");
    }

    @Test
    void anonymousReadingOfTeamDataCanBeSwitchedOn(@TempDir Path other) throws Exception {
        try (ServerFixture open = new ServerFixture(other, true)) {
            assertThat(open.get("/api/v1/layers", null).statusCode()).isEqualTo(200);
            assertThat(open.send(open.request("/layers").GET()).statusCode()).isEqualTo(200);
            assertThat(open.call("POST", "/api/v1/layers", null, "{\"name\":\"x\"}")
                            .statusCode())
                    .isEqualTo(401);
        }
    }
}
