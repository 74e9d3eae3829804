package org.atlasops.detect.canary;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import org.atlasops.kb.failure.BadInputException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The canary file: kept and read back; a broken one is the user's to fix, not an internal error. */
class CanaryStoreTest {
    @TempDir
    Path dir;

    @Test
    void canariesAreKeptAndReadBack() {
        Path file = dir.resolve("canaries.json");
        assertThat(CanaryStore.read(file)).isEmpty();
        Canary c = Canary.create("support bot");
        CanaryStore.add(file, c);
        assertThat(CanaryStore.read(file)).containsExactly(c);
    }

    @Test
    void aBrokenFileIsBadInputNamingTheFileAndTheFix() throws Exception {
        Path file = dir.resolve("canaries.json");
        Files.writeString(file, "[{\"token\": \"not-a-token\", \"label\": \"x\"}]");
        assertThatThrownBy(() -> CanaryStore.read(file))
                .isInstanceOf(BadInputException.class)
                .hasMessageStartingWith(file + ": not a canary file")
                .hasMessageContaining("not-a-token")
                .hasMessageEndingWith("fix it or move it away");
    }
}
