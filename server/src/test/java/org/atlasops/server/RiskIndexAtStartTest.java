package org.atlasops.server;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The AI risk index behind a technique's "What is known" is built from server start, in the background: no page
 * waits seconds for AVID to be read (that a page asked for meanwhile says so without waiting is
 * {@code intel.RiskCatalogTest}'s, on a build it holds still). Stopping the server stops the build.
 */
class RiskIndexAtStartTest {
    @TempDir
    Path dir;

    @Test
    void theServerStartsTheBuildBeforeAnyoneAsksAndPagesAreCompleteOnceItEnds() throws Exception {
        try (ServerFixture s = new ServerFixture(dir, false)) {
            // no page asked yet: started by the server itself (running, or already done on a fast machine)
            CompletableFuture<?> build = s.server
                    .riskIndexStarted()
                    .orElseThrow(() -> new AssertionError("no risk index build started with the server"));
            build.get(180, TimeUnit.SECONDS);
            String page = s.send(s.request("/techniques/AML.T0051").header("Accept", "text/html"))
                    .body();
            assertThat(page)
                    .contains("What is known (")
                    .contains("AVID reports")
                    .doesNotContain("still being read");
        }
    }

    @Test
    void stoppingTheServerStopsTheBuild() throws Exception {
        ServerFixture s = new ServerFixture(dir, false);
        CompletableFuture<?> build = s.server.riskIndexStarted().orElseThrow();
        s.close();
        // cancelled when it still ran: it keeps no index and never queries the closed database
        assertThat(build).isDone();
        assertThat(s.server.riskIndexCurrent())
                .as("no build starts after the server stopped")
                .isCancelled();
    }
}
