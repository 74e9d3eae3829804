package org.atlasops.intel.avid;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.atlasops.intel.incident.Samples;
import org.atlasops.intel.mapping.Basis;
import org.atlasops.kb.AtlasId;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class AvidReaderTest {
    private static AvidSnapshot bundled;

    @BeforeAll
    static void read() {
        bundled = AvidReader.bundled(Samples.KB);
    }

    @Test
    void theBundledSnapshotIsReadWhole() {
        assertThat(bundled.records()).hasSize(1794);
        assertThat(bundled.versions()).containsKeys("0.1", "0.2", "0.3", "0.3.3", "none");
        assertThat(bundled.records()).extracting(AvidRecord::key).doesNotHaveDuplicates();
    }

    @Test
    void itsFlawsAreCountedAndReported() {
        Map<AvidFlaw.Kind, Integer> flaws = bundled.flawCounts();
        assertThat(flaws)
                .containsEntry(AvidFlaw.Kind.DUPLICATE_ID, 1)
                .containsEntry(AvidFlaw.Kind.MISSING_ID, 4)
                .containsEntry(AvidFlaw.Kind.EMPTY_ID, 2)
                .containsEntry(AvidFlaw.Kind.MISMATCHED_ID, 2)
                .doesNotContainKey(AvidFlaw.Kind.UNREADABLE);
        assertThat(bundled.flaws())
                .filteredOn(f -> f.kind() == AvidFlaw.Kind.DUPLICATE_ID)
                .singleElement()
                .satisfies(f -> assertThat(f.toString()).contains("AVID-2023-R0001 is already taken"));
    }

    @Test
    void recordsWithoutAtlasMappingGetInferredTechniquesWithReasons() {
        AvidRecord latent = bundled.records().stream()
                .filter(r -> r.garakProbes().stream().anyMatch(p -> p.startsWith("latentinjection.")))
                .findFirst()
                .orElseThrow();
        assertThat(latent.techniques()).anySatisfy(s -> {
            assertThat(s.technique()).isEqualTo(AtlasId.parse("AML.T0051.001"));
            assertThat(s.basis()).isEqualTo(Basis.INFERRED);
            assertThat(s.reason()).contains("garak latentinjection");
        });
        long inferred = bundled.records().stream()
                .filter(r ->
                        !r.techniques().isEmpty() && r.techniques().stream().allMatch(s -> s.basis() == Basis.INFERRED))
                .count();
        assertThat(inferred).isGreaterThan(500);
    }

    @Test
    void atlasCaseStudyRecordsCarryTheCaseStudysOfficialTechniquesOnly() {
        var atlas = bundled.records().stream()
                .filter(r -> r.classOf().equals("ATLAS Case Study"))
                .toList();
        assertThat(atlas).hasSize(16);
        assertThat(atlas)
                .filteredOn(r -> !r.techniques().isEmpty())
                .isNotEmpty()
                .allSatisfy(r -> assertThat(r.techniques()).allSatisfy(s -> {
                    assertThat(s.basis()).isEqualTo(Basis.OFFICIAL);
                    assertThat(s.reason()).startsWith("ATLAS case study AML.CS");
                }));
    }

    @Test
    void aCloneIsReadAndABadFileReportedWithItsLine(@TempDir Path dir) throws IOException {
        Path reports = Files.createDirectories(dir.resolve("reports/2026"));
        Files.writeString(reports.resolve("AVID-2026-R9001.json"), """
                {"data_type": "AVID", "data_version": "0.3.3", "metadata": {"report_id": "AVID-2026-R9001"},
                 "problemtype": {"classof": "LLM Evaluation", "type": "Measurement",
                   "description": {"lang": "eng", "value": "Evaluated with the probe `promptinject.HijackHateHumans`."}},
                 "impact": {"avid": {"risk_domain": ["Security"], "sep_view": ["S0403: Adversarial Example"]}},
                 "reported_date": "2026-02-01"}
                """);
        Files.writeString(reports.resolve("AVID-2026-R9002.json"), "{\"data_type\": \"AVID\",\n \"metadata\": {\n");
        Files.createDirectories(dir.resolve("reports/review"));
        Files.writeString(
                dir.resolve("reports/review/batch.avid.jsonl"),
                "{\"metadata\": {\"report_id\": \"AVID-2026-R9003\"}, \"problemtype\": {}, \"data_version\": \"0.2\"}\n"
                        + "not json\n");
        AvidSnapshot s = AvidReader.directory(dir, Samples.KB);
        assertThat(s.records()).extracting(AvidRecord::key).containsExactly("AVID-2026-R9001", "AVID-2026-R9003");
        AvidRecord r = s.records().get(0);
        assertThat(r.techniques())
                .extracting(x -> x.technique().value())
                .containsExactly("AML.T0043", "AML.T0015", "AML.T0051.000");
        assertThat(s.flaws())
                .extracting(AvidFlaw::toString)
                .anySatisfy(f ->
                        assertThat(f).startsWith("reports/2026/AVID-2026-R9002.json:3: unreadable: not valid JSON"))
                .anySatisfy(f -> assertThat(f).startsWith("reports/review/batch.avid.jsonl:2: unreadable"));
    }
}
