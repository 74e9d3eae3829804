package org.atlasops.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The kb commands as a user types them. */
class KbCliTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    private static JsonNode json(Cli r) throws Exception {
        assertThat(r.code()).as(r.err()).isZero();
        return JSON.readTree(r.out());
    }

    @Test
    void showPrintsEverythingAboutATechnique() {
        Cli r = Cli.run("kb", "show", "aml.t0051");
        assertThat(r.code()).as(r.err()).isZero();
        assertThat(r.out())
                .startsWith("AML.T0051  LLM Prompt Injection\n"
                        + "technique · ATLAS 5.6.0 · https://atlas.mitre.org/techniques/AML.T0051\n")
                .contains("Tactics     Execution (AML.TA0005)")
                .contains("Maturity    realized")
                .contains("Sub-techniques (3)\n  AML.T0051.000  Direct")
                .contains("Mitigations (6)\n  AML.M0019  Control Access to AI Models and Data in Production\n"
                        + "      Use access controls in production")
                .contains("AML.CS0020  Indirect Prompt Injection Threats: Bing Chat Data Pirate")
                .contains("LLM01:2025")
                .doesNotContain("](/techniques/");
    }

    @Test
    void showWorksForEveryObjectType() {
        assertThat(Cli.run("kb", "show", "AML.TA0005").out())
                .contains("tactic · ATLAS 5.6.0")
                .contains("ATT&CK      TA0002");
        assertThat(Cli.run("kb", "show", "AML.T0051.001").out())
                .contains("LLM Prompt Injection: Indirect")
                .contains("Parent      AML.T0051 LLM Prompt Injection");
        assertThat(Cli.run("kb", "show", "AML.M0018").out()).contains("AML.T0052.001");
        assertThat(Cli.run("kb", "show", "AML.CS0000").out())
                .contains("Procedure (")
                .contains("Date        2020");
    }

    @Test
    void showAsJsonIsMachineReadable() throws Exception {
        JsonNode n = json(Cli.run("kb", "show", "AML.T0051", "--format", "json"));
        assertThat(n.get("id").asText()).isEqualTo("AML.T0051");
        assertThat(n.get("tactics").get(0).asText()).isEqualTo("AML.TA0005");
        assertThat(n.get("subtechniques")).hasSize(3);
        assertThat(n.get("mitigations")).hasSize(6);
        assertThat(n.get("atlas_version").asText()).isEqualTo("5.6.0");
    }

    @Test
    void unknownIdIsBadInputWithAHint() {
        Cli r = Cli.run("kb", "show", "AML.T9999");
        assertThat(r.code()).isEqualTo(ExitCodes.BAD_INPUT);
        assertThat(r.err())
                .isEqualTo("atlas-ops: no technique AML.T9999 in ATLAS 5.6.0 ('atlas-ops kb search' "
                        + "finds objects by name)\n");
        assertThat(Cli.run("kb", "show", "prompt injection").err()).contains("did you mean AML.T0051");
    }

    @Test
    void searchRanksPromptInjectionFirst() throws Exception {
        Cli r = Cli.run("kb", "search", "prompt injection");
        assertThat(r.out().lines().skip(1).findFirst().orElseThrow())
                .contains("AML.T0051 ")
                .contains("LLM Prompt Injection");
        JsonNode n = json(Cli.run("kb", "search", "model", "extraction", "--format", "json", "--limit", "3"));
        assertThat(n.get("results")).hasSize(3);
        assertThat(n.get("results").get(0).get("id").asText()).isEqualTo("AML.T0024.002");
        JsonNode mits = json(Cli.run("kb", "search", "guardrails", "--type", "mitigations", "--format", "json"));
        assertThat(mits.get("results")).allMatch(h -> h.get("type").asText().equals("mitigation"));
    }

    @Test
    void statsEqualTheReleasesOwnCounts() throws Exception {
        JsonNode c = json(Cli.run("kb", "stats", "--format", "json")).get("counts");
        assertThat(c.get("tactics").asInt()).isEqualTo(16);
        assertThat(c.get("techniques").asInt()).isEqualTo(101);
        assertThat(c.get("sub_techniques").asInt()).isEqualTo(69);
        assertThat(c.get("mitigations").asInt()).isEqualTo(35);
        assertThat(c.get("case_studies").asInt()).isEqualTo(57);
        JsonNode old = json(Cli.run("--release", "4.7.0", "kb", "stats", "--format", "json"))
                .get("counts");
        assertThat(old.get("techniques").asInt() + old.get("sub_techniques").asInt())
                .isEqualTo(91);
    }

    @Test
    void matrixInEveryFormat() throws Exception {
        Cli text = Cli.run("kb", "matrix");
        assertThat(text.out()).contains("Reconnaissance").contains("T0000 Search Open");
        String csv = Cli.run("kb", "matrix", "--format", "csv").out();
        assertThat(csv.lines().findFirst().orElseThrow())
                .startsWith("Reconnaissance (AML.TA0002),Resource Development");
        assertThat(Cli.run("kb", "matrix", "--format", "md").out()).startsWith("| Reconnaissance (AML.TA0002) | ");
        JsonNode n = json(Cli.run("kb", "matrix", "--format", "json"));
        assertThat(n.get("release").asText()).isEqualTo("5.6.0");
        JsonNode tactics = n.get("matrices").get(0).get("tactics");
        assertThat(tactics).hasSize(16);
        assertThat(tactics.get(3).get("shortname").asText()).isEqualTo("ai-model-access");
    }

    @Test
    void listWithFilters() throws Exception {
        JsonNode n = json(Cli.run("kb", "list", "techniques", "--tactic", "execution", "--format", "json"));
        assertThat(n.get("items")).allMatch(t -> t.get("tactics").toString().contains("AML.TA0005"));
        assertThat(n.get("items")).anyMatch(t -> t.get("id").asText().equals("AML.T0051"));
        JsonNode feasible = json(Cli.run("kb", "list", "techniques", "--maturity", "feasible", "--format", "json"));
        assertThat(feasible.get("count").asInt()).isEqualTo(17);
        assertThat(json(Cli.run("kb", "list", "case-studies", "--format", "json"))
                        .get("count")
                        .asInt())
                .isEqualTo(57);
        assertThat(Cli.run("kb", "list", "tactics").out()).contains("16 tactics in ATLAS 5.6.0");
        assertThat(Cli.run("kb", "list", "techniques", "--format", "csv").out().lines())
                .contains(
                        "id,name,parent,tactics,maturity,attack_id,deprecated",
                        "AML.T0015,Evade AI Model,,AML.TA0004;AML.TA0007;AML.TA0011,realized,,false");
        Cli bad = Cli.run("kb", "list", "techniques", "--platform", "LLM");
        assertThat(bad.code()).isEqualTo(ExitCodes.BAD_INPUT);
        assertThat(bad.err()).contains("lists no platforms");
        assertThat(Cli.run("kb", "list", "widgets").err()).contains("'widgets' is not a kind to list");
    }

    @Test
    void diffBetweenReleasesByVersion() throws Exception {
        Cli r = Cli.run("kb", "diff", "4.7.0", "5.6.0");
        assertThat(r.code()).as(r.err()).isZero();
        assertThat(r.out())
                .startsWith("ATLAS 4.7.0 → 5.6.0")
                .contains("~ AML.TA0000  ML Model Access → AI Model Access");
        Cli summary = Cli.run("kb", "diff", "4.4.0", "4.5.0", "--summary", "--type", "technique", "-t", "tactic");
        assertThat(summary.out()).isEqualTo("""
                ATLAS 4.4.0 → 4.5.0

                Tactics: 2 added, 0 removed, 0 renamed, 0 changed

                Techniques: 7 added, 1 removed, 2 renamed, 6 changed
                """);
        JsonNode n = json(Cli.run("kb", "diff", "4.4.0", "4.5.0", "--format", "json"));
        assertThat(n.get("summary").get("removed").asInt()).isEqualTo(1);
        assertThat(n.get("changes"))
                .anyMatch(c -> c.get("id").asText().equals("AML.T0045")
                        && c.get("successor").asText().equals("AML.T0048.004"));
    }

    @Test
    void crosswalkFromOwaspAndFromAtlas() throws Exception {
        Cli r = Cli.run("kb", "crosswalk", "LLM01");
        assertThat(r.out())
                .startsWith("LLM01:2025  Prompt Injection  (OWASP Top 10 for LLM 2025)")
                .contains("AML.T0051")
                .contains("LLM Prompt Injection");
        JsonNode n = json(Cli.run("kb", "crosswalk", "AML.T0051", "--format", "json"));
        assertThat(n.get("entries")).anyMatch(e -> e.get("id").asText().equals("LLM01:2025"));
        assertThat(Cli.run("kb", "crosswalk", "nonsense").code()).isEqualTo(ExitCodes.BAD_INPUT);
    }

    @Test
    void validateReportsFlawsAndBrokenReferences(@TempDir Path dir) throws Exception {
        Cli clean = Cli.run("kb", "validate");
        assertThat(clean.code()).isZero();
        assertThat(clean.out())
                .contains("AML.M0018: technique link AML.T0052.001 found inside 'ml-lifecycle'")
                .contains("0 broken reference(s), 0 error(s), 6 warning(s)");
        Path broken = dir.resolve("broken.yaml");
        Files.writeString(broken, """
                version: 0.0.1
                matrices:
                - id: ATLAS
                  tactics: [{id: AML.TA0002, name: Reconnaissance}]
                  techniques: [{id: AML.T0000, name: A, tactics: [AML.TA0009]}]
                """);
        Cli r = Cli.run("kb", "validate", broken.toString());
        assertThat(r.code()).isEqualTo(ExitCodes.FINDINGS);
        assertThat(r.out())
                .contains("error: AML.T0000: lists tactic AML.TA0009, which is not a tactic in ATLAS 0.0.1; "
                        + "fix the ID in 'tactics' [technique-tactic-missing]");
        JsonNode n = json(Cli.run("kb", "validate", "--format", "json"));
        assertThat(n.get("valid").asBoolean()).isTrue();
        Path malformed = dir.resolve("bad.yaml");
        Files.writeString(malformed, "version: 1\nmatrices: [\n");
        Cli bad = Cli.run("kb", "validate", malformed.toString());
        assertThat(bad.code()).isEqualTo(ExitCodes.BAD_INPUT);
        assertThat(bad.err())
                .startsWith("atlas-ops: " + malformed + ":3:1: malformed YAML: ")
                .endsWith("\n")
                .hasLineCount(1);
    }

    /** The bundled 5.6.0 release under another version, as a file in {@code dir}. */
    private static Path nextRelease(Path dir, String version) throws Exception {
        Path file = dir.resolve("ATLAS-next.yaml");
        String yaml = new String(KbCliTest.class
                        .getResourceAsStream("/org/atlasops/kb/data/ATLAS-5.6.0.yaml")
                        .readAllBytes())
                .replaceFirst("version: 5.6.0", "version: " + version);
        Files.writeString(file, yaml);
        return file;
    }

    @Test
    void importKeepsAReleaseToNameItByVersion(@TempDir Path home) throws Exception {
        Path file = nextRelease(home, "5.7.0-test");
        Cli r = Cli.run("--data-dir", home.toString(), "kb", "import", file.toString());
        assertThat(r.code()).as(r.err()).isZero();
        assertThat(r.out()).startsWith("imported ATLAS 5.7.0-test (data format 4: 16 tactics");
        assertThat(Cli.run("--data-dir", home.toString(), "kb", "releases").out())
                .contains("5.7.0-test");
        assertThat(Cli.run("--data-dir", home.toString(), "--release", "5.7.0-test", "kb", "stats")
                        .out())
                .startsWith("ATLAS 5.7.0-test");
        assertThat(Cli.run("--data-dir", home.toString(), "kb", "diff", "5.6.0", "5.7.0-test")
                        .out())
                .contains("No differences.");
    }

    @Test
    void importSaysWhatItKeptAsJson(@TempDir Path home) throws Exception {
        Path file = nextRelease(home, "5.7.1-test");
        Cli r = Cli.run("--data-dir", home.toString(), "kb", "import", file.toString(), "--format", "json");
        assertThat(r.code()).as(r.err()).isZero();
        var json = new com.fasterxml.jackson.databind.ObjectMapper().readTree(r.out());
        assertThat(json.path("atlas_version").asText()).isEqualTo("5.7.1-test");
        assertThat(json.path("counts").path("tactics").asInt()).isEqualTo(16);
        assertThat(json.path("replaces_bundled").asBoolean()).isFalse();
        assertThat(json.path("kept_in").asText())
                .isEqualTo(home.resolve("releases").toString());
    }

    @Test
    void importsASixFormatReleaseAndRefusesGarbage(@TempDir Path home) throws Exception {
        Path v6 = home.resolve("ATLAS-2026.05.yaml");
        Files.writeString(v6, """
                format-version: 6.0.0
                collection: {id: ATLAS-collection, version: '2026.05', name: ATLAS}
                matrix: {id: ATLAS-matrix, name: ATLAS}
                tactics:
                  AML.TA0002: {id: AML.TA0002, object-type: tactic, name: Reconnaissance}
                techniques:
                  AML.T0000: {id: AML.T0000, object-type: technique, name: Search, platforms: [LLM]}
                relationships:
                  ATLAS-matrix: {sequences: [{source: ATLAS-matrix, target: AML.TA0002}]}
                  AML.T0000: {achieves: [{source: AML.T0000, target: AML.TA0002}]}
                """);
        Cli r = Cli.run("--data-dir", home.toString(), "kb", "import", v6.toString());
        assertThat(r.code()).as(r.err()).isZero();
        assertThat(r.out()).startsWith("imported ATLAS 2026.05 (data format 6.0.0: 1 tactics, 1 techniques");
        JsonNode llm = json(Cli.run(
                "--data-dir",
                home.toString(),
                "-r",
                "2026.05",
                "kb",
                "list",
                "techniques",
                "--platform",
                "llm",
                "--format",
                "json"));
        assertThat(llm.get("count").asInt()).isEqualTo(1);

        Path garbage = home.resolve("garbage.yaml");
        Files.writeString(garbage, "just: [text\n");
        Cli bad = Cli.run("--data-dir", home.toString(), "kb", "import", garbage.toString());
        assertThat(bad.code()).isEqualTo(ExitCodes.BAD_INPUT);
        assertThat(bad.err()).startsWith("atlas-ops: " + garbage + ":2:1: malformed YAML");
        try (var files = Files.list(home.resolve("releases"))) {
            assertThat(files.map(p -> p.getFileName().toString())).containsExactly("ATLAS-2026.05.yaml");
        }
    }

    @Test
    void atlasDataLoadsAnyFileForAnyCommand() {
        Path v3 = Path.of("..", "kb", "src", "main", "resources", "org", "atlasops", "kb", "data", "ATLAS-3.0.0.yaml");
        Cli r = Cli.run("--atlas-data", v3.toString(), "kb", "stats");
        assertThat(r.out()).contains("ATLAS 3.0.0").contains("data format 3");
        Cli missing = Cli.run("--atlas-data", "nope.yaml", "kb", "stats");
        assertThat(missing.code()).isEqualTo(ExitCodes.BAD_INPUT);
        assertThat(missing.err()).isEqualTo("atlas-ops: nope.yaml: no such file\n");
    }

    @Test
    void stixExportAndImport(@TempDir Path dir) throws Exception {
        Path out = dir.resolve("atlas.json");
        Cli r = Cli.run("kb", "export-stix", "-o", out.toString());
        assertThat(r.code()).as(r.err()).isZero();
        JsonNode bundle = JSON.readTree(out.toFile());
        assertThat(bundle.get("type").asText()).isEqualTo("bundle");
        Cli back = Cli.run("kb", "import-stix", out.toString());
        assertThat(back.out()).contains("→ ATLAS 5.6.0").containsPattern("mitigation links\\s+246");
        Cli viaAtlasData = Cli.run("--atlas-data", out.toString(), "kb", "show", "AML.T0051");
        assertThat(viaAtlasData.out()).contains("LLM Prompt Injection");
    }

    @Test
    void helpVersionAndUsageErrors() {
        assertThat(Cli.run("--help").out())
                .contains("Usage: atlas-ops")
                .contains("kb")
                .contains("Exit codes");
        assertThat(Cli.run("kb", "show", "--help").out()).contains("IDs are case-insensitive");
        assertThat(Cli.run("--version").out()).startsWith("atlas-ops ");
        Cli bad = Cli.run("kb", "shwo");
        assertThat(bad.code()).isEqualTo(ExitCodes.BAD_INPUT);
        assertThat(bad.err()).contains("Did you mean: kb show");
        assertThat(Cli.run("completion").out()).contains("complete -F");
    }
}
