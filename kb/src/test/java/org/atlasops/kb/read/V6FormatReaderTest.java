package org.atlasops.kb.read;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import org.atlasops.kb.AtlasId;
import org.atlasops.kb.DataIssue;
import org.atlasops.kb.KnowledgeBase;
import org.atlasops.kb.validate.Validator;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The 6.0 reader, tested on a 6.0 document generated from the 5.6.0 release. */
class V6FormatReaderTest {
    private static final KnowledgeBase V5 = ReleaseCatalog.bundledOnly().load("5.6.0");

    private static KnowledgeBase read(String yaml, String name) {
        return AtlasReader.read(new ByteArrayInputStream(yaml.getBytes(StandardCharsets.UTF_8)), name);
    }

    @ParameterizedTest(name = "ATLAS {0} through the 6.0 format")
    @ValueSource(strings = {"3.0.0", "4.4.0", "4.5.0", "4.7.0", "4.9.1", "5.0.0", "5.1.0", "5.6.0"})
    void readsEveryReleaseBackFromTheSixFormat(String version) {
        KnowledgeBase original = ReleaseCatalog.bundledOnly().load(version);
        KnowledgeBase v6 = read(V6Writer.write(original, "2026.04"), "ATLAS-2026.04.yaml");

        assertThat(v6.version()).isEqualTo("2026.04");
        assertThat(v6.dataFormat()).isEqualTo("6.0.0");
        assertThat(v6.issues())
                .filteredOn(i -> i.severity() != DataIssue.Severity.INFO)
                .extracting(DataIssue::message)
                .allMatch(m -> m.contains("is before 'created-date'"));
        assertThat(v6.tactics()).isEqualTo(original.tactics());
        for (int i = 0; i < original.techniques().size(); i++) {
            assertThat(v6.techniques().get(i)).isEqualTo(original.techniques().get(i));
        }
        assertThat(v6.techniques()).hasSameSizeAs(original.techniques());
        assertThat(v6.mitigations()).isEqualTo(original.mitigations());
        assertThat(v6.caseStudies()).isEqualTo(original.caseStudies());
        assertThat(Validator.validate(v6)).isEmpty();
    }

    @Test
    void relationshipBlocksAreNotObjects() {
        KnowledgeBase v6 = read(V6Writer.write(V5, "2026.04"), "x.yaml");
        assertThat(v6.objects()).hasSize(16 + 170 + 35 + 57);
    }

    @Test
    void aMinimalSixDocumentReads() {
        KnowledgeBase kb = read("""
                format-version: 6.0.0
                collection:
                  id: ATLAS-collection
                  version: '2026.05'
                matrix:
                  id: ATLAS-matrix
                tactics:
                  AML.TA0002: {id: AML.TA0002, object-type: tactic, name: Reconnaissance}
                techniques:
                  AML.T0000: {id: AML.T0000, object-type: technique, name: Search, maturity: Realized,
                              platforms: [Predictive AI]}
                  AML.T0000.000: {id: AML.T0000.000, object-type: technique, name: Journals}
                  AML.T0045: {id: AML.T0045, object-type: technique, name: Old, deprecated: true}
                relationships:
                  AML.T0000:
                    achieves: [{source: AML.T0000, target: AML.TA0002}]
                """, "ATLAS-2026.05.yaml");
        assertThat(kb.version()).isEqualTo("2026.05");
        assertThat(kb.technique("AML.T0000.000").orElseThrow().tacticIds())
                .extracting(AtlasId::value)
                .containsExactly("AML.TA0002");
        assertThat(kb.technique("AML.T0000.000").orElseThrow().parentId()).contains(AtlasId.parse("AML.T0000"));
        assertThat(kb.technique("AML.T0000").orElseThrow().platforms()).containsExactly("Predictive AI");
        assertThat(kb.technique("AML.T0000")
                        .orElseThrow()
                        .maturity()
                        .orElseThrow()
                        .label())
                .isEqualTo("realized");
        assertThat(kb.technique("AML.T0045").orElseThrow().deprecated()).isTrue();
        assertThat(kb.technique("AML.T0000").orElseThrow().deprecated()).isFalse();
    }

    @Test
    void aProcedureWhoseStepsFormACycleKeepsItsListOrderAndSaysSo() {
        KnowledgeBase kb = read("""
                format-version: 6.0.0
                collection: {version: '2026.05'}
                tactics:
                  AML.TA0002: {id: AML.TA0002, name: Reconnaissance}
                techniques:
                  AML.T0000: {id: AML.T0000, name: Search}
                  AML.T0001: {id: AML.T0001, name: Other}
                case-studies:
                  AML.CS0000: {id: AML.CS0000, name: Loop, type: Incident, date: '2024-03-01', date-granularity: Month}
                relationships:
                  AML.CS0000:
                    employs:
                    - {source: AML.CS0000, target: AML.T0001, tactic: AML.TA0002, step-id: S01, leads-to: [S00]}
                    - {source: AML.CS0000, target: AML.T0000, tactic: AML.TA0002, step-id: S00, leads-to: [S01]}
                """, "loop.yaml");
        var cs = kb.caseStudy("AML.CS0000").orElseThrow();
        assertThat(cs.procedure()).extracting(s -> s.techniqueId().value()).containsExactly("AML.T0001", "AML.T0000");
        assertThat(cs.incidentDate().orElseThrow().toString()).isEqualTo("2024-03");
        assertThat(cs.caseStudyType()).contains("incident");
        assertThat(kb.issues())
                .extracting(DataIssue::toString)
                .contains("loop.yaml:9:15: warning: AML.CS0000: the "
                        + "'leads-to' links of its procedure form a cycle; steps kept in list order");
    }

    @Test
    void anUnknownFormatVersionIsRefused() {
        assertThatThrownBy(() -> read("format-version: 7.0.0\ncollection: {version: '2027.01'}\n", "f.yaml"))
                .hasMessage("f.yaml:1:17: unsupported format-version '7.0.0'; this reader knows 6.x and the "
                        + "unversioned 3.x-5.x layouts");
    }
}
