package org.atlasops.server;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.net.URLEncoder;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.atlasops.kb.stix.StixIds;
import org.atlasops.store.AuditEntry;
import org.atlasops.store.Role;
import org.junit.jupiter.api.Test;

/**
 * The TAXII 2.1 specification (OASIS Standard, 10 June 2021) walked section by section against the running server:
 * each test names the section it checks. Subclasses run it on H2 ({@link TaxiiConformanceIT}) and on PostgreSQL
 * ({@link PostgresTaxiiConformanceIT}).
 */
abstract class TaxiiConformance {
    static final String TAXII = "application/taxii+json;version=2.1";
    static final String ATLAS_COLLECTION =
            StixIds.uuid5(StixIds.NAMESPACE, "ATLAS-TAXII-collection").toString();

    static ServerFixture s;
    static String admin;
    static String alice; // analyst, writer of the shared collection
    static String viv; // viewer, reader through role:viewer
    static String bob; // analyst without a grant to write

    static void createUsers() {
        admin = s.token("root", Role.ADMIN);
        alice = s.token("alice", Role.ANALYST);
        viv = s.token("viv", Role.VIEWER);
        bob = s.token("bob", Role.ANALYST);
    }

    // ---- helpers

    static HttpResponse<String> taxii(String method, String path, String token, String body) throws Exception {
        HttpRequest.Builder r = s.request(path)
                .header("Accept", TAXII)
                .method(
                        method,
                        body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body));
        if (body != null) {
            r.header("Content-Type", TAXII);
        }
        if (token != null) {
            r.header("Authorization", "Bearer " + token);
        }
        return s.send(r);
    }

    static HttpResponse<String> get(String path, String token) throws Exception {
        return taxii("GET", path, token, null);
    }

    static JsonNode json(HttpResponse<String> r) throws IOException {
        return ServerFixture.JSON.readTree(r.body());
    }

    /** A new collection: readers role:viewer, writers user:alice. */
    static String collection(String alias) throws Exception {
        HttpResponse<String> r = s.call(
                "POST",
                "/api/v1/taxii/collections",
                admin,
                "{\"title\": \"Shared " + alias + "\", \"alias\": \"" + alias + "\", \"readers\": [\"role:viewer\"], "
                        + "\"writers\": [\"user:alice\"]}");
        assertThat(r.statusCode()).as(r.body()).isEqualTo(201);
        return "/taxii2/team/collections/" + json(r).get("id").asText() + "/";
    }

    static ObjectNode indicator(String id, String modified, String name) {
        ObjectNode o = ServerFixture.JSON.createObjectNode();
        o.put("type", "indicator").put("spec_version", "2.1").put("id", id);
        o.put("created", "2026-01-01T00:00:00.000Z").put("modified", modified).put("name", name);
        o.put("pattern", "[url:value = 'http://x.example/']").put("pattern_type", "stix");
        o.put("valid_from", "2026-01-01T00:00:00Z");
        return o;
    }

    static String envelope(List<ObjectNode> objects) {
        ObjectNode e = ServerFixture.JSON.createObjectNode();
        ArrayNode a = e.putArray("objects");
        objects.forEach(a::add);
        return e.toString();
    }

    static String newId() {
        return "indicator--" + UUID.randomUUID();
    }

    static void assertTaxiiError(HttpResponse<String> r, int status) throws IOException {
        assertThat(r.statusCode()).as(r.body()).isEqualTo(status);
        assertThat(r.headers().firstValue("Content-Type"))
                .hasValueSatisfying(t -> assertThat(t).startsWith("application/taxii+json"));
        JsonNode e = json(r);
        assertThat(e.get("title").asText()).isNotBlank();
        assertThat(e.get("description").asText()).isNotBlank();
        assertThat(e.get("http_status").asText()).isEqualTo(String.valueOf(status));
    }

    // ---- §1.6.1 and §1.6.8: media types, content negotiation

    @Test
    void s1_6_everyAnswerIsTaxiiJsonAndAWrongAcceptIs406() throws Exception {
        HttpResponse<String> ok = get("/taxii2/", null);
        assertThat(ok.statusCode()).isEqualTo(200);
        assertThat(ok.headers().firstValue("Content-Type")).contains(TAXII);
        HttpResponse<String> wrong = s.send(
                s.request("/taxii2/").header("Accept", "application/json").GET());
        assertTaxiiError(wrong, 406);
        HttpResponse<String> oldVersion = s.send(s.request("/taxii2/")
                .header("Accept", "application/taxii+json;version=2.0")
                .GET());
        assertTaxiiError(oldVersion, 406);
    }

    // ---- §1.6.2 / §1.4: authentication, Basic and Bearer

    @Test
    void s1_4_bearerAndBasicWithATokenAsPasswordBothAuthenticate() throws Exception {
        String col = collection("auth-" + UUID.randomUUID().toString().substring(0, 8));
        assertThat(get(col, viv).statusCode()).isEqualTo(200);
        String basic = Base64.getEncoder().encodeToString(("viv:" + viv).getBytes(StandardCharsets.UTF_8));
        HttpResponse<String> viaBasic = s.send(s.request(col)
                .header("Accept", TAXII)
                .header("Authorization", "Basic " + basic)
                .GET());
        assertThat(viaBasic.statusCode()).as(viaBasic.body()).isEqualTo(200);
        String wrongName = Base64.getEncoder().encodeToString(("alice:" + viv).getBytes(StandardCharsets.UTF_8));
        HttpResponse<String> mismatch = s.send(s.request(col)
                .header("Accept", TAXII)
                .header("Authorization", "Basic " + wrongName)
                .GET());
        assertTaxiiError(mismatch, 401);
        HttpResponse<String> nobody = get(col, null);
        assertTaxiiError(nobody, 401);
        assertThat(nobody.headers().firstValue("WWW-Authenticate"))
                .hasValueSatisfying(h -> assertThat(h).contains("Basic").contains("Bearer"));
        assertTaxiiError(get(col, "not-a-token"), 401);
    }

    // ---- §4.1 discovery, §4.2 API root

    @Test
    void s4_1_discoveryListsTheTeamRootAndOneRootPerAtlasReleasePlusLatest() throws Exception {
        JsonNode d = json(get("/taxii2/", null));
        List<String> roots = new ArrayList<>();
        d.get("api_roots").forEach(n -> roots.add(n.asText()));
        assertThat(roots).contains(s.base() + "/taxii2/team/", s.base() + "/taxii2/atlas/");
        assertThat(roots).contains(s.base() + "/taxii2/atlas-5.6.0/", s.base() + "/taxii2/atlas-5.0.0/");
        assertThat(d.get("default").asText()).isEqualTo(s.base() + "/taxii2/team/");
        assertThat(d.get("title").asText()).isNotBlank();
    }

    @Test
    void s4_2_anApiRootNamesTaxii21AndItsMaxContentLength() throws Exception {
        for (String root : List.of("team", "atlas", "atlas-5.6.0")) {
            JsonNode r = json(get("/taxii2/" + root + "/", null));
            assertThat(r.get("versions")).extracting(JsonNode::asText).containsExactly(TAXII);
            assertThat(r.get("max_content_length").asLong()).isPositive();
            assertThat(r.get("title").asText()).isNotBlank();
        }
        assertTaxiiError(get("/taxii2/nowhere/", null), 404);
    }

    // ---- §4.3 status, §5.5 add objects

    @Test
    void s5_5_postAnswers202WithAStatusOnlyItsRequesterMayRead() throws Exception {
        String col = collection("post-" + UUID.randomUUID().toString().substring(0, 8));
        String id = newId();
        HttpResponse<String> r = taxii(
                "POST",
                col + "objects/",
                alice,
                envelope(List.of(indicator(id, "2026-01-01T00:00:00.000Z", "one"), (ObjectNode)
                        ServerFixture.JSON.readTree("{\"type\": \"indicator\", \"id\": \"x\"}"))));
        assertThat(r.statusCode()).as(r.body()).isEqualTo(202);
        assertThat(r.headers().firstValue("Content-Type")).contains(TAXII);
        JsonNode status = json(r);
        assertThat(status.get("status").asText()).isEqualTo("complete");
        assertThat(status.get("total_count").asInt()).isEqualTo(2);
        assertThat(status.get("success_count").asInt()).isEqualTo(1);
        assertThat(status.get("failure_count").asInt()).isEqualTo(1);
        assertThat(status.get("pending_count").asInt()).isZero();
        assertThat(status.at("/successes/0/id").asText()).isEqualTo(id);
        assertThat(status.at("/failures/0/message").asText()).contains("'id'");
        String statusPath = "/taxii2/team/status/" + status.get("id").asText() + "/";
        JsonNode again = json(get(statusPath, alice));
        assertThat(again).isEqualTo(status);
        assertTaxiiError(get(statusPath, viv), 404);
        assertThat(get(statusPath, admin).statusCode()).isEqualTo(200);
    }

    @Test
    void s5_5_aWrongContentTypeIs415AndMalformedEnvelopesName400() throws Exception {
        String col = collection("ct-" + UUID.randomUUID().toString().substring(0, 8));
        HttpResponse<String> r = s.send(s.request(col + "objects/")
                .header("Accept", TAXII)
                .header("Content-Type", "application/json")
                .header("Authorization", "Bearer " + alice)
                .POST(HttpRequest.BodyPublishers.ofString("{\"objects\": []}")));
        assertTaxiiError(r, 415);
        HttpResponse<String> bad = taxii("POST", col + "objects/", alice, "{\"objects\": [");
        assertTaxiiError(bad, 400);
        assertThat(json(bad).get("description").asText()).contains("line 1");
    }

    @Test
    void s5_5_aBodyOverMaxContentLengthIsRefusedBeforeItIsRead() throws Exception {
        String col = collection("big-" + UUID.randomUUID().toString().substring(0, 8));
        long max = json(get("/taxii2/team/", null)).get("max_content_length").asLong();
        try (RawHttp raw = new RawHttp(s.server.port())) {
            // announces more than the limit and sends only a few bytes: the answer comes without waiting for the rest
            raw.send("POST " + col + "objects/ HTTP/1.1\r\nHost: 127.0.0.1\r\nAccept: " + TAXII + "\r\nContent-Type: "
                    + TAXII + "\r\nAuthorization: Bearer " + alice + "\r\nContent-Length: " + (max + 1)
                    + "\r\n\r\n{\"objects\": [");
            assertThat(raw.answersWithin(java.time.Duration.ofSeconds(10))).isTrue();
            String answer = raw.readAll(10);
            assertThat(answer).startsWith("HTTP/1.1 413");
            assertThat(answer).contains("max_content_length").contains("\"http_status\":\"413\"");
        }
    }

    // ---- §5.1 collections, §5.2 collection: per-user and per-role permissions

    @Test
    void s5_1_collectionsShowWhatTheCallerMayReadAndWrite() throws Exception {
        String alias = "perm-" + UUID.randomUUID().toString().substring(0, 8);
        String col = collection(alias);
        JsonNode asAlice = json(get(col, alice));
        assertThat(asAlice.get("can_read").asBoolean()).isTrue();
        assertThat(asAlice.get("can_write").asBoolean()).isTrue();
        assertThat(asAlice.get("media_types"))
                .extracting(JsonNode::asText)
                .contains("application/stix+json;version=2.1");
        JsonNode asViv = json(get(col, viv));
        assertThat(asViv.get("can_write").asBoolean()).isFalse();
        JsonNode list = json(get("/taxii2/team/collections/", bob));
        assertThat(list.get("collections"))
                .extracting(n -> n.path("alias").asText())
                .contains(alias);
        // by alias too
        assertThat(get("/taxii2/team/collections/" + alias + "/", viv).statusCode())
                .isEqualTo(200);

        HttpResponse<String> secret = s.call(
                "POST",
                "/api/v1/taxii/collections",
                admin,
                "{\"title\": \"Admins only\", \"readers\": [\"user:root\"]}");
        String secretPath = "/taxii2/team/collections/" + json(secret).get("id").asText() + "/";
        assertTaxiiError(get(secretPath, bob), 404);
        assertThat(json(get("/taxii2/team/collections/", bob)).get("collections"))
                .extracting(n -> n.path("title").asText())
                .doesNotContain("Admins only");
        String body = envelope(List.of(indicator(newId(), "2026-01-01T00:00:00.000Z", "x")));
        assertTaxiiError(taxii("POST", col + "objects/", viv, body), 403);
        assertTaxiiError(taxii("POST", col + "objects/", bob, body), 403);
        assertThat(s.call("POST", "/api/v1/taxii/collections", alice, "{\"title\": \"no\"}")
                        .statusCode())
                .isEqualTo(403);
    }

    // ---- §5.4 get objects: envelope, paging, filters, headers

    @Test
    void s5_4_pagingIsStatelessAndCorrectWhenManyObjectsShareOneDateAdded() throws Exception {
        String col = collection("page-" + UUID.randomUUID().toString().substring(0, 8));
        List<ObjectNode> objects = new ArrayList<>();
        Set<String> ids = new HashSet<>();
        for (int i = 0; i < 150; i++) {
            String id = newId();
            ids.add(id);
            objects.add(indicator(id, "2026-01-01T00:00:00.000Z", "n" + i));
        }
        // one request: every object gets the same date added
        assertThat(taxii("POST", col + "objects/", alice, envelope(objects)).statusCode())
                .isEqualTo(202);
        Set<String> seen = new HashSet<>();
        String next = null;
        int pages = 0;
        String firstAdded = null;
        do {
            HttpResponse<String> r = get(
                    col + "objects/?limit=20"
                            + (next == null ? "" : "&next=" + URLEncoder.encode(next, StandardCharsets.UTF_8)),
                    viv);
            assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
            JsonNode env = json(r);
            env.get("objects")
                    .forEach(o -> assertThat(seen.add(o.get("id").asText())).isTrue());
            assertThat(r.headers().firstValue("X-TAXII-Date-Added-First")).isPresent();
            assertThat(r.headers().firstValue("X-TAXII-Date-Added-Last")).isPresent();
            if (firstAdded == null) {
                firstAdded = r.headers().firstValue("X-TAXII-Date-Added-First").orElseThrow();
            }
            assertThat(r.headers().firstValue("X-TAXII-Date-Added-Last")).contains(firstAdded);
            next = env.get("more").asBoolean() ? env.get("next").asText() : null;
            pages++;
        } while (next != null);
        assertThat(seen).isEqualTo(ids);
        assertThat(pages).isEqualTo(8);
        // added_after is strictly after: nothing is after the shared date
        JsonNode after = json(get(col + "objects/?added_after=" + firstAdded, viv));
        assertThat(after.get("more").asBoolean()).isFalse();
        assertThat(after.has("objects")).isFalse();
        assertTaxiiError(get(col + "objects/?next=forged", viv), 400);
        assertTaxiiError(get(col + "objects/?match[colour]=red", viv), 400);
    }

    @Test
    void s5_4_matchFiltersSelectByIdTypeAndSpecVersion() throws Exception {
        String col = collection("match-" + UUID.randomUUID().toString().substring(0, 8));
        String a = newId();
        String b = newId();
        taxii(
                "POST",
                col + "objects/",
                alice,
                envelope(List.of(
                        indicator(a, "2026-01-01T00:00:00.000Z", "a"), indicator(b, "2026-01-01T00:00:00.000Z", "b"))));
        assertThat(json(get(col + "objects/?match[id]=" + a, viv)).get("objects"))
                .extracting(n -> n.get("id").asText())
                .containsExactly(a);
        assertThat(json(get(col + "objects/?match[id]=" + a + "," + b, viv)).get("objects"))
                .hasSize(2);
        assertThat(json(get(col + "objects/?match[type]=malware", viv)).has("objects"))
                .isFalse();
        assertThat(json(get(col + "objects/?match[spec_version]=2.1", viv)).get("objects"))
                .hasSize(2);
        assertThat(json(get(col + "objects/?match[spec_version]=2.0", viv)).has("objects"))
                .isFalse();
    }

    // ---- §5.3 manifest, §5.6 object, §5.8 versions: version history

    @Test
    void s5_6_versionHistoryAnswersFirstLastAllAndATimestamp() throws Exception {
        String col = collection("ver-" + UUID.randomUUID().toString().substring(0, 8));
        String id = newId();
        for (String m : List.of("2026-01-01T00:00:00.000Z", "2026-02-01T00:00:00.000Z", "2026-03-01T00:00:00.000Z")) {
            taxii("POST", col + "objects/", alice, envelope(List.of(indicator(id, m, "at " + m))));
        }
        String obj = col + "objects/" + id + "/";
        assertThat(json(get(obj, viv)).at("/objects/0/name").asText()).isEqualTo("at 2026-03-01T00:00:00.000Z");
        assertThat(json(get(obj + "?match[version]=first", viv))
                        .at("/objects/0/name")
                        .asText())
                .isEqualTo("at 2026-01-01T00:00:00.000Z");
        assertThat(json(get(obj + "?match[version]=all", viv)).get("objects")).hasSize(3);
        assertThat(json(get(obj + "?match[version]=2026-02-01T00:00:00.000Z", viv))
                        .at("/objects/0/name")
                        .asText())
                .isEqualTo("at 2026-02-01T00:00:00.000Z");
        HttpResponse<String> versions = get(obj + "versions/", viv);
        assertThat(json(versions).get("versions"))
                .extracting(JsonNode::asText)
                .containsExactly(
                        "2026-01-01T00:00:00.000000Z", "2026-02-01T00:00:00.000000Z", "2026-03-01T00:00:00.000000Z");
        assertThat(versions.headers().firstValue("X-TAXII-Date-Added-First")).isPresent();
        JsonNode manifest = json(get(col + "manifest/?match[version]=all", viv));
        assertThat(manifest.get("objects")).hasSize(3);
        assertThat(manifest.at("/objects/0/media_type").asText()).isEqualTo("application/stix+json;version=2.1");
        assertThat(manifest.at("/objects/0/date_added").asText()).endsWith("Z");
        assertTaxiiError(get(col + "objects/indicator--" + UUID.randomUUID() + "/", viv), 404);
    }

    // ---- §5.7 delete

    @Test
    void s5_7_deleteRemovesTheSelectedVersionsAndIsInTheAuditLog() throws Exception {
        String col = collection("del-" + UUID.randomUUID().toString().substring(0, 8));
        String id = newId();
        for (String m : List.of("2026-01-01T00:00:00.000Z", "2026-02-01T00:00:00.000Z")) {
            taxii("POST", col + "objects/", alice, envelope(List.of(indicator(id, m, m))));
        }
        String obj = col + "objects/" + id + "/";
        assertTaxiiError(taxii("DELETE", obj, viv, null), 403);
        HttpResponse<String> first = taxii("DELETE", obj + "?match[version]=first", alice, null);
        assertThat(first.statusCode()).isEqualTo(200);
        assertThat(json(get(obj + "versions/", viv)).get("versions")).hasSize(1);
        assertThat(taxii("DELETE", obj, alice, null).statusCode()).isEqualTo(200);
        assertTaxiiError(get(obj, viv), 404);
        List<AuditEntry> audit = s.server.database().audit().recent(20);
        assertThat(audit)
                .filteredOn(e ->
                        e.action().equals("taxii.object.delete") && e.target().contains(id))
                .hasSize(2)
                .allSatisfy(e -> assertThat(e.actor()).isEqualTo("alice"));
    }

    // ---- ATLAS as read-only collections with stable IDs

    @Test
    void atlasRootsAreReadOnlyForEveryoneWithStableIds() throws Exception {
        String technique = StixIds.id("attack-pattern", "AML.T0051");
        String path = "/taxii2/atlas-5.6.0/collections/" + ATLAS_COLLECTION + "/objects/" + technique + "/";
        JsonNode env = json(get(path, null));
        assertThat(env.at("/objects/0/external_references/0/external_id").asText())
                .isEqualTo("AML.T0051");
        JsonNode old = json(get(path.replace("atlas-5.6.0", "atlas-5.0.0"), null));
        assertThat(old.at("/objects/0/id").asText()).isEqualTo(technique);
        JsonNode collection = json(get("/taxii2/atlas/collections/" + ATLAS_COLLECTION + "/", null));
        assertThat(collection.get("can_write").asBoolean()).isFalse();
        JsonNode versions = json(get(path.replace("atlas-5.6.0", "atlas") + "versions/", null));
        assertThat(versions.get("versions").size()).isGreaterThanOrEqualTo(1);
        assertTaxiiError(
                taxii(
                        "POST",
                        "/taxii2/atlas/collections/" + ATLAS_COLLECTION + "/objects/",
                        admin,
                        envelope(List.of(indicator(newId(), "2026-01-01T00:00:00.000Z", "x")))),
                403);
        JsonNode page = json(get(
                "/taxii2/atlas/collections/" + ATLAS_COLLECTION + "/objects/?limit=5" + "&match[type]=attack-pattern",
                null));
        assertThat(page.get("objects")).hasSize(5);
        assertThat(page.get("more").asBoolean()).isTrue();
    }

    // ---- an independent client: raw HTTP from the specification, in Python

    @Test
    void anIndependentPythonClientCanDiscoverPageFilterAddAndDelete() throws Exception {
        String alias = "py-" + UUID.randomUUID().toString().substring(0, 8);
        collection(alias);
        Path script = Files.createTempFile("taxii21_client", ".py");
        try (var in = TaxiiConformance.class.getResourceAsStream("/taxii/taxii21_client.py")) {
            Files.write(script, in.readAllBytes());
        }
        Process p = new ProcessBuilder("python3", script.toString(), s.base(), "alice", alice, alias)
                .redirectErrorStream(true)
                .start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(p.waitFor(120, TimeUnit.SECONDS)).isTrue();
        assertThat(p.exitValue()).as(out).isZero();
        assertThat(out).contains("PASS");
        Files.deleteIfExists(script);
    }
}
