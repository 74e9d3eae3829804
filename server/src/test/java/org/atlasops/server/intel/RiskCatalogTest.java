package org.atlasops.server.intel;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDate;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.atlasops.intel.incident.Incident;
import org.atlasops.intel.incident.Study;
import org.atlasops.intel.incident.StudyType;
import org.atlasops.intel.incident.Timeline;
import org.atlasops.intel.incident.Tlp;
import org.atlasops.intel.search.RiskIndex;
import org.atlasops.intel.search.RiskQuery;
import org.atlasops.intel.search.RiskRecord;
import org.atlasops.intel.search.RiskSource;
import org.atlasops.intel.search.Sources;
import org.atlasops.kb.AtlasId;
import org.atlasops.kb.IncidentDate;
import org.atlasops.kb.KnowledgeBase;
import org.atlasops.kb.ProcedureStep;
import org.atlasops.kb.read.ReleaseCatalog;
import org.atlasops.store.Database;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * The risk catalog's builds: one release's never holds up another's pages, a technique page never waits for one, an
 * added source is never lost, and closing stops them. The public sources are read by a reader the test holds still.
 */
// a regression that makes a page wait on a build fails here instead of hanging the build
@Timeout(value = 120, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
class RiskCatalogTest {
    private static final KnowledgeBase A = ReleaseCatalog.bundledOnly().load("5.6.0");
    private static final KnowledgeBase B = ReleaseCatalog.bundledOnly().load("5.1.0");

    @TempDir
    Path dir;

    private Database db;
    private RiskCatalog catalog;
    /** Builds of the held release wait in the reader until this opens. */
    private final CountDownLatch release = new CountDownLatch(1);
    /** Opens when a build of the held release is in the reader. */
    private final CountDownLatch entered = new CountDownLatch(1);

    private volatile String held = "";

    @BeforeEach
    void open() {
        db = Database.open(Database.Location.h2In(dir.resolve("data")));
        catalog = new RiskCatalog(db, kb -> {
            if (kb.version().equals(held)) {
                entered.countDown();
                try {
                    release.await();
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    throw new CancellationException("interrupted");
                }
            }
            return List.of(Sources.atlas(kb));
        });
    }

    @AfterEach
    void close() {
        release.countDown();
        catalog.close();
        db.close();
    }

    private static int count(RiskIndex index, String source) {
        return index.search(RiskQuery.of("").withSources(Set.of(source))).total();
    }

    @Test
    void aBuildOfOneReleaseNeverHoldsUpPagesOfAnother() throws Exception {
        RiskIndex a = catalog.index(A);
        held = B.version();
        CompletableFuture<RiskIndex> building = catalog.warmUp(B);
        assertThat(entered.await(30, TimeUnit.SECONDS)).isTrue();

        Optional<RiskIndex> page = assertTimeoutPreemptively(Duration.ofSeconds(10), () -> catalog.ifReady(A));
        assertThat(page).containsSame(a);
        assertThat(assertTimeoutPreemptively(Duration.ofSeconds(10), () -> catalog.ifReady(B)))
                .as("the release being built: the page says so instead of waiting")
                .isEmpty();
        assertThat(building).isNotDone();

        release.countDown();
        RiskIndex b = building.get(60, TimeUnit.SECONDS);
        assertThat(catalog.ifReady(B)).containsSame(b);
    }

    @Test
    void aChangeToTheTeamsIncidentsIsIndexedInTheBackgroundWhilePagesGetTheLastIndex() throws Exception {
        RiskIndex before = catalog.index(A);
        assertThat(count(before, Sources.TEAM)).isZero();
        db.incidents().create(incident(), "alice", "added");

        assertThat(catalog.ifReady(A))
                .as("served at once, not rebuilt on the page's thread")
                .containsSame(before);
        RiskIndex after = catalog.current(A).get(60, TimeUnit.SECONDS);
        assertThat(after).isNotSameAs(before);
        assertThat(count(after, Sources.TEAM)).isEqualTo(1);
        assertThat(catalog.ifReady(A)).containsSame(after);
    }

    @Test
    void aSourceAddedWhileABuildRunsIsInTheNextIndex() throws Exception {
        held = A.version();
        CompletableFuture<RiskIndex> building = catalog.warmUp(A);
        assertThat(entered.await(30, TimeUnit.SECONDS)).isTrue();
        catalog.addSource(RiskSource.of("taxii", List.of(record())));
        release.countDown();
        building.get(60, TimeUnit.SECONDS);

        assertThat(count(catalog.current(A).get(60, TimeUnit.SECONDS), "taxii")).isEqualTo(1);
        assertThat(catalog.ifReady(A))
                .hasValueSatisfying(i -> assertThat(count(i, "taxii")).isEqualTo(1));
    }

    @Test
    void closingStopsTheBuildsAndStartsNoMore() throws Exception {
        held = A.version();
        CompletableFuture<RiskIndex> building = catalog.warmUp(A);
        assertThat(entered.await(30, TimeUnit.SECONDS)).isTrue();

        catalog.close();

        assertThat(building).isCancelled();
        assertThat(catalog.warmUp(A)).isCancelled();
        assertThat(catalog.current(A)).isCancelled();
        assertThat(catalog.ifReady(A)).isEmpty();
    }

    private static RiskRecord record() {
        return new RiskRecord(
                "taxii",
                "CC0-1.0",
                "taxii-1",
                "Pulled over TAXII",
                "An object a TAXII pull brought in.",
                "",
                Optional.of(LocalDate.of(2026, 3, 14)),
                List.of(),
                List.of());
    }

    private static Incident incident() {
        Study study = new Study(
                "Injection",
                "The chatbot followed instructions hidden in a web page.",
                new IncidentDate(LocalDate.of(2026, 3, 14), IncidentDate.Granularity.DATE),
                StudyType.INCIDENT,
                "HelpBot",
                "unknown",
                Optional.empty(),
                List.of(),
                List.of(new ProcedureStep(AtlasId.parse("AML.TA0005"), AtlasId.parse("AML.T0051.001"), "injected")));
        return new Incident(study, Timeline.EMPTY, List.of("helpbot"), List.of("ALERT-1"), Tlp.AMBER, "internal note");
    }
}
