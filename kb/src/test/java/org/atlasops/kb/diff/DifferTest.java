package org.atlasops.kb.diff;

import static org.assertj.core.api.Assertions.assertThat;

import org.atlasops.kb.AtlasId;
import org.atlasops.kb.KnowledgeBase;
import org.atlasops.kb.ObjectType;
import org.atlasops.kb.read.ReleaseCatalog;
import org.junit.jupiter.api.Test;

/** Diffs of real release pairs, checked against the data by hand for a few objects. */
class DifferTest {
    private static final ReleaseCatalog CATALOG = ReleaseCatalog.bundledOnly();

    @Test
    void mlToAiTacticRenamesBetween470And500() {
        ReleaseDiff d = Differ.diff(CATALOG.load("4.7.0"), CATALOG.load("5.0.0"));
        assertThat(d.oldVersion()).isEqualTo("4.7.0");
        assertThat(d.newVersion()).isEqualTo("5.0.0");
        ObjectChange ta0000 = d.change("AML.TA0000").orElseThrow();
        assertThat(ta0000.renamed()).isTrue();
        assertThat(ta0000.oldName()).isEqualTo("ML Model Access");
        assertThat(ta0000.newName()).isEqualTo("AI Model Access");
        assertThat(d.change("AML.TA0001").orElseThrow().newName()).isEqualTo("AI Attack Staging");
        // 39 tactics, techniques and mitigations, and one case study (counted with PyYAML)
        assertThat(d.changes().stream().filter(ObjectChange::renamed)).hasSize(40);
        assertThat(d.changes().stream().filter(c -> c.kind() == ObjectChange.Kind.ADDED))
                .hasSize(40 + 7);
        assertThat(d.changes().stream().filter(c -> c.kind() == ObjectChange.Kind.REMOVED))
                .isEmpty();
        assertThat(d.of(ObjectType.TACTIC, ObjectChange.Kind.ADDED))
                .extracting(c -> c.id().value())
                .containsExactly("AML.TA0014");
    }

    @Test
    void techniqueRemovedBetween440And450BecameASubTechnique() {
        ReleaseDiff d = Differ.diff(CATALOG.load("4.4.0"), CATALOG.load("4.5.0"));
        ObjectChange t0045 = d.change("AML.T0045").orElseThrow();
        assertThat(t0045.kind()).isEqualTo(ObjectChange.Kind.REMOVED);
        assertThat(t0045.oldName()).isEqualTo("ML Intellectual Property Theft");
        assertThat(d.successors()).containsEntry(AtlasId.parse("AML.T0045"), AtlasId.parse("AML.T0048.004"));
        assertThat(d.of(ObjectType.TACTIC, ObjectChange.Kind.ADDED))
                .extracting(c -> c.id().value())
                .containsExactly("AML.TA0012", "AML.TA0013");
    }

    @Test
    void mitigationMappingAndProcedureChangesAreItemised() {
        ReleaseDiff d = Differ.diff(CATALOG.load("4.7.0"), CATALOG.load("5.6.0"));
        ObjectChange m0018 = d.change("AML.M0018").orElseThrow();
        assertThat(m0018.field("techniques").orElseThrow().added()).contains("AML.T0052.001");
        assertThat(d.changes()).anySatisfy(c -> assertThat(c.field("procedure")).isPresent());
        assertThat(d.changes()).anySatisfy(c -> assertThat(c.field("tactics")).isPresent());
    }

    @Test
    void aReleaseEqualsItself() {
        KnowledgeBase kb = CATALOG.load("5.6.0");
        assertThat(Differ.diff(kb, kb).isEmpty()).isTrue();
    }
}
