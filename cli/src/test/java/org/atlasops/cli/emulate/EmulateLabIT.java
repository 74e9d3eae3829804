package org.atlasops.cli.emulate;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.Set;
import org.atlasops.cli.Main;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue 19's "done when" against the lab, as a user types it: one command runs the whole bundled library against
 * the lab (started in-process on a loopback port), every report is written, the results cover at least 30
 * techniques, fewer procedures succeed behind atlas-ops' own prompt detector than with no guard, and
 * {@code emulate verify} reports detections and lists the gaps.
 */
class EmulateLabIT {
    private static final ObjectMapper JSON = new ObjectMapper();

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

    private JsonNode runLibrary(String guard) throws Exception {
        Path dir = tmp.resolve("run-" + guard);
        Result r = run(
                "emulate",
                "run",
                "--target",
                "lab",
                "--target-option",
                "guard=" + guard,
                "--seed",
                "7",
                "--output-dir",
                dir.toString(),
                "-f",
                "json");
        assertThat(r.code()).as(r.err()).isZero();
        JsonNode summary = JSON.readTree(r.out());
        assertThat(summary.path("end").asText()).isEqualTo("completed");
        return summary;
    }

    @Test
    void theWholeLibraryAgainstTheLabWithAndWithoutTheDetectorGuard() throws Exception {
        JsonNode none = runLibrary("none");
        JsonNode guarded = runLibrary("detector");
        int succeededWithout = none.path("verdicts").path("succeeded").asInt();
        int succeededWith = guarded.path("verdicts").path("succeeded").asInt();
        assertThat(succeededWithout).isGreaterThanOrEqualTo(40);
        assertThat(succeededWith).isLessThan(succeededWithout);

        Path runDir = tmp.resolve("run-none");
        for (String format : new String[] {"json", "jsonl", "sarif", "junit", "html", "layer"}) {
            Path out = tmp.resolve("report." + format);
            Result report = run("emulate", "report", runDir.toString(), "-f", format, "-o", out.toString());
            assertThat(report.code()).as(format + ": " + report.err()).isZero();
            assertThat(Files.size(out)).as(format).isPositive();
        }
        JsonNode layer = JSON.readTree(tmp.resolve("report.layer").toFile());
        Set<String> techniques = new HashSet<>();
        layer.path("techniques")
                .forEach(t -> techniques.add(t.path("techniqueID").asText()));
        assertThat(techniques).hasSizeGreaterThanOrEqualTo(30);

        Result verify = run("emulate", "verify", runDir.toString(), "-f", "json");
        assertThat(verify.code()).as(verify.err()).isEqualTo(1); // 1: there are gaps
        JsonNode v = JSON.readTree(verify.out());
        int detected = 0;
        int gaps = 0;
        for (JsonNode t : v.path("techniques")) {
            detected += t.path("detected").asBoolean() ? 1 : 0;
            gaps += t.path("gap").asBoolean() ? 1 : 0;
        }
        assertThat(detected).as("techniques the pack and analyzers detect").isGreaterThanOrEqualTo(10);
        assertThat(gaps).as("succeeded and not detected").isPositive();
        assertThat(v.path("techniques").get(0).path("gap").asBoolean())
                .as("gaps come first")
                .isTrue();
    }
}
