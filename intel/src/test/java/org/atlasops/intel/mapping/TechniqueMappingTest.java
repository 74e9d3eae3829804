package org.atlasops.intel.mapping;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.atlasops.intel.incident.Samples;
import org.junit.jupiter.api.Test;

class TechniqueMappingTest {
    @Test
    void everyTechniqueOfTheTableIsInTheDefaultRelease() {
        assertThat(TechniqueMapping.shipped().unknownIn(Samples.KB)).isEmpty();
        assertThat(TechniqueMapping.shipped().rows())
                .extracting(TechniqueMapping.Row::kind)
                .contains("sep", "lifecycle", "cwe", "odin", "garak", "phrase");
    }

    @Test
    void lifecycleCodesCountOnlyForSecurityRisks() {
        Evidence ethics = new Evidence(
                List.of(), List.of("L03: Data Preparation"), List.of("Ethics"), List.of(), List.of(), List.of(), "");
        Evidence security = new Evidence(
                List.of(), List.of("L03: Data Preparation"), List.of("Security"), List.of(), List.of(), List.of(), "");
        assertThat(TechniqueMapping.shipped().suggest(ethics, Samples.KB)).isEmpty();
        assertThat(TechniqueMapping.shipped().suggest(security, Samples.KB))
                .singleElement()
                .satisfies(s -> assertThat(s.technique().value()).isEqualTo("AML.T0020"));
    }

    @Test
    void theMostSpecificOdinKeyWins() {
        Evidence e = new Evidence(
                List.of(), List.of(), List.of(), List.of(), List.of("Language/Code and Encode"), List.of(), "");
        assertThat(TechniqueMapping.shipped().suggest(e, Samples.KB))
                .extracting(s -> s.technique().value())
                .containsExactly("AML.T0068", "AML.T0054");
    }

    @Test
    void phrasesMatchWholeWords() {
        assertThat(TechniqueMapping.shipped().suggest(Evidence.ofText("The pickled cucumbers"), Samples.KB))
                .isEmpty();
        assertThat(TechniqueMapping.shipped().suggest(Evidence.ofText("a pickle file"), Samples.KB))
                .isNotEmpty();
    }
}
