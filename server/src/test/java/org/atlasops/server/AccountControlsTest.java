package org.atlasops.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.atlasops.kb.failure.ConflictException;
import org.atlasops.store.Role;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * What an admin can do to cut a user off (issue 18, findings 6 and 8), what a password change ends (7), the password
 * rules over HTTP (11), the audit of sign-out and refused sign-ins and the token lifetime (14), the users page, and one
 * serve per data directory.
 */
class AccountControlsTest {
    @TempDir
    Path dir;

    ServerFixture s;
    String admin;
    String analyst;

    @BeforeEach
    void start() {
        s = new ServerFixture(dir, false);
        admin = s.token("boss", Role.ADMIN);
        analyst = s.token("ana", Role.ANALYST);
    }

    @AfterEach
    void stop() {
        s.close();
    }

    /** A password sign-in through the API: the session cookie and its CSRF token. */
    private record Session(String cookie, String csrf) {}

    private Session signIn(String name, String password) throws Exception {
        HttpResponse<String> r = s.send(s.request("/api/v1/session")
                .header("Content-Type", "application/json")
                .header("Origin", s.base())
                .POST(HttpRequest.BodyPublishers.ofString(
                        "{\"name\":\"" + name + "\",\"password\":\"" + password + "\"}")));
        assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
        return new Session(
                r.headers().firstValue("Set-Cookie").orElseThrow().split(";")[0],
                ServerFixture.json(r).get("csrf_token").asText());
    }

    private boolean signedIn(Session session) throws Exception {
        return ServerFixture.json(s.send(s.request("/api/v1/me")
                        .header("Cookie", session.cookie())
                        .GET()))
                .get("signed_in")
                .asBoolean();
    }

    private String audit() {
        return s.server.database().audit().recent(1000).toString();
    }

    private HttpResponse<String> form(String path, Session session, String body) throws Exception {
        return s.send(s.request(path)
                .header("Cookie", session.cookie())
                .header("Accept", "text/html")
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(body)));
    }

    @Test
    void anAdminDisablesAUserAndNoneOfTheirCredentialsWorksUntilEnabled() throws Exception {
        s.server.database().users().setPassword("ana", "plum orchard at dusk");
        Session session = signIn("ana", "plum orchard at dusk");
        assertThat(s.call("POST", "/api/v1/users/ana/disable", analyst, null).statusCode())
                .as("admins only")
                .isEqualTo(403);

        HttpResponse<String> disabled = s.call("POST", "/api/v1/users/ana/disable", admin, null);
        assertThat(disabled.statusCode()).as(disabled.body()).isEqualTo(200);
        assertThat(ServerFixture.json(disabled).get("disabled").asBoolean()).isTrue();
        assertThat(s.get("/api/v1/me", analyst).statusCode()).isEqualTo(401);
        assertThat(signedIn(session)).isFalse();
        assertThat(s.call("POST", "/api/v1/session", null, "{\"name\":\"ana\",\"password\":\"plum orchard at dusk\"}")
                        .statusCode())
                .isEqualTo(401);
        assertThat(s.call("POST", "/api/v1/users/ana/login-link", admin, null).statusCode())
                .isEqualTo(400);

        assertThat(s.call("POST", "/api/v1/users/ana/enable", admin, null).statusCode())
                .isEqualTo(200);
        assertThat(ServerFixture.json(s.get("/api/v1/me", analyst)).get("name").asText())
                .isEqualTo("ana");
        assertThat(audit()).contains("user.disable", "user.enable");
    }

    @Test
    void anAdminRevokesAnotherUsersTokensAndSessions() throws Exception {
        s.server.database().users().setPassword("ana", "plum orchard at dusk");
        Session session = signIn("ana", "plum orchard at dusk");
        String second = s.token("ana", Role.ANALYST);
        assertThat(ServerFixture.json(s.get("/api/v1/users/ana/tokens", admin))
                        .get("tokens")
                        .size())
                .isEqualTo(2);

        JsonNode sessions = ServerFixture.json(s.call("DELETE", "/api/v1/users/ana/sessions", admin, null));
        assertThat(sessions.get("revoked").asInt()).isEqualTo(1);
        assertThat(signedIn(session)).isFalse();

        long one = ServerFixture.json(s.get("/api/v1/users/ana/tokens", admin))
                .get("tokens")
                .get(0)
                .get("id")
                .asLong();
        assertThat(s.call("DELETE", "/api/v1/users/ana/tokens/" + one, admin, null)
                        .statusCode())
                .isEqualTo(204);
        assertThat(s.get("/api/v1/me", analyst).statusCode()).isEqualTo(401);
        JsonNode tokens = ServerFixture.json(s.call("DELETE", "/api/v1/users/ana/tokens", admin, null));
        assertThat(tokens.get("revoked").asInt()).isEqualTo(1);
        assertThat(s.get("/api/v1/me", second).statusCode()).isEqualTo(401);
        assertThat(audit()).contains("user.sessions.end", "user.tokens.revoke", "token.revoke");
    }

    @Test
    void anAdminDeletesAUserWhoseLayersStayAndWhoseNameIsNotGivenAgain() throws Exception {
        HttpResponse<String> layer =
                s.call("POST", "/api/v1/layers", analyst, "{\"name\":\"ana's\",\"techniques\":[]}");
        assertThat(layer.statusCode()).as(layer.body()).isEqualTo(201);
        assertThat(s.call("DELETE", "/api/v1/users/ana", admin, null).statusCode())
                .isEqualTo(204);
        assertThat(s.get("/api/v1/me", analyst).statusCode()).isEqualTo(401);
        assertThat(s.get("/api/v1/users", admin).body()).doesNotContain("\"ana\"");
        assertThat(s.get("/api/v1/layers", admin).body()).contains("ana's");
        assertThat(s.call("POST", "/api/v1/users", admin, "{\"name\":\"ana\",\"role\":\"viewer\"}")
                        .statusCode())
                .isEqualTo(409);
        assertThat(s.call("DELETE", "/api/v1/users/ana", admin, null).statusCode())
                .isEqualTo(404);
        assertThat(audit()).contains("user.delete");
    }

    @Test
    void theLastEnabledAdminCannotDropTheRoleNorBeDisabledOrDeleted() throws Exception {
        // the first start made 'admin'; with 'boss' there are two
        assertThat(s.call("PUT", "/api/v1/users/admin", admin, "{\"role\":\"viewer\"}")
                        .statusCode())
                .isEqualTo(200);
        HttpResponse<String> self = s.call("PUT", "/api/v1/users/boss", admin, "{\"role\":\"analyst\"}");
        assertThat(self.statusCode()).isEqualTo(409);
        assertThat(ServerFixture.json(self).get("detail").asText()).contains("last enabled admin");
        assertThat(s.call("POST", "/api/v1/users/boss/disable", admin, null).statusCode())
                .isEqualTo(409);
        assertThat(s.call("DELETE", "/api/v1/users/boss", admin, null).statusCode())
                .isEqualTo(409);
        assertThat(ServerFixture.json(s.get("/api/v1/me", admin)).get("role").asText())
                .isEqualTo("admin");
    }

    @Test
    void aPasswordChangeEndsTheOtherSessionsAndOnRequestTheTokens() throws Exception {
        s.server.database().users().setPassword("ana", "plum orchard at dusk");
        Session here = signIn("ana", "plum orchard at dusk");
        Session there = signIn("ana", "plum orchard at dusk");
        HttpResponse<String> changed = s.send(s.request("/api/v1/me/password")
                .header("Cookie", here.cookie())
                .header("X-CSRF-Token", here.csrf())
                .header("Content-Type", "application/json")
                .PUT(HttpRequest.BodyPublishers.ofString("{\"password\":\"quiet river lanterns\"}")));
        assertThat(changed.statusCode()).as(changed.body()).isEqualTo(200);
        assertThat(ServerFixture.json(changed).get("sessions_ended").asInt()).isEqualTo(1);
        assertThat(signedIn(here)).isTrue();
        assertThat(signedIn(there)).isFalse();
        assertThat(s.get("/api/v1/me", analyst).statusCode()).as("tokens kept").isEqualTo(200);

        HttpResponse<String> page =
                form("/account/password", here, "password=another+quiet+river&revoke_tokens=1&csrf=" + here.csrf());
        assertThat(page.statusCode()).isEqualTo(200);
        assertThat(page.body()).contains("Password set.").contains("API tokens revoked: 1");
        assertThat(s.get("/api/v1/me", analyst).statusCode()).isEqualTo(401);
    }

    @Test
    void commonAndTrivialPasswordsAreRefused() throws Exception {
        for (String weak : List.of("1qaz2wsx3edc", "password2024!", "abcabcabcabc", "ana-the-analyst")) {
            HttpResponse<String> r = s.call("PUT", "/api/v1/me/password", analyst, "{\"password\":\"" + weak + "\"}");
            assertThat(r.statusCode()).as(weak).isEqualTo(400);
            assertThat(ServerFixture.json(r).get("detail").asText()).startsWith("the password ");
        }
    }

    @Test
    void signOutIsAuditedAndARefusedSignInKeepsOnlyAKnownName() throws Exception {
        s.server.database().users().setPassword("ana", "plum orchard at dusk");
        Session session = signIn("ana", "plum orchard at dusk");
        assertThat(s.send(s.request("/api/v1/session")
                                .header("Cookie", session.cookie())
                                .header("X-CSRF-Token", session.csrf())
                                .DELETE())
                        .statusCode())
                .isEqualTo(204);
        assertThat(audit()).contains("session.end");

        s.call("POST", "/api/v1/session", null, "{\"name\":\"Secret-typed-in-the-name-box\",\"password\":\"x\"}");
        s.call("POST", "/api/v1/session", null, "{\"name\":\"ana\",\"password\":\"wrong password\"}");
        assertThat(audit())
                .doesNotContain("Secret-typed-in-the-name-box")
                .contains("an unknown name")
                .contains("user ana");
    }

    @Test
    void tokensExpireAfterTheDefaultLifetimeUnlessToldOtherwise() throws Exception {
        HttpResponse<String> r = s.call("POST", "/api/v1/tokens", analyst, "{\"label\":\"ci\"}");
        assertThat(r.statusCode()).isEqualTo(201);
        Instant expires = Instant.parse(ServerFixture.json(r).get("expires_at").asText());
        assertThat(Duration.between(Instant.now(), expires)).isBetween(Duration.ofDays(89), Duration.ofDays(90));
    }

    @Test
    void theDefaultTokenLifetimeIsConfigurable(@TempDir Path other) throws Exception {
        try (ServerFixture shortLived = new ServerFixture(new ServerOptions(
                "127.0.0.1", 0, other, Optional.empty(), false, "5.6.0", List.of(), Optional.empty(), 7))) {
            String token = shortLived.token("ci", Role.VIEWER);
            HttpResponse<String> r = shortLived.call("POST", "/api/v1/tokens", token, "{}");
            Instant expires =
                    Instant.parse(ServerFixture.json(r).get("expires_at").asText());
            assertThat(Duration.between(Instant.now(), expires)).isBetween(Duration.ofDays(6), Duration.ofDays(7));
        }
    }

    @ParameterizedTest
    @ValueSource(
            strings = {"30.5", "30.0", "\"30\"", "1e2", "true", "99999999999", "123456789012345678901234567890", "[30]"
            })
    void tokenDaysTakeOnlyAWholeNumber(String days) throws Exception {
        HttpResponse<String> r = s.call("POST", "/api/v1/tokens", analyst, "{\"days\":" + days + "}");
        assertThat(r.statusCode()).as(r.body()).isEqualTo(400);
        JsonNode p = ServerFixture.json(r);
        assertThat(p.get("type").asText()).isEqualTo("/problems/bad-request");
        assertThat(p.get("detail").asText()).contains("days").contains("whole number");
    }

    @Test
    void aNewSignInLinkFromAnAdminSignsTheUserIn() throws Exception {
        HttpResponse<String> r = s.call("POST", "/api/v1/users/ana/login-link", admin, null);
        assertThat(r.statusCode()).as(r.body()).isEqualTo(201);
        String link = ServerFixture.json(r).get("login_link").asText();
        HttpResponse<String> used =
                s.send(s.request(link.substring(link.indexOf("/login/"))).GET());
        assertThat(used.statusCode()).isEqualTo(302);
        assertThat(audit()).contains("user.link");
    }

    @Test
    void theUsersPageManagesUsersWithCsrfProtectedForms() throws Exception {
        String link = s.server.firstLoginLink().orElseThrow();
        HttpResponse<String> in =
                s.send(s.request(link.substring(link.indexOf("/login/"))).GET());
        String cookie = in.headers().firstValue("Set-Cookie").orElseThrow().split(";")[0];
        String csrf = ServerFixture.json(
                        s.send(s.request("/api/v1/me").header("Cookie", cookie).GET()))
                .get("csrf_token")
                .asText();
        Session session = new Session(cookie, csrf);

        HttpResponse<String> page =
                s.send(s.request("/admin/users").header("Cookie", cookie).GET());
        assertThat(page.statusCode()).isEqualTo(200);
        assertThat(page.body()).contains("id=\"user-list\"", ">ana<", ">boss<", "href=\"/admin/users\"");

        assertThat(form("/admin/users/ana/disable", session, "").statusCode()).isEqualTo(403);
        HttpResponse<String> disabled = form("/admin/users/ana/disable", session, "csrf=" + csrf);
        assertThat(disabled.statusCode()).isEqualTo(200);
        assertThat(disabled.body()).contains("ana is disabled");
        assertThat(s.get("/api/v1/me", analyst).statusCode()).isEqualTo(401);

        HttpResponse<String> created = form("/admin/users", session, "name=newbie&role=analyst&csrf=" + csrf);
        assertThat(created.body()).contains("Created newbie (analyst)").contains("/login/");

        HttpResponse<String> unconfirmed = form("/admin/users/newbie/delete", session, "csrf=" + csrf);
        assertThat(unconfirmed.statusCode()).isEqualTo(400);
        assertThat(form("/admin/users/newbie/delete", session, "confirm=1&csrf=" + csrf)
                        .body())
                .contains("newbie is deleted");
        assertThat(form("/admin/users/boss/role", session, "role=viewer&csrf=" + csrf)
                        .body())
                .contains("boss is now viewer");
        HttpResponse<String> last = form("/admin/users/admin/role", session, "role=viewer&csrf=" + csrf);
        assertThat(last.statusCode()).isEqualTo(409);
        assertThat(last.body()).contains("last enabled admin");

        assertThat(s.send(s.request("/admin/users")
                                .header("Authorization", "Bearer " + s.token("vic", Role.VIEWER))
                                .GET())
                        .statusCode())
                .as("admins only")
                .isEqualTo(403);
        assertThat(audit()).contains("user.create", "user.delete", "user.role");
    }

    @Test
    void aSecondServeOnTheSameDataDirectorySaysAnotherHoldsIt() {
        assertThatThrownBy(() -> AtlasServer.start(
                        new ServerOptions("127.0.0.1", 0, dir, Optional.empty(), false, "5.6.0", List.of())))
                .isInstanceOf(ConflictException.class)
                .hasMessageContaining("is in use by another atlas-ops serve")
                .hasMessageContaining("http://127.0.0.1:" + s.server.port() + "/");
        assertThat(AtlasServer.lastAddress(dir)).contains("http://127.0.0.1:" + s.server.port() + "/");
    }
}
