package org.atlasops.emulate.lab;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The lab's file tools never leave their folder. */
class SandboxTest {
    @TempDir
    Path dir;

    @Test
    void relativePathsReadAndEscapesAreRefused() throws Exception {
        Path root = dir.resolve("box");
        Files.writeString(dir.resolve("outside.txt"), "secret outside");
        Sandbox box = new Sandbox(root).seed(LabTruth.of(1));
        assertThat(box.list()).contains("notes.txt", "config.env", "customers.csv", "docs/shipping.md");
        assertThat(box.read("docs/../notes.txt")).contains("Team notes");
        for (String bad : new String[] {
            "../outside.txt",
            "docs/../../outside.txt",
            "/etc/passwd",
            dir.resolve("outside.txt").toString(),
            "..\\outside.txt",
            ""
        }) {
            assertThatThrownBy(() -> box.read(bad)).as(bad).isInstanceOf(Sandbox.Refused.class);
        }
        assertThatThrownBy(() -> box.write("../planted.txt", "x")).isInstanceOf(Sandbox.Refused.class);
        assertThat(dir.resolve("planted.txt")).doesNotExist();
    }

    @Test
    void aSymbolicLinkThatPointsOutsideIsRefused() throws Exception {
        Path root = dir.resolve("box");
        Sandbox box = new Sandbox(root);
        Files.writeString(dir.resolve("outside.txt"), "secret outside");
        try {
            Files.createSymbolicLink(box.root().resolve("link.txt"), dir.resolve("outside.txt"));
            Files.createSymbolicLink(box.root().resolve("linkdir"), dir);
        } catch (UnsupportedOperationException | java.io.IOException e) {
            return; // no symbolic links on this file system: nothing to escape through
        }
        assertThatThrownBy(() -> box.read("link.txt")).hasMessageContaining("leads outside");
        assertThatThrownBy(() -> box.read("linkdir/outside.txt")).hasMessageContaining("leads outside");
    }

    @Test
    void theMcpToolsAnswerEscapesAsToolErrors() {
        Sandbox box = new Sandbox(dir.resolve("box")).seed(LabTruth.of(1));
        LabTools tools = new LabTools(box, new Outbox(Optional.empty()), false);
        var r = tools.call("read_file", Map.of("path", "../../etc/passwd"));
        assertThat(r.isError()).isTrue();
        assertThat(r.content().toString()).contains("outside the sandbox");
        assertThat(tools.call("read_file", Map.of("path", "config.env"))
                        .content()
                        .toString())
                .contains(LabTruth.of(1).apiKey());
    }
}
