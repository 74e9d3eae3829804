package org.atlasops.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.AccessDeniedException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The shared -o wording: the file named, the reason in words, the fix; never a temporary file. */
class OutputFailuresTest {
    private static final String SYSTEM =
            Path.of("..", "samples", "assess", "support-bot.yaml").toString();

    @TempDir
    Path dir;

    @Test
    void aFolderGivenToDashOIsNamedAsSuch() {
        Cli r = Cli.run("assess", "model", SYSTEM, "-o", dir.toString());
        assertThat(r.code()).isEqualTo(ExitCodes.BAD_INPUT);
        assertThat(r.err().strip())
                .isEqualTo("atlas-ops: " + dir + ": cannot write: is a directory; give -o a writable file");
    }

    @Test
    void aFileThatCannotBeWrittenNamesNoTemporaryFile() throws Exception {
        Path notAFolder = Files.writeString(dir.resolve("plain.txt"), "x");
        Path out = notAFolder.resolve("m.txt");
        Cli r = Cli.run("assess", "model", SYSTEM, "-o", out.toString());
        assertThat(r.code()).isEqualTo(ExitCodes.BAD_INPUT);
        assertThat(r.err().strip())
                .startsWith("atlas-ops: " + out + ": cannot write: ")
                .endsWith("; give -o a writable file")
                .doesNotContain(".tmp");
        assertThat(r.err().lines()).hasSize(1);
    }

    @Test
    void detectScanAndOutputOptionShareTheReasons() {
        Path f = dir.resolve("sub").resolve("m.txt");
        assertThat(OutputFailures.cannotWrite(f, "", new AccessDeniedException(dir + "/.m.txt.1.tmp"))
                        .getMessage())
                .isEqualTo(f + ": cannot write: permission denied; give -o a writable file");
        assertThat(OutputFailures.cannotWrite(f, "the alerts", new NoSuchFileException(f.toString()))
                        .getMessage())
                .isEqualTo(f + ": cannot write the alerts: its folder does not exist; give -o a writable file");
    }
}
