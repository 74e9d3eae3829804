package org.atlasops.server;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The AI risk index behind a technique's "What is known" is built from server start, in the background: no page
 * waits seconds for AVID to be read. A page asked for before it is ready says so in a short note.
 */
class RiskIndexAtStartTest {
    @TempDir
    Path dir;

    private static boolean building() {
        Set<Thread> threads = Thread.getAllStackTraces().keySet();
        return threads.stream().anyMatch(t -> t.getName().startsWith("atlas-ops-risk-index-"));
    }

    @Test
    void theIndexIsBuiltFromStartAndATechniquePageNeverWaitsForIt() throws Exception {
        try (ServerFixture s = new ServerFixture(dir, false)) {
            // no page asked yet: the build runs (or, on a fast machine, already ran: then the page is complete)
            String first = s.send(s.request("/techniques/AML.T0051").header("Accept", "text/html"))
                    .body();
            if (first.contains("is still being read")) {
                assertThat(first)
                        .contains("<h2>What is known</h2>")
                        .contains("<a href=\"/risk?technique=AML.T0051\">search it</a>");
                assertThat(building()).isTrue();
            }
            long until = System.nanoTime() + TimeUnit.SECONDS.toNanos(180);
            while (building() && System.nanoTime() < until) {
                Thread.sleep(100);
            }
            assertThat(building()).as("the background build ends").isFalse();
            // ready without a page having built it: the section is complete at once
            String after = s.send(s.request("/techniques/AML.T0051").header("Accept", "text/html"))
                    .body();
            assertThat(after)
                    .contains("What is known (")
                    .contains("AVID reports")
                    .doesNotContain("still being read");
        }
    }

    @Test
    void aServerStartsTheBuildBeforeAnyoneAsks() throws Exception {
        try (ServerFixture s = new ServerFixture(dir, false)) {
            // started by the server, not by a request (none was made); or already done on a fast machine
            boolean seen = building();
            long until = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
            while (!seen && System.nanoTime() < until) {
                seen = building();
                Thread.sleep(10);
            }
            assertThat(seen)
                    .as("a thread builds the risk index from server start")
                    .isTrue();
        }
    }
}
