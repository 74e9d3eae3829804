package org.atlasops.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code atlas-ops assess} as a user types it, on the documented example system. */
class AssessCliTest {
    private static final String SAMPLES = Path.of("..", "samples", "assess").toString();
    private static final String SYSTEM = SAMPLES + "/support-bot.yaml";
    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path dir;

    @Test
    void coverageStopsAtARuleThatDoesNotLoad() throws Exception {
        Path broken = Files.writeString(dir.resolve("broken.yml"), "title: Broken\ndetection: [unclosed\n");
        Cli r = Cli.run("assess", "coverage", SYSTEM, "--sigma", broken.toString(), "--no-rule-tests");
        assertThat(r.code()).isEqualTo(ExitCodes.BAD_INPUT);
        assertThat(r.err().lines()).hasSize(1);
        assertThat(r.err()).startsWith("atlas-ops: " + broken + ":").contains("--skip-bad-rules");
        Cli skipped = Cli.run(
                "assess", "coverage", SYSTEM, "--sigma", broken.toString(), "--no-rule-tests", "--skip-bad-rules");
        assertThat(skipped.code()).as(skipped.err()).isZero();
        assertThat(skipped.out()).contains(broken.toString());
    }

    @Test
    void validateCountsInTheSingular() throws Exception {
        String text = Files.readString(Path.of(SYSTEM))
                .replaceAll("(?s)  mcp-servers:.*?(?=code-execution:)", "")
                .replaceAll("(?s)(mitigations:\n  - id: AML.M0015\n    note: [^\n]*\n).*", "$1");
        Path one = Files.writeString(dir.resolve("one.yaml"), text);
        Cli r = Cli.run("assess", "inventory", "validate", one.toString());
        assertThat(r.code()).as(r.err()).isZero();
        assertThat(r.out()).contains("1 tool or MCP server, 1 mitigation in place;");
    }

    @Test
    void helpListsTheCommands() {
        Cli r = Cli.run("assess", "--help");
        assertThat(r.code()).isZero();
        assertThat(r.out()).contains("model", "coverage", "review", "inventory");
        assertThat(Cli.run("assess", "model", "--help").out()).contains("--format", "--layer", "--weights");
    }

    @Test
    void inventoryValidateSaysValidOrNamesFileLineAndField() throws Exception {
        Cli ok = Cli.run("assess", "inventory", "validate", SYSTEM);
        assertThat(ok.code()).as(ok.err()).isZero();
        assertThat(ok.out()).contains("valid: support-bot (public)");
        Path bad = dir.resolve("bad.yaml");
        Files.writeString(bad, "id: x\nexposure: public\nmitigations: [AML.M015]\n");
        Cli r = Cli.run("assess", "inventory", "validate", bad.toString());
        assertThat(r.code()).isEqualTo(ExitCodes.BAD_INPUT);
        assertThat(r.err().strip())
                .isEqualTo(bad + ":3:15: mitigations[0]: 'AML.M015' is not an ATLAS ID (like "
                        + "AML.M0000); nearest: AML.M0015 (Adversarial Input Detection)");
    }

    @Test
    void modelWritesEveryFormatAndALayer() throws Exception {
        Path layer = dir.resolve("threats.json");
        Cli r = Cli.run("assess", "model", SYSTEM, "--format", "json", "--layer", layer.toString());
        assertThat(r.code()).as(r.err()).isZero();
        JsonNode json = JSON.readTree(r.out());
        assertThat(json.get("system").asText()).isEqualTo("support-bot");
        assertThat(json.get("applicable").size()).isPositive();
        JsonNode layerJson = JSON.readTree(Files.readString(layer));
        assertThat(layerJson.get("domain").asText()).isEqualTo("atlas-atlas");
        assertThat(layerJson.get("techniques").size()).isPositive();
        assertThat(Cli.run("layer", "validate", layer.toString()).code()).isZero();
        for (String format : new String[] {"text", "markdown", "html"}) {
            Cli f = Cli.run("assess", "model", SYSTEM, "--format", format);
            assertThat(f.code()).as(format + f.err()).isZero();
            assertThat(f.out()).contains("AML.T0086");
        }
    }

    @Test
    void aBadRuleSetOrWeightsFileIsOneLineWithItsPlace() throws Exception {
        Path rules = dir.resolve("rules.yaml");
        Files.writeString(rules, "atlas-version: 5.6.0\nrules:\n  AML.T0051:\n    when: [rag and lots]\n    why: x\n");
        Cli r = Cli.run("assess", "model", SYSTEM, "--threat-rules", rules.toString());
        assertThat(r.code()).isEqualTo(ExitCodes.BAD_INPUT);
        assertThat(r.err().lines())
                .singleElement()
                .asString()
                .startsWith("atlas-ops: " + rules + ":4:12: rules.AML.T0051.when:");
    }

    @Test
    void coverageCombinesRulesAnalyzersAndDettectWithLayersAndAFileBack() throws Exception {
        Path layer = dir.resolve("both.json");
        Path written = dir.resolve("written.yaml");
        Cli r = Cli.run(
                "assess",
                "coverage",
                SYSTEM,
                "--sigma",
                SAMPLES + "/rules",
                "--dettect",
                SAMPLES + "/support-bot-techniques.yaml",
                "--data-sources",
                SAMPLES + "/support-bot-data-sources.yaml",
                "--date",
                "2026-12-03",
                "--format",
                "json",
                "--layer",
                layer.toString(),
                "--layer-kind",
                "both",
                "--write-dettect",
                written.toString());
        assertThat(r.code()).as(r.err()).isZero();
        JsonNode json = JSON.readTree(r.out());
        assertThat(json.get("tactics").size()).isPositive();
        assertThat(json.get("trend").size()).isEqualTo(5);
        assertThat(json.get("dataSourcesAvailable").size()).isEqualTo(2);
        assertThat(Cli.run("layer", "validate", layer.toString()).code()).isZero();
        Cli again =
                Cli.run("assess", "coverage", SYSTEM, "--no-pack", "--no-analyzers", "--dettect", written.toString());
        assertThat(again.code()).as(again.err()).isZero();
        assertThat(again.out()).contains("detected");
    }

    @Test
    void reviewFrom500To560CarriesTheDettectFileAndWritesADeltaLayer() throws Exception {
        Path layer = dir.resolve("delta.json");
        Path carried = dir.resolve("carried.yaml");
        Cli r = Cli.run(
                "assess",
                "review",
                "--from",
                "5.0.0",
                "--to",
                "5.6.0",
                SYSTEM,
                "--dettect",
                SAMPLES + "/support-bot-techniques.yaml",
                "--carry-dettect",
                carried.toString(),
                "--no-rule-tests",
                "--layer",
                layer.toString());
        assertThat(r.code()).as(r.err()).isZero();
        assertThat(r.out()).contains("New techniques that apply", "Carried entries", "Coverage per tactic");
        assertThat(Files.readString(carried)).contains("AML.T0051.000");
        assertThat(Cli.run("layer", "validate", layer.toString()).code()).isZero();
        Cli unknown = Cli.run("assess", "review", "--from", "5.0.1", SYSTEM);
        assertThat(unknown.code()).isEqualTo(ExitCodes.BAD_INPUT);
        assertThat(unknown.err()).contains("unknown ATLAS release '5.0.1'").contains("kb import");
    }

    @Test
    void metricsFromTheTimelineRecord() throws Exception {
        Cli r = Cli.run("assess", "metrics", SAMPLES + "/support-bot-timelines.yaml", "--format", "json");
        assertThat(r.code()).as(r.err()).isZero();
        JsonNode json = JSON.readTree(r.out());
        assertThat(json.get("overall").get("incidents").asInt()).isEqualTo(4);
        assertThat(json.get("overall").get("timeToDetect").get("medianSeconds").asLong())
                .isEqualTo(25 * 60);
        Cli since = Cli.run("assess", "metrics", SAMPLES + "/support-bot-timelines.yaml", "--since", "2026-11-01");
        assertThat(since.out()).contains("2 incidents");
        Cli bad = Cli.run("assess", "metrics", SAMPLES + "/support-bot-timelines.yaml", "--since", "soon");
        assertThat(bad.code()).isEqualTo(ExitCodes.BAD_INPUT);
        Cli reversed = Cli.run(
                "assess",
                "metrics",
                SAMPLES + "/support-bot-timelines.yaml",
                "--since",
                "2026-11-01",
                "--until",
                "2026-10-01");
        assertThat(reversed.code()).isEqualTo(ExitCodes.BAD_INPUT);
        assertThat(reversed.err().strip().lines()).hasSize(1).allMatch(l -> l.contains("swap them"));
    }

    @Test
    void metricsWithTheAlertsTheShareIsOverEveryAlert() throws Exception {
        String timelines = SAMPLES + "/support-bot-timelines.yaml";
        String alerts = SAMPLES + "/support-bot-alerts.jsonl";
        JsonNode linkedOnly = JSON.readTree(
                Cli.run("assess", "metrics", timelines, "--format", "json").out());
        Cli r = Cli.run("assess", "metrics", timelines, "--alerts", alerts, "--format", "json");
        assertThat(r.code()).as(r.err()).isZero();
        JsonNode json = JSON.readTree(r.out());
        long lines = Files.readAllLines(Path.of(alerts)).stream()
                .filter(l -> !l.isBlank())
                .count();
        assertThat(json.get("alerts").asLong()).isEqualTo(lines);
        assertThat(json.get("alertsThatBecameIncidents").asInt())
                .isEqualTo(linkedOnly.get("alertsThatBecameIncidents").asInt());
        assertThat(json.get("incidentShare").asDouble())
                .isEqualTo(Math.round(
                                1000.0 * json.get("alertsThatBecameIncidents").asInt() / lines)
                        / 10.0);
        JsonNode direct = null;
        for (JsonNode a : json.get("alertsByTechnique")) {
            if (a.get("technique").asText().equals("AML.T0051.000")) {
                direct = a;
            }
        }
        assertThat(direct).isNotNull();
        assertThat(direct.get("alerts").asInt()).isEqualTo(4);
        assertThat(direct.get("becameIncidents").asInt()).isEqualTo(1);

        // several files; an alert in two of them counts once; a link whose alert is in no file is named
        Path extra = dir.resolve("extra.jsonl");
        Files.writeString(
                extra,
                Files.readAllLines(Path.of(alerts)).get(0) + "\n"
                        + "{\"id\":\"Z-1\",\"time\":\"2026-11-01T00:00:00Z\",\"techniques\":[]}\n");
        Cli two = Cli.run("assess", "metrics", timelines, "--alerts", alerts, "--alerts", extra.toString());
        assertThat(two.code()).as(two.err()).isZero();
        assertThat(two.out()).contains("Alerts: " + (lines + 1) + ", ");
        Cli part = Cli.run("assess", "metrics", timelines, "--alerts", extra.toString());
        assertThat(part.code()).as(part.err()).isZero();
        assertThat(part.err()).contains("alert(s) that incidents link are not in the --alerts files", "A-2");
        assertThat(part.out()).contains("Alerts: 2, 1 became incidents (50.0%)");

        Path bad = dir.resolve("bad.jsonl");
        Files.writeString(
                bad, "{\"id\":\"x\",\"time\":\"2026-11-21T00:00:00Z\",\"techniques\":[{\"id\":\"AML.T0511\"}]}\n");
        Cli flawed = Cli.run("assess", "metrics", timelines, "--alerts", bad.toString());
        assertThat(flawed.code()).isEqualTo(ExitCodes.BAD_INPUT);
        assertThat(flawed.err().strip())
                .startsWith("atlas-ops: " + bad + ":1: techniques[0].id: AML.T0511")
                .doesNotContain("\n")
                .doesNotContain("Exception");
        Cli missing = Cli.run(
                "assess",
                "metrics",
                timelines,
                "--alerts",
                dir.resolve("none.jsonl").toString());
        assertThat(missing.code()).isEqualTo(ExitCodes.BAD_INPUT);
        assertThat(missing.err()).contains("none.jsonl: no such file");
    }

    @Test
    void metricsFromTheIncidentRegisterWithTheNotMeasurableNamed() throws Exception {
        Path home = dir.resolve("home");
        String sample = Path.of("..", "samples", "incident.yaml").toString();
        String text = Files.readString(Path.of(sample));
        Path second = dir.resolve("second.yaml");
        Files.writeString(second, text.replace("name: Indirect prompt", "name: Second indirect prompt"));
        Path third = dir.resolve("third.yaml");
        Files.writeString(third, text.replace("name: Indirect prompt", "name: Third indirect prompt"));
        Instant e1 = Instant.parse("2026-03-14T08:00:00Z");
        Instant d1 = Instant.parse("2026-03-14T10:15:00Z");
        Instant c1 = Instant.parse("2026-03-14T14:00:00Z");
        Instant e2 = Instant.parse("2026-03-15T00:00:00Z");
        Instant d2 = Instant.parse("2026-03-15T06:00:00Z");
        Instant c2 = Instant.parse("2026-03-15T07:30:00Z");
        add(
                home,
                sample,
                "--first-evidence",
                e1.toString(),
                "--detected",
                d1.toString(),
                "--contained",
                c1.toString(),
                "--asset",
                "support-bot",
                "--alert",
                "A-1",
                "--alert",
                "A-2");
        add(
                home,
                second.toString(),
                "--first-evidence",
                e2.toString(),
                "--detected",
                d2.toString(),
                "--contained",
                c2.toString(),
                "--asset",
                "support-bot");
        add(home, third.toString(), "--first-evidence", "2026-03-16T00:00:00Z");

        Cli r = Cli.run("--data-dir", home.toString(), "assess", "metrics", "--register", "--format", "json");
        assertThat(r.code()).as(r.err()).isZero();
        JsonNode overall = JSON.readTree(r.out()).get("overall");
        assertThat(overall.get("incidents").asInt()).isEqualTo(2);
        long ttd1 = Duration.between(e1, d1).getSeconds();
        long ttd2 = Duration.between(e2, d2).getSeconds();
        long ttr1 = Duration.between(d1, c1).getSeconds();
        long ttr2 = Duration.between(d2, c2).getSeconds();
        JsonNode detect = overall.get("timeToDetect");
        assertThat(detect.get("count").asInt()).isEqualTo(2);
        assertThat(detect.get("meanSeconds").asLong()).isEqualTo(Math.round((ttd1 + ttd2) / 2.0));
        assertThat(detect.get("medianSeconds").asLong()).isEqualTo(Math.min(ttd1, ttd2));
        assertThat(detect.get("p90Seconds").asLong()).isEqualTo(Math.max(ttd1, ttd2));
        JsonNode respond = overall.get("timeToRespond");
        assertThat(respond.get("meanSeconds").asLong()).isEqualTo(Math.round((ttr1 + ttr2) / 2.0));
        assertThat(respond.get("medianSeconds").asLong()).isEqualTo(Math.min(ttr1, ttr2));
        assertThat(respond.get("p90Seconds").asLong()).isEqualTo(Math.max(ttr1, ttr2));
        JsonNode json = JSON.readTree(r.out());
        assertThat(json.get("alerts").asInt()).isEqualTo(2);
        assertThat(json.get("bySystem").get(0).get("group").asText()).isEqualTo("support-bot");
        assertThat(json.get("byTechnique").findValuesAsText("group")).contains("AML.T0051.001", "AML.T0077");
        JsonNode nm = json.get("notMeasurable");
        assertThat(nm).hasSize(1);
        assertThat(nm.get(0).get("incident").asText()).isEqualTo("INC-3");
        assertThat(nm.get(0).get("reason").asText())
                .contains("no detected")
                .contains("PUT /api/v1/incidents/{id}")
                .doesNotContain("or update");

        Cli since = Cli.run("--data-dir", home.toString(), "assess", "metrics", "--register", "--since", "2026-03-15");
        assertThat(since.code()).as(since.err()).isZero();
        assertThat(since.out())
                .contains(": 1 incident\n", "Not measurable: 1")
                .contains("INC-3 (time to detect and respond)")
                .doesNotContain("1 incidents");
        Cli both = Cli.run("--data-dir", home.toString(), "assess", "metrics", "--register", SYSTEM);
        assertThat(both.code()).isEqualTo(ExitCodes.BAD_INPUT);
        assertThat(Cli.run("assess", "metrics").err()).contains("missing TIMELINES");
    }

    @Test
    void modelCountsTheRegistersIncidentsAsEvidence() throws Exception {
        Path home = dir.resolve("home");
        String sample = Path.of("..", "samples", "incident.yaml").toString();
        Path second = dir.resolve("second.yaml");
        Files.writeString(
                second,
                Files.readString(Path.of(sample)).replace("name: Indirect prompt", "name: Second indirect prompt"));
        add(home, sample);
        add(home, second.toString());
        Cli plain = Cli.run("--data-dir", home.toString(), "assess", "model", SYSTEM, "--format", "json");
        Cli r = Cli.run("--data-dir", home.toString(), "assess", "model", SYSTEM, "--format", "json", "--register");
        assertThat(plain.code()).as(plain.err()).isZero();
        assertThat(r.code()).as(r.err()).isZero();
        assertThat(plain.out()).contains("ATLAS case stud").doesNotContain("incidents in the register");
        // both incidents used AML.T0051.001: the technique and its parent count two incidents each
        assertThat(r.out()).contains("+ 2 incidents in the register");
    }

    private static void add(Path home, String file, String... options) {
        String[] all = new String[5 + options.length];
        all[0] = "--data-dir";
        all[1] = home.toString();
        all[2] = "intel";
        all[3] = "incident";
        all[4] = "add";
        String[] withFile = new String[all.length + 1];
        System.arraycopy(all, 0, withFile, 0, 5);
        withFile[5] = file;
        System.arraycopy(options, 0, withFile, 6, options.length);
        Cli r = Cli.run(withFile);
        assertThat(r.code()).as(r.err()).isZero();
    }

    @Test
    void anEmulationRunIsProvenDetectionAndProvenGaps() throws Exception {
        Path run = dir.resolve("run");
        Cli emulated = Cli.run(
                "emulate",
                "run",
                "--target",
                "fake",
                "--tag",
                "injection",
                "--tag",
                "jailbreak",
                "--seed",
                "5",
                "--output-dir",
                run.toString());
        assertThat(emulated.code()).as(emulated.err()).isZero();
        Cli r = Cli.run(
                "assess",
                "coverage",
                SYSTEM,
                "--no-pack",
                "--no-analyzers",
                "--emulation",
                run.toString(),
                "--format",
                "json");
        assertThat(r.code()).as(r.err()).isZero();
        JsonNode json = JSON.readTree(r.out());
        java.util.Map<String, String> status = new java.util.TreeMap<>();
        for (JsonNode t : json.get("techniques")) {
            status.put(t.get("id").asText(), t.get("status").asText());
        }
        // the bundled pack sees direct prompt injection in the run's telemetry; the run's other attacks went unseen
        assertThat(status).as(r.out()).containsEntry("AML.T0051.000", "proven");
        assertThat(status.values()).as(r.out()).contains("proven gap");
        assertThat(r.out()).contains("emulated and detected", "emulated and missed");
        Cli notARun = Cli.run("assess", "coverage", SYSTEM, "--emulation", dir.toString());
        assertThat(notARun.code()).isEqualTo(ExitCodes.BAD_INPUT);
        assertThat(notARun.err().strip()).contains(dir.toString(), "no emulation run here");
    }
}
