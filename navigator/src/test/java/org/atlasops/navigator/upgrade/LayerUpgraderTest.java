package org.atlasops.navigator.upgrade;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.OptionalDouble;
import org.atlasops.kb.KnowledgeBase;
import org.atlasops.kb.Technique;
import org.atlasops.navigator.Fixtures;
import org.atlasops.navigator.Layer;
import org.atlasops.navigator.TechniqueAnnotation;
import org.atlasops.navigator.generate.LayerGenerator;
import org.atlasops.navigator.matrix.AnnotatedMatrix;
import org.atlasops.navigator.matrix.LayerValidator;
import org.junit.jupiter.api.Test;

class LayerUpgraderTest {
    private final KnowledgeBase v470 = Fixtures.release("4.7.0");
    private final KnowledgeBase v560 = Fixtures.atlas();

    @Test
    void a470LayerCarriesEveryAnnotationTo560WithTheRenamedTactics() {
        Layer old = new LayerGenerator(v470).caseStudyFrequency(false);
        assertThat(old.techniques())
                .anyMatch(t -> t.tactic().orElse("").equals("ml-model-access"))
                .anyMatch(t -> t.tactic().orElse("").equals("ml-attack-staging"));

        LayerUpgrader.Result r = new LayerUpgrader(v470, v560).upgrade(old);

        assertThat(r.layer().atlasVersion()).contains("5.6.0");
        assertThat(r.layer().techniques()).noneMatch(t -> t.tactic().orElse("").startsWith("ml-"));
        assertThat(r.changes())
                .extracting(Object::toString)
                .anyMatch(s -> s.startsWith("tactic renamed: AML.T0040 on ml-model-access: \"ml-model-access\" is "
                        + "\"ai-model-access\" in ATLAS 5.6.0"))
                .anyMatch(s -> s.startsWith("tactic renamed:")
                        && s.contains("\"ml-attack-staging\" is \"ai-attack-staging\""));
        assertThat(LayerValidator.validate(r.layer(), v560, "upgraded")).isEmpty();
        assertThat(AnnotatedMatrix.of(r.layer(), v560).unplaced()).isEmpty();
        // nothing lost: every old entry is either carried (to its technique or a named successor) or returned
        for (TechniqueAnnotation t : old.techniques()) {
            boolean carried = r.layer().techniques().stream()
                            .anyMatch(n -> n.techniqueId().equals(t.techniqueId()))
                    || r.changes().stream()
                            .anyMatch(c -> c.kind() == UpgradeChange.Kind.TECHNIQUE_REPLACED
                                    && c.entry().startsWith(t.techniqueId()));
            assertThat(carried || r.notCarried().contains(t)).as(t.key()).isTrue();
        }
        assertThat(r.changes())
                .filteredOn(c -> c.kind() == UpgradeChange.Kind.NOT_CARRIED)
                .hasSize(r.notCarried().size());
    }

    @Test
    void aRenameIsReportedWhateverTheCaseOfTheLayersId() {
        Technique renamed = v470.techniques().stream()
                .filter(old -> v560.technique(old.id())
                        .filter(now -> !now.deprecated() && !now.name().equals(old.name()))
                        .isPresent())
                .findFirst()
                .orElseThrow(() -> new AssertionError("4.7.0 to 5.6.0 renames no technique: pick other releases"));
        String lower = renamed.id().value().toLowerCase(Locale.ROOT);
        Layer old =
                Layer.empty("old", "4.7.0").withTechniques(List.of(TechniqueAnnotation.of(lower, Optional.empty())));

        LayerUpgrader.Result r = new LayerUpgrader(v470, v560).upgrade(old);

        assertThat(r.changes())
                .filteredOn(c -> c.kind() == UpgradeChange.Kind.TECHNIQUE_RENAMED)
                .singleElement()
                .satisfies(c -> assertThat(c.entry()).isEqualTo(renamed.id().value()));
        assertThat(r.layer().techniques())
                .singleElement()
                .satisfies(
                        t -> assertThat(t.techniqueId()).isEqualTo(renamed.id().value()));
    }

    @Test
    void aRemovedTechniqueGoesToItsSuccessor() {
        KnowledgeBase v440 = Fixtures.release("4.4.0");
        Layer old = Layer.empty("old", "4.4.0")
                .withTechniques(List.of(TechniqueAnnotation.of("AML.T0045", Optional.empty())
                        .withScore(OptionalDouble.of(7))
                        .withComment("keep me")));
        List<KnowledgeBase> path = List.of(
                v440,
                Fixtures.release("4.5.0"),
                v470,
                Fixtures.release("4.9.1"),
                Fixtures.release("5.0.0"),
                Fixtures.release("5.1.0"),
                v560);
        LayerUpgrader.Result r = new LayerUpgrader(path).upgrade(old);
        assertThat(r.layer().techniques()).singleElement().satisfies(t -> {
            assertThat(t.techniqueId()).isEqualTo("AML.T0048.004");
            assertThat(t.score()).hasValue(7);
            assertThat(t.comment()).isEqualTo("keep me");
        });
        assertThat(r.changes())
                .extracting(Object::toString)
                .anyMatch(s -> s.startsWith("technique replaced: "
                        + "AML.T0045: AML.T0045 is not in ATLAS 5.6.0; carried to AML.T0048.004"));
    }

    @Test
    void whatCannotBeCarriedIsReturnedWithItsReason() {
        TechniqueAnnotation bogus =
                TechniqueAnnotation.of("AML.T9999", "impact").withComment("mine");
        Layer old = Layer.empty("old", "4.7.0").withTechniques(List.of(bogus));
        LayerUpgrader.Result r = new LayerUpgrader(v470, v560).upgrade(old);
        assertThat(r.layer().techniques()).isEmpty();
        assertThat(r.notCarried()).containsExactly(bogus);
        assertThat(r.changes())
                .extracting(Object::toString)
                .containsExactly("not carried: AML.T9999 on impact: "
                        + "AML.T9999 is in neither ATLAS 4.7.0 nor 5.6.0; re-annotate it by hand");
    }

    @Test
    void anEntryOnATacticItsTechniqueLeftMovesToItsTacticsNow() {
        // AML.T0040 is in ai-model-access; an entry that (wrongly or historically) says impact moves there
        Layer old = Layer.empty("old", "5.6.0")
                .withTechniques(
                        List.of(TechniqueAnnotation.of("AML.T0040", "impact").withScore(OptionalDouble.of(2))));
        LayerUpgrader.Result r = new LayerUpgrader(v560, v560).upgrade(old);
        assertThat(r.layer().techniques())
                .singleElement()
                .satisfies(t -> assertThat(t.tactic()).contains("ai-model-access"));
        assertThat(r.changes())
                .singleElement()
                .satisfies(c -> assertThat(c.kind()).isEqualTo(UpgradeChange.Kind.TACTIC_MOVED));
    }
}
