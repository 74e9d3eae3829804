package org.atlasops.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import org.atlasops.intel.taxii.SyncState;
import org.atlasops.intel.taxii.TeamCollection;
import org.atlasops.server.AtlasServer;
import org.atlasops.server.ServerOptions;
import org.atlasops.store.Credential;
import org.atlasops.store.Role;
import org.atlasops.store.User;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code intel push}, {@code intel pull} and {@code intel collections} against a running atlas-ops server. */
class IntelTaxiiCliIT {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String COLLECTION = "0b8c4a9e-3f5d-4a1e-9a51-2f7d1c0e6b11";
    /** Incidents are published here, apart from the other tests' objects. */
    private static final String INCIDENTS = "5d0e8f3a-1c2b-4e6f-8a9d-7b3c2e1f0a44";

    @TempDir
    static Path serverDir;

    static AtlasServer server;
    static String token;
    static String root;

    @BeforeAll
    static void start() {
        server = AtlasServer.start(
                new ServerOptions("127.0.0.1", 0, serverDir, Optional.empty(), false, "5.6.0", List.of()));
        User alice = server.database().users().create("alice", Role.ANALYST);
        token = server.database()
                .users()
                .issue(alice, Credential.Kind.API_TOKEN, "test", Optional.empty())
                .secret();
        server.database()
                .taxii()
                .create(
                        new TeamCollection(
                                COLLECTION,
                                "Shared",
                                "",
                                Optional.of("shared"),
                                Set.of("role:viewer"),
                                Set.of("user:alice")),
                        "admin");
        server.database()
                .taxii()
                .create(
                        new TeamCollection(
                                INCIDENTS,
                                "Incidents",
                                "",
                                Optional.of("incidents"),
                                Set.of("role:viewer"),
                                Set.of("user:alice")),
                        "admin");
        root = "http://127.0.0.1:" + server.port() + "/taxii2/team/";
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    private static Path bundle(Path dir, int n) throws Exception {
        ObjectNode b = JSON.createObjectNode().put("type", "bundle").put("id", "bundle--" + UUID.randomUUID());
        ArrayNode objects = b.putArray("objects");
        for (int i = 0; i < n; i++) {
            objects.addObject()
                    .put("type", "indicator")
                    .put("spec_version", "2.1")
                    .put("id", "indicator--" + UUID.randomUUID())
                    .put("created", "2026-01-01T00:00:00.000Z")
                    .put("modified", "2026-01-01T00:00:00.000Z")
                    .put("pattern", "[url:value = 'http://x.example/" + i + "']")
                    .put("pattern_type", "stix")
                    .put("valid_from", "2026-01-01T00:00:00Z");
        }
        Path file = dir.resolve("bundle-" + UUID.randomUUID() + ".json");
        JSON.writeValue(file.toFile(), b);
        return file;
    }

    @Test
    void pushThenPullIncrementallyResumingWhereTheLastPullStopped(@TempDir Path home) throws Exception {
        String[] common = {"--data-dir", home.toString()};
        Cli push = Cli.run(
                common[0],
                common[1],
                "intel",
                "push",
                root,
                "--collection",
                "shared",
                bundle(home, 30).toString(),
                "--token",
                token,
                "--allow-loopback");
        assertThat(push.code()).as(push.err()).isZero();
        assertThat(push.out()).contains("status complete: 30 of 30 object(s) accepted, 0 refused");

        Path out = home.resolve("shared.json");
        Cli first = Cli.run(
                common[0],
                common[1],
                "intel",
                "pull",
                root,
                "--collection",
                COLLECTION,
                "--out",
                out.toString(),
                "--limit",
                "7",
                "--token",
                token,
                "--allow-loopback");
        assertThat(first.code()).as(first.err()).isZero();
        assertThat(first.out()).contains("pulled 30 object(s) in 5 page(s)").contains("the next pull asks for");
        assertThat(JSON.readTree(out.toFile()).get("objects")).hasSize(30);
        assertThat(SyncState.in(home).get(root, COLLECTION)).isPresent();

        Cli nothing = Cli.run(
                common[0],
                common[1],
                "intel",
                "pull",
                root,
                "--collection",
                COLLECTION,
                "--out",
                out.toString(),
                "--token",
                token,
                "--allow-loopback");
        assertThat(nothing.out()).contains("pulled 0 object(s)").contains("holds 30 object(s) (0 new)");

        Cli.run(
                common[0],
                common[1],
                "intel",
                "push",
                root,
                "--collection",
                COLLECTION,
                bundle(home, 5).toString(),
                "--token",
                token,
                "--allow-loopback");
        Cli resumed = Cli.run(
                common[0],
                common[1],
                "intel",
                "pull",
                root,
                "--collection",
                COLLECTION,
                "--out",
                out.toString(),
                "--token",
                token,
                "--allow-loopback");
        assertThat(resumed.code()).as(resumed.err()).isZero();
        assertThat(resumed.out())
                .contains("pulled 5 object(s)")
                .contains("added after")
                .contains("(5 new)");
        assertThat(JSON.readTree(out.toFile()).get("objects")).hasSize(35);

        Cli list = Cli.run(
                common[0],
                common[1],
                "intel",
                "collections",
                "http://127.0.0.1:" + server.port() + "/taxii2/",
                "--token",
                token,
                "--allow-loopback");
        assertThat(list.out()).contains(COLLECTION).contains("read+write").contains("shared");
    }

    @Test
    void refusalsAreExplainedInWords(@TempDir Path home) throws Exception {
        Cli noLoopback = Cli.run("--data-dir", home.toString(), "intel", "collections", root, "--token", token);
        assertThat(noLoopback.code()).isEqualTo(ExitCodes.BAD_INPUT);
        assertThat(noLoopback.err()).contains("loopback").contains("--allow-loopback");

        Cli noToken = Cli.run("--data-dir", home.toString(), "intel", "collections", root, "--allow-loopback");
        assertThat(noToken.code()).isEqualTo(ExitCodes.BAD_INPUT);
        assertThat(noToken.err()).contains("answered 401").contains("wants credentials");

        Cli readOnly = Cli.run(
                "--data-dir",
                home.toString(),
                "intel",
                "push",
                "http://127.0.0.1:" + server.port() + "/taxii2/atlas/",
                "--collection",
                "atlas",
                bundle(home, 1).toString(),
                "--token",
                token,
                "--allow-loopback");
        assertThat(readOnly.code()).isEqualTo(ExitCodes.BAD_INPUT);
        assertThat(readOnly.err()).contains("answered 403").contains("read-only");

        Cli http = Cli.run("--data-dir", home.toString(), "intel", "collections", "http://203.0.113.9/taxii2/");
        assertThat(http.code()).isEqualTo(ExitCodes.BAD_INPUT);
        assertThat(http.err()).contains("not a public address");
    }

    @Test
    void atlasPulledOverTaxiiLoadsAsARelease(@TempDir Path home) throws Exception {
        Path out = home.resolve("atlas.json");
        Cli pull = Cli.run(
                "--data-dir",
                home.toString(),
                "intel",
                "pull",
                "http://127.0.0.1:" + server.port() + "/taxii2/atlas-5.0.0/",
                "--collection",
                "atlas",
                "--out",
                out.toString(),
                "--allow-loopback",
                "--import-release");
        assertThat(pull.code()).as(pull.err()).isZero();
        assertThat(pull.out()).contains("imported ATLAS 5.0.0");
        assertThat(Files.list(home.resolve("releases")).map(p -> p.getFileName().toString()))
                .containsExactly("ATLAS-5.0.0.json");
        Cli pulled = Cli.run("--data-dir", home.toString(), "--release", "5.0.0", "kb", "stats");
        Cli bundled = Cli.run("--release", "5.0.0", "kb", "stats");
        assertThat(pulled.code()).as(pulled.err()).isZero();
        assertThat(firstLines(pulled.out(), 3).replaceAll("\\(.*\\)", ""))
                .isEqualTo(firstLines(bundled.out(), 3).replaceAll("\\(.*\\)", ""));
        JsonNode technique = JSON.readTree(Cli.run(
                        "--data-dir",
                        home.toString(),
                        "--release",
                        "5.0.0",
                        "kb",
                        "show",
                        "AML.T0051",
                        "--format",
                        "json")
                .out());
        assertThat(technique.path("name").asText()).isNotBlank();
    }

    private static String firstLines(String s, int n) {
        return String.join("\n", s.lines().limit(n).toList());
    }

    @Test
    void anIncidentIsPublishedAnonymisedToACollectionAndTheShareIsAudited(@TempDir Path home) throws Exception {
        String[] common = {"--data-dir", home.toString()};
        Path sample = Path.of("..", "samples", "incident.yaml");
        Cli add = Cli.run(common[0], common[1], "intel", "incident", "add", sample.toString());
        assertThat(add.code()).as(add.err()).isZero();
        Cli publish = Cli.run(
                common[0],
                common[1],
                "intel",
                "incident",
                "publish",
                "INC-1",
                root,
                "--collection",
                "incidents",
                "--tlp",
                "green",
                "--name",
                "Example Corp",
                "--token",
                token,
                "--allow-loopback");
        assertThat(publish.code()).as(publish.err()).isZero();
        assertThat(publish.out()).contains("Published INC-1", "anonymised");

        Path out = home.resolve("published.json");
        Cli pull = Cli.run(
                common[0],
                common[1],
                "intel",
                "pull",
                root,
                "--collection",
                INCIDENTS,
                "--out",
                out.toString(),
                "--full",
                "--token",
                token,
                "--allow-loopback");
        assertThat(pull.code()).as(pull.err()).isZero();
        String shared = Files.readString(out);
        assertThat(shared).contains("\"incident\"", "attack-pattern--");
        assertThat(shared)
                .as("nothing identifying leaves")
                .doesNotContain("Example Corp", "dana.lee@example.com", "sk-proj-", "198.51.100.23", "Dana Lee");

        Cli refused = Cli.run(
                common[0], common[1], "intel", "incident", "publish", "INC-1", root, "--collection", "incidents");
        assertThat(refused.code()).isEqualTo(2);
        assertThat(refused.err().lines()).hasSize(1);
    }
}
