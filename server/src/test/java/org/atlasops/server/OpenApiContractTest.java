package org.atlasops.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpServer;
import java.net.InetSocketAddress;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import org.atlasops.store.Role;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A call of every documented endpoint, answered with success and with an error, each answer validated by the fixture
 * against its schema in the live {@code /api/openapi.json} (errors against the Problem schema); then a check that
 * no operation was left out. Also the regression for links from imported data: a {@code javascript:} URL is never
 * offered as an href.
 */
class OpenApiContractTest {
    private static final String EVIL = "javascript:alert(document.cookie)";

    @TempDir
    static Path dir;

    static HttpServer files;
    static ServerFixture s;
    static String admin;
    static String analyst;
    static String viewer;

    @BeforeAll
    static void start() throws Exception {
        files = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        files.createContext("/evil.json", ex -> {
            byte[] body = layer(
                            "imported",
                            "{\"techniqueID\":\"AML.T0051\",\"tactic\":\"execution\",\"score\":2,"
                                    + "\"links\":[{\"label\":\"click me\",\"url\":\"" + EVIL
                                    + "\"},{\"label\":\"ATLAS\","
                                    + "\"url\":\"https://atlas.mitre.org/techniques/AML.T0051\"}],\"metadata\":[{\"name\":\"note\","
                                    + "\"value\":\"<img src=x onerror=alert(1)>\"}]}",
                            ",\"links\":[{\"label\":\"layer\",\"url\":\"" + EVIL + "\"}]")
                    .getBytes(StandardCharsets.UTF_8);
            ex.sendResponseHeaders(200, body.length);
            ex.getResponseBody().write(body);
            ex.close();
        });
        files.start();
        EmulationPagesTest.writeRun(dir);
        s = new ServerFixture(
                dir,
                Optional.empty(),
                false,
                List.of("127.0.0.1:" + files.getAddress().getPort()));
        admin = s.token("root", Role.ADMIN);
        analyst = s.token("ana", Role.ANALYST);
        viewer = s.token("vic", Role.VIEWER);
    }

    @AfterAll
    static void stop() {
        s.close();
        files.stop(0);
    }

    private static String layer(String name, String techniques, String more) {
        return "{\"name\":\"" + name + "\",\"domain\":\"atlas-atlas\",\"versions\":{\"layer\":\"4.5\"},"
                + "\"metadata\":[{\"name\":\"atlas_data_version\",\"value\":\"5.6.0\"}],\"techniques\":["
                + techniques + "]" + more + "}";
    }

    private static HttpResponse<String> expect(int status, HttpResponse<String> r) {
        assertThat(r.statusCode())
                .as(r.request().method() + " " + r.request().uri() + ": " + r.body())
                .isEqualTo(status);
        return r;
    }

    private static HttpResponse<String> yaml(String path, String body) throws Exception {
        return s.send(s.request(path)
                .POST(HttpRequest.BodyPublishers.ofString(body))
                .header("Content-Type", "application/yaml"));
    }

    private static HttpResponse<String> badAuth(String method, String path) throws Exception {
        return s.send(s.request(path)
                .method(method, HttpRequest.BodyPublishers.noBody())
                .header("Authorization", "Basic abc"));
    }

    @Test
    void everyDocumentedEndpointAnswersAsItsSchemaSays() throws Exception {
        // knowledge base
        expect(200, s.get("/api/v1/releases", null));
        expect(401, badAuth("GET", "/api/v1/releases"));
        expect(200, s.get("/api/v1/releases/5.6.0/matrix", null));
        expect(404, s.get("/api/v1/releases/9.9.9/matrix", null));
        expect(200, s.get("/api/v1/releases/5.6.0/objects?type=technique", null));
        expect(200, s.get("/api/v1/releases/4.9.1/objects", null));
        expect(400, s.get("/api/v1/releases/5.6.0/objects?type=widget", null));
        for (String id : List.of("AML.T0051", "AML.T0051.000", "AML.TA0005", "AML.M0015", "AML.CS0016")) {
            expect(200, s.get("/api/v1/releases/5.6.0/objects/" + id, null));
        }
        expect(404, s.get("/api/v1/releases/5.6.0/objects/AML.T9999", null));
        expect(200, s.get("/api/v1/releases/5.6.0/search?q=prompt&limit=5", null));
        expect(400, s.get("/api/v1/releases/5.6.0/search", null));
        expect(200, s.get("/api/v1/diff?from=4.9.1&to=5.6.0", null));
        expect(400, s.get("/api/v1/diff?from=4.9.1", null));

        // layers
        long id = ServerFixture.json(expect(
                        201,
                        s.call(
                                "POST",
                                "/api/v1/layers",
                                analyst,
                                layer(
                                        "uploaded",
                                        "{\"techniqueID\":\"AML.T0051\",\"tactic\":\"execution\",\"score\":3}",
                                        ""))))
                .get("id")
                .asLong();
        expect(400, s.call("POST", "/api/v1/layers", analyst, "{\"name\":\"x\",\"techniques\":\"no\"}"));
        expect(200, s.get("/api/v1/layers?limit=1", viewer));
        expect(400, s.get("/api/v1/layers?limit=0", viewer));
        JsonNode stored = ServerFixture.json(expect(200, s.get("/api/v1/layers/" + id, viewer)));
        expect(404, s.get("/api/v1/layers/999999", viewer));
        String edit = "{\"based_on\":1,\"summary\":\"more\",\"layer\":" + stored.get("layer") + "}";
        expect(200, s.call("PUT", "/api/v1/layers/" + id, analyst, edit));
        expect(409, s.call("PUT", "/api/v1/layers/" + id, analyst, edit));
        expect(200, s.get("/api/v1/layers/" + id + "/history", viewer));
        expect(404, s.get("/api/v1/layers/999999/history", viewer));
        expect(200, s.get("/api/v1/layers/" + id + "/revisions/1", viewer));
        expect(404, s.get("/api/v1/layers/" + id + "/revisions/99", viewer));
        expect(200, s.call("POST", "/api/v1/layers/" + id + "/undo", analyst, null));
        expect(404, s.call("POST", "/api/v1/layers/999999/undo", analyst, null));
        expect(200, s.get("/api/v1/layers/" + id + "/view", viewer));
        expect(404, s.get("/api/v1/layers/999999/view", viewer));
        expect(200, s.get("/api/v1/layers/" + id + "/export?format=json", viewer));
        assertThat(s.sendBytes(s.request("/api/v1/layers/" + id + "/export?format=png")
                                .header("Authorization", "Bearer " + viewer))
                        .statusCode())
                .isEqualTo(200);
        expect(400, s.get("/api/v1/layers/" + id + "/export?format=pdf", viewer));
        long generated = ServerFixture.json(expect(
                        201,
                        s.call(
                                "POST",
                                "/api/v1/layers/generate",
                                analyst,
                                "{\"kind\":\"case-study-frequency\",\"roll_up\":true,\"name\":\"freq\"}")))
                .get("id")
                .asLong();
        expect(400, s.call("POST", "/api/v1/layers/generate", analyst, "{\"kind\":\"nope\"}"));
        expect(400, s.call("POST", "/api/v1/layers/generate", analyst, "{\"kind\":\"search\"}"));
        expect(
                201,
                s.call(
                        "POST",
                        "/api/v1/layers/combine",
                        analyst,
                        "{\"layers\":[" + id + "," + generated + "],\"expression\":\"a + b\",\"inherit_from\":" + id
                                + "}"));
        expect(400, s.call("POST", "/api/v1/layers/combine", analyst, "{\"layers\":[],\"expression\":\"a\"}"));
        expect(400, s.call("POST", "/api/v1/layers/combine", analyst, "{\"layers\":[\"x\"],\"expression\":\"a\"}"));
        long old = ServerFixture.json(expect(
                        201,
                        s.call(
                                "POST",
                                "/api/v1/layers",
                                analyst,
                                layer(
                                                "old",
                                                "{\"techniqueID\":\"AML.T0045\",\"tactic\":\"ml-attack-staging\",\"score\":5}",
                                                "")
                                        .replace("5.6.0", "4.4.0"))))
                .get("id")
                .asLong();
        expect(200, s.call("POST", "/api/v1/layers/" + old + "/upgrade?to=5.6.0", analyst, null));
        expect(400, s.call("POST", "/api/v1/layers/" + old + "/upgrade", analyst, null));
        expect(
                201,
                s.call(
                        "POST",
                        "/api/v1/layers/import",
                        analyst,
                        "{\"url\":\"http://127.0.0.1:" + files.getAddress().getPort() + "/evil.json\"}"));
        expect(400, s.call("POST", "/api/v1/layers/import", analyst, "{\"url\":\"file:///etc/passwd\"}"));
        expect(400, s.call("POST", "/api/v1/layers/import", analyst, "{}"));
        expect(403, s.call("DELETE", "/api/v1/layers/" + generated, s.token("other", Role.ANALYST), null));
        expect(204, s.call("DELETE", "/api/v1/layers/" + generated, analyst, null));

        // access
        expect(200, s.get("/api/v1/me", viewer));
        expect(200, s.get("/api/v1/me", null));
        expect(401, s.get("/api/v1/me", "not-a-token"));
        s.server.database().users().setPassword("vic", "a long enough password");
        HttpResponse<String> signIn = expect(
                200,
                s.call("POST", "/api/v1/session", null, "{\"name\":\"vic\",\"password\":\"a long enough password\"}"));
        expect(401, s.call("POST", "/api/v1/session", null, "{\"name\":\"vic\",\"password\":\"wrong password!\"}"));
        expect(400, s.call("POST", "/api/v1/session", null, "{\"name\":\"vic\",\"password\":5}"));
        String cookie = signIn.headers().firstValue("Set-Cookie").orElseThrow().split(";")[0];
        expect(
                204,
                s.send(s.request("/api/v1/session")
                        .header("Cookie", cookie)
                        .header(
                                "X-CSRF-Token",
                                ServerFixture.json(signIn).get("csrf_token").asText())
                        .DELETE()));
        expect(401, badAuth("DELETE", "/api/v1/session"));
        JsonNode token = ServerFixture.json(
                expect(201, s.call("POST", "/api/v1/tokens", viewer, "{\"label\":\"ci\",\"days\":30}")));
        expect(400, s.call("POST", "/api/v1/tokens", viewer, "{\"days\":0}"));
        expect(201, s.call("POST", "/api/v1/tokens", viewer, "{}"));
        expect(200, s.get("/api/v1/tokens", viewer));
        expect(401, s.get("/api/v1/tokens", null));
        expect(204, s.call("DELETE", "/api/v1/tokens/" + token.get("id").asLong(), viewer, null));
        expect(404, s.call("DELETE", "/api/v1/tokens/" + token.get("id").asLong(), viewer, null));
        // team TAXII collections (the /taxii2/ endpoints themselves are TaxiiConformanceIT's)
        expect(
                201,
                s.call(
                        "POST",
                        "/api/v1/taxii/collections",
                        admin,
                        "{\"title\":\"Shared\",\"alias\":\"shared\",\"readers\":[\"role:viewer\"]}"));
        expect(400, s.call("POST", "/api/v1/taxii/collections", admin, "{\"title\":\"x\",\"readers\":[\"all\"]}"));
        expect(403, s.call("POST", "/api/v1/taxii/collections", viewer, "{\"title\":\"x\"}"));
        expect(200, s.get("/api/v1/taxii/collections", viewer));
        expect(401, s.get("/api/v1/taxii/collections", "not-a-token"));
        expect(200, s.get("/api/v1/users", admin));
        expect(403, s.get("/api/v1/users", viewer));
        expect(201, s.call("POST", "/api/v1/users", admin, "{\"name\":\"newbie\",\"role\":\"viewer\"}"));
        expect(409, s.call("POST", "/api/v1/users", admin, "{\"name\":\"newbie\",\"role\":\"viewer\"}"));
        expect(200, s.call("PUT", "/api/v1/users/newbie", admin, "{\"role\":\"analyst\"}"));
        expect(404, s.call("PUT", "/api/v1/users/ghost", admin, "{\"role\":\"analyst\"}"));
        expect(200, s.call("POST", "/api/v1/users/newbie/disable", admin, null));
        expect(404, s.call("POST", "/api/v1/users/ghost/disable", admin, null));
        expect(400, s.call("POST", "/api/v1/users/newbie/login-link", admin, null)); // disabled: no link
        expect(200, s.call("POST", "/api/v1/users/newbie/enable", admin, null));
        expect(404, s.call("POST", "/api/v1/users/ghost/enable", admin, null));
        expect(201, s.call("POST", "/api/v1/users/newbie/login-link", admin, null));
        String newbie = s.token("newbie", Role.ANALYST);
        expect(200, s.get("/api/v1/users/newbie/tokens", admin));
        expect(404, s.get("/api/v1/users/ghost/tokens", admin));
        long newbieToken = ServerFixture.json(s.get("/api/v1/users/newbie/tokens", admin))
                .get("tokens")
                .get(0)
                .get("id")
                .asLong();
        expect(204, s.call("DELETE", "/api/v1/users/newbie/tokens/" + newbieToken, admin, null));
        expect(404, s.call("DELETE", "/api/v1/users/newbie/tokens/" + newbieToken, admin, null));
        expect(200, s.call("DELETE", "/api/v1/users/newbie/tokens", admin, null));
        expect(403, s.call("DELETE", "/api/v1/users/newbie/tokens", viewer, null));
        expect(200, s.call("DELETE", "/api/v1/users/newbie/sessions", admin, null));
        expect(404, s.call("DELETE", "/api/v1/users/ghost/sessions", admin, null));
        expect(401, s.get("/api/v1/me", newbie));
        expect(400, s.call("PUT", "/api/v1/me/password", viewer, "{\"password\":\"aaaaaaaaaaaa\"}"));
        expect(200, s.call("PUT", "/api/v1/me/password", viewer, "{\"password\":\"a long enough password\"}"));
        expect(204, s.call("DELETE", "/api/v1/users/newbie", admin, null));
        expect(404, s.call("DELETE", "/api/v1/users/newbie", admin, null));
        expect(200, s.get("/api/v1/audit?limit=5", admin));
        expect(400, s.get("/api/v1/audit?limit=many", admin));

        // emulation runs of the data dir
        expect(200, s.get("/api/v1/emulation/runs", viewer));
        expect(401, s.get("/api/v1/emulation/runs", null));
        expect(200, s.get("/api/v1/emulation/runs/" + EmulationPagesTest.RUN, viewer));
        expect(404, s.get("/api/v1/emulation/runs/..", viewer));

        expect(200, s.get("/healthz", null));
        expect(200, s.get("/readyz", null));
        // intel: incidents and the risk search
        String incident = "{\"study\":{\"name\":\"Injection\",\"summary\":\"HelpBot followed a hidden page.\","
                + "\"incident_date\":\"2026-03-14\",\"incident_date_granularity\":\"DATE\",\"case_study_type\":"
                + "\"incident\",\"target\":\"HelpBot\",\"actor\":\"unknown\",\"references\":[],\"procedure\":[{"
                + "\"tactic\":\"AML.TA0005\",\"technique\":\"AML.T0051.001\",\"description\":\"injected\"}]},"
                + "\"timeline\":{\"detected\":\"2026-03-14T09:30:00Z\"},\"assets\":[\"helpbot\"],\"tlp\":\"amber\"}";
        long inc = ServerFixture.json(expect(201, s.call("POST", "/api/v1/incidents", analyst, incident)))
                .get("id")
                .asText()
                .substring(4)
                .transform(Long::parseLong);
        expect(400, s.call("POST", "/api/v1/incidents", analyst, incident.replace("AML.TA0005", "AML.TA0002")));
        expect(200, s.get("/api/v1/incidents", viewer));
        expect(400, s.get("/api/v1/incidents?limit=0", viewer));
        expect(200, s.get("/api/v1/incidents/INC-" + inc, viewer));
        expect(404, s.get("/api/v1/incidents/999999", viewer));
        expect(
                200,
                s.call(
                        "PUT",
                        "/api/v1/incidents/" + inc,
                        analyst,
                        incident.replace("\"tlp\":\"amber\"", "\"tlp\":\"red\",\"based_on\":1")));
        expect(
                409,
                s.call(
                        "PUT",
                        "/api/v1/incidents/" + inc,
                        analyst,
                        incident.replace("\"tlp\":\"amber\"", "\"based_on\":1")));
        expect(200, s.get("/api/v1/incidents/" + inc + "/anonymised?coarsen=year&name=HelpBot", viewer));
        expect(400, s.get("/api/v1/incidents/" + inc + "/anonymised?coarsen=week", viewer));
        HttpResponse<String> shared = expect(
                200,
                s.call(
                        "POST",
                        "/api/v1/incidents/" + inc + "/export",
                        analyst,
                        "{\"format\":\"stix\",\"tlp\":\"green\"}"));
        expect(
                400,
                s.call(
                        "POST",
                        "/api/v1/incidents/" + inc + "/export",
                        analyst,
                        "{\"format\":\"stix\",\"anonymised\":false,\"tlp\":\"clear\"}"));
        expect(
                201,
                s.call(
                        "POST",
                        "/api/v1/incidents/import",
                        analyst,
                        ServerFixture.JSON
                                .createObjectNode()
                                .put("content", shared.body())
                                .put("file_name", "shared.json")
                                .toString()));
        expect(400, s.call("POST", "/api/v1/incidents/import", analyst, "{\"content\":\"study: [\"}"));
        expect(200, s.get("/api/v1/risk?technique=AML.T0051&limit=50", viewer));
        expect(400, s.get("/api/v1/risk?technique=AML.TA0005", null));
        expect(204, s.call("DELETE", "/api/v1/incidents/" + inc, analyst, null));
        expect(404, s.call("DELETE", "/api/v1/incidents/" + inc, analyst, null));
        // assessment: an inventory in, the threat model and the coverage out; a flawed one named by line and field
        String inventory = java.nio.file.Files.readString(Path.of("..", "samples", "assess", "support-bot.yaml"));
        for (String op : List.of("threat-model", "coverage")) {
            expect(200, yaml("/api/v1/assess/" + op, inventory));
            expect(400, yaml("/api/v1/assess/" + op, "id: x\nexposure: public\nmitigations: [AML.M015]\n"));
        }
        // coverage with the other evidence (a DeTT&CT file, an emulation run of the data dir) and as a layer
        ObjectNode evidence = ServerFixture.JSON.createObjectNode().put("inventory", inventory);
        evidence.put(
                "dettect",
                java.nio.file.Files.readString(Path.of("..", "samples", "assess", "support-bot-techniques.yaml")));
        evidence.putArray("emulation").add(EmulationPagesTest.RUN);
        for (String op : List.of("evidence", "layer?kind=both")) {
            expect(200, s.call("POST", "/api/v1/assess/coverage/" + op, viewer, evidence.toString()));
            expect(400, s.call("POST", "/api/v1/assess/coverage/" + op, viewer, "{\"inventory\":\"id: [\"}"));
        }
        expect(200, s.get("/api/v1/assess/metrics?since=2026-01-01", viewer));
        expect(400, s.get("/api/v1/assess/metrics?until=tomorrow", viewer));
        // saved inventories: the same reader's rules, kept per team with their revisions
        expect(
                201,
                s.send(s.request("/api/v1/assess/inventories")
                        .POST(HttpRequest.BodyPublishers.ofString(inventory))
                        .header("Content-Type", "application/yaml")
                        .header("Authorization", "Bearer " + analyst)));
        expect(
                409,
                s.call(
                        "POST",
                        "/api/v1/assess/inventories",
                        analyst,
                        "{\"id\":\"support-bot\",\"exposure\":\"public\"}"));
        expect(200, s.get("/api/v1/assess/inventories", viewer));
        expect(400, s.get("/api/v1/assess/inventories?limit=0", viewer));
        expect(200, s.get("/api/v1/assess/inventories/support-bot", viewer));
        expect(200, s.get("/api/v1/assess/inventories/support-bot?format=yaml", viewer));
        expect(404, s.get("/api/v1/assess/inventories/nothing-here", viewer));
        expect(
                200,
                s.call(
                        "PUT",
                        "/api/v1/assess/inventories/support-bot?based_on=1",
                        analyst,
                        "{\"id\":\"support-bot\",\"exposure\":\"internal\"}"));
        expect(
                400,
                s.call(
                        "PUT",
                        "/api/v1/assess/inventories/support-bot",
                        analyst,
                        "{\"id\":\"support-bot\",\"exposure\":\"x\"}"));
        expect(204, s.call("DELETE", "/api/v1/assess/inventories/support-bot", analyst, null));
        expect(404, s.call("DELETE", "/api/v1/assess/inventories/support-bot", analyst, null));

        ApiContract contract = s.contract();
        assertThat(contract.operations()).hasSizeGreaterThanOrEqualTo(30);
        assertThat(contract.operations())
                .as("operations never answered with success")
                .isSubsetOf(contract.succeeded());
        // liveness answers while the process runs; readiness's 503 needs a database gone (HealthTest checks it)
        java.util.Set<String> canFail = new java.util.TreeSet<>(contract.operations());
        canFail.removeAll(List.of("GET /healthz", "GET /readyz"));
        assertThat(canFail).as("operations never answered with an error").isSubsetOf(contract.refused());
    }

    @Test
    void requestBodiesHaveSchemasGeneratedFromTheirRecords() throws Exception {
        JsonNode doc = s.contract().document();
        JsonNode schemas = doc.get("components").get("schemas");
        JsonNode paths = doc.get("paths");
        for (JsonNode path : paths) {
            for (JsonNode op : path) {
                JsonNode body = op.path("requestBody")
                        .path("content")
                        .path("application/json")
                        .path("schema");
                if (!op.path("requestBody").isMissingNode()) {
                    assertThat(body.path("$ref").asText())
                            .as(op.get("operationId").asText())
                            .startsWith("#/components/schemas/");
                }
            }
        }
        JsonNode save = schemas.get("SaveRequest");
        assertThat(save.get("required")).extracting(JsonNode::asText).containsExactly("layer");
        assertThat(save.get("properties").fieldNames()).toIterable().containsExactly("layer", "based_on", "summary");
        assertThat(save.get("properties").get("based_on").get("type").asText()).isEqualTo("integer");
        assertThat(schemas.get("GenerateRequest").get("properties").has("case_study"))
                .isTrue();
        assertThat(schemas.get("LayerSummary")
                        .get("properties")
                        .get("created_at")
                        .get("format")
                        .asText())
                .isEqualTo("date-time");
        assertThat(schemas.get("ViewCell")
                        .get("properties")
                        .get("subtechniques")
                        .get("items")
                        .get("$ref")
                        .asText())
                .as("a record that contains itself")
                .isEqualTo("#/components/schemas/ViewCell");
        assertThat(schemas.get("Problem").get("required"))
                .extracting(JsonNode::asText)
                .contains("type", "title", "status", "detail");
        assertThat(paths.get("/api/v1/layers/{id}")
                        .get("delete")
                        .get("responses")
                        .has("204"))
                .isTrue();
        assertThat(paths.get("/api/v1/layers").get("post").get("responses").has("201"))
                .isTrue();
    }

    @Test
    void theKnowledgeBaseAnswersHaveSchemasGeneratedFromKbsRecords() throws Exception {
        JsonNode schemas = s.contract().document().get("components").get("schemas");
        assertThat(schemas.get("KbObject").get("oneOf"))
                .extracting(n -> n.get("$ref").asText())
                .containsExactly(
                        "#/components/schemas/KbTactic",
                        "#/components/schemas/KbTechnique",
                        "#/components/schemas/KbMitigation",
                        "#/components/schemas/KbCaseStudy");
        assertThat(schemas.get("KbObjectList")
                        .get("properties")
                        .get("objects")
                        .get("items")
                        .get("$ref")
                        .asText())
                .isEqualTo("#/components/schemas/KbObjectSummary");
        assertThat(schemas.get("KbTechnique").get("properties").fieldNames())
                .toIterable()
                .as("the order the JSON is written in")
                .startsWith("id", "type", "name", "atlas_version", "url", "parent", "tactics")
                .endsWith("description", "references", "subtechniques", "mitigations", "case_studies", "crosswalk");
        assertThat(schemas.get("KbTechnique").get("required"))
                .extracting(JsonNode::asText)
                .contains("description", "case_studies")
                .doesNotContain("parent", "maturity", "deprecated", "platforms");
        assertThat(schemas.get("KbTacticSummary")
                        .get("properties")
                        .get("created")
                        .get("format")
                        .asText())
                .isEqualTo("date");
        assertThat(schemas.get("KbDiff")
                        .get("properties")
                        .get("summary")
                        .get("$ref")
                        .asText())
                .isEqualTo("#/components/schemas/KbDiffSummary");
        assertThat(schemas.get("KbMatrixTactic")
                        .get("properties")
                        .get("techniques")
                        .get("items")
                        .get("$ref")
                        .asText())
                .isEqualTo("#/components/schemas/KbTechniqueBrief");
        for (String kb :
                List.of("KbObject", "KbObjectSummary", "KbObjectList", "KbMatrix", "KbDiff", "KbTechniqueBrief")) {
            assertThat(schemas.get(kb).toString()).as(kb).doesNotContain("ObjectJson");
        }
    }

    @Test
    void theOracleRefusesAKnowledgeBaseAnswerThatDriftsFromItsSchema() throws Exception {
        ApiContract contract = s.contract();
        for (String id : List.of("AML.TA0005", "AML.T0051", "AML.M0015", "AML.CS0016")) {
            String body = s.get("/api/v1/releases/5.6.0/objects/" + id, null).body();
            assertThat(contract.errors("#/components/schemas/KbObject", body))
                    .as(id)
                    .isEmpty();
            ObjectNode drifted = (ObjectNode) ServerFixture.json(s.get("/api/v1/releases/5.6.0/objects/" + id, null));
            drifted.put("surprise", 1);
            assertThat(contract.errors("#/components/schemas/KbObject", drifted.toString()))
                    .as(id + " with a field no schema names")
                    .isNotEmpty();
            drifted.remove("surprise");
            drifted.remove("crosswalk");
            assertThat(contract.errors("#/components/schemas/KbObject", drifted.toString()))
                    .as(id + " without its crosswalk")
                    .isNotEmpty();
        }
        ObjectNode diff = (ObjectNode) ServerFixture.json(s.get("/api/v1/diff?from=4.9.1&to=5.6.0", null));
        assertThat(contract.errors("#/components/schemas/KbDiff", diff.toString()))
                .isEmpty();
        ((ObjectNode) diff.get("summary")).remove("renamed");
        assertThat(contract.errors("#/components/schemas/KbDiff", diff.toString()))
                .anyMatch(e -> e.contains("renamed"));
    }

    @Test
    void theOracleRefusesAnAnswerThatDriftsFromItsSchema() throws Exception {
        ApiContract contract = s.contract();
        String page = s.get("/api/v1/layers", viewer).body();
        assertThat(contract.errors("#/components/schemas/LayerPage", page)).isEmpty();
        ObjectNode drifted = (ObjectNode) ServerFixture.json(s.get("/api/v1/layers", viewer));
        drifted.remove("total");
        drifted.put("surprise", 1);
        assertThat(contract.errors("#/components/schemas/LayerPage", drifted.toString()))
                .hasSizeGreaterThanOrEqualTo(2);
        assertThatThrownBy(() -> contract.check(
                        "GET", "/api/v1/layers", 200, Optional.of("application/json"), drifted.toString()))
                .isInstanceOf(AssertionError.class)
                .hasMessageContaining("total");
        assertThatThrownBy(() -> contract.check("GET", "/api/v1/layers", 201, Optional.of("application/json"), page))
                .isInstanceOf(AssertionError.class)
                .hasMessageContaining("does not document");
    }

    @Test
    void linksFromAnImportedLayerAreOfferedOnlyWhenTheyAreHttp() throws Exception {
        long id = ServerFixture.json(expect(
                        201,
                        s.call(
                                "POST",
                                "/api/v1/layers/import",
                                analyst,
                                "{\"url\":\"http://127.0.0.1:"
                                        + files.getAddress().getPort() + "/evil.json\"}")))
                .get("id")
                .asLong();
        JsonNode view = ServerFixture.json(expect(200, s.get("/api/v1/layers/" + id + "/view", viewer)));
        JsonNode cell = null;
        for (JsonNode column : view.get("columns")) {
            for (JsonNode c : column.get("cells")) {
                if (c.get("technique").asText().equals("AML.T0051") && c.has("links")) {
                    cell = c;
                }
            }
        }
        assertThat(cell).isNotNull();
        JsonNode links = cell.get("links");
        assertThat(links).hasSize(2);
        assertThat(links.get(0).get("url").asText()).isEqualTo(EVIL);
        assertThat(links.get(0).has("href"))
                .as("a javascript: URL is never an href")
                .isFalse();
        assertThat(links.get(1).get("href").asText()).isEqualTo("https://atlas.mitre.org/techniques/AML.T0051");
        assertThat(cell.get("metadata").get(0).get("value").asText()).isEqualTo("<img src=x onerror=alert(1)>");
        assertThat(view.get("links").get(0).has("href"))
                .as("nor is the layer's own")
                .isFalse();
        assertThat(view.toString()).doesNotContain("\"href\":\"javascript");
    }
}
