package org.atlasops.cli.kb;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.atlasops.cli.Main;
import org.atlasops.cli.terminal.Terminal;
import org.atlasops.kb.AtlasId;
import org.atlasops.kb.AtlasObject;
import org.atlasops.kb.KnowledgeBase;
import org.atlasops.kb.details.Details;
import org.atlasops.kb.details.ObjectDetails;
import org.atlasops.kb.json.ObjectJson;
import org.atlasops.kb.read.ReleaseCatalog;
import org.atlasops.server.AtlasServer;
import org.atlasops.server.ServerOptions;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The four renderings of an object ({@code kb show} text and JSON, the REST API, the web page) agree: for every
 * object of every bundled release they name the same related objects, the ones the read model lists, and the two
 * JSON outputs are the same document. The API and the pages are asked of one real server on a loopback port; the
 * CLI's renderers are called directly for every object (a full command run per object would take minutes), and
 * a command run as a user types it is checked to print exactly what they render.
 */
class KbOutputsAgreeTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Pattern PAGE_ID = Pattern.compile("<span class=\"id\">([^<]*)</span>");
    private static final Pattern SECTION = Pattern.compile(
            "(Techniques|Sub-techniques|Mitigations|Case studies|Procedure|References|Crosswalk) \\(\\d+\\)");
    private static final Pattern STEP_VIA = Pattern.compile("^ {6}step \\d+ \\([^)]*? via (\\S+)\\):");
    /** JSON fields whose text is prose or a name, never a related object. */
    private static final Set<String> PROSE = Set.of(
            "description", "use", "name", "title", "url", "via", "atlas_version", "framework", "type", "shortname");

    @TempDir
    static Path dir;

    private static AtlasServer server;
    private static final HttpClient HTTP =
            HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    @BeforeAll
    static void start() {
        server = AtlasServer.start(new ServerOptions(
                "127.0.0.1",
                0,
                dir.resolve("server"),
                Optional.empty(),
                false,
                ReleaseCatalog.DEFAULT_VERSION,
                List.of()));
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    @Test
    void everyObjectOfEveryBundledReleaseIsTheSameInAllFourOutputs() throws Exception {
        ReleaseCatalog catalog = ReleaseCatalog.bundledOnly();
        List<Future<?>> checks = new ArrayList<>();
        // The requests wait on the server; a few at a time keep the walk to seconds.
        ExecutorService pool = Executors.newFixedThreadPool(4);
        try {
            for (ReleaseCatalog.Release release : catalog.releases()) {
                KnowledgeBase kb = catalog.load(release.version());
                Details details = Details.of(kb);
                for (AtlasObject o : kb.objects()) {
                    checks.add(pool.submit(() -> {
                        check(kb, details.of(o));
                        return null;
                    }));
                }
            }
            for (Future<?> f : checks) {
                try {
                    f.get();
                } catch (ExecutionException e) {
                    throw e.getCause() instanceof AssertionError a ? a : new AssertionError(e.getCause());
                }
            }
        } finally {
            pool.shutdownNow();
        }
        assertThat(checks).as("objects checked").hasSizeGreaterThan(1000);
    }

    private static void check(KnowledgeBase kb, ObjectDetails d) throws Exception {
        AtlasObject o = d.object();
        String what = o.id() + " in ATLAS " + kb.version();
        Set<String> expected = values(d.relatedIds());
        JsonNode cliJson = JSON.readTree(cliJson(d));
        JsonNode apiJson = JSON.readTree(get("/api/v1/releases/" + kb.version() + "/objects/" + o.id()));
        assertThat(apiJson).as("API JSON of " + what).isEqualTo(cliJson);
        assertThat(jsonIds(cliJson, o)).as("IDs in the JSON of " + what).isEqualTo(expected);
        String text = cliText(d);
        String page = get(pathOf(o) + "?release=" + kb.version());
        assertThat(textIds(text, o)).as("IDs in the text of " + what).isEqualTo(expected);
        assertThat(pageIds(page, o)).as("IDs on the page of " + what).isEqualTo(expected);
        assertThat(sectionCounts(text, ""))
                .as("section counts in the text and on the page of " + what)
                .isEqualTo(sectionCounts(page, "<h2>"));
    }

    /** The counts in the section heads that the text and the page word alike ("Case studies (23)"), when not empty. */
    private static java.util.Map<String, String> sectionCounts(String rendered, String before) {
        java.util.Map<String, String> counts = new java.util.TreeMap<>();
        for (String section : List.of("Mitigations", "Case studies", "Procedure")) {
            java.util.regex.Matcher m = java.util.regex.Pattern.compile(
                            java.util.regex.Pattern.quote(before + section + " (") + "(\\d+)(?: steps?)?\\)")
                    .matcher(rendered);
            if (m.find() && !m.group(1).equals("0")) { // an empty section may be printed or left out
                counts.put(section, m.group(1));
            }
        }
        return counts;
    }

    @Test
    void theCommandPrintsWhatTheRenderersRender() throws Exception {
        ReleaseCatalog catalog = ReleaseCatalog.bundledOnly();
        for (String version : List.of("3.0.0", "5.6.0")) {
            KnowledgeBase kb = catalog.load(version);
            Details details = Details.of(kb);
            for (String id :
                    List.of("AML.TA0002", "AML.T0051", "AML.T0051.000", "AML.M0015", "AML.CS0000", "AML.T0043")) {
                Optional<AtlasObject> o = kb.find(id);
                if (o.isPresent()) {
                    assertThat(show(kb, o.get()))
                            .as(id + " text in " + version)
                            .isEqualTo(cliText(details.of(o.get())));
                    assertThat(show(kb, o.get(), "--format", "json"))
                            .as(id + " JSON in " + version)
                            .isEqualTo(cliJson(details.of(o.get())));
                }
            }
        }
    }

    @Test
    void theMatrixIsTheSameDocumentInTheCliAndTheApi() throws Exception {
        for (String version : List.of("3.0.0", "5.6.0")) {
            StringWriter out = new StringWriter();
            StringWriter err = new StringWriter();
            int code = Main.run(
                    new PrintWriter(out),
                    new PrintWriter(err),
                    "--data-dir",
                    dir.resolve("cli").toString(),
                    "-r",
                    version,
                    "kb",
                    "matrix",
                    "--format",
                    "json",
                    "--include-deprecated");
            assertThat(code).as(err.toString()).isZero();
            JsonNode cli = JSON.readTree(out.toString());
            assertThat(JSON.readTree(get("/api/v1/releases/" + version + "/matrix")))
                    .as("matrix of " + version)
                    .isEqualTo(cli);
            assertThat(cli.get("matrices")
                            .get(0)
                            .get("tactics")
                            .get(0)
                            .get("techniques")
                            .get(0)
                            .get("id")
                            .asText())
                    .startsWith("AML.T");
        }
    }

    @Test
    void aTechniquesCaseStudiesIncludeItsSubTechniquesStepsEverywhere() throws Exception {
        KnowledgeBase kb = ReleaseCatalog.bundledOnly().load("5.6.0");
        AtlasObject t0051 = kb.find("AML.T0051").orElseThrow();
        JsonNode json = JSON.readTree(show(kb, t0051, "--format", "json"));
        assertThat(json.get("case_studies"))
                .anyMatch(s -> s.get("technique").asText().equals("AML.T0051.000"))
                .allMatch(s -> s.get("technique").asText().startsWith("AML.T0051"));
        assertThat(json.get("mitigations")).allMatch(m -> m.has("use"));
        assertThat(show(kb, t0051)).contains(" via AML.T0051.000");
        assertThat(get("/techniques/AML.T0051")).contains("via</span> <a href=\"/techniques/AML.T0051.000\">");
    }

    /** {@code kb show --format json}'s output, from its renderer. */
    private static String cliJson(ObjectDetails d) {
        StringWriter s = new StringWriter();
        try (PrintWriter out = new PrintWriter(s)) {
            KbJson.print(out, ObjectJson.details(d));
        }
        return s.toString();
    }

    /** {@code kb show}'s text output at the width a run uses, from its renderer. */
    private static String cliText(ObjectDetails d) {
        StringWriter s = new StringWriter();
        try (PrintWriter out = new PrintWriter(s)) {
            ShowCommand.text(d, out, Terminal.width());
        }
        return s.toString();
    }

    /** A real command run, as a user types it. */
    private static String show(KnowledgeBase kb, AtlasObject o, String... more) {
        List<String> args =
                new ArrayList<>(List.of("--data-dir", dir.resolve("cli").toString(), "-r", kb.version(), "kb", "show"));
        args.addAll(List.of(more));
        args.add(o.id().value());
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int code = Main.run(new PrintWriter(out), new PrintWriter(err), args.toArray(String[]::new));
        assertThat(code).as(err.toString()).isZero();
        return out.toString();
    }

    private static String get(String path) throws Exception {
        HttpResponse<String> r = HTTP.send(
                HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + server.port() + path))
                        .header("Accept", "text/html,application/json")
                        .timeout(Duration.ofSeconds(30))
                        .build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(r.statusCode()).as(path).isEqualTo(200);
        return r.body();
    }

    private static String pathOf(AtlasObject o) {
        return switch (o.type()) {
                    case TACTIC -> "/tactics/";
                    case TECHNIQUE, SUB_TECHNIQUE -> "/techniques/";
                    case MITIGATION -> "/mitigations/";
                    case CASE_STUDY -> "/studies/";
                }
                + o.id();
    }

    private static Set<String> values(Set<AtlasId> ids) {
        Set<String> out = new LinkedHashSet<>();
        ids.forEach(id -> out.add(id.value()));
        return out;
    }

    /** Every ATLAS ID in a field that names objects (not prose), without the object's own. */
    private static Set<String> jsonIds(JsonNode root, AtlasObject self) {
        Set<String> ids = new LinkedHashSet<>();
        collect(root, ids);
        ids.remove(self.id().value());
        return ids;
    }

    private static void collect(JsonNode n, Set<String> ids) {
        if (n.isTextual()) {
            AtlasId.tryParse(n.asText()).ifPresent(id -> ids.add(id.value()));
        } else if (n.isArray()) {
            n.forEach(x -> collect(x, ids));
        } else if (n.isObject()) {
            for (Iterator<Map.Entry<String, JsonNode>> it = n.fields(); it.hasNext(); ) {
                Map.Entry<String, JsonNode> f = it.next();
                if (!PROSE.contains(f.getKey())) {
                    collect(f.getValue(), ids);
                }
            }
        }
    }

    /**
     * The IDs in the text outside rendered Markdown: the facts, the item lines of each section and the ID a
     * case-study step used ({@code via}); the description and the indented use and step texts are prose.
     */
    private static Set<String> textIds(String text, AtlasObject self) {
        Set<String> ids = new LinkedHashSet<>();
        List<String> lines = text.lines().toList();
        int i = 2; // the title and the type line name the object itself
        while (i < lines.size() && !lines.get(i).isEmpty()) {
            i++;
        }
        while (i < lines.size() && lines.get(i).isEmpty()) {
            i++;
        }
        for (; i < lines.size() && !lines.get(i).isEmpty(); i++) {
            tokens(lines.get(i), ids); // facts
        }
        while (i < lines.size() && !SECTION.matcher(lines.get(i)).matches()) {
            i++; // the description
        }
        for (; i < lines.size(); i++) {
            String line = lines.get(i);
            Matcher via = STEP_VIA.matcher(line);
            if (via.find()) {
                tokens(via.group(1), ids);
            } else if (!line.startsWith("      ") && !line.startsWith("  - ")) {
                tokens(line, ids);
            }
        }
        ids.remove(self.id().value());
        return ids;
    }

    private static void tokens(String line, Set<String> ids) {
        for (String token : line.split("[\\s(),:;·<>]+")) {
            AtlasId.tryParse(token).ifPresent(id -> ids.add(id.value()));
        }
    }

    private static Set<String> pageIds(String html, AtlasObject self) {
        Set<String> ids = new LinkedHashSet<>();
        Matcher m = PAGE_ID.matcher(html);
        while (m.find()) {
            ids.add(m.group(1));
        }
        ids.remove(self.id().value());
        return ids;
    }
}
