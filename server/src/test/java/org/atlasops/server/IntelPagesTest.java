package org.atlasops.server;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URLEncoder;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import org.atlasops.store.Role;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The incident pages as a browser uses them: a signed-in analyst registers, previews, shares; CSRF is required. */
class IntelPagesTest {
    @TempDir
    static Path dir;

    static ServerFixture s;

    @BeforeAll
    static void start() {
        s = new ServerFixture(dir, false);
    }

    @AfterAll
    static void stop() {
        s.close();
    }

    private record Session(String cookie, String csrf) {}

    private static Session signIn() throws Exception {
        s.server.database().users().create("ada", Role.ANALYST);
        s.server.database().users().setPassword("ada", "plum orchard at dusk");
        HttpResponse<String> r = s.send(s.request("/api/v1/session")
                .header("Content-Type", "application/json")
                .header("Origin", s.base())
                .POST(HttpRequest.BodyPublishers.ofString("{\"name\":\"ada\",\"password\":\"plum orchard at dusk\"}")));
        return new Session(
                r.headers().firstValue("Set-Cookie").orElseThrow().split(";")[0],
                ServerFixture.json(r).get("csrf_token").asText());
    }

    private static HttpResponse<String> form(String path, Session session, String body) throws Exception {
        return s.send(s.request(path)
                .header("Cookie", session.cookie())
                .header("Accept", "text/html")
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(body)));
    }

    private static HttpResponse<String> page(String path, Session session) throws Exception {
        return s.send(s.request(path)
                .header("Cookie", session.cookie())
                .header("Accept", "text/html")
                .GET());
    }

    private static String enc(String v) {
        return URLEncoder.encode(v, StandardCharsets.UTF_8);
    }

    static final String YAML = """
            study:
              name: Prompt injection against Acme HelpBot
              summary: HelpBot followed a page on evil.example.net and sent sk-proj-AbCdEf0123456789xyzXYZ to 203.0.113.7.
              incident-date: 2026-03-14
              incident-date-granularity: DATE
              procedure:
                - tactic: AML.TA0005
                  technique: AML.T0051.001
                  description: <script>alert(1)</script> A page told HelpBot to leak its key.
              target: Acme HelpBot, an LLM chatbot
              actor: unknown
              case-study-type: incident
            """;

    @Test
    void anAnalystRegistersPreviewsAndSharesAnIncident() throws Exception {
        Session ada = signIn();
        assertThat(page("/incidents/new", ada).body()).contains("name=\"csrf\"", "Case study (YAML)");

        HttpResponse<String> noCsrf = form("/incidents", ada, "yaml=" + enc(YAML));
        assertThat(noCsrf.statusCode()).isEqualTo(403);

        HttpResponse<String> bad = form(
                "/incidents", ada, "yaml=" + enc(YAML.replace("AML.TA0005", "AML.TA0002")) + "&csrf=" + ada.csrf());
        assertThat(bad.statusCode()).isEqualTo(400);
        assertThat(bad.body()).contains("does not belong to AML.TA0002", "class=\"error\"");

        HttpResponse<String> made = form(
                "/incidents",
                ada,
                "yaml=" + enc(YAML) + "&tlp=amber&assets=helpbot-prod"
                        + "&alerts=ALERT-7781&detected=2026-03-14T09%3A30%3A00Z&csrf=" + ada.csrf());
        assertThat(made.statusCode()).isEqualTo(303);
        String at = made.headers().firstValue("Location").orElseThrow();

        String show = page(at, ada).body();
        assertThat(show)
                .contains("ALERT-7781", "Internal (never shared)", "AML.T0051.001", "Preview the anonymised form")
                .contains("&lt;script&gt;")
                .doesNotContain("<script>alert");

        String preview = page(at + "/anonymise?names=Acme", ada).body();
        assertThat(preview).contains("[SECRET-1]", "[IP-1]", "<del>", "Never shared: timeline, assets, alert_ids");

        HttpResponse<String> export =
                form(at + "/export", ada, "format=yaml&anonymised=1&tlp=green&names=Acme&csrf=" + ada.csrf());
        assertThat(export.statusCode()).isEqualTo(200);
        assertThat(export.body())
                .contains("tlp: green", "AML.T0051.001")
                .doesNotContain("Acme", "203.0.113.7", "sk-proj", "ALERT-7781", "helpbot-prod");
        assertThat(s.server.database().audit().recent(5).toString()).contains("incident.share", "anonymised");

        // publishing to one of this server's TAXII collections, from the preview page
        s.server
                .database()
                .taxii()
                .create(
                        new org.atlasops.intel.taxii.TeamCollection(
                                "7a1f2c3d-4b5e-4f60-8a71-9b2c3d4e5f60",
                                "Partners",
                                "",
                                java.util.Optional.of("partners"),
                                java.util.Set.of("role:viewer"),
                                java.util.Set.of("user:ada")),
                        "admin");
        assertThat(page(at + "/anonymise?names=Acme", ada).body())
                .contains("Publish to a TAXII collection", "Partners (partners)");
        HttpResponse<String> published = form(
                at + "/publish",
                ada,
                "collection=7a1f2c3d-4b5e-4f60-8a71-9b2c3d4e5f60&tlp=green&names=Acme&csrf=" + ada.csrf());
        assertThat(published.statusCode()).as(published.body()).isEqualTo(200);
        assertThat(published.body()).contains("were added to the collection", "the share is in the audit log");
        assertThat(s.server.database().audit().recent(5).toString()).contains("published to the TAXII collection");
        String objects = s.send(s.request("/taxii2/team/collections/7a1f2c3d-4b5e-4f60-8a71-9b2c3d4e5f60/objects/")
                        .header("Cookie", ada.cookie())
                        .header("Accept", "application/taxii+json;version=2.1")
                        .GET())
                .body();
        assertThat(objects).contains("\"type\":\"incident\"").doesNotContain("Acme", "203.0.113.7", "sk-proj");
        HttpResponse<String> nowhere = form(at + "/publish", ada, "collection=no-such&csrf=" + ada.csrf());
        assertThat(nowhere.statusCode()).isEqualTo(404);

        assertThat(page("/incidents", ada).body()).contains("INC-", "Prompt injection against Acme HelpBot");
        // the technique's page says what is known, the team's incident included for a team reader
        s.riskIndexReady();
        String technique = page("/techniques/AML.T0051", ada).body();
        assertThat(technique).contains("What is known", "Team incidents", "AVID reports");
        String anonymous = s.send(s.request("/techniques/AML.T0051")
                        .header("Accept", "text/html")
                        .GET())
                .body();
        assertThat(anonymous).contains("What is known").doesNotContain("Team incidents");
        String search = s.send(s.request("/risk?q=&technique=AML.T0051&limit=300")
                        .header("Accept", "text/html")
                        .GET())
                .body();
        assertThat(search).contains("AI risk database", "official", "inferred", "Apache-2.0", "MIT");
    }
}
