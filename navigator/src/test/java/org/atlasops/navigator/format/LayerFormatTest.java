package org.atlasops.navigator.format;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.atlasops.navigator.Fixtures;
import org.atlasops.navigator.Layer;
import org.atlasops.navigator.LayerException;
import org.atlasops.navigator.LayerIssue;
import org.atlasops.navigator.Layout;
import org.atlasops.navigator.MetadataItem;
import org.atlasops.navigator.Sorting;
import org.atlasops.navigator.TechniqueAnnotation;
import org.atlasops.navigator.Versions;
import org.atlasops.navigator.matrix.LayerValidator;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

class LayerFormatTest {
    static Stream<Path> atlasLayers() {
        return Fixtures.layerFiles("atlas").stream();
    }

    static Stream<Path> allLayers() {
        return Fixtures.layerFiles("").stream();
    }

    @ParameterizedTest
    @MethodSource("atlasLayers")
    void everyShippedAtlasLayerLoadsCleanlyAndReadsBackEqual(Path file) {
        LayerFile read = LayerReader.read(file);
        assertThat(read.issues()).noneMatch(i -> i.severity() != LayerIssue.Severity.INFO);
        Layer layer = read.single();
        assertThat(LayerValidator.validate(layer, Fixtures.atlas(), file.toString()))
                .isEmpty();

        String written = LayerWriter.toJson(layer);
        Layer back = LayerReader.readString(written, "written").single();
        assertThat(back.versions()).isEqualTo(Versions.CURRENT);
        assertThat(back).isEqualTo(layer.withVersions(Versions.CURRENT));
        // writing is stable: a second round gives the same text
        assertThat(LayerWriter.toJson(back)).isEqualTo(written);
    }

    @ParameterizedTest
    @MethodSource("allLayers")
    void everyShippedLayerReads(Path file) {
        LayerFile read = LayerReader.read(file);
        assertThat(read.layers()).isNotEmpty();
        assertThat(read.issues()).noneMatch(i -> i.severity() == LayerIssue.Severity.ERROR);
    }

    @Test
    void duplicateEntriesOfACaseStudyLayerAreMergedWithANote() {
        LayerFile read = LayerReader.read(Fixtures.layer("atlas/case-studies/AML.CS0018.json"));
        List<TechniqueAnnotation> impact = read.single().techniques().stream()
                .filter(t -> t.techniqueId().equals("AML.T0048")
                        && t.tactic().orElse("").equals("impact"))
                .toList();
        assertThat(impact).hasSize(1);
        // the second entry colours the parent; the first asked to show its subs: both survive the merge
        assertThat(impact.get(0).color()).isEqualTo("#C8E6C9");
        assertThat(impact.get(0).showSubtechniques()).isTrue();
        assertThat(read.issues()).anyMatch(i -> i.message().contains("AML.T0048 on impact appears 2 times"));
    }

    @Test
    void atlasMetadataAndDefaultsAreRead() {
        Layer l = LayerReader.read(Fixtures.layer("atlas/default/atlas_case_study_frequency.json"))
                .single();
        assertThat(l.domain()).isEqualTo("atlas-atlas");
        assertThat(l.atlasVersion()).contains("5.6.0");
        assertThat(l.versions().layer()).isEqualTo("4.3");
        assertThat(l.gradient().colors()).containsExactly("#FFFFFF", "#F44336");
        assertThat(l.gradient().maxValue()).isEqualTo(57);
        assertThat(l.techniques())
                .filteredOn(
                        t -> t.techniqueId().equals("AML.T0000") && t.tactic().isPresent())
                .singleElement()
                .satisfies(t -> assertThat(t.score()).hasValue(8));
    }

    @Test
    void legacyLayer30IsRead() {
        Layer l = LayerReader.read(Fixtures.layer("attack-navigator-samples/Bear_APT.json"))
                .single();
        assertThat(l.versions().layer()).isEqualTo("3.0");
        assertThat(l.domain()).isEqualTo("enterprise-attack");
        assertThat(l.techniques()).isNotEmpty();
    }

    @Test
    void aSpec45ArrayOfLayersReadsAsTwo() {
        LayerFile f = LayerReader.read(
                Fixtures.layer("attack-navigator-samples/spec-v4.5-examples/example-multi-layer-list.json"));
        assertThat(f.layers()).hasSize(2);
        assertThatThrownBy(f::single).isInstanceOf(LayerException.class).hasMessageContaining("holds 2 layers");
        String written = LayerWriter.toJson(f.layers());
        assertThat(LayerReader.readString(written, "w").layers()).hasSize(2);
    }

    @Test
    void spec45SingleLayerKeepsEveryField() {
        Layer l = LayerReader.read(
                        Fixtures.layer("attack-navigator-samples/spec-v4.5-examples/example-single-layer.json"))
                .single();
        assertThat(l.platforms()).containsExactly("Windows", "macOS");
        assertThat(l.view().sorting()).isEqualTo(Sorting.SCORE_ASCENDING);
        assertThat(l.view().layout().expandedSubtechniques()).isEqualTo(Layout.Expansion.ANNOTATED);
        assertThat(l.view().layout().showAggregateScores()).isTrue();
        assertThat(l.view().selectTechniquesAcrossTactics()).isFalse();
        assertThat(l.metadata()).hasSize(3).element(1).isInstanceOf(MetadataItem.Divider.class);
        TechniqueAnnotation t1078 = l.techniques().stream()
                .filter(t -> t.techniqueId().equals("T1078"))
                .findFirst()
                .orElseThrow();
        assertThat(t1078.enabled()).isFalse();
        assertThat(t1078.tactic()).contains("discovery");
        Layer back = LayerReader.readString(LayerWriter.toJson(l), "w").single();
        assertThat(back)
                .isEqualTo(l.withVersions(
                        new Versions("4.5", java.util.Optional.of("5.1.0"), java.util.Optional.of("13"))));
    }

    @Test
    void badValuesAreReportedWithTheirPlaceAndTheRestIsKept() {
        String json = """
                {"name": "x", "domain": "atlas-atlas", "versions": {"layer": "4.5"},
                 "techniques": [
                   {"techniqueID": "AML.T0051", "score": "high"},
                   {"score": 3},
                   "AML.T0000",
                   {"techniqueID": "AML.T0043", "score": "12", "enabled": "no"},
                   {"techniqueID": "AML.T0040", "score": 40}
                 ],
                 "sorting": 9, "layout": {"layout": "diagonal"}, "legendItems": [{"label": "x"}]}
                """;
        LayerFile f = LayerReader.readString(json, "bad.json");
        Layer l = f.single();
        assertThat(l.techniques())
                .extracting(TechniqueAnnotation::techniqueId)
                .containsExactly("AML.T0051", "AML.T0043", "AML.T0040");
        assertThat(l.techniques().get(0).score()).isEmpty();
        assertThat(l.techniques().get(1).score()).hasValue(12);
        assertThat(f.issues())
                .extracting(LayerIssue::toString)
                .anySatisfy(s -> assertThat(s)
                        .startsWith("bad.json: techniques[0] (AML.T0051).score: error: \"high\" is not a number"));
        assertThat(f.issues())
                .extracting(LayerIssue::toString)
                .anyMatch(s -> s.startsWith("bad.json: techniques[1]: error:") && s.contains("no techniqueID"))
                .anyMatch(s -> s.startsWith("bad.json: techniques[2]: error: is a string"))
                .anyMatch(s -> s.contains("techniques[3] (AML.T0043).score: warning"))
                .anyMatch(s -> s.contains("techniques[3] (AML.T0043).enabled: error"))
                .anyMatch(s -> s.contains("sorting: error"))
                .anyMatch(s -> s.contains("layout.layout: error"))
                .anyMatch(s -> s.contains("legendItems[0]: error"));
    }

    @Test
    void fatalInputIsRefusedWithThePlace() {
        assertThatThrownBy(() -> LayerReader.readString("{\"name\": \"a\",\n \"name\": \"b\"}", "dup.json"))
                .isInstanceOf(LayerException.class)
                .hasMessageStartingWith("dup.json:2:")
                .hasMessageContaining("name");
        assertThatThrownBy(() -> LayerReader.readString("[1, 2", "cut.json"))
                .isInstanceOf(LayerException.class)
                .hasMessageStartingWith("cut.json:1:");
        assertThatThrownBy(() -> LayerReader.readString("42", "n.json"))
                .isInstanceOf(LayerException.class)
                .hasMessageContaining("is a number");
        assertThatThrownBy(() -> LayerReader.readString("{\"foo\": 1}", "o.json"))
                .isInstanceOf(LayerException.class)
                .hasMessageContaining("not a Navigator layer");
        assertThatThrownBy(() -> LayerReader.readString("[".repeat(200) + "]".repeat(200), "deep.json"))
                .isInstanceOf(LayerException.class)
                .hasMessageStartingWith("deep.json:");
    }
}
