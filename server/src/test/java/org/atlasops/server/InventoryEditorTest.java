package org.atlasops.server;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.URLEncoder;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Collectors;
import org.atlasops.store.Role;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The inventory editor: its API ({@code /api/v1/assess/inventories}, checked against the OpenAPI document) and its
 * pages as a browser without script uses them (a signed-in analyst, CSRF required).
 */
class InventoryEditorTest {
    private static final Path SYSTEM = Path.of("..", "samples", "assess", "support-bot.yaml");
    private static final String API = "/api/v1/assess/inventories";

    @TempDir
    static Path dir;

    static ServerFixture s;
    static String analyst;
    static String viewer;

    @BeforeAll
    static void start() throws Exception {
        startOn(java.util.Optional.empty());
    }

    /** The server on this database (H2 in the data dir when empty), with an analyst's and a viewer's token. */
    static void startOn(java.util.Optional<org.atlasops.store.Database.Location> db) {
        s = new ServerFixture(dir, db, false, java.util.List.of());
        analyst = s.token("ana", Role.ANALYST);
        viewer = s.token("vic", Role.VIEWER);
    }

    @AfterAll
    static void stop() throws Exception {
        s.close();
    }

    private static HttpResponse<String> yaml(String method, String path, String token, String body) throws Exception {
        HttpRequest.Builder r = s.request(path)
                .method(method, HttpRequest.BodyPublishers.ofString(body))
                .header("Content-Type", "application/yaml");
        if (token != null) {
            r.header("Authorization", "Bearer " + token);
        }
        return s.send(r);
    }

    @Test
    void theApiSavesListsReadsReplacesAndDeletesInventoriesWithWhoChangedThem() throws Exception {
        String sample = Files.readString(SYSTEM).replace("id: support-bot", "id: api-bot");
        HttpResponse<String> made = yaml("POST", API, analyst, sample);
        assertThat(made.statusCode()).as(made.body()).isEqualTo(201);
        assertThat(made.headers().firstValue("Location")).contains(API + "/api-bot");
        JsonNode view = ServerFixture.json(made);
        assertThat(view.get("revision").asInt()).isEqualTo(1);
        assertThat(view.get("created_by").asText()).isEqualTo("ana");
        assertThat(view.get("yaml").asText()).isEqualTo(sample);
        assertThat(view.get("inventory").get("edges").size()).isEqualTo(6);
        assertThat(view.get("inventory")
                        .get("agent")
                        .get("mcp-servers")
                        .get(1)
                        .get("side-effects")
                        .asBoolean())
                .isTrue();

        HttpResponse<String> file = s.get(API + "/api-bot?format=yaml", viewer);
        assertThat(file.statusCode()).isEqualTo(200);
        assertThat(file.headers().firstValue("Content-Type"))
                .hasValueSatisfying(t -> assertThat(t).startsWith("application/yaml"));
        assertThat(file.body()).isEqualTo(sample);

        // JSON is kept as the YAML it means, so the download is a file the CLI reads
        String json = ServerFixture.JSON
                .writeValueAsString(view.get("inventory"))
                .replace("\"exposure\":\"public\"", "\"exposure\":\"internal\"");
        HttpResponse<String> stale = s.call("PUT", API + "/api-bot?based_on=0", analyst, json);
        assertThat(stale.statusCode()).isEqualTo(409);
        HttpResponse<String> replaced = s.call("PUT", API + "/api-bot?based_on=1", viewer, json);
        assertThat(replaced.statusCode()).isEqualTo(403);
        replaced = s.call("PUT", API + "/api-bot?based_on=1", analyst, json);
        assertThat(replaced.statusCode()).as(replaced.body()).isEqualTo(200);
        JsonNode second = ServerFixture.json(replaced);
        assertThat(second.get("revision").asInt()).isEqualTo(2);
        assertThat(second.get("inventory").get("exposure").asText()).isEqualTo("internal");
        assertThat(second.get("yaml").asText())
                .startsWith("version: 1\nid: api-bot\n")
                .contains("exposure: internal");
        assertThat(second.get("inventory")).isEqualTo(ServerFixture.JSON.readTree(json));

        HttpResponse<String> renamed = yaml("PUT", API + "/api-bot", analyst, "id: other\nexposure: public\n");
        assertThat(renamed.statusCode()).isEqualTo(400);
        assertThat(renamed.body()).contains("an inventory keeps its id");

        JsonNode list = ServerFixture.json(s.get(API, viewer));
        assertThat(list.get("total").asInt()).isPositive();
        assertThat(list.get("inventories").get(0).get("id").asText()).isEqualTo("api-bot");
        assertThat(list.get("inventories").get(0).get("updated_by").asText()).isEqualTo("ana");

        assertThat(yaml("POST", API, analyst, sample).statusCode()).isEqualTo(409);
        assertThat(s.call("DELETE", API + "/api-bot", analyst, null).statusCode())
                .isEqualTo(204);
        assertThat(s.get(API + "/api-bot", viewer).statusCode()).isEqualTo(404);
        assertThat(s.get(API, null).statusCode()).isEqualTo(401);
        assertThat(s.server.database().audit().recent(5))
                .extracting(e -> e.action() + " " + e.target())
                .contains("inventory.delete inventory:api-bot", "inventory.update inventory:api-bot");
    }

    @Test
    void aFlawedInventoryIsRefusedWithEachFieldNamedAsTheCliNamesIt() throws Exception {
        HttpResponse<String> r = yaml(
                "POST",
                API,
                analyst,
                "id: flawed\nexposure: public\ncomponents:\n  - {type: componentModel, name: m}\n"
                        + "  - {type: componentTheModel, name: m}\nmitigations: [AML.M015]\n");
        assertThat(r.statusCode()).isEqualTo(400);
        assertThat(r.headers().firstValue("Content-Type"))
                .hasValueSatisfying(t -> assertThat(t).startsWith("application/problem+json"));
        JsonNode p = ServerFixture.json(r);
        assertThat(p.get("type").asText()).isEqualTo("/problems/invalid-inventory");
        assertThat(p.get("detail").asText())
                .contains("inventory:4:12: components[0].type: 'componentModel' is not a CoSAI component")
                .contains("components[1].name: 'm' is already the name of components[0]")
                .contains("inventory:6:15: mitigations[0]: 'AML.M015' is not an ATLAS ID")
                .contains("nearest: AML.M0015");
        assertThat(s.get(API + "/flawed", analyst).statusCode()).isEqualTo(404);
        HttpResponse<String> reserved = yaml("POST", API, analyst, "id: new\nexposure: public\n");
        assertThat(reserved.statusCode()).isEqualTo(400);
        assertThat(ServerFixture.json(reserved).get("detail").asText())
                .isEqualTo("id: 'new' is the name of a page of the editor; choose another id");
    }

    // --- the pages, as a browser without script sends them

    private record Session(String cookie, String csrf) {}

    private static Session signIn(String name, Role role) throws Exception {
        s.server.database().users().create(name, role);
        s.server.database().users().setPassword(name, "plum orchard at dusk");
        HttpResponse<String> r = s.send(s.request("/api/v1/session")
                .header("Content-Type", "application/json")
                .header("Origin", s.base())
                .POST(HttpRequest.BodyPublishers.ofString(
                        "{\"name\":\"" + name + "\",\"password\":\"plum orchard at dusk\"}")));
        return new Session(
                r.headers().firstValue("Set-Cookie").orElseThrow().split(";")[0],
                ServerFixture.json(r).get("csrf_token").asText());
    }

    private static HttpResponse<String> form(String path, Session session, Map<String, String> fields)
            throws Exception {
        String body = fields.entrySet().stream()
                .map(e -> enc(e.getKey()) + "=" + enc(e.getValue()))
                .collect(Collectors.joining("&"));
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

    private static Map<String, String> chatbot(Session session) {
        Map<String, String> f = new TreeMap<>();
        f.put("csrf", session.csrf());
        f.put("id", "form-bot");
        f.put("name", "Form bot");
        f.put("exposure", "public");
        f.put("untrusted-content", "web");
        f.put("rag", "true");
        f.put("model-source", "third-party");
        f.put("components[0].type", "componentRAGContent");
        f.put("components[0].name", "wiki index");
        f.put("components[1].type", "");
        f.put("components[1].name", ""); // a blank row is left out
        f.put("components[2].type", "componentTheModel");
        f.put("components[2].name", "hosted model");
        f.put("edges[0].from", "wiki index");
        f.put("edges[0].to", "hosted model");
        f.put("agent.mcp-servers[0].name", "tickets");
        f.put("agent.mcp-servers[0].side-effects", "true");
        f.put("mitigations[0].id", "AML.M0015");
        f.put("mitigations[0].note", "classifier \"on\" input: yes # really");
        return f;
    }

    @Test
    void anAnalystCreatesAnInventoryInTheFormAndItReadsBackAsTheCliReadsIt() throws Exception {
        Session ana = signIn("ann", Role.ANALYST);
        String blank = page("/assess/inventories/new", ana).body();
        assertThat(blank)
                .contains("name=\"csrf\"", "name=\"components[0].type\"", "<option value=\"componentTheModel\"")
                .contains("name=\"agent.mcp-servers[0].side-effects\"", "name=\"edges[0].from\"")
                .contains("<option value=\"AML.M0015\">", "/assets/inventory-editor.js")
                .doesNotContain(" style=\"");

        Map<String, String> fields = chatbot(ana);
        fields.remove("csrf");
        assertThat(form("/assess/inventories", ana, fields).statusCode()).isEqualTo(403);

        HttpResponse<String> made = form("/assess/inventories", ana, chatbot(ana));
        assertThat(made.statusCode()).as(made.body()).isEqualTo(303);
        assertThat(made.headers().firstValue("Location")).contains("/assess/inventories/form-bot?saved=1");

        String show = page("/assess/inventories/form-bot?saved=1", ana).body();
        assertThat(show)
                .contains("Saved revision 1.", "changed by ann")
                .contains("value=\"wiki index\"", "value=\"hosted model\"")
                .contains("action=\"/assess/model\"", "action=\"/assess/coverage\"", "name=\"inventory\"")
                .contains("href=\"/assess/inventories/form-bot/yaml\"");

        HttpResponse<String> file = page("/assess/inventories/form-bot/yaml", ana);
        assertThat(file.headers().firstValue("Content-Disposition")).contains("attachment; filename=\"form-bot.yaml\"");
        Path saved = dir.resolve("form-bot.yaml");
        Files.writeString(saved, file.body());
        org.atlasops.assess.inventory.SystemInventory read = org.atlasops.assess.inventory.InventoryReader.read(
                        saved, org.atlasops.kb.read.ReleaseCatalog.bundledOnly().load("5.6.0"))
                .orThrow();
        assertThat(read.components()).extracting(c -> c.name()).containsExactly("wiki index", "hosted model");
        assertThat(read.edges())
                .extracting(e -> e.from() + " -> " + e.to())
                .containsExactly("wiki index -> hosted model");
        assertThat(read.mitigations().get(0).note()).isEqualTo("classifier \"on\" input: yes # really");
        assertThat(read.tools())
                .singleElement()
                .satisfies(t -> assertThat(t.sideEffects()).isTrue());

        // the threat model page takes the saved inventory as the run button sends it
        HttpResponse<String> model = s.send(s.request("/assess/model")
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString("release=5.6.0&inventory=" + enc(file.body()))));
        assertThat(model.statusCode()).as(model.body()).isEqualTo(200);
        assertThat(model.body()).contains("Threat model: Form bot");

        Map<String, String> edit = chatbot(ana);
        edit.put("based_on", "1");
        edit.put("exposure", "internal");
        assertThat(form("/assess/inventories/form-bot", ana, edit).statusCode()).isEqualTo(303);
        HttpResponse<String> late = form("/assess/inventories/form-bot", ana, edit);
        assertThat(late.statusCode()).isEqualTo(409);
        assertThat(late.body()).contains("is at revision 2, not 1");
    }

    @Test
    void aRefusedSaveKeepsTheRevisionTheUserSawSoSavingAgainCannotOverwriteUnseen() throws Exception {
        Session ana = signIn("fay", Role.ANALYST);
        Map<String, String> f = chatbot(ana);
        f.put("id", "race-bot");
        assertThat(form("/assess/inventories", ana, f).statusCode()).isEqualTo(303);
        Map<String, String> mine = new TreeMap<>(f);
        mine.put("based_on", "1");
        mine.put("exposure", "internal");
        // someone else saves revision 2 meanwhile
        assertThat(form("/assess/inventories/race-bot", ana, mine).statusCode()).isEqualTo(303);
        HttpResponse<String> late = form("/assess/inventories/race-bot", ana, mine);
        assertThat(late.statusCode()).isEqualTo(409);
        assertThat(late.body())
                .contains("name=\"based_on\" value=\"1\"")
                .doesNotContain("name=\"based_on\" value=\"2\"");
        HttpResponse<String> yamlLate = form(
                "/assess/inventories/race-bot/yaml",
                ana,
                Map.of(
                        "csrf",
                        ana.csrf(),
                        "based_on",
                        "1",
                        "yaml",
                        page("/assess/inventories/race-bot/yaml", ana).body()));
        assertThat(yamlLate.statusCode()).isEqualTo(409);
        assertThat(yamlLate.body()).contains("name=\"based_on\" value=\"1\"");
        assertThat(s.server.database().inventories().get("race-bot").revision()).isEqualTo(2);
    }

    @Test
    void theFormCannotSaveAnInventoryOverTheLimit() throws Exception {
        Session ana = signIn("gus", Role.ANALYST);
        Map<String, String> f = chatbot(ana);
        f.put("id", "huge-bot");
        f.put("mitigations[0].note", "n".repeat(300 * 1024));
        HttpResponse<String> r = form("/assess/inventories", ana, f);
        assertThat(r.statusCode()).isEqualTo(413);
        assertThat(r.body()).contains("larger than 256 KiB");
        assertThat(s.server.database().inventories().find("huge-bot")).isEmpty();
    }

    @Test
    void jsonIsStoredAsYamlThatReadsBackTheSame() throws Exception {
        String sample = Files.readString(SYSTEM).replace("id: support-bot", "id: json-bot");
        JsonNode view = ServerFixture.json(yaml("POST", API, analyst, sample));
        com.fasterxml.jackson.databind.node.ObjectNode doc = (com.fasterxml.jackson.databind.node.ObjectNode)
                view.get("inventory").deepCopy();
        doc.put("description", "  \"quoted\", on: two\nlines  ");
        HttpResponse<String> r = s.call("PUT", API + "/json-bot?based_on=1", analyst, doc.toString());
        assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
        String stored = s.server.database().inventories().get("json-bot").yaml();
        assertThat(org.atlasops.assess.inventory.InventoryReader.read(
                                stored.getBytes(StandardCharsets.UTF_8),
                                "stored",
                                org.atlasops.kb.read.ReleaseCatalog.bundledOnly()
                                        .load("5.6.0"))
                        .orThrow()
                        .description())
                .isEqualTo("\"quoted\", on: two\nlines");
    }

    private static final String MARKUP = "<script>alert(1)</script>\"'><img src=x onerror=alert(2)>";

    /** No markup of the input reaches the page as markup: only its escaped text. */
    private static void escaped(String html) {
        assertThat(html)
                .doesNotContain("<script>alert", "<img src=x", "\"'><")
                .contains("&lt;script&gt;alert(1)&lt;/script&gt;");
    }

    @Test
    void markupTypedIntoAnyFieldIsShownAsTextNeverRun() throws Exception {
        Session ana = signIn("hal", Role.ANALYST);
        // refused (the id is no id, the mitigation no ATLAS ID): every field is shown again with what was typed
        Map<String, String> f = chatbot(ana);
        f.put("id", MARKUP);
        f.put("name", MARKUP);
        f.put("components[0].name", MARKUP);
        f.put("edges[0].from", MARKUP);
        f.put("agent.mcp-servers[0].name", MARKUP);
        f.put("agent.tools[0].name", MARKUP);
        f.put("agent.tools[0].side-effects", "true");
        f.put("mitigations[0].id", MARKUP);
        f.put("mitigations[0].note", MARKUP);
        HttpResponse<String> refused = form("/assess/inventories", ana, f);
        assertThat(refused.statusCode()).isEqualTo(400);
        escaped(refused.body());

        // saved with markup in its texts: the editor, the list and the YAML view escape them
        Map<String, String> ok = chatbot(ana);
        ok.put("id", "xss-bot");
        ok.put("name", MARKUP);
        ok.put("components[0].name", MARKUP);
        ok.put("edges[0].from", MARKUP);
        ok.put("agent.mcp-servers[0].name", MARKUP);
        ok.put("mitigations[0].note", MARKUP);
        HttpResponse<String> saved = form("/assess/inventories", ana, ok);
        assertThat(saved.statusCode()).as(saved.body()).isEqualTo(303);
        escaped(page("/assess/inventories/xss-bot", ana).body());
        assertThat(page("/assess/inventories", ana).body())
                .doesNotContain("<script>alert")
                .contains("&lt;script&gt;");

        // an uploaded file's name and a flawed YAML paste come back escaped too
        HttpResponse<String> upload =
                multipart("/assess/inventories/import", ana, ana.csrf(), "id: " + MARKUP + "\n", MARKUP + ".yaml");
        assertThat(upload.statusCode()).isEqualTo(400);
        assertThat(upload.body()).doesNotContain("<script>alert", "<img src=x");
        HttpResponse<String> yamlView = form(
                "/assess/inventories/xss-bot/yaml",
                ana,
                Map.of("csrf", ana.csrf(), "based_on", "1", "yaml", "id: xss-bot\nname: [" + MARKUP + "\n"));
        assertThat(yamlView.statusCode()).isEqualTo(400);
        assertThat(yamlView.body()).doesNotContain("<script>alert", "<img src=x");
    }

    @Test
    void theListIsPagedAndSaysWhichOfHowManyItShows() throws Exception {
        Session ana = signIn("ida", Role.ANALYST);
        String sample = Files.readString(SYSTEM);
        for (int i = 0; i < 105; i++) {
            String id = String.format(java.util.Locale.ROOT, "paged-%03d", i);
            s.server.database().inventories().create(id, id, sample.replace("id: support-bot", "id: " + id), "ida");
        }
        long total = s.server.database().inventories().count();
        String first = page("/assess/inventories", ana).body();
        assertThat(first).contains("Inventories 1–100 of " + total, "href=\"/assess/inventories?offset=100\"");
        String rest = page("/assess/inventories?offset=100", ana).body();
        assertThat(rest)
                .contains("Inventories 101–" + total + " of " + total, "href=\"/assess/inventories?offset=0\"")
                .doesNotContain("rel=\"next\"");
        assertThat(page("/assess/inventories?offset=-1", ana).statusCode()).isEqualTo(400);
        for (int i = 0; i < 105; i++) {
            s.server.database().inventories().delete(String.format(java.util.Locale.ROOT, "paged-%03d", i), "ida");
        }
    }

    @Test
    void badInputIsShownBesideItsFieldAndWhatWasTypedIsKept() throws Exception {
        Session ana = signIn("bea", Role.ANALYST);
        Map<String, String> f = chatbot(ana);
        f.put("id", "bad-bot");
        f.put("components[0].type", "componentModel");
        f.put("components[2].name", "wiki index");
        f.put("mitigations[0].id", "AML.M015");
        HttpResponse<String> r = form("/assess/inventories", ana, f);
        assertThat(r.statusCode()).isEqualTo(400);
        assertThat(r.body())
                .contains("id=\"error-components[0].type\"", "&#39;componentModel&#39; is not a CoSAI component")
                .contains("<option value=\"componentModel\" selected>componentModel (not in the list)</option>")
                .contains("id=\"error-components[1].name\"", "is already the name of components[0]")
                .contains("id=\"error-mitigations[0].id\"", "&#39;AML.M015&#39; is not an ATLAS ID")
                .contains("nearest: AML.M0015")
                .contains("value=\"AML.M015\" list=\"atlas-mitigations\" aria-invalid=\"true\"")
                .contains("value=\"classifier &quot;on&quot; input: yes # really\"");
        assertThat(s.server.database().inventories().find("bad-bot")).isEmpty();
    }

    @Test
    void yamlIsImportedAndReplacedWithItsFlawsByLineAndViewersOnlyRead() throws Exception {
        Session ana = signIn("cy", Role.ANALYST);
        String sample = Files.readString(SYSTEM).replace("id: support-bot", "id: yaml-bot");
        HttpResponse<String> imported =
                form("/assess/inventories/import", ana, Map.of("csrf", ana.csrf(), "yaml", sample));
        assertThat(imported.statusCode()).as(imported.body()).isEqualTo(303);
        assertThat(s.server.database().inventories().get("yaml-bot").yaml()).isEqualTo(sample);

        HttpResponse<String> again =
                form("/assess/inventories/import", ana, Map.of("csrf", ana.csrf(), "yaml", sample));
        assertThat(again.statusCode()).isEqualTo(409);
        assertThat(again.body()).contains("&#39;yaml-bot&#39; is already saved");

        HttpResponse<String> flawed = form(
                "/assess/inventories/yaml-bot/yaml",
                ana,
                Map.of("csrf", ana.csrf(), "based_on", "1", "yaml", "id: yaml-bot\nexposure: publik\n"));
        assertThat(flawed.statusCode()).isEqualTo(400);
        assertThat(flawed.body())
                .contains("inventory.yaml:2:11: exposure: &#39;publik&#39; is not one of public, internal")
                .contains("id=\"yaml-problems\"");
        assertThat(s.server.database().inventories().get("yaml-bot").revision()).isEqualTo(1);

        Session vic = signIn("val", Role.VIEWER);
        String read = page("/assess/inventories/yaml-bot", vic).body();
        assertThat(read).contains("<fieldset class=\"plain-fieldset\" disabled>", "Threat model", "Download YAML");
        assertThat(read).doesNotContain("id=\"delete-inventory\"", "id=\"save-inventory\"");
        assertThat(page("/assess/inventories", vic).body()).contains("yaml-bot").doesNotContain("id=\"import-form\"");
        assertThat(form("/assess/inventories/yaml-bot/delete", vic, Map.of("csrf", vic.csrf()))
                        .statusCode())
                .isEqualTo(403);

        assertThat(form("/assess/inventories/yaml-bot/delete", ana, Map.of("csrf", ana.csrf()))
                        .statusCode())
                .isEqualTo(303);
        assertThat(s.server.database().inventories().find("yaml-bot")).isEmpty();
    }

    @Test
    void moreRowsComeWithoutScriptAndKeepWhatWasTyped() throws Exception {
        Session ana = signIn("dee", Role.ANALYST);
        Map<String, String> f = chatbot(ana);
        f.put("action", "more");
        HttpResponse<String> r = form("/assess/inventories", ana, f);
        assertThat(r.statusCode()).isEqualTo(200);
        assertThat(r.body())
                .contains("value=\"wiki index\"", "name=\"components[6].type\"")
                .doesNotContain("name=\"components[7].type\"");
        assertThat(s.server.database().inventories().find("form-bot-more")).isEmpty();
    }

    @Test
    void aFileUploadCarriesItsCsrfTokenInTheMultipartForm() throws Exception {
        Session ana = signIn("eve", Role.ANALYST);
        String sample = Files.readString(SYSTEM).replace("id: support-bot", "id: upload-bot");
        HttpResponse<String> refused = multipart("/assess/inventories/import", ana, "", sample);
        assertThat(refused.statusCode()).isEqualTo(403);
        assertThat(s.server.database().inventories().find("upload-bot")).isEmpty();
        HttpResponse<String> taken = multipart("/assess/inventories/import", ana, ana.csrf(), sample);
        assertThat(taken.statusCode()).as(taken.body()).isEqualTo(303);
        assertThat(s.server.database().inventories().get("upload-bot").yaml()).isEqualTo(sample);
    }

    private static HttpResponse<String> multipart(String path, Session session, String csrf, String file)
            throws Exception {
        return multipart(path, session, csrf, file, "bot.yaml");
    }

    private static HttpResponse<String> multipart(
            String path, Session session, String csrf, String file, String filename) throws Exception {
        String boundary = "b0undary42";
        StringBuilder b = new StringBuilder();
        if (!csrf.isEmpty()) {
            b.append("--").append(boundary).append("\r\nContent-Disposition: form-data; name=\"csrf\"\r\n\r\n");
            b.append(csrf).append("\r\n");
        }
        b.append("--")
                .append(boundary)
                .append("\r\nContent-Disposition: form-data; name=\"file\"; filename=\"")
                .append(filename.replace("\"", "%22"))
                .append("\"\r\n")
                .append("Content-Type: application/yaml\r\n\r\n")
                .append(file)
                .append("\r\n--")
                .append(boundary)
                .append("--\r\n");
        return s.send(s.request(path)
                .header("Cookie", session.cookie())
                .header("Accept", "text/html")
                .header("Content-Type", "multipart/form-data; boundary=" + boundary)
                .POST(HttpRequest.BodyPublishers.ofString(b.toString(), StandardCharsets.UTF_8)));
    }
}
