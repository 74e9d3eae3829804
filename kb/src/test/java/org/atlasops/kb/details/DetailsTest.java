package org.atlasops.kb.details;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import org.atlasops.kb.AtlasId;
import org.atlasops.kb.KnowledgeBase;
import org.atlasops.kb.json.ObjectJson;
import org.atlasops.kb.read.ReleaseCatalog;
import org.junit.jupiter.api.Test;

class DetailsTest {
    private static final KnowledgeBase KB = ReleaseCatalog.bundledOnly().load("5.6.0");
    private static final Details DETAILS = Details.of(KB);

    private static ObjectDetails of(String id) {
        return DETAILS.find(AtlasId.parse(id)).orElseThrow();
    }

    @Test
    void aTechniquesStepsIncludeItsSubTechniquesEachNamingTheIdItUsed() {
        TechniqueDetails t = (TechniqueDetails) of("AML.T0051");
        assertThat(t.caseStudySteps())
                .extracting(s -> s.step().technique().id().value())
                .contains("AML.T0051", "AML.T0051.000", "AML.T0051.001")
                .allMatch(id -> id.startsWith("AML.T0051"));
        TechniqueDetails sub = (TechniqueDetails) of("AML.T0051.000");
        assertThat(sub.caseStudySteps())
                .isNotEmpty()
                .allMatch(s -> s.step().technique().id().value().equals("AML.T0051.000"));
        assertThat(t.caseStudySteps()).hasSizeGreaterThan(sub.caseStudySteps().size());
        assertThat(sub.parent()).map(Related::id).contains(AtlasId.parse("AML.T0051"));
        assertThat(t.caseStudyCount()).isLessThanOrEqualTo(t.caseStudySteps().size());
    }

    @Test
    void mitigationsCarryTheirUseTextForThisTechnique() {
        TechniqueDetails t = (TechniqueDetails) of("AML.T0051");
        assertThat(t.mitigations()).hasSize(6).allMatch(m -> !m.use().isBlank());
        assertThat(t.mitigations().get(0).use()).startsWith("Use access controls in production");
    }

    @Test
    void relatedIdsAreEveryOtherObjectNamedOnce() {
        TechniqueDetails t = (TechniqueDetails) of("AML.T0051");
        assertThat(t.relatedIds())
                .doesNotContain(t.object().id())
                .contains(AtlasId.parse("AML.TA0005"), AtlasId.parse("AML.T0051.002"), AtlasId.parse("AML.M0019"));
        CaseStudyDetails cs = (CaseStudyDetails) of("AML.CS0000");
        assertThat(cs.tacticColumns())
                .extracting(Related::id)
                .containsAll(cs.procedure().stream()
                        .map(s -> s.tactic().id())
                        .distinct()
                        .toList());
        assertThat(cs.procedure()).extracting(Step::number).startsWith(1, 2);
    }

    @Test
    void theJsonMappingNamesTheSameObjects() {
        JsonNode n = ObjectJson.tree(ObjectJson.details(of("AML.T0051")));
        assertThat(n.get("id").asText()).isEqualTo("AML.T0051");
        assertThat(n.get("tactics").get(0).asText()).isEqualTo("AML.TA0005");
        assertThat(n.get("subtechniques").get(0).get("id").asText()).isEqualTo("AML.T0051.000");
        assertThat(n.get("mitigations").get(0).has("use")).isTrue();
        assertThat(n.get("case_studies"))
                .hasSize(((TechniqueDetails) of("AML.T0051")).caseStudySteps().size());
        assertThat(n.get("crosswalk")).anyMatch(e -> e.get("id").asText().equals("LLM01:2025"));
        JsonNode m = ObjectJson.tree(ObjectJson.details(of("AML.M0018")));
        assertThat(m.get("techniques"))
                .anyMatch(u -> u.get("id").asText().equals("AML.T0052.001") && u.has("use") && u.has("name"));
    }
}
