package org.atlasops.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** The shaded jar as a real process: resources, services and exit codes survive packaging. */
class RunnableJarIT {
    private static final Path JAR = Path.of("target", "atlas-ops.jar");

    private record Run(int code, String out, String err) {}

    private static Run run(String... args) throws IOException, InterruptedException {
        assertThat(JAR).exists();
        List<String> cmd = new ArrayList<>(
                List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-jar", JAR.toString()));
        cmd.addAll(List.of(args));
        Path out = Files.createTempFile("out", ".txt");
        Path err = Files.createTempFile("err", ".txt");
        Process p = new ProcessBuilder(cmd)
                .redirectOutput(out.toFile())
                .redirectError(err.toFile())
                .start();
        assertThat(p.waitFor(60, TimeUnit.SECONDS)).as("finished in time").isTrue();
        return new Run(
                p.exitValue(),
                Files.readString(out, StandardCharsets.UTF_8),
                Files.readString(err, StandardCharsets.UTF_8));
    }

    @Test
    void showsATechnique() throws Exception {
        Run r = run("kb", "show", "AML.T0051");
        assertThat(r.code()).as(r.err()).isZero();
        assertThat(r.out()).startsWith("AML.T0051  LLM Prompt Injection");
    }

    @Test
    void everyBundledReleaseIsInTheJar() throws Exception {
        for (String v : new String[] {"3.0.0", "4.4.0", "4.5.0", "4.7.0", "4.9.1", "5.0.0", "5.1.0", "5.6.0"}) {
            Run r = run("--release", v, "kb", "stats", "--format", "json");
            assertThat(r.code()).as(v + ": " + r.err()).isZero();
            assertThat(r.out()).contains("\"atlas_version\" : \"" + v + "\"");
        }
    }

    @Test
    void badInputExitsTwoWithOneLine() throws Exception {
        Run r = run("--release", "9.9.9", "kb", "stats");
        assertThat(r.code()).isEqualTo(ExitCodes.BAD_INPUT);
        assertThat(r.err())
                .startsWith("atlas-ops: unknown ATLAS release '9.9.9'; known: 3.0.0")
                .hasLineCount(1);
    }

    @Test
    void versionNamesTheProject() throws Exception {
        assertThat(run("--version").out()).startsWith("atlas-ops 0.");
    }
}
