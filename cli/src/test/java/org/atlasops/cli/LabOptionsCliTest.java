package org.atlasops.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The lab refuses an outbox that cannot take mail before it starts, not when the first mail is sent. */
class LabOptionsCliTest {
    @TempDir
    Path dir;

    @Test
    void anOutboxThatIsAFolderIsOneLineAndExitTwo() {
        for (String command : new String[] {"serve", "mcp"}) {
            Cli r = Cli.run("lab", command, "--outbox", dir.toString());
            assertThat(r.code()).as(command + ": " + r.err()).isEqualTo(2);
            assertThat(r.err().lines()).as(command).hasSize(1);
            assertThat(r.err()).contains("--outbox", "is a folder");
        }
    }
}
