package org.atlasops.intel.taxii;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.atlasops.kb.read.ReleaseCatalog;
import org.atlasops.kb.stix.StixIds;
import org.junit.jupiter.api.Test;

class TaxiiServiceTest {
    private static final ReleaseCatalog CATALOG = ReleaseCatalog.bundledOnly();
    private static final AtlasContent ATLAS = new AtlasContent(List.of("5.0.0", "5.6.0"), CATALOG::load);
    private final MemoryRepository repo = new MemoryRepository();
    private final TaxiiService service = new TaxiiService(
            ATLAS, repo, Clock.fixed(Instant.parse("2026-12-03T10:00:00Z"), ZoneOffset.UTC), 64 * 1024, 100);

    private static final Requester ADMIN = Requester.user("root", Set.of("admin", "analyst", "viewer"));
    private static final Requester ALICE = Requester.user("alice", Set.of("analyst", "viewer"));
    private static final Requester VIV = Requester.user("viv", Set.of("viewer"));
    private static final Requester BOB = Requester.user("bob", Set.of("analyst", "viewer"));

    private static final String INDICATOR = "indicator--8e2e2d2b-17d4-4cbf-938f-98ee46b3cd3f";

    private TeamCollection shared() {
        return service.createCollection(
                "Shared", "", Optional.of("shared"), Set.of("role:viewer"), Set.of("user:alice"), ADMIN);
    }

    private static byte[] envelope(String modified) {
        return ("{\"objects\":[{\"type\":\"indicator\",\"spec_version\":\"2.1\",\"id\":\"" + INDICATOR
                        + "\",\"created\":\"2026-01-01T00:00:00.000Z\",\"modified\":\"" + modified
                        + "\",\"pattern\":\"[file:name = 'x']\",\"pattern_type\":\"stix\",\"valid_from\":"
                        + "\"2026-01-01T00:00:00Z\"},{\"type\":\"indicator\",\"id\":\"not-an-id\"}]}")
                .getBytes(StandardCharsets.UTF_8);
    }

    @Test
    void atlasRootsServeStableIdsAndTheLatestRootKeepsEveryVersion() {
        String technique = StixIds.id("attack-pattern", "AML.T0051");
        JsonNode one = service.object("atlas-5.0.0", AtlasContent.COLLECTION_ID, technique, Filter.NONE, VIV)
                .body()
                .orElseThrow();
        JsonNode two = service.object("atlas-5.6.0", AtlasContent.COLLECTION_ID, technique, Filter.NONE, VIV)
                .body()
                .orElseThrow();
        assertThat(one.at("/objects/0/id").asText())
                .isEqualTo(two.at("/objects/0/id").asText());
        JsonNode versions = service.versions("atlas", "atlas", technique, Filter.NONE, Requester.ANONYMOUS)
                .body()
                .orElseThrow();
        assertThat(versions.get("versions").size()).isGreaterThanOrEqualTo(1);
        assertThatThrownBy(
                        () -> service.add("atlas", AtlasContent.COLLECTION_ID, envelope("2026-01-01T00:00:00Z"), ADMIN))
                .isInstanceOfSatisfying(
                        TaxiiException.class,
                        e -> assertThat(e.error().httpStatus()).isEqualTo(403));
    }

    @Test
    void theLatestRootCanBeTheFirstOneAskedFor() {
        AtlasContent fresh = new AtlasContent(List.of("4.9.1", "5.6.0"), CATALOG::load);
        List<ObjectVersion> latest = fresh.objects(AtlasContent.LATEST_ROOT).orElseThrow();
        assertThat(latest.size())
                .isGreaterThanOrEqualTo(
                        fresh.objects("atlas-5.6.0").orElseThrow().size());
    }

    @Test
    void writersAddVersionsReadersReadThemOthersDoNotSeeTheCollection() {
        TeamCollection c = shared();
        Answer a = service.add(TaxiiService.TEAM_ROOT, c.id(), envelope("2026-02-01T00:00:00.000Z"), ALICE);
        assertThat(a.status()).isEqualTo(202);
        JsonNode status = a.body().orElseThrow();
        assertThat(status.get("success_count").asInt()).isEqualTo(1);
        assertThat(status.get("failure_count").asInt()).isEqualTo(1);
        assertThat(status.at("/failures/0/message").asText()).contains("'id' must be indicator--UUID");
        service.add(TaxiiService.TEAM_ROOT, "shared", envelope("2026-03-01T00:00:00.000Z"), ALICE);

        JsonNode all = service.object(
                        TaxiiService.TEAM_ROOT,
                        c.id(),
                        INDICATOR,
                        Filter.parse(Map.of("match[version]", List.of("all"))),
                        VIV)
                .body()
                .orElseThrow();
        assertThat(all.get("objects").size()).isEqualTo(2);
        String statusId = status.get("id").asText();
        assertThat(service.status(TaxiiService.TEAM_ROOT, statusId, ALICE).status())
                .isEqualTo(200);
        assertThatThrownBy(() -> service.status(TaxiiService.TEAM_ROOT, statusId, VIV))
                .isInstanceOfSatisfying(
                        TaxiiException.class,
                        e -> assertThat(e.error().httpStatus()).isEqualTo(404));
        assertThatThrownBy(() -> service.add(TaxiiService.TEAM_ROOT, c.id(), envelope("2026-04-01T00:00:00Z"), VIV))
                .isInstanceOfSatisfying(
                        TaxiiException.class,
                        e -> assertThat(e.error().httpStatus()).isEqualTo(403));

        TeamCollection secret =
                service.createCollection("Secret", "", Optional.empty(), Set.of("user:alice"), Set.of(), ADMIN);
        assertThat(service.collections(TaxiiService.TEAM_ROOT, BOB)
                        .body()
                        .orElseThrow()
                        .get("collections"))
                .extracting(n -> n.get("id").asText())
                .containsExactly(c.id());
        assertThatThrownBy(() -> service.objects(TaxiiService.TEAM_ROOT, secret.id(), Filter.NONE, BOB))
                .isInstanceOfSatisfying(
                        TaxiiException.class,
                        e -> assertThat(e.error().httpStatus()).isEqualTo(404));
        assertThatThrownBy(() -> service.collections(TaxiiService.TEAM_ROOT, Requester.ANONYMOUS))
                .isInstanceOfSatisfying(
                        TaxiiException.class,
                        e -> assertThat(e.error().httpStatus()).isEqualTo(401));
    }

    @Test
    void deletingAVersionLeavesTheOthersAndIsAudited() {
        TeamCollection c = shared();
        service.add(TaxiiService.TEAM_ROOT, c.id(), envelope("2026-02-01T00:00:00.000Z"), ALICE);
        service.add(TaxiiService.TEAM_ROOT, c.id(), envelope("2026-03-01T00:00:00.000Z"), ALICE);
        service.delete(
                TaxiiService.TEAM_ROOT,
                c.id(),
                INDICATOR,
                Filter.parse(Map.of("match[version]", List.of("first"))),
                ALICE);
        JsonNode versions = service.versions(TaxiiService.TEAM_ROOT, c.id(), INDICATOR, Filter.NONE, ALICE)
                .body()
                .orElseThrow();
        assertThat(versions.get("versions"))
                .extracting(JsonNode::asText)
                .containsExactly("2026-03-01T00:00:00.000000Z");
        assertThat(repo.audit).contains("alice deleted " + INDICATOR);
    }

    @Test
    void anOversizedOrMalformedBodyIsRefusedWithTheRule() {
        TeamCollection c = shared();
        assertThatThrownBy(() -> service.add(TaxiiService.TEAM_ROOT, c.id(), new byte[70_000], ALICE))
                .isInstanceOfSatisfying(
                        TaxiiException.class,
                        e -> assertThat(e.error().httpStatus()).isEqualTo(413));
        assertThatThrownBy(() -> service.add(
                        TaxiiService.TEAM_ROOT, c.id(), "{\"objects\": [".getBytes(StandardCharsets.UTF_8), ALICE))
                .hasMessageContaining("line 1");
    }
}
