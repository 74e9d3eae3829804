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
import org.junit.jupiter.api.io.TempDir;

/**
 * packaging/container/build-base.sh refuses what it cannot build from with exit 2 and one line that names the input
 * and the fix, before it does any work (ContainerImageIT tests what it builds).
 */
class ContainerBaseScriptTest {
    private static final Path SCRIPT = Path.of("..", "packaging", "container", "build-base.sh");

    @TempDir
    Path tmp;

    private record Run(int code, String err) {}

    private Run run(String... args) throws IOException, InterruptedException {
        List<String> cmd = new ArrayList<>(List.of("bash", SCRIPT.toString()));
        cmd.addAll(List.of(args));
        Path err = tmp.resolve("err.txt");
        Process p = new ProcessBuilder(cmd)
                .redirectOutput(ProcessBuilder.Redirect.DISCARD)
                .redirectError(err.toFile())
                .start();
        assertThat(p.waitFor(30, TimeUnit.SECONDS)).isTrue();
        return new Run(p.exitValue(), Files.readString(err, StandardCharsets.UTF_8));
    }

    private Path jdk(String version, boolean jmods) throws IOException {
        Path home = Files.createDirectories(tmp.resolve("jdk-" + version + (jmods ? "-jmods" : "")));
        Files.writeString(home.resolve("release"), "JAVA_VERSION=\"" + version + "\"\n");
        if (jmods) {
            Files.createDirectories(home.resolve("jmods"));
            Files.writeString(home.resolve("jmods").resolve("java.base.jmod"), "");
        }
        return home;
    }

    private Path jar() throws IOException {
        return Files.writeString(tmp.resolve("atlas-ops.jar"), "");
    }

    @Test
    void wrongArgumentsShowTheUsage() throws Exception {
        Run r = run("only-one");
        assertThat(r.code()).isEqualTo(2);
        assertThat(r.err()).isEqualTo("build-base.sh: usage: build-base.sh JAVA17_HOME RUNNABLE_JAR OUTPUT_DIR\n");
    }

    @Test
    void aMissingJarSaysToPackageFirst() throws Exception {
        Run r = run(
                jdk("17.0.15", true).toString(),
                tmp.resolve("none.jar").toString(),
                tmp.resolve("out").toString());
        assertThat(r.code()).isEqualTo(2);
        assertThat(r.err())
                .contains("no runnable jar at", "run the package phase")
                .hasLineCount(1);
    }

    @Test
    void aJdkOtherThan17IsRefused() throws Exception {
        Path out = tmp.resolve("out");
        Run r = run(jdk("21.0.2", true).toString(), jar().toString(), out.toString());
        assertThat(r.code()).isEqualTo(2);
        assertThat(r.err()).contains("is not a Java 17 JDK", "JAVA_HOME").hasLineCount(1);
        assertThat(out).doesNotExist();
    }

    @Test
    void aJdkWithoutJmodsNamesThePackageThatHasThem() throws Exception {
        Run r = run(
                jdk("17.0.15", false).toString(),
                jar().toString(),
                tmp.resolve("out").toString());
        assertThat(r.code()).isEqualTo(2);
        assertThat(r.err()).contains("has no jmods", "openjdk-17-jdk-headless").hasLineCount(1);
    }

    @Test
    void anEmptyOrRootOutputDirectoryIsRefusedBeforeAnythingIsRemoved() throws Exception {
        for (String out : new String[] {"", "/", "//", "/tmp/.."}) {
            Run r = run(jdk("17.0.15", true).toString(), jar().toString(), out);
            assertThat(r.code()).as(out).isEqualTo(2);
            assertThat(r.err())
                    .as(out)
                    .isEqualTo("build-base.sh: OUTPUT_DIR '" + out
                            + "' is empty or /: give a directory of its own, such as cli/target/container-base\n");
        }
    }

    @Test
    void jmodsFromNoDebianPackageAreRefusedBeforeAnyWork() throws Exception {
        // a JDK 17 with jmods unpacked by hand (a tarball JDK): jlink could use it, but its licence and source
        // could not be recorded in the image
        Path out = tmp.resolve("out");
        Path home = jdk("17.0.15", true);

        Run r = run(home.toString(), jar().toString(), out.toString());

        assertThat(r.code()).isEqualTo(2);
        assertThat(r.err())
                .isEqualTo("build-base.sh: the jmods of " + home
                        + " are from no Debian package, so the runtime's provenance cannot be recorded: install"
                        + " Debian's openjdk-17-jdk-headless and run Maven with it (JAVA_HOME)\n");
        assertThat(out).doesNotExist();
    }
}
