package org.atlasops.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The {@code atlas-ops} launcher picks the JVM's flags by the command: short commands with C1 only, the serial
 * collector and the build's class-data archive when it belongs to this jar; long-running ones with the full JIT.
 * Run on a copy of the launcher beside a stand-in jar, with a {@code java} that prints what it was given.
 */
class LauncherTest {
    @TempDir
    Path root;

    private Path jar;
    private Path archive;

    @BeforeEach
    void copyTheLauncher() throws IOException {
        Path launcher = root.resolve("atlas-ops");
        Files.copy(Path.of("..", "atlas-ops"), launcher);
        Files.setPosixFilePermissions(launcher, PosixFilePermissions.fromString("rwxr-xr-x"));
        Path target = Files.createDirectories(root.resolve("cli/target"));
        jar = Files.writeString(target.resolve("atlas-ops.jar"), "stand-in");
        archive = Files.writeString(target.resolve("atlas-ops.jsa"), "stand-in");
        Files.setLastModifiedTime(jar, FileTime.from(Instant.now().minusSeconds(60)));
        Path java = Files.createDirectories(root.resolve("jdk/bin")).resolve("java");
        Files.writeString(java, "#!/bin/sh\nfor a in \"$@\"; do echo \"$a\"; done\n");
        Files.setPosixFilePermissions(java, PosixFilePermissions.fromString("rwxr-xr-x"));
    }

    private List<String> javaArgs(Map<String, String> env, String... args) throws Exception {
        List<String> cmd =
                new ArrayList<>(List.of("bash", root.resolve("atlas-ops").toString()));
        cmd.addAll(List.of(args));
        ProcessBuilder pb = new ProcessBuilder(cmd).redirectErrorStream(true);
        pb.environment().put("JAVA_HOME", root.resolve("jdk").toString());
        pb.environment().remove("ATLAS_OPS_JAVA_OPTS");
        pb.environment().remove("ATLAS_OPS_JIT");
        pb.environment().putAll(env);
        Process p = pb.start();
        assertThat(p.waitFor(30, TimeUnit.SECONDS)).isTrue();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(p.exitValue()).as(out).isZero();
        List<String> javaArgs = out.lines().toList();
        // whatever the flags, the jar and the user's arguments come last, unchanged
        assertThat(javaArgs.subList(javaArgs.size() - args.length - 2, javaArgs.size()))
                .containsExactlyElementsOf(concat(List.of("-jar", jar.toString()), List.of(args)));
        return javaArgs.subList(0, javaArgs.size() - args.length - 2);
    }

    private List<String> javaArgs(String... args) throws Exception {
        return javaArgs(Map.of(), args);
    }

    private static List<String> concat(List<String> a, List<String> b) {
        List<String> all = new ArrayList<>(a);
        all.addAll(b);
        return all;
    }

    @Test
    void shortCommandsStartWithC1AndTheArchive() throws Exception {
        for (String[] args : List.of(
                new String[] {"kb", "show", "AML.T0051"},
                new String[] {"--version"},
                new String[] {"--release", "5.0.0", "kb", "search", "serve"},
                new String[] {"detect", "prompt", "--text", "hello"},
                new String[] {"layer", "validate", "x.json"})) {
            assertThat(javaArgs(args))
                    .as(String.join(" ", args))
                    .contains("-XX:TieredStopAtLevel=1", "-XX:+UseSerialGC", "-XX:SharedArchiveFile=" + archive);
        }
    }

    @Test
    void longRunningCommandsKeepTheFullJit() throws Exception {
        for (String[] args : List.of(
                new String[] {"serve", "--port", "9000"},
                new String[] {"--data-dir", "/tmp/x", "serve"},
                new String[] {"detect", "scan", "events.jsonl"},
                new String[] {"detect", "stream", "--bootstrap", "k:9092"},
                new String[] {"-r", "5.0.0", "detect", "evaluate", "--input", "p.jsonl"})) {
            assertThat(javaArgs(args)).as(String.join(" ", args)).isEmpty();
        }
    }

    @Test
    void anArchiveOlderThanTheJarIsNotUsed() throws Exception {
        Files.setLastModifiedTime(archive, FileTime.from(Instant.now().minusSeconds(3600)));
        assertThat(javaArgs("kb", "show", "AML.T0051"))
                .contains("-XX:TieredStopAtLevel=1")
                .noneMatch(a -> a.startsWith("-XX:SharedArchiveFile"));
    }

    @Test
    void theUserCanOverrideTheChoiceAndHisOptionsComeLast() throws Exception {
        assertThat(javaArgs(Map.of("ATLAS_OPS_JIT", "full"), "kb", "show", "AML.T0051"))
                .isEmpty();
        assertThat(javaArgs(Map.of("ATLAS_OPS_JIT", "short"), "serve")).contains("-XX:TieredStopAtLevel=1");
        List<String> flags = javaArgs(Map.of("ATLAS_OPS_JAVA_OPTS", "-Xmx1g"), "kb", "show", "AML.T0051");
        assertThat(flags.get(flags.size() - 1)).isEqualTo("-Xmx1g");
    }
}
