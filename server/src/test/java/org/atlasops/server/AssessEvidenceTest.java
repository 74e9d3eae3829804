package org.atlasops.server;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.atlasops.assess.coverage.AnalyzerEvidence;
import org.atlasops.assess.coverage.Coverage;
import org.atlasops.assess.coverage.CoverageCalculator;
import org.atlasops.assess.coverage.EvidenceSource;
import org.atlasops.assess.coverage.ManualEvidence;
import org.atlasops.assess.coverage.SigmaEvidence;
import org.atlasops.assess.dettect.DettectReader;
import org.atlasops.assess.dettect.TechniqueAdministration;
import org.atlasops.assess.emulation.EmulationEvidence;
import org.atlasops.assess.inventory.InventoryReader;
import org.atlasops.assess.metrics.MetricsReport;
import org.atlasops.assess.metrics.RegisterTimelines;
import org.atlasops.assess.metrics.SocMetrics;
import org.atlasops.assess.threatmodel.ThreatModel;
import org.atlasops.assess.threatmodel.ThreatModeller;
import org.atlasops.kb.KnowledgeBase;
import org.atlasops.kb.read.ReleaseCatalog;
import org.atlasops.store.Role;
import org.atlasops.store.StoredIncident;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Coverage in the API and on the page with every evidence kind the CLI takes (a DeTT&CT file, the team's rules, an
 * emulation run of the data dir), giving the figures assess computes from the same evidence; the trend chart; the
 * SOC metrics of the register in the API (the CLI's JSON, field for field) and on the page with its charts.
 */
class AssessEvidenceTest {
    private static final Path SAMPLES = Path.of("..", "samples", "assess");
    private static final Path SYSTEM = SAMPLES.resolve("support-bot.yaml");
    private static final Path DETTECT = SAMPLES.resolve("support-bot-techniques.yaml");
    private static final Path RULE = SAMPLES.resolve("rules").resolve("tickets_bulk_email.yml");
    private static final Path RULE_TESTS = SAMPLES.resolve("rules").resolve("tickets_bulk_email.tests.yml");

    @TempDir
    static Path dir;

    static ServerFixture s;
    static String viewer;
    static String analyst;

    @BeforeAll
    static void start() throws Exception {
        EmulationPagesTest.writeRun(dir);
        s = new ServerFixture(dir, false);
        viewer = s.token("vic", Role.VIEWER);
        analyst = s.token("ana", Role.ANALYST);
    }

    @AfterAll
    static void stop() {
        s.close();
    }

    private static ObjectNode request(boolean withRun) throws Exception {
        ObjectNode r = ServerFixture.JSON.createObjectNode();
        r.put("inventory", Files.readString(SYSTEM));
        r.put("dettect", Files.readString(DETTECT));
        ObjectNode rule = r.putArray("rules").addObject();
        rule.put("name", "tickets_bulk_email.yml");
        rule.put("content", Files.readString(RULE));
        rule.put("tests", Files.readString(RULE_TESTS));
        if (withRun) {
            r.putArray("emulation").add(EmulationPagesTest.RUN);
        }
        return r;
    }

    /** What assess computes from the same files, as 'assess coverage' does. */
    private static Coverage expected() {
        KnowledgeBase kb = ReleaseCatalog.bundledOnly().load("5.6.0");
        ThreatModel model = ThreatModeller.bundled(kb)
                .model(InventoryReader.read(SYSTEM, kb).orThrow());
        TechniqueAdministration manual = DettectReader.techniques(DETTECT, Optional.of(kb));
        List<EvidenceSource> sources = new ArrayList<>(List.of(
                new SigmaEvidence(true, List.of(RULE), true),
                new AnalyzerEvidence(),
                new ManualEvidence(manual),
                new EmulationEvidence(dir.resolve("emulation/runs").resolve(EmulationPagesTest.RUN))));
        return CoverageCalculator.compute(
                model,
                kb,
                sources,
                Optional.of(manual),
                Optional.empty(),
                CoverageCalculator.DEFAULT_THRESHOLD,
                LocalDate.now(ZoneOffset.UTC));
    }

    @Test
    void theApiCombinesRulesAnalyzersADettectFileAndAnEmulationRunAsAssessDoes() throws Exception {
        HttpResponse<String> r = s.call(
                "POST",
                "/api/v1/assess/coverage/evidence",
                analyst, // the team's rules need an analyst
                request(true).toString());
        assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
        JsonNode body = ServerFixture.json(r);
        Coverage c = expected();
        assertThat(body.get("detected").asLong()).isEqualTo(c.detected());
        assertThat(body.get("applicable").asInt()).isEqualTo(c.techniques().size());
        assertThat(body.get("tactics").size()).isEqualTo(c.tactics().size());
        for (int i = 0; i < c.tactics().size(); i++) {
            assertThat(body.get("tactics").get(i).get("percent").asDouble())
                    .as(c.tactics().get(i).name())
                    .isEqualTo(c.tactics().get(i).percent());
        }
        assertThat(body.get("trend").size()).isEqualTo(c.trend().size()).isGreaterThan(2);
        assertThat(body.get("sources").toString())
                .contains("DeTT&CT", "tickets_bulk_email.yml", "emulation run", "analyzer");
        // the run's verdicts: the injection was detected or missed, either way proven
        JsonNode direct = null;
        for (JsonNode t : body.get("techniques")) {
            if (t.get("id").asText().equals("AML.T0051.000")) {
                direct = t;
            }
        }
        assertThat(direct).isNotNull();
        assertThat(direct.get("status").asText()).startsWith("proven");
        assertThat(direct.get("evidence").toString()).contains("emulat", "manual score", "DeTT&CT score");

        // without the evidence, the pack and analyzers only: nothing proven, one point of trend
        JsonNode plain = ServerFixture.json(s.send(s.request("/api/v1/assess/coverage")
                .POST(HttpRequest.BodyPublishers.ofFile(SYSTEM))
                .header("Content-Type", "application/yaml")));
        assertThat(plain.get("techniques").findValuesAsText("status")).noneMatch(x -> x.startsWith("proven"));
        assertThat(plain.get("trend").size()).isEqualTo(1);
        assertThat(plain.get("sources").toString()).doesNotContain("DeTT&CT");
    }

    @Test
    void namingAnEmulationRunNeedsTeamReadAndAListedRun() throws Exception {
        HttpResponse<String> anonymous = s.call(
                "POST", "/api/v1/assess/coverage/evidence", null, request(true).toString());
        assertThat(anonymous.statusCode()).isEqualTo(401);
        ObjectNode noRules = request(false);
        noRules.remove("rules");
        assertThat(s.call("POST", "/api/v1/assess/coverage/evidence", null, noRules.toString())
                        .statusCode())
                .isEqualTo(200);
        ObjectNode other = request(false);
        other.putArray("emulation").add("../../etc");
        HttpResponse<String> missing = s.call("POST", "/api/v1/assess/coverage/evidence", viewer, other.toString());
        assertThat(missing.statusCode()).isEqualTo(404);
        assertThat(ServerFixture.json(missing).get("detail").asText()).contains("no emulation run '../../etc'");
    }

    @Test
    void theTeamsRulesRunOnTheServerSoOnlyAnalystsMaySendThem() throws Exception {
        String body = request(false).toString();
        HttpResponse<String> anonymous = s.call("POST", "/api/v1/assess/coverage/evidence", null, body);
        assertThat(anonymous.statusCode()).isEqualTo(401);
        assertThat(s.call("POST", "/api/v1/assess/coverage/layer", null, body).statusCode())
                .isEqualTo(401);
        HttpResponse<String> byViewer = s.call("POST", "/api/v1/assess/coverage/evidence", viewer, body);
        assertThat(byViewer.statusCode()).isEqualTo(403);
        assertThat(ServerFixture.json(byViewer).get("detail").asText()).contains("analyst");
        assertThat(s.call("POST", "/api/v1/assess/coverage/evidence", analyst, body)
                        .statusCode())
                .isEqualTo(200);
    }

    @Test
    void thePageOffersRuleUploadToAnalystsAndTakesThemOnlyWithTheSessionsToken() throws Exception {
        Session viv = session("viv", Role.VIEWER);
        assertThat(s.send(s.request("/assess").header("Cookie", viv.cookie()).GET())
                        .body())
                .doesNotContain("name=\"rules\"")
                .contains("name=\"dettect\"");
        Session al = session("al", Role.ANALYST);
        assertThat(s.send(s.request("/assess").header("Cookie", al.cookie()).GET())
                        .body())
                .contains("name=\"rules\" multiple", "name=\"csrf\" value=\"" + al.csrf() + "\"");
        assertThat(form("/assess/coverage", null, Optional.empty(), false, true).statusCode())
                .isEqualTo(401);
        assertThat(form("/assess/coverage/layer", null, Optional.empty(), false, true)
                        .statusCode())
                .isEqualTo(401);
        assertThat(form("/assess/coverage", viv.cookie(), Optional.of(viv.csrf()), false, true)
                        .statusCode())
                .isEqualTo(403);
        assertThat(form("/assess/coverage", al.cookie(), Optional.empty(), false, true)
                        .statusCode())
                .as("no CSRF token")
                .isEqualTo(403);
        HttpResponse<String> taken = form("/assess/coverage", al.cookie(), Optional.of(al.csrf()), false, true);
        assertThat(taken.statusCode()).as(taken.body()).isEqualTo(200);
        assertThat(taken.body()).contains("tickets_bulk_email.yml");
        // without rules, anyone's form is taken as before
        assertThat(form("/assess/coverage", null, Optional.empty(), false, false)
                        .statusCode())
                .isEqualTo(200);
    }

    @Test
    void anUploadOverTheLimitInBytesIsRefusedNotCutEvenWhenItsCharactersFit() throws Exception {
        // 'é' is two bytes in UTF-8: 1.5 M characters, 3 MB, over the 2 MiB DeTT&CT limit
        String big = Files.readString(DETTECT) + "# " + "é".repeat(1_500_000) + "\n";
        String boundary = "b0undary45";
        StringBuilder b = new StringBuilder();
        part(b, boundary, "inventory", null, Files.readString(SYSTEM));
        part(b, boundary, "dettect", "big.yaml", big);
        b.append("--").append(boundary).append("--\r\n");
        HttpResponse<String> r = s.send(s.request("/assess/coverage")
                .POST(HttpRequest.BodyPublishers.ofString(b.toString(), StandardCharsets.UTF_8))
                .header("Content-Type", "multipart/form-data; boundary=" + boundary));
        assertThat(r.statusCode()).as(r.body()).isEqualTo(413);
        assertThat(r.body()).contains("big.yaml is ", "at most 2097152 bytes");
    }

    @Test
    void theApiCountsTheLimitsInBytesAsThePageDoes() throws Exception {
        ObjectNode r = request(false);
        r.remove("rules");
        // 1.5 M characters of two bytes each: 3 MB, over the 2 MiB DeTT&CT limit
        r.put("dettect", Files.readString(DETTECT) + "# " + "é".repeat(1_500_000) + "\n");
        HttpResponse<String> answer = s.call("POST", "/api/v1/assess/coverage/evidence", null, r.toString());
        assertThat(answer.statusCode()).as(answer.body()).isEqualTo(413);
        assertThat(ServerFixture.json(answer).get("detail").asText()).startsWith("dettect is larger than 2 MiB");
    }

    @Test
    void aRuleWithoutANameIsA400NamingTheField() throws Exception {
        ObjectNode r = request(false);
        ((ObjectNode) r.get("rules").get(0)).remove("name");
        HttpResponse<String> answer = s.call("POST", "/api/v1/assess/coverage/evidence", analyst, r.toString());
        assertThat(answer.statusCode()).as(answer.body()).isEqualTo(400);
        assertThat(ServerFixture.json(answer).get("detail").asText()).contains("rules[0].name");
        ObjectNode score = request(false);
        score.remove("rules");
        score.put("min_score", 9);
        HttpResponse<String> bad = s.call("POST", "/api/v1/assess/coverage/evidence", null, score.toString());
        assertThat(bad.statusCode()).isEqualTo(400);
        assertThat(ServerFixture.json(bad).get("detail").asText()).startsWith("min_score: 9");
    }

    @Test
    void aFlawedDettectFileOrRequestIsNamedByLineAndField() throws Exception {
        ObjectNode r = request(false);
        r.put("dettect", Files.readString(DETTECT).replace("score: 3", "score: 9"));
        HttpResponse<String> bad = s.call("POST", "/api/v1/assess/coverage/evidence", analyst, r.toString());
        assertThat(bad.statusCode()).isEqualTo(400);
        assertThat(ServerFixture.json(bad).get("detail").asText())
                .matches("dettect:\\d+:\\d+: techniques\\[0\\].*score.*");
        ObjectNode noInventory = request(false);
        noInventory.remove("inventory");
        HttpResponse<String> none = s.call("POST", "/api/v1/assess/coverage/evidence", analyst, noInventory.toString());
        assertThat(none.statusCode()).isEqualTo(400);
        assertThat(ServerFixture.json(none).get("detail").asText()).contains("inventory");
        ObjectNode score = request(false);
        score.put("min_score", 7);
        assertThat(s.call("POST", "/api/v1/assess/coverage/evidence", analyst, score.toString())
                        .statusCode())
                .isEqualTo(400);
        HttpResponse<String> kind = s.call(
                "POST",
                "/api/v1/assess/coverage/layer?kind=heat",
                analyst,
                request(false).toString());
        assertThat(kind.statusCode()).isEqualTo(400);
        assertThat(ServerFixture.json(kind).get("detail").asText()).contains("detection, visibility or both");
    }

    @Test
    void anUploadedRuleThatDoesNotLoadIsANoteNamingItsFileAndLineAsInTheCli() throws Exception {
        ObjectNode r = request(false);
        ObjectNode broken = ((ArrayNode) r.get("rules")).addObject();
        broken.put("name", "broken.yml");
        broken.put(
                "content", "title: Broken\nlogsource: {product: llm}\ndetection:\n  sel: {a: b}\n  condition: nope\n");
        HttpResponse<String> answer = s.call("POST", "/api/v1/assess/coverage/evidence", analyst, r.toString());
        assertThat(answer.statusCode()).as(answer.body()).isEqualTo(200);
        assertThat(ServerFixture.json(answer).get("notes").toString()).containsPattern("broken\\.yml:\\d+: ");
    }

    @Test
    void theLayerCarriesTheCoverageOfTheApplicableTechniques() throws Exception {
        HttpResponse<String> r = s.call(
                "POST",
                "/api/v1/assess/coverage/layer?kind=both",
                analyst,
                request(false).toString());
        assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
        JsonNode layer = ServerFixture.json(r);
        assertThat(layer.get("domain").asText()).isEqualTo("atlas-atlas");
        JsonNode c = ServerFixture.json(s.call(
                "POST",
                "/api/v1/assess/coverage/evidence",
                analyst,
                request(false).toString()));
        assertThat(layer.get("techniques").size())
                .isGreaterThanOrEqualTo(c.get("applicable").asInt());
    }

    private static HttpResponse<String> form(String path, String cookie, boolean withRun) throws Exception {
        return form(path, cookie, Optional.empty(), withRun, false);
    }

    /** The page's form as a browser sends it; the team's rules only when {@code withRules}. */
    private static HttpResponse<String> form(
            String path, String cookie, Optional<String> csrf, boolean withRun, boolean withRules) throws Exception {
        String boundary = "b0undary43";
        StringBuilder b = new StringBuilder();
        csrf.ifPresent(t -> part(b, boundary, "csrf", null, t));
        part(b, boundary, "inventory", null, "");
        part(b, boundary, "file", "support-bot.yaml", Files.readString(SYSTEM));
        part(b, boundary, "dettect", "support-bot-techniques.yaml", Files.readString(DETTECT));
        if (withRules) {
            part(b, boundary, "rules", "tickets_bulk_email.yml", Files.readString(RULE));
            part(b, boundary, "rules", "tickets_bulk_email.tests.yml", Files.readString(RULE_TESTS));
        }
        if (withRun) {
            part(b, boundary, "emulation", null, EmulationPagesTest.RUN);
        }
        part(b, boundary, "kind", null, "both");
        b.append("--").append(boundary).append("--\r\n");
        HttpRequest.Builder r = s.request(path)
                .POST(HttpRequest.BodyPublishers.ofString(b.toString(), StandardCharsets.UTF_8))
                .header("Content-Type", "multipart/form-data; boundary=" + boundary);
        if (cookie != null) {
            r.header("Cookie", cookie);
        }
        return s.send(r.header("Accept", "text/html"));
    }

    /** A browser session: its cookie and its CSRF token. */
    private record Session(String cookie, String csrf) {}

    private static Session session(String name, Role role) throws Exception {
        s.server.database().users().create(name, role);
        s.server.database().users().setPassword(name, "plum orchard at dusk");
        HttpResponse<String> r = s.send(s.request("/api/v1/session")
                .header("Content-Type", "application/json")
                .header("Origin", s.base())
                .POST(HttpRequest.BodyPublishers.ofString(
                        "{\"name\":\"" + name + "\",\"password\":\"plum orchard at dusk\"}")));
        assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
        return new Session(
                r.headers().firstValue("Set-Cookie").orElseThrow().split(";")[0],
                ServerFixture.json(r).get("csrf_token").asText());
    }

    private static void part(StringBuilder b, String boundary, String name, String file, String text) {
        b.append("--")
                .append(boundary)
                .append("\r\nContent-Disposition: form-data; name=\"")
                .append(name);
        if (file != null) {
            b.append("\"; filename=\"").append(file).append("\"\r\nContent-Type: application/yaml");
        } else {
            b.append('"');
        }
        b.append("\r\n\r\n").append(text).append("\r\n");
    }

    @Test
    void thePageTakesTheSameEvidenceAndDrawsTheTrendWithItsTable() throws Exception {
        Session ada = session("ada", Role.ANALYST);
        String cookie = ada.cookie();
        HttpResponse<String> formPage =
                s.send(s.request("/assess").header("Cookie", cookie).GET());
        assertThat(formPage.body())
                .contains("name=\"dettect\"", "name=\"rules\" multiple", "name=\"emulation\"", EmulationPagesTest.RUN)
                .contains("href=\"/assess/metrics\"");
        assertThat(s.get("/assess", null).body())
                .as("runs are team data, rules run on the server")
                .doesNotContain(EmulationPagesTest.RUN)
                .doesNotContain("name=\"rules\"")
                .contains("name=\"dettect\"");
        HttpResponse<String> r = form("/assess/coverage", cookie, Optional.of(ada.csrf()), true, true);
        assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
        assertThat(r.body()).doesNotContain("<script>").doesNotContain(" style=\"");
        Coverage c = expected();
        assertThat(r.body())
                .contains(c.detected() + " of " + c.techniques().size() + " applicable techniques detected")
                .contains("Detection coverage over time", "<desc id=\"coverage-trend-desc\">", "<polyline")
                .contains("<caption>Coverage over time</caption>")
                .contains(c.trend().get(0).date().toString());
        HttpResponse<String> layer = form("/assess/coverage/layer", null, false);
        assertThat(layer.statusCode()).as(layer.body()).isEqualTo(200);
        assertThat(layer.headers().firstValue("Content-Disposition"))
                .hasValueSatisfying(v -> assertThat(v).contains("support-bot-coverage.json"));
        assertThat(ServerFixture.json(layer).get("domain").asText()).isEqualTo("atlas-atlas");
        // a flawed DeTT&CT upload: the form again, the uploaded file named with its line
        String boundary = "b0undary44";
        StringBuilder b = new StringBuilder();
        part(b, boundary, "inventory", null, Files.readString(SYSTEM));
        part(b, boundary, "dettect", "mine.yaml", "file_type: technique-administration\ndomain: enterprise-attack\n");
        b.append("--").append(boundary).append("--\r\n");
        HttpResponse<String> bad = s.send(s.request("/assess/coverage")
                .POST(HttpRequest.BodyPublishers.ofString(b.toString(), StandardCharsets.UTF_8))
                .header("Content-Type", "multipart/form-data; boundary=" + boundary));
        assertThat(bad.statusCode()).isEqualTo(400);
        assertThat(bad.body()).contains("mine.yaml:2:9: domain: &#39;enterprise-attack&#39; is not ATLAS");
    }

    private static void incident(String name, String first, String detected, String contained, String alert)
            throws Exception {
        ObjectNode i = ServerFixture.JSON.createObjectNode();
        ObjectNode study = i.putObject("study");
        study.put("name", name)
                .put("summary", "HelpBot followed a hidden page.")
                .put("incident_date", first.substring(0, 10))
                .put("incident_date_granularity", "DATE")
                .put("case_study_type", "incident")
                .put("target", "HelpBot")
                .put("actor", "unknown");
        study.putArray("references");
        study.putArray("procedure")
                .addObject()
                .put("tactic", "AML.TA0005")
                .put("technique", "AML.T0051.001")
                .put("description", "injected");
        ObjectNode t = i.putObject("timeline").put("first_evidence", first);
        if (detected != null) {
            t.put("detected", detected);
        }
        if (contained != null) {
            t.put("contained", contained);
        }
        i.putArray("assets").add("support-bot");
        ArrayNode alerts = i.putArray("alert_ids");
        if (alert != null) {
            alerts.add(alert);
        }
        i.put("tlp", "amber");
        HttpResponse<String> r = s.call("POST", "/api/v1/incidents", analyst, i.toString());
        assertThat(r.statusCode()).as(r.body()).isEqualTo(201);
    }

    @Test
    void metricsOfTheRegisterAreTheClisJsonAndAPageWithChartsAndTables() throws Exception {
        incident("First", "2026-03-14T08:00:00Z", "2026-03-14T10:15:00Z", "2026-03-14T14:00:00Z", "A-1");
        incident("Second", "2026-03-15T00:00:00Z", "2026-03-15T06:00:00Z", null, null);
        incident("Third", "2026-03-16T00:00:00Z", null, null, null);

        HttpResponse<String> r = s.get("/api/v1/assess/metrics", viewer);
        assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
        List<RegisterTimelines.Entry> entries = new ArrayList<>();
        for (StoredIncident i : s.server.database().incidents().list(0, 500)) {
            entries.add(new RegisterTimelines.Entry(i.label(), i.incident()));
        }
        RegisterTimelines rt = RegisterTimelines.of(entries);
        KnowledgeBase kb = ReleaseCatalog.bundledOnly().load("5.6.0");
        SocMetrics.Report report = SocMetrics.compute(rt.timelines(), kb, Optional.empty(), Optional.empty());
        JsonNode cli = ServerFixture.JSON.readTree(
                MetricsReport.jsonText(report, rt.notMeasurable(Optional.empty(), Optional.empty())));
        assertThat(ServerFixture.json(r)).isEqualTo(cli);
        assertThat(cli.get("overall").get("incidents").asInt()).isEqualTo(2);

        HttpResponse<String> period = s.get("/api/v1/assess/metrics?since=2026-03-15&until=2026-03-16", viewer);
        JsonNode p = ServerFixture.json(period);
        assertThat(p.get("from").asText()).isEqualTo("2026-03-15T00:00:00Z");
        assertThat(p.get("overall").get("incidents").asInt()).isEqualTo(1);
        HttpResponse<String> bad = s.get("/api/v1/assess/metrics?since=soon", viewer);
        assertThat(bad.statusCode()).isEqualTo(400);
        assertThat(ServerFixture.json(bad).get("detail").asText())
                .isEqualTo("since: 'soon' is not a day; give YYYY-MM-DD");
        HttpResponse<String> reversed = s.get("/api/v1/assess/metrics?since=2026-05-01&until=2026-01-01", viewer);
        assertThat(reversed.statusCode()).isEqualTo(400);
        assertThat(ServerFixture.json(reversed).get("detail").asText()).contains("is empty", "swap them");
        assertThat(s.get("/api/v1/assess/metrics", null).statusCode()).isEqualTo(401);

        HttpResponse<String> page = s.get("/assess/metrics", viewer);
        assertThat(page.statusCode()).as(page.body()).isEqualTo(200);
        assertThat(page.body()).doesNotContain("<script>").doesNotContain(" style=\"");
        assertThat(page.body())
                .contains("<title id=\"mttd-technique-title\">Time to detect per technique</title>")
                .contains("<desc id=\"mttr-tactic-desc\">", "aria-labelledby=\"mttd-system-title mttd-system-desc\"")
                .contains("<caption>Per technique</caption>", "AML.T0051.001", "support-bot")
                .contains("<figcaption>Time to detect</figcaption>", "<figcaption>Time to respond</figcaption>")
                .contains("Not measurable (2)", "INC-3")
                .contains("--alerts");
        assertThat(s.get("/assess/metrics", null).statusCode()).isEqualTo(302);
        HttpResponse<String> badPage = s.get("/assess/metrics?since=soon", viewer);
        assertThat(badPage.statusCode()).isEqualTo(400);
        assertThat(badPage.body()).contains("since: &#39;soon&#39; is not a day");
    }
}
