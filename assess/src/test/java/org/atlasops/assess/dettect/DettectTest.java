package org.atlasops.assess.dettect;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.Optional;
import org.atlasops.assess.Samples;
import org.atlasops.kb.AtlasDataException;
import org.atlasops.kb.AtlasId;
import org.atlasops.kb.KnowledgeBase;
import org.atlasops.kb.failure.BadInputException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DettectTest {
    private static final KnowledgeBase KB = Samples.latest();

    @TempDir
    Path dir;

    @Test
    void theSampleTechniquesFileReadsWithItsDatedHistory() {
        TechniqueAdministration t =
                DettectReader.techniques(Samples.dir().resolve("support-bot-techniques.yaml"), Optional.of(KB));
        assertThat(t.domain()).isEqualTo("atlas-atlas");
        TechniqueScores direct = t.technique(AtlasId.parse("AML.T0051.000")).orElseThrow();
        assertThat(direct.detectionAsOf(LocalDate.parse("2026-07-01"))).hasValue(1);
        assertThat(direct.detectionAsOf(LocalDate.parse("2026-10-02"))).hasValue(3);
        assertThat(direct.detectionAsOf(LocalDate.parse("2026-01-01"))).isEmpty();
        assertThat(direct.visibilityAsOf(LocalDate.parse("2026-10-02"))).hasValue(3);
        assertThat(t.dates()).contains(LocalDate.parse("2026-06-01"), LocalDate.parse("2026-09-15"));
    }

    @Test
    void writingAndReadingBackKeepsEveryScore() throws Exception {
        TechniqueAdministration t =
                DettectReader.techniques(Samples.dir().resolve("support-bot-techniques.yaml"), Optional.of(KB));
        Path out = dir.resolve("out.yaml");
        Files.writeString(out, DettectWriter.techniques(t));
        TechniqueAdministration back = DettectReader.techniques(out, Optional.of(KB));
        assertThat(back.techniques()).hasSameSizeAs(t.techniques());
        for (TechniqueScores s : t.techniques()) {
            TechniqueScores b = back.technique(s.id()).orElseThrow();
            assertThat(b.detection()).isEqualTo(s.detection());
            assertThat(b.visibility()).isEqualTo(s.visibility());
            assertThat(b.name()).isEqualTo(s.name());
        }
        DataSourceAdministration ds = DettectReader.dataSources(Samples.dir().resolve("support-bot-data-sources.yaml"));
        assertThat(ds.dataSources()).hasSize(3);
        assertThat(ds.dataSources().stream().filter(DataSourceAdministration.DataSource::available))
                .hasSize(2);
        Path dsOut = dir.resolve("ds.yaml");
        Files.writeString(dsOut, DettectWriter.dataSources(ds));
        DataSourceAdministration dsBack = DettectReader.dataSources(dsOut);
        assertThat(dsBack.dataSources())
                .extracting(DataSourceAdministration.DataSource::name)
                .containsExactlyElementsOf(ds.dataSources().stream()
                        .map(DataSourceAdministration.DataSource::name)
                        .toList());
        assertThat(dsBack.dataSources().get(0).entries())
                .isEqualTo(ds.dataSources().get(0).entries());
    }

    @Test
    void flawsNameFileLineAndFieldAndUnknownTechniquesTheNearestMatch() throws Exception {
        Path f = dir.resolve("t.yaml");
        Files.writeString(
                f,
                String.join(
                        "\n",
                        "file_type: technique-administration",
                        "domain: atlas-atlas",
                        "techniques:",
                        "  - technique_id: AML.T0511",
                        "    detection:",
                        "      score_logbook:",
                        "        - {date: 2026-01-01, score: 9}",
                        ""));
        assertThatThrownBy(() -> DettectReader.techniques(f, Optional.of(KB)))
                .isInstanceOf(AtlasDataException.class)
                .hasMessage(
                        f
                                + ":4:19: techniques[0].technique_id: AML.T0511 is not in ATLAS 5.6.0; nearest: AML.T0011 (User Execution)");
        Files.writeString(
                f,
                String.join(
                        "\n",
                        "file_type: technique-administration",
                        "domain: atlas-atlas",
                        "techniques:",
                        "  - technique_id: AML.T0051",
                        "    detection:",
                        "      score_logbook:",
                        "        - {date: 2026-13-01, score: 9}",
                        ""));
        assertThatThrownBy(() -> DettectReader.techniques(f, Optional.of(KB)))
                .hasMessage(
                        f
                                + ":7:18: techniques[0].detection[0].score_logbook[0].date: '2026-13-01' is not a date (YYYY-MM-DD) (and 1 more)");
        Files.writeString(f, "file_type: technique-administration\ndomain: enterprise-attack\ntechniques: []\n");
        assertThatThrownBy(() -> DettectReader.techniques(f, Optional.of(KB)))
                .hasMessage(
                        f
                                + ":2:9: domain: 'enterprise-attack' is not ATLAS; atlas-ops reads DeTT&CT files with domain atlas-atlas (or atlas)");
        Files.writeString(f, "file_type: data-source-administration\ndomain: atlas\n");
        assertThatThrownBy(() -> DettectReader.techniques(f, Optional.of(KB)))
                .hasMessageContaining(
                        "file_type: expected 'technique-administration', found 'data-source-administration'");
        assertThatThrownBy(() -> DettectReader.techniques(dir.resolve("none.yaml"), Optional.of(KB)))
                .isInstanceOf(BadInputException.class)
                .hasMessageContaining("no such file");
    }

    @Test
    void withoutAReleaseAnyTechniqueIdIsKeptForCarryingForward() throws Exception {
        Path f = dir.resolve("old.yaml");
        Files.writeString(
                f, "file_type: technique-administration\ndomain: atlas\ntechniques:\n  - technique_id: AML.T9999\n");
        assertThat(DettectReader.techniques(f, Optional.empty()).techniques())
                .singleElement()
                .satisfies(t -> assertThat(t.id()).isEqualTo(AtlasId.parse("AML.T9999")));
    }
}
