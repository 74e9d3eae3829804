package org.atlasops.cli.emulate;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayInputStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import javax.xml.parsers.DocumentBuilderFactory;
import org.atlasops.cli.Main;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class EmulateCliTest {
    record Result(int code, String out, String err) {}

    @TempDir
    Path tmp;

    Result run(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        String[] all = new String[args.length + 2];
        all[0] = "--data-dir";
        all[1] = tmp.resolve("home").toString();
        System.arraycopy(args, 0, all, 2, args.length);
        int code = Main.run(new PrintWriter(out), new PrintWriter(err), all);
        return new Result(code, out.toString(), err.toString());
    }

    @Test
    void listAndShow() throws Exception {
        Result list = run("emulate", "list", "-f", "json");
        assertThat(list.code()).as(list.err()).isZero();
        JsonNode a = new ObjectMapper().readTree(list.out());
        assertThat(a.size()).isGreaterThanOrEqualTo(40);
        Result text = run("emulate", "list", "--tag", "rag");
        assertThat(text.out()).contains("rag-poisoning-false-fact", "AML.T0070");
        Result show = run("emulate", "show", "pi-direct-ignore-previous");
        assertThat(show.code()).isZero();
        assertThat(show.out()).contains("AML.T0051.000", "Direct", "canary-echoed");
        Result missing = run("emulate", "show", "no-such-thing");
        assertThat(missing.code()).isEqualTo(2);
        assertThat(missing.err().lines()).hasSize(1);
    }

    @Test
    void importOfABinaryFileOrAFolderSaysWhatIsWrongInOneLine() throws Exception {
        Path binary = tmp.resolve("report.jsonl");
        Files.write(binary, new byte[] {(byte) 0xff, (byte) 0xfe, 0, 1, (byte) 0x80});
        Result b = run("emulate", "import", "garak", binary.toString());
        assertThat(b.code()).isEqualTo(2);
        assertThat(b.err())
                .isEqualTo("atlas-ops: " + binary
                        + ": not UTF-8 text (a binary file?); give garak's report.jsonl (JSON lines)\n");
        Result f = run("emulate", "import", "promptfoo", tmp.toString());
        assertThat(f.code()).isEqualTo(2);
        assertThat(f.err()).isEqualTo("atlas-ops: " + tmp + ": a folder, not a file; give promptfoo's results JSON\n");
    }

    @Test
    void runThenReportThenVerifyOnAFakeTarget() throws Exception {
        Path runDir = tmp.resolve("run1");
        Result r = run(
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
                runDir.toString(),
                "-f",
                "json");
        assertThat(r.code()).as(r.err() + r.out()).isZero();
        JsonNode summary = new ObjectMapper().readTree(r.out());
        assertThat(summary.path("end").asText()).isEqualTo("completed");
        assertThat(summary.path("verdicts").path("succeeded").asInt()).isPositive();
        assertThat(summary.path("verdicts").path("failed").asInt()).isPositive();
        assertThat(runDir.resolve("attempts.jsonl")).exists();
        assertThat(Files.readAllLines(runDir.resolve("telemetry.jsonl"))).isNotEmpty();

        Result sarif = run("emulate", "report", runDir.toString(), "-f", "sarif");
        assertThat(sarif.code()).isZero();
        assertThat(new ObjectMapper().readTree(sarif.out()).path("version").asText())
                .isEqualTo("2.1.0");

        Path junit = tmp.resolve("junit.xml");
        Result gate = run(
                "emulate",
                "report",
                runDir.toString(),
                "-f",
                "junit",
                "-o",
                junit.toString(),
                "--fail-on",
                "succeeded");
        assertThat(gate.code()).isEqualTo(1);
        assertThat(DocumentBuilderFactory.newInstance()
                        .newDocumentBuilder()
                        .parse(new ByteArrayInputStream(Files.readAllBytes(junit)))
                        .getDocumentElement()
                        .getAttribute("failures"))
                .isNotEqualTo("0");
        // what was written where, on stderr: stdout stays the data stream (empty here)
        assertThat(gate.out()).isEmpty();
        assertThat(gate.err()).isEqualTo("wrote " + junit + " (" + Files.size(junit) + " bytes)\n");

        Result layer = run("emulate", "report", runDir.toString(), "-f", "layer");
        assertThat(new ObjectMapper().readTree(layer.out()).path("domain").asText())
                .isEqualTo("atlas-atlas");
        assertThat(run("emulate", "report", runDir.toString(), "-f", "html").out())
                .startsWith("<!DOCTYPE html>");

        Result verify = run("emulate", "verify", runDir.toString(), "-f", "json");
        assertThat(verify.code()).as(verify.err()).isIn(0, 1);
        JsonNode v = new ObjectMapper().readTree(verify.out());
        assertThat(v.path("techniques").size()).isPositive();
        // the bundled pack detects direct prompt injection in the LLM telemetry the run wrote
        boolean directDetected = false;
        for (JsonNode t : v.path("techniques")) {
            if (t.path("technique").asText().startsWith("AML.T0051")
                    && t.path("detected").asBoolean()) {
                directDetected = true;
            }
        }
        assertThat(directDetected).as(verify.out()).isTrue();
        // gaps first
        boolean seenNonGap = false;
        for (JsonNode t : v.path("techniques")) {
            if (!t.path("gap").asBoolean()) {
                seenNonGap = true;
            } else {
                assertThat(seenNonGap).as("a gap after a non-gap").isFalse();
            }
        }
        Result table = run("emulate", "verify", runDir.toString());
        assertThat(table.out()).contains("TECHNIQUE", "DETECTED", "techniques emulated");
    }

    @Test
    void theSameSeedGivesTheSameAttemptsAndResumeSkipsRecordedOnes() throws Exception {
        Path a = tmp.resolve("a");
        Path b = tmp.resolve("b");
        run("emulate", "run", "--target", "fake", "--tag", "obfuscation", "--seed", "9", "--output-dir", a.toString());
        run(
                "emulate",
                "run",
                "--target",
                "fake",
                "--tag",
                "obfuscation",
                "--seed",
                "9",
                "--output-dir",
                b.toString(),
                "--concurrency",
                "3");
        assertThat(requests(a)).isEqualTo(requests(b));
        Result again = run("emulate", "run", "--target", "fake", "--resume", a.toString(), "-f", "json");
        assertThat(again.code()).as(again.err()).isZero();
        JsonNode s = new ObjectMapper().readTree(again.out());
        assertThat(s.path("resumed").asInt()).isEqualTo(s.path("planned").asInt());
        assertThat(s.path("recorded_now").asInt()).isZero();
    }

    private static java.util.Map<String, String> requests(Path run) throws Exception {
        java.util.Map<String, String> out = new java.util.TreeMap<>();
        ObjectMapper m = new ObjectMapper();
        for (String line : Files.readAllLines(run.resolve("attempts.jsonl"), StandardCharsets.UTF_8)) {
            JsonNode n = m.readTree(line);
            out.put(
                    n.path("key").asText(),
                    n.path("exchanges").findValues("request").toString());
        }
        return out;
    }

    @Test
    void userMistakesAreOneLineAndExitTwo() throws Exception {
        Result noTarget = run("emulate", "run", "--target", "nowhere", "--tag", "injection");
        assertThat(noTarget.code()).isEqualTo(2);
        assertThat(noTarget.err()).contains("--target nowhere: no such target", "fake");
        assertThat(noTarget.err().lines()).hasSize(1);
        Path mine = Files.createDirectories(tmp.resolve("mine"));
        Files.writeString(
                mine.resolve("bad.yaml"),
                "schema: 1\nid: x1\nname: X\ntechnique: AML.T0051.009\n"
                        + "tactic: AML.TA0005\ntargets: [chat]\nsteps:\n  - chat: {prompt: hi}\njudge: complied\n");
        Result bad = run("emulate", "list", "--procedures", mine.toString());
        assertThat(bad.code()).isEqualTo(2);
        assertThat(bad.err()).contains("bad.yaml:4:", "field 'technique'", "nearest is");
        assertThat(bad.err().lines()).hasSize(1);
        Result notARun = run("emulate", "report", tmp.toString());
        assertThat(notARun.code()).isEqualTo(2);
        assertThat(notARun.err()).contains("no emulation run here");
    }

    @Test
    void importsCountLikeOurRuns() throws Exception {
        Path f = tmp.resolve("garak.report.jsonl");
        Files.writeString(
                f,
                "{\"entry_type\":\"attempt\",\"uuid\":\"u\",\"seq\":0,\"status\":2,"
                        + "\"probe_classname\":\"dan.Dan_11_0\",\"prompt\":{\"turns\":[{\"role\":\"user\",\"content\":{\"text\":\"hi\"}}]},"
                        + "\"outputs\":[{\"text\":\"DAN: ok\"}],\"detector_results\":{\"dan.DAN\":[1.0]}}\n");
        Path out = tmp.resolve("imported");
        Result r = run("emulate", "import", "garak", f.toString(), "--output-dir", out.toString());
        assertThat(r.code()).as(r.err()).isZero();
        Result report = run("emulate", "report", out.toString(), "-f", "json");
        JsonNode j = new ObjectMapper().readTree(report.out());
        assertThat(j.path("techniques").get(0).path("technique").asText()).isEqualTo("AML.T0054");
        assertThat(j.path("totals").path("succeeded").asInt()).isEqualTo(1);
    }

    @Test
    void judgeEvalReportsAccuracy() throws Exception {
        Path f = tmp.resolve("answers.jsonl");
        Files.writeString(
                f,
                "{\"answer\":\"I'm sorry, I can't.\",\"label\":\"refusal\",\"source\":\"x/y:z\"}\n"
                        + "{\"answer\":\"Sure, step 1\",\"label\":\"compliance\",\"source\":\"x/y:z\"}\n");
        Result r = run("emulate", "judge-eval", f.toString());
        assertThat(r.code()).isZero();
        assertThat(r.out()).contains("overall", "accuracy 1.000");
    }

    @Test
    void aTargetThatNeverAnswersIsOneLineAndExitTwoWithTheAttemptsKept() throws Exception {
        Path runDir = tmp.resolve("unreachable");
        Result r = run(
                "emulate",
                "run",
                "--target",
                "openai",
                "--target-option",
                "base-url=http://127.0.0.1:1/v1",
                "--target-option",
                "model=x",
                "--procedure",
                "pi-direct-base64",
                "--output-dir",
                runDir.toString());
        assertThat(r.code()).as(r.out() + r.err()).isEqualTo(2);
        assertThat(r.err().lines()).hasSize(1);
        assertThat(r.err()).contains("the target never answered");
        assertThat(Files.readAllLines(runDir.resolve("attempts.jsonl"))).hasSize(1);

        Path file = Files.writeString(tmp.resolve("a-file"), "");
        Result onFile = run("emulate", "run", "--target", "fake", "--output-dir", file.toString());
        assertThat(onFile.code()).isEqualTo(2);
        assertThat(onFile.err()).contains("is a file; give a folder").doesNotContain("internal error");
    }
}
