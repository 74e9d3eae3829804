package org.atlasops.navigator.generate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.stream.Collectors;
import org.atlasops.kb.KnowledgeBase;
import org.atlasops.navigator.Fixtures;
import org.atlasops.navigator.Layer;
import org.atlasops.navigator.LayerException;
import org.atlasops.navigator.TechniqueAnnotation;
import org.atlasops.navigator.format.LayerReader;
import org.atlasops.navigator.matrix.AnnotatedMatrix;
import org.atlasops.navigator.matrix.Cell;
import org.atlasops.navigator.matrix.LayerValidator;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class LayerGeneratorTest {
    private final KnowledgeBase kb = Fixtures.atlas();
    private final LayerGenerator generator = new LayerGenerator(kb);

    /** Score of every cell, keyed "ID^tactic", as the layer draws over the release. */
    private Map<String, Double> scores(Layer layer) {
        return AnnotatedMatrix.of(layer, kb).allCells().stream()
                .filter(c -> c.score().isPresent())
                .collect(Collectors.toMap(
                        c -> c.techniqueId() + "^" + c.tactic().shortname(),
                        c -> c.score().getAsDouble(),
                        (a, b) -> a,
                        TreeMap::new));
    }

    @Test
    void caseStudyFrequencyMatchesMitresOwnLayerCellByCell() {
        Layer ours = generator.caseStudyFrequency(false);
        Layer mitre = LayerReader.read(Fixtures.layer("atlas/default/atlas_case_study_frequency.json"))
                .single();
        assertThat(scores(ours)).isEqualTo(scores(mitre));
        assertThat(LayerValidator.validate(ours, kb, "generated")).isEmpty();
        assertThat(ours.atlasVersion()).contains("5.6.0");
        assertThat(ours.gradient().maxValue()).isEqualTo(20);
    }

    @Test
    void rollUpAddsSubTechniqueStepsToTheParent() {
        Map<String, Double> flat = scores(generator.caseStudyFrequency(false));
        Map<String, Double> rolled = scores(generator.caseStudyFrequency(true));
        // AML.T0051 is mostly used through its sub-techniques .000/.001
        double subs = flat.get("AML.T0051.000^execution")
                + flat.get("AML.T0051.001^execution")
                + flat.getOrDefault("AML.T0051.002^execution", 0.0);
        assertThat(rolled.get("AML.T0051^execution")).isEqualTo(flat.get("AML.T0051^execution") + subs);
        assertThat(rolled.get("AML.T0051.000^execution")).isEqualTo(flat.get("AML.T0051.000^execution"));
    }

    @Test
    void frequencyCommentsNameTheCaseStudies() {
        Cell c = AnnotatedMatrix.of(generator.caseStudyFrequency(false), kb)
                .cell("AML.T0000", "reconnaissance")
                .orElseThrow();
        assertThat(c.comment()).startsWith("Used in AML.CS");
    }

    @ParameterizedTest
    @ValueSource(strings = {"AML.CS0000", "AML.CS0018", "AML.CS0033", "AML.CS0056"})
    void caseStudyLayersColourTheTechniquesMitresLayersColour(String id) {
        Layer ours = generator.caseStudy(id);
        Layer mitre = LayerReader.read(Fixtures.layer("atlas/case-studies/" + id + ".json"))
                .single();
        assertThat(coloured(ours)).isEqualTo(coloured(mitre));
        assertThat(ours.name()).isEqualTo(mitre.name());
        assertThat(ours.metadata()).isEqualTo(mitre.metadata());
        assertThat(LayerValidator.validate(ours, kb, id)).isEmpty();
    }

    private static Set<String> coloured(Layer l) {
        return l.techniques().stream()
                .filter(t -> !t.color().isEmpty())
                .map(TechniqueAnnotation::techniqueId)
                .collect(Collectors.toCollection(java.util.TreeSet::new));
    }

    @Test
    void everyCaseStudyGetsALayer() {
        assertThat(generator.caseStudies()).hasSize(kb.caseStudies().size());
    }

    @Test
    void theMatrixHasEveryTechniqueOnEveryTacticLikeMitres() {
        Layer ours = generator.matrix();
        Layer mitre = LayerReader.read(Fixtures.layer("atlas/default/atlas_layer_matrix.json"))
                .single();
        assertThat(ours.techniques()).hasSameSizeAs(mitre.techniques()).hasSize(180);
        assertThat(AnnotatedMatrix.of(ours, kb).allCells()).allMatch(Cell::annotated);
    }

    @Test
    void maturityScoresOneToThree() {
        Layer l = generator.maturity();
        assertThat(l.techniques()).allSatisfy(t -> {
            if (t.score().isPresent()) {
                assertThat(t.score().getAsDouble()).isBetween(1.0, 3.0);
            }
        });
        assertThat(l.legend()).hasSize(3);
        assertThatThrownBy(() -> new LayerGenerator(Fixtures.release("4.7.0")).maturity())
                .isInstanceOf(LayerException.class)
                .hasMessageContaining("maturity arrived in 5.0");
    }

    @Test
    void searchScoresTheBestMatchAt100() {
        Layer l = generator.search("prompt injection", 10);
        assertThat(scores(l).get("AML.T0051^execution")).isEqualTo(100.0);
        assertThat(l.name()).contains("prompt injection");
        assertThatThrownBy(() -> generator.search("zzqxv", 10)).isInstanceOf(LayerException.class);
    }

    @Test
    void scoresFromCsvWithHeaderAndBadRows() {
        String csv = """
                techniqueID,tactic,score,comment
                AML.T0051,,80,"prompt injection, all tactics"
                AML.T0040,ai-model-access,55,
                AML.T9999,,10,unknown
                AML.T0043,,lots,not a number
                AML.T0043,exfiltration,5,wrong tactic
                """;
        ScoreList.Parsed p = ScoreList.parse(csv, "s.csv", kb);
        assertThat(p.entries()).hasSize(2);
        assertThat(p.issues())
                .extracting(Object::toString)
                .containsExactly(
                        "s.csv:4: error: \"AML.T9999\" is not a technique of ATLAS 5.6.0; left out",
                        "s.csv:5: error: score \"lots\" of AML.T0043 is not a number; left out",
                        "s.csv:6: error: tactic \"exfiltration\" is not a tactic of AML.T0043 in ATLAS 5.6.0; left out");
        Layer l = generator.scores("mine", p.entries());
        assertThat(scores(l))
                .containsEntry("AML.T0051^execution", 80.0)
                .containsEntry("AML.T0040^ai-model-access", 55.0);
        assertThat(p.entries().get(0).comment()).isEqualTo("prompt injection, all tactics");
    }

    @Test
    void scoresFromJsonArrayOrMap() {
        assertThat(ScoreList.parse("{\"AML.T0051\": 80, \"AML.T0040\": 3}", "m.json", kb)
                        .entries())
                .hasSize(2);
        assertThat(ScoreList.parse("[{\"id\": \"AML.T0051\", \"score\": 1}]", "a.json", kb)
                        .entries())
                .hasSize(1);
        assertThatThrownBy(() -> ScoreList.parse("[{\"id\": \"X\", \"score\": 1}]", "x.json", kb))
                .isInstanceOf(LayerException.class)
                .hasMessageContaining("no usable technique score");
    }
}
