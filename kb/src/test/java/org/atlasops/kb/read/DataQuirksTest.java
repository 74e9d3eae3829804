package org.atlasops.kb.read;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import org.atlasops.kb.AtlasId;
import org.atlasops.kb.DataIssue;
import org.atlasops.kb.IncidentDate;
import org.atlasops.kb.KnowledgeBase;
import org.atlasops.kb.Markdown;
import org.atlasops.kb.Maturity;
import org.atlasops.kb.Mitigation;
import org.atlasops.kb.TechniqueUse;
import org.junit.jupiter.api.Test;

/** Real data has flaws; each is handled visibly (shared/notes/atlas-data.md "Data quirks in 5.6.0"). */
class DataQuirksTest {
    private static final KnowledgeBase KB = ReleaseCatalog.bundledOnly().load("5.6.0");

    static KnowledgeBase read(String yaml, String name) {
        return AtlasReader.read(new ByteArrayInputStream(yaml.getBytes(StandardCharsets.UTF_8)), name);
    }

    @Test
    void recoversMitigationLinksMisplacedInsideTheLifecycleList() {
        for (String id : new String[] {"AML.M0018", "AML.M0034"}) {
            Mitigation m = KB.mitigation(id).orElseThrow();
            assertThat(m.mitigates(AtlasId.parse("AML.T0052.001"))).as(id).isTrue();
            assertThat(m.lifecycleStages()).allMatch(s -> !s.contains("AML."));
            assertThat(KB.issues())
                    .filteredOn(i -> i.objectId().equals(id))
                    .extracting(DataIssue::message)
                    .containsExactly("technique link AML.T0052.001 found inside 'ml-lifecycle' (misplaced in the "
                            + "data); recovered as a mitigation link");
        }
        assertThat(KB.mitigation("AML.M0018").orElseThrow().lifecycleStages()).hasSize(6);
    }

    @Test
    void mergesDuplicateMappingEntries() {
        for (String id : new String[] {"AML.M0002", "AML.M0004"}) {
            Mitigation m = KB.mitigation(id).orElseThrow();
            assertThat(m.techniques().stream()
                            .map(TechniqueUse::techniqueId)
                            .filter(AtlasId.parse("AML.T0043.001")::equals))
                    .hasSize(1);
            assertThat(KB.issues())
                    .filteredOn(i -> i.objectId().equals(id))
                    .extracting(DataIssue::severity, DataIssue::message)
                    .anySatisfy(t -> assertThat(t.toList())
                            .containsExactly(
                                    DataIssue.Severity.WARNING,
                                    "maps AML.T0043.001 twice; merged into one entry (both 'use' texts kept)"));
        }
        int links =
                KB.mitigations().stream().mapToInt(m -> m.techniques().size()).sum();
        assertThat(links)
                .as("246 entries, 2 duplicates merged, 2 misplaced links recovered")
                .isEqualTo(246);
    }

    @Test
    void theVersionFieldWinsOverTheFileName() {
        KnowledgeBase kb = read("""
                id: ATLAS
                name: test
                version: 4.0.0
                matrices:
                - id: ATLAS
                  name: ATLAS Matrix
                  tactics: []
                  techniques: []
                """, "ATLAS-4.0.1.yaml");
        assertThat(kb.version()).isEqualTo("4.0.0");
        assertThat(kb.issues())
                .extracting(DataIssue::toString)
                .containsExactly(
                        "ATLAS-4.0.1.yaml:3:10: warning: the file name says 4.0.1 but the 'version' field says 4.0.0; "
                                + "the field wins (release 4.0.0)");
    }

    @Test
    void unknownKeysAreIgnoredAndReportedOnce() {
        KnowledgeBase kb = read("""
                id: ATLAS
                version: 9.9.9
                matrices:
                - id: ATLAS
                  name: ATLAS Matrix
                  tactics:
                  - id: AML.TA0002
                    name: Reconnaissance
                    colour: blue
                  - id: AML.TA0003
                    name: Resource Development
                    colour: red
                  techniques: []
                """, "x.yaml");
        assertThat(kb.tactics()).hasSize(2);
        assertThat(kb.issues())
                .extracting(DataIssue::toString)
                .containsExactly(
                        "x.yaml:9:13: info: AML.TA0002: unknown key 'colour' ignored on 2 tactics (this reader does not use it)");
    }

    @Test
    void readsTheFieldsOfEachObjectType() {
        var t = KB.technique("aml.t0051.000").orElseThrow();
        assertThat(t.name()).isEqualTo("Direct");
        assertThat(t.parentId()).contains(AtlasId.parse("AML.T0051"));
        assertThat(t.maturity()).isPresent();
        assertThat(KB.technique("AML.T0015").orElseThrow().tacticIds())
                .extracting(AtlasId::value)
                .containsExactly("AML.TA0004", "AML.TA0007", "AML.TA0011");
        assertThat(KB.tactic("AML.TA0002")
                        .orElseThrow()
                        .attackReference()
                        .orElseThrow()
                        .id())
                .isEqualTo("TA0043");
        assertThat(KB.tactic("AML.TA0000").orElseThrow().attackReference()).isEmpty();
        assertThat(KB.tactic("AML.TA0000").orElseThrow().shortname()).isEqualTo("ai-model-access");
        assertThat(KB.technique("AML.T0000").orElseThrow().created()).contains(LocalDate.of(2021, 5, 13));
        assertThat(KB.techniques().stream().filter(x -> x.maturity().isPresent()))
                .hasSize(170);
        assertThat(KB.techniques().stream().filter(x -> x.maturity().orElseThrow() == Maturity.FEASIBLE))
                .hasSize(17);

        Mitigation m = KB.mitigation("AML.M0000").orElseThrow();
        assertThat(m.categories()).isNotEmpty();
        assertThat(m.techniques().get(0).use()).isNotBlank();

        var cs = KB.caseStudy("AML.CS0000").orElseThrow();
        assertThat(cs.incidentDate())
                .contains(new IncidentDate(LocalDate.of(2020, 1, 1), IncidentDate.Granularity.YEAR));
        assertThat(cs.incidentDate().orElseThrow().toString()).isEqualTo("2020");
        assertThat(cs.caseStudyType()).contains("exercise");
        assertThat(cs.procedure().get(0).tacticId().value()).startsWith("AML.TA");
        assertThat(KB.caseStudies().stream().filter(c -> c.reporter().isPresent()))
                .hasSize(16);
        assertThat(KB.caseStudy("AML.CS0002").orElseThrow().references()).isEmpty();
    }

    @Test
    void threeXReporterWasCalledReportedBy() {
        KnowledgeBase v3 = ReleaseCatalog.bundledOnly().load("3.0.0");
        assertThat(v3.caseStudy("AML.CS0000").orElseThrow().reporter())
                .contains("Palo Alto Networks (Network Security AI Research Team)");
        assertThat(v3.issues()).noneMatch(i -> i.message().contains("reported-by"));
    }

    @Test
    void fourFourMitigationTagsAreLifecycleStages() {
        KnowledgeBase kb = ReleaseCatalog.bundledOnly().load("4.4.0");
        assertThat(kb.mitigation("AML.M0000").orElseThrow().lifecycleStages()).containsExactly("Model Agnostic");
    }

    @Test
    void siteRelativeLinksResolveToTheAtlasSite() {
        assertThat(Markdown.resolveLinks("see [Prompt Injection](/techniques/AML.T0051) and [x](https://a.b/c)"))
                .isEqualTo(
                        "see [Prompt Injection](https://atlas.mitre.org/techniques/AML.T0051) and [x](https://a.b/c)");
    }
}
