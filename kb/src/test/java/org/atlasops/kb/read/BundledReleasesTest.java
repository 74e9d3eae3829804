package org.atlasops.kb.read;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.atlasops.kb.AtlasId;
import org.atlasops.kb.DataIssue;
import org.atlasops.kb.KnowledgeBase;
import org.atlasops.kb.Technique;
import org.atlasops.kb.validate.Validator;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Every bundled release reads with the counts the release itself has (shared/notes/atlas-data.md §1.2). */
class BundledReleasesTest {
    private static final ReleaseCatalog CATALOG = ReleaseCatalog.bundledOnly();

    @ParameterizedTest(name = "ATLAS {0}")
    @CsvSource({
        // version, format, tactics, parents, subs, mitigations, case studies, steps
        "3.0.0, 3, 12,  36, 27,  0, 15,  90",
        "4.4.0, 4, 12,  40, 27, 19, 17, 106",
        "4.5.0, 4, 14,  46, 36, 19, 22, 134",
        "4.7.0, 4, 14,  52, 39, 26, 26, 163",
        "4.9.1, 4, 15,  68, 47, 26, 32, 225",
        "5.0.0, 4, 15,  75, 55, 26, 33, 229",
        "5.1.0, 4, 16,  84, 56, 32, 42, 315",
        "5.6.0, 4, 16, 101, 69, 35, 57, 449",
    })
    void readsEveryReleaseWithItsOwnCounts(
            String version,
            String format,
            int tactics,
            int parents,
            int subs,
            int mitigations,
            int caseStudies,
            int steps) {
        KnowledgeBase kb = CATALOG.load(version);

        assertThat(kb.version()).isEqualTo(version);
        assertThat(kb.dataFormat()).isEqualTo(format);
        assertThat(kb.tactics()).hasSize(tactics);
        assertThat(kb.techniques().stream().filter(t -> !t.isSubTechnique())).hasSize(parents);
        assertThat(kb.techniques().stream().filter(Technique::isSubTechnique)).hasSize(subs);
        assertThat(kb.mitigations()).hasSize(mitigations);
        assertThat(kb.caseStudies()).hasSize(caseStudies);
        assertThat(kb.caseStudies().stream().mapToInt(c -> c.procedure().size()).sum())
                .isEqualTo(steps);
        assertThat(kb.issues()).noneMatch(i -> i.severity() == DataIssue.Severity.ERROR);
        assertThat(Validator.validate(kb)).as("broken references in " + version).isEmpty();
    }

    @ParameterizedTest(name = "ATLAS {0}")
    @CsvSource({"3.0.0", "4.4.0", "4.5.0", "4.7.0", "4.9.1", "5.0.0", "5.1.0", "5.6.0"})
    void subTechniquesHaveTheirParentsTactics(String version) {
        KnowledgeBase kb = CATALOG.load(version);
        for (Technique sub : kb.techniques()) {
            if (sub.isSubTechnique()) {
                Technique parent = kb.technique(sub.parentId().orElseThrow()).orElseThrow();
                assertThat(sub.tacticIds())
                        .as(sub.id().value())
                        .isEqualTo(parent.tacticIds())
                        .isNotEmpty();
            }
        }
    }

    @ParameterizedTest(name = "ATLAS {0}")
    @CsvSource({"3.0.0", "4.4.0", "4.5.0", "4.7.0", "4.9.1", "5.0.0", "5.1.0", "5.6.0"})
    void tacticsFollowTheMatrixColumnOrder(String version) {
        KnowledgeBase kb = CATALOG.load(version);
        List<AtlasId> order = kb.tactics().stream().map(t -> t.id()).toList();
        assertThat(order).isEqualTo(kb.matrices().get(0).tacticIds());
        assertThat(order.get(0)).isEqualTo(AtlasId.parse("AML.TA0002"));
    }
}
