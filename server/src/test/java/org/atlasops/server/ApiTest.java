package org.atlasops.server;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import org.atlasops.store.Role;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Every API endpoint over real HTTP, with the exact status and problem type of each refusal. */
class ApiTest {
    @TempDir
    static Path dir;

    static ServerFixture s;
    static String admin;
    static String analyst;
    static String viewer;

    @BeforeAll
    static void start() throws Exception {
        s = new ServerFixture(dir, false);
        createUsers();
    }

    static void createUsers() {
        admin = s.token("admin-test", Role.ADMIN);
        analyst = s.token("ana", Role.ANALYST);
        viewer = s.token("vic", Role.VIEWER);
    }

    @AfterAll
    static void stop() throws Exception {
        s.close();
    }

    private static void assertProblem(HttpResponse<String> r, int status, String type) throws Exception {
        assertThat(r.statusCode()).as(r.body()).isEqualTo(status);
        assertThat(r.headers().firstValue("Content-Type"))
                .hasValueSatisfying(t -> assertThat(t).startsWith("application/problem+json"));
        JsonNode p = ServerFixture.json(r);
        assertThat(p.get("type").asText()).isEqualTo("/problems/" + type);
        assertThat(p.get("status").asInt()).isEqualTo(status);
        assertThat(p.get("title").asText()).isNotBlank();
        assertThat(p.get("detail").asText()).isNotBlank();
    }

    private static String layerJson(String name, String release, String techniques) {
        return "{\"name\":\"" + name + "\",\"domain\":\"atlas-atlas\",\"versions\":{\"layer\":\"4.5\"},"
                + "\"metadata\":[{\"name\":\"atlas_data_version\",\"value\":\"" + release + "\"}],"
                + "\"techniques\":[" + techniques + "]}";
    }

    private static long create(String name, String techniques) throws Exception {
        HttpResponse<String> r = s.call("POST", "/api/v1/layers", analyst, layerJson(name, "5.6.0", techniques));
        assertThat(r.statusCode()).as(r.body()).isEqualTo(201);
        return ServerFixture.json(r).get("id").asLong();
    }

    @Test
    void releasesMatrixObjectsSearchAndDiffArePublic() throws Exception {
        JsonNode releases = ServerFixture.json(s.get("/api/v1/releases", null));
        assertThat(releases.get("default").asText()).isEqualTo("5.6.0");
        assertThat(releases.get("releases").size()).isGreaterThanOrEqualTo(5);

        JsonNode matrix = ServerFixture.json(s.get("/api/v1/releases/5.6.0/matrix", null));
        JsonNode tactics = matrix.get("matrices").get(0).get("tactics");
        assertThat(tactics.size()).isEqualTo(16);
        assertThat(tactics.get(0).get("techniques").size()).isPositive();

        JsonNode t = ServerFixture.json(s.get("/api/v1/releases/5.6.0/objects/AML.T0051", null));
        assertThat(t.get("name").asText()).isEqualTo("LLM Prompt Injection");
        assertThat(t.get("subtechniques")).hasSize(3);
        assertThat(t.get("mitigations").size()).isEqualTo(6);

        JsonNode mitigations = ServerFixture.json(s.get("/api/v1/releases/5.6.0/objects?type=mitigation", null));
        assertThat(mitigations.get("objects")).hasSize(35);

        JsonNode hits = ServerFixture.json(s.get("/api/v1/releases/5.6.0/search?q=prompt%20injection&limit=5", null));
        assertThat(hits.get("hits").get(0).get("id").asText()).startsWith("AML.T0051");
        assertThat(hits.get("hits").get(0).get("page").asText()).startsWith("/techniques/");

        JsonNode diff = ServerFixture.json(s.get("/api/v1/diff?from=4.9.1&to=5.6.0", null));
        assertThat(diff.get("summary").get("added").asInt()).isPositive();
    }

    @Test
    void knowledgeBaseErrorsAreProblems() throws Exception {
        assertProblem(s.get("/api/v1/releases/5.6.0/objects/AML.T9999", null), 404, "not-found");
        assertProblem(s.get("/api/v1/releases/9.9.9/matrix", null), 404, "not-found");
        assertProblem(s.get("/api/v1/releases/5.6.0/search", null), 400, "bad-request");
        assertProblem(s.get("/api/v1/releases/5.6.0/search?q=x&limit=1000", null), 400, "bad-request");
        assertProblem(s.get("/api/v1/releases/5.6.0/objects?type=widget", null), 400, "bad-request");
        assertProblem(s.get("/api/v1/diff?from=4.9.1", null), 400, "bad-request");
        assertProblem(s.get("/api/v1/nothing-here", null), 404, "not-found");
    }

    @Test
    void theOpenApiDocumentListsEveryEndpoint() throws Exception {
        JsonNode doc = ServerFixture.json(s.get("/api/openapi.json", null));
        assertThat(doc.get("openapi").asText()).isEqualTo("3.1.0");
        JsonNode paths = doc.get("paths");
        assertThat(paths.has("/api/v1/layers/{id}/export")).isTrue();
        assertThat(paths.get("/api/v1/layers").has("post")).isTrue();
        assertThat(paths.get("/api/v1/layers")
                        .get("post")
                        .get("x-required-role")
                        .asText())
                .isEqualTo("analyst");
        List<String> ids = new ArrayList<>();
        for (Iterator<JsonNode> it = paths.elements(); it.hasNext(); ) {
            it.next().forEach(op -> ids.add(op.get("operationId").asText()));
        }
        assertThat(ids).doesNotHaveDuplicates().hasSizeGreaterThan(25);
        assertThat(s.get("/api", null).body()).contains("/api/v1/layers/{id}/undo");
    }

    @Test
    void teamDataNeedsAValidTokenAndTheRightRole() throws Exception {
        assertProblem(s.get("/api/v1/layers", null), 401, "unauthorized");
        assertProblem(s.get("/api/v1/layers", "not-a-token"), 401, "unauthorized");
        assertProblem(s.send(s.request("/api/v1/layers").header("Authorization", "Basic abc")), 401, "unauthorized");
        assertThat(s.get("/api/v1/layers", viewer).statusCode()).isEqualTo(200);
        assertProblem(s.call("POST", "/api/v1/layers", viewer, layerJson("v", "5.6.0", "")), 403, "forbidden");
        assertProblem(s.get("/api/v1/audit", analyst), 403, "forbidden");
        assertProblem(s.get("/api/v1/users", viewer), 403, "forbidden");
    }

    @Test
    void badBodiesAreRefusedWithTheirPlace() throws Exception {
        HttpResponse<String> malformed =
                s.call("POST", "/api/v1/layers", analyst, "{\"name\": \"x\",\n \"techniques\": [}");
        assertProblem(malformed, 400, "malformed-json");
        assertThat(ServerFixture.json(malformed).get("detail").asText()).contains("line 2");
        assertProblem(s.call("POST", "/api/v1/layers", analyst, "[1,2]"), 400, "bad-request");
        assertProblem(s.call("POST", "/api/v1/layers", analyst, ""), 400, "bad-request");
        assertProblem(
                s.call("POST", "/api/v1/layers", analyst, "{\"name\":\"x\",\"techniques\":\"no\"}"),
                400,
                "invalid-layer");
        assertProblem(s.call("POST", "/api/v1/layers", analyst, "{\"a\":1,\"a\":2}"), 400, "malformed-json");
        String deep = "[".repeat(5000) + "]".repeat(5000);
        assertProblem(s.call("POST", "/api/v1/layers", analyst, "{\"x\":" + deep + "}"), 400, "malformed-json");
        byte[] huge = new byte[(int) ServerOptions.MAX_BODY + 1024];
        java.util.Arrays.fill(huge, (byte) ' ');
        HttpResponse<String> tooLarge = s.send(s.request("/api/v1/layers")
                .header("Authorization", "Bearer " + analyst)
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofByteArray(huge)));
        assertProblem(tooLarge, 413, "too-large");
        assertProblem(s.get("/api/v1/layers/999999", viewer), 404, "not-found");
        assertProblem(s.get("/api/v1/layers/abc", viewer), 404, "not-found");
    }

    @Test
    void theLayerListComesAPageAtATime() throws Exception {
        for (String name : List.of("page-a", "page-b", "page-c")) {
            create(name, "");
        }
        JsonNode first = ServerFixture.json(s.get("/api/v1/layers?limit=2", viewer));
        long total = first.get("total").asLong();
        assertThat(total).isGreaterThanOrEqualTo(3);
        assertThat(first.get("layers")).hasSize(2);
        assertThat(first.get("layers").get(0).get("name").asText())
                .as("most recently updated first")
                .isEqualTo("page-c");
        assertThat(first.get("next").asText()).isEqualTo("/api/v1/layers?offset=2&limit=2");
        JsonNode second = ServerFixture.json(s.get(first.get("next").asText(), viewer));
        assertThat(second.get("layers").get(0).get("name").asText()).isEqualTo("page-a");
        JsonNode last = ServerFixture.json(s.get("/api/v1/layers?offset=" + (total - 1), viewer));
        assertThat(last.get("layers")).hasSize(1);
        assertThat(last.has("next")).isFalse();
        assertThat(ServerFixture.json(s.get("/api/v1/layers", viewer))
                        .get("limit")
                        .asInt())
                .isEqualTo(100);
        assertProblem(s.get("/api/v1/layers?limit=0", viewer), 400, "bad-request");
        assertProblem(s.get("/api/v1/layers?limit=5000", viewer), 400, "bad-request");
        assertProblem(s.get("/api/v1/layers?offset=-1", viewer), 400, "bad-request");
        assertProblem(s.get("/api/v1/layers?offset=two", viewer), 400, "bad-request");
        JsonNode params = ServerFixture.json(s.get("/api/openapi.json", null))
                .get("paths")
                .get("/api/v1/layers")
                .get("get")
                .get("parameters");
        assertThat(params.findValuesAsText("name")).contains("limit", "offset");

        String page = s.send(s.request("/layers?limit=1&offset=1")
                        .header("Authorization", "Bearer " + viewer)
                        .header("Accept", "text/html")
                        .GET())
                .body();
        assertThat(page)
                .contains("page-b")
                .doesNotContain("page-c")
                .contains("2–2 of " + total)
                .contains("href=\"/layers?offset=0&amp;limit=1\">Newer")
                .contains("offset=2&amp;limit=1\">Older");
    }

    @Test
    void layersAreSavedWithHistoryConflictsAndUndo() throws Exception {
        long id = create("coverage", "{\"techniqueID\":\"AML.T0051\",\"tactic\":\"execution\",\"score\":3}");
        HttpResponse<String> got = s.get("/api/v1/layers/" + id, viewer);
        assertThat(got.headers().firstValue("ETag")).contains("\"1\"");
        JsonNode layer = ServerFixture.json(got).get("layer");

        String edited = "{\"based_on\":1,\"summary\":\"more\",\"layer\":"
                + layer.toString().replace("\"score\":3", "\"score\":7") + "}";
        HttpResponse<String> saved = s.call("PUT", "/api/v1/layers/" + id, analyst, edited);
        assertThat(saved.statusCode()).as(saved.body()).isEqualTo(200);
        assertThat(ServerFixture.json(saved).get("revision").asInt()).isEqualTo(2);
        assertThat(ServerFixture.json(saved).get("view").get("columns").size()).isEqualTo(16);

        assertProblem(s.call("PUT", "/api/v1/layers/" + id, analyst, edited), 409, "conflict");
        assertProblem(
                s.send(s.request("/api/v1/layers/" + id)
                        .header("Authorization", "Bearer " + analyst)
                        .header("If-Match", "\"1\"")
                        .PUT(HttpRequest.BodyPublishers.ofString("{\"layer\":" + layer + "}"))),
                409,
                "conflict");

        JsonNode undone = ServerFixture.json(s.call("POST", "/api/v1/layers/" + id + "/undo", analyst, null));
        assertThat(undone.get("revision").asInt()).isEqualTo(3);
        assertThat(undone.get("layer").get("techniques").get(0).get("score").asDouble())
                .isEqualTo(3);
        JsonNode history = ServerFixture.json(s.get("/api/v1/layers/" + id + "/history", viewer));
        assertThat(history.get("revisions")).hasSize(3);
        JsonNode rev2 = ServerFixture.json(s.get("/api/v1/layers/" + id + "/revisions/2", viewer));
        assertThat(rev2.get("techniques").get(0).get("score").asDouble()).isEqualTo(7);
        assertProblem(s.get("/api/v1/layers/" + id + "/revisions/99", viewer), 404, "not-found");

        JsonNode view = ServerFixture.json(s.get("/api/v1/layers/" + id + "/view", viewer));
        JsonNode execution = null;
        for (JsonNode c : view.get("columns")) {
            if (c.get("shortname").asText().equals("execution")) {
                execution = c;
            }
        }
        assertThat(execution).isNotNull();
        boolean scored = false;
        for (JsonNode cell : execution.get("cells")) {
            if (cell.get("technique").asText().equals("AML.T0051")) {
                scored = cell.get("score").asDouble() == 3
                        && cell.get("fill").asText().startsWith("#");
            }
        }
        assertThat(scored).isTrue();
    }

    @Test
    void exportsCarryTheirFormats() throws Exception {
        long id = create("exported", "{\"techniqueID\":\"AML.T0051\",\"score\":1}");
        String p = "/api/v1/layers/" + id + "/export?format=";
        HttpResponse<byte[]> xlsx = s.sendBytes(s.request(p + "xlsx").header("Authorization", "Bearer " + viewer));
        assertThat(xlsx.statusCode()).isEqualTo(200);
        assertThat(new String(xlsx.body(), 0, 2)).isEqualTo("PK");
        assertThat(xlsx.headers().firstValue("Content-Disposition"))
                .hasValueSatisfying(v -> assertThat(v).contains("exported.xlsx"));
        HttpResponse<byte[]> png = s.sendBytes(s.request(p + "png").header("Authorization", "Bearer " + viewer));
        assertThat(png.body()[1]).isEqualTo((byte) 'P');
        assertThat(s.get(p + "svg&theme=dark", viewer).body())
                .startsWith("<?xml")
                .contains("<svg");
        assertThat(s.get(p + "csv", viewer).body()).contains("AML.T0051");
        assertThat(s.get(p + "markdown", viewer).body()).contains("| AML.T0051");
        assertThat(ServerFixture.json(s.get(p + "json", viewer)).get("name").asText())
                .isEqualTo("exported");
        assertProblem(s.get(p + "pdf", viewer), 400, "bad-request");
    }

    @Test
    void generateCombineUpgradeAndDelete() throws Exception {
        HttpResponse<String> gen = s.call(
                "POST", "/api/v1/layers/generate", analyst, "{\"kind\":\"case-study-frequency\",\"name\":\"freq\"}");
        assertThat(gen.statusCode()).as(gen.body()).isEqualTo(201);
        assertThat(gen.headers().firstValue("Location")).isPresent();
        long freq = ServerFixture.json(gen).get("id").asLong();
        assertProblem(s.call("POST", "/api/v1/layers/generate", analyst, "{\"kind\":\"nope\"}"), 400, "bad-request");

        long other = create("other", "{\"techniqueID\":\"AML.T0051\",\"score\":10}");
        HttpResponse<String> combined = s.call(
                "POST",
                "/api/v1/layers/combine",
                analyst,
                "{\"layers\":[" + freq + "," + other + "],\"expression\":\"a + b\",\"name\":\"sum\"}");
        assertThat(combined.statusCode()).as(combined.body()).isEqualTo(201);
        assertThat(ServerFixture.json(combined).get("name").asText()).isEqualTo("sum");
        assertProblem(
                s.call(
                        "POST",
                        "/api/v1/layers/combine",
                        analyst,
                        "{\"layers\":[" + freq + "],\"expression\":\"a +* 2\"}"),
                400,
                "bad-expression");
        assertProblem(
                s.call("POST", "/api/v1/layers/combine", analyst, "{\"layers\":[],\"expression\":\"a\"}"),
                400,
                "bad-request");

        HttpResponse<String> old = s.call(
                "POST",
                "/api/v1/layers",
                analyst,
                layerJson(
                        "old",
                        "4.4.0",
                        "{\"techniqueID\":\"AML.T0045\",\"tactic\":\"ml-attack-staging\",\"score\":5}"));
        assertThat(old.statusCode()).as(old.body()).isEqualTo(201);
        long oldId = ServerFixture.json(old).get("id").asLong();
        HttpResponse<String> up = s.call("POST", "/api/v1/layers/" + oldId + "/upgrade?to=5.6.0", analyst, null);
        assertThat(up.statusCode()).as(up.body()).isEqualTo(200);
        JsonNode upgraded = ServerFixture.json(up);
        assertThat(upgraded.get("atlas_version").asText()).isEqualTo("5.6.0");
        assertThat(upgraded.get("changes").size()).isPositive();
        assertProblem(s.call("POST", "/api/v1/layers/" + oldId + "/upgrade", analyst, null), 400, "bad-request");

        String otherAnalyst = s.token("other-analyst", Role.ANALYST);
        assertProblem(s.call("DELETE", "/api/v1/layers/" + other, otherAnalyst, null), 403, "forbidden");
        assertThat(s.call("DELETE", "/api/v1/layers/" + other, analyst, null).statusCode())
                .isEqualTo(204);
        assertProblem(s.get("/api/v1/layers/" + other, viewer), 404, "not-found");
        assertThat(ServerFixture.json(s.get("/api/v1/audit", admin))
                        .get("entries")
                        .toString())
                .contains("layer.delete", "layer.upgrade", "layer.combine", "layer.generate");
    }

    @Test
    void usersAndTokensAreManagedThroughTheApi() throws Exception {
        HttpResponse<String> created =
                s.call("POST", "/api/v1/users", admin, "{\"name\":\"newbie\",\"role\":\"viewer\"}");
        assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
        assertThat(ServerFixture.json(created).get("login_link").asText()).contains("/login/");
        assertProblem(
                s.call("POST", "/api/v1/users", admin, "{\"name\":\"newbie\",\"role\":\"viewer\"}"), 409, "conflict");
        assertProblem(s.call("POST", "/api/v1/users", admin, "{\"name\":\"x\",\"role\":\"god\"}"), 400, "bad-request");
        assertThat(ServerFixture.json(s.call("PUT", "/api/v1/users/newbie", admin, "{\"role\":\"analyst\"}"))
                        .get("role")
                        .asText())
                .isEqualTo("analyst");
        assertProblem(s.call("PUT", "/api/v1/users/ghost", admin, "{\"role\":\"analyst\"}"), 404, "not-found");
        assertThat(ServerFixture.json(s.get("/api/v1/users", admin))
                        .get("users")
                        .toString())
                .contains("\"newbie\"", "\"analyst\"")
                .doesNotContain("password");
        assertProblem(s.get("/api/v1/audit?limit=many", admin), 400, "bad-request");
        assertProblem(s.call("POST", "/api/v1/session", null, "{\"name\": "), 400, "malformed-json");
        assertProblem(s.call("POST", "/api/v1/session", null, "{\"name\": \"admin\"}"), 400, "bad-request");
        assertProblem(
                s.call("POST", "/api/v1/session", null, "{\"name\": \"admin\", \"password\": 5}"), 400, "bad-request");

        HttpResponse<String> token = s.call("POST", "/api/v1/tokens", viewer, "{\"label\":\"ci\",\"days\":30}");
        assertThat(token.statusCode()).isEqualTo(201);
        String secret = ServerFixture.json(token).get("token").asText();
        long tokenId = ServerFixture.json(token).get("id").asLong();
        assertThat(ServerFixture.json(s.get("/api/v1/me", secret)).get("name").asText())
                .isEqualTo("vic");
        assertThat(s.get("/api/v1/tokens", secret).body()).contains("\"ci\"").doesNotContain(secret);
        assertProblem(s.call("POST", "/api/v1/tokens", viewer, "{\"days\":0}"), 400, "bad-request");
        assertThat(s.call("DELETE", "/api/v1/tokens/" + tokenId, viewer, null).statusCode())
                .isEqualTo(204);
        assertProblem(s.get("/api/v1/me", secret), 401, "unauthorized");
        assertProblem(s.call("DELETE", "/api/v1/tokens/" + tokenId, viewer, null), 404, "not-found");
    }
}
