package org.atlasops.navigator.combine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalDouble;
import org.atlasops.kb.KnowledgeBase;
import org.atlasops.navigator.Fixtures;
import org.atlasops.navigator.Layer;
import org.atlasops.navigator.LayerException;
import org.atlasops.navigator.LegendItem;
import org.atlasops.navigator.TechniqueAnnotation;
import org.atlasops.navigator.format.LayerReader;
import org.atlasops.navigator.generate.LayerGenerator;
import org.atlasops.navigator.matrix.AnnotatedMatrix;
import org.atlasops.navigator.matrix.Cell;
import org.junit.jupiter.api.Test;

class LayerCombinerTest {
    private final KnowledgeBase kb = Fixtures.atlas();
    private final LayerCombiner combiner = new LayerCombiner(kb);

    private static Layer layer(String name, TechniqueAnnotation... entries) {
        return Layer.empty(name, "5.6.0").withTechniques(List.of(entries));
    }

    private static TechniqueAnnotation scored(String id, String tactic, double score) {
        return TechniqueAnnotation.of(id, Optional.ofNullable(tactic)).withScore(OptionalDouble.of(score));
    }

    private OptionalDouble score(Layer l, String id, String tactic) {
        return AnnotatedMatrix.of(l, kb).cell(id, tactic).map(Cell::score).orElseThrow();
    }

    @Test
    void missingCountsAsZeroUnlessEveryLayerMissesIt() {
        Layer a = layer("A", scored("AML.T0051", "execution", 10), scored("AML.T0040", null, 5));
        Layer b = layer(
                "B",
                scored("AML.T0051", "execution", 3),
                TechniqueAnnotation.of("AML.T0043", Optional.empty()).withComment("unscored"));
        Layer c = combiner.combine(List.of(a, b), "a+b").layer();
        assertThat(score(c, "AML.T0051", "execution")).hasValue(13);
        assertThat(score(c, "AML.T0040", "ai-model-access")).hasValue(5);
        assertThat(score(c, "AML.T0043", "ai-attack-staging")).isEmpty();
        assertThat(score(c, "AML.T0000", "reconnaissance")).isEmpty();
    }

    @Test
    void aDivisionByZeroIsOneWarningForTheExpressionNotOnePerCell() {
        Layer a = layer("A", scored("AML.T0051", "execution", 0), scored("AML.T0040", null, 0));
        LayerCombiner.Result r = combiner.combine(List.of(a), "a / 0");
        assertThat(r.issues()).hasSize(1);
        assertThat(r.issues().get(0).message()).contains("division by zero", "2 cell(s)");
        assertThat(score(r.layer(), "AML.T0051", "execution")).isEmpty();
    }

    @Test
    void onlyReferencedLayersCount() {
        Layer a = layer("A", scored("AML.T0051", "execution", 10));
        Layer b = layer("B", scored("AML.T0040", null, 5));
        Layer c = combiner.combine(List.of(a, b), "b*2").layer();
        assertThat(score(c, "AML.T0040", "ai-model-access")).hasValue(10);
        assertThat(score(c, "AML.T0051", "execution")).isEmpty();
    }

    @Test
    void aConstantExpressionScoresEveryCell() {
        Layer c = combiner.combine(List.of(layer("A")), "50").layer();
        List<Cell> cells = AnnotatedMatrix.of(c, kb).allCells();
        assertThat(cells)
                .isNotEmpty()
                .allSatisfy(cell -> assertThat(cell.score()).hasValue(50));
    }

    @Test
    void comparisonsGiveOneOrZeroAndABlueGradient() {
        Layer a = layer("A", scored("AML.T0051", "execution", 10), scored("AML.T0040", null, 1));
        Layer c = combiner.combine(List.of(a), "a > 5").layer();
        assertThat(score(c, "AML.T0051", "execution")).hasValue(1);
        assertThat(score(c, "AML.T0040", "ai-model-access")).hasValue(0);
        assertThat(c.gradient().colors()).containsExactly("#ffffff00", "#66b1ff");
    }

    @Test
    void inheritsCommentsAndColoursPerCellAndTheLegendWhole() {
        Layer a = layer(
                "A", scored("AML.T0051", "execution", 10).withComment("from a").withColor("#ff0000"));
        Layer b = layer("B", scored("AML.T0051", "execution", 1).withComment("from b"))
                .withLegend(List.of(new LegendItem("b's legend", "#00ff00")));
        Layer c = combiner.combine(
                        List.of(a, b), "a+b", Map.of(Inherit.COMMENTS, 1, Inherit.COLORS, 0, Inherit.LEGEND, 1), "mine")
                .layer();
        Cell cell = AnnotatedMatrix.of(c, kb).cell("AML.T0051", "execution").orElseThrow();
        assertThat(cell.comment()).isEqualTo("from b");
        assertThat(cell.annotation().orElseThrow().color()).isEqualTo("#ff0000");
        assertThat(c.legend()).containsExactly(new LegendItem("b's legend", "#00ff00"));
        assertThat(c.name()).isEqualTo("mine");
    }

    @Test
    void thirtyLayersCombineWhereTheNavigatorStopsAtTwelve() {
        List<Layer> layers = new ArrayList<>();
        for (int i = 0; i < 30; i++) {
            layers.add(layer("L" + i, scored("AML.T0051", "execution", i)));
        }
        Layer c = combiner.combine(layers, "sum(a..ad)").layer();
        assertThat(score(c, "AML.T0051", "execution")).hasValue(435);
    }

    @Test
    void realLayersCombine() {
        Layer frequency = LayerReader.read(Fixtures.layer("atlas/default/atlas_case_study_frequency.json"))
                .single();
        Layer cs = new LayerGenerator(kb).caseStudy("AML.CS0000");
        LayerCombiner.Result r = combiner.combine(List.of(frequency, cs), "a+b");
        assertThat(r.issues()).isEmpty();
        assertThat(score(r.layer(), "AML.T0000", "reconnaissance")).hasValue(8);
        // a sub-technique annotated makes its parent show its subs
        assertThat(r.layer().techniques()).anyMatch(t -> t.techniqueId().equals("AML.T0000") && t.showSubtechniques());
    }

    @Test
    void aVariableBeyondTheLayersIsAnError() {
        assertThatThrownBy(() -> combiner.combine(List.of(layer("A")), "a+c"))
                .isInstanceOf(LayerException.class)
                .hasMessageContaining("c, which names layer 3, but 1 layer(s)");
    }

    @Test
    void entriesForAnotherReleaseAreReportedNotDropped() {
        Layer old = Layer.empty("old", "4.7.0").withTechniques(List.of(scored("AML.T0040", "ml-model-access", 3)));
        LayerCombiner.Result r = combiner.combine(List.of(old), "a");
        assertThat(r.issues())
                .extracting(Object::toString)
                .anyMatch(s -> s.contains("is for ATLAS 4.7.0"))
                .anyMatch(s -> s.contains("AML.T0040 on ml-model-access: warning: names no cell"));
    }
}
