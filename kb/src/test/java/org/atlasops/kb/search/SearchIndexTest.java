package org.atlasops.kb.search;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.atlasops.kb.read.ReleaseCatalog;
import org.junit.jupiter.api.Test;

class SearchIndexTest {
    private static final SearchIndex INDEX =
            SearchIndex.of(ReleaseCatalog.bundledOnly().load("5.6.0"));

    private static List<String> ids(String query, int n) {
        return INDEX.search(query, n).stream().map(h -> h.object().id().value()).toList();
    }

    @Test
    void promptInjectionPutsTheTechniqueFirst() {
        assertThat(ids("prompt injection", 5).get(0)).isEqualTo("AML.T0051");
        assertThat(ids("prompt injection", 8)).contains("AML.T0051.000", "AML.T0051.001", "AML.T0051.002");
    }

    @Test
    void typosStillFindIt() {
        assertThat(ids("promt injecton", 3)).contains("AML.T0051");
        assertThat(ids("jailbrek", 3)).contains("AML.T0054");
    }

    @Test
    void modelExtractionFindsTheExtractionTechniques() {
        List<String> top = ids("model extraction", 5);
        assertThat(top).contains("AML.T0024.002");
    }

    @Test
    void wordFamiliesTheStemmerSplitsStillMeet() {
        assertThat(ids("model inversion", 1)).containsExactly("AML.T0024.001");
        assertThat(ids("membership inference", 1)).containsExactly("AML.T0024.000");
    }

    @Test
    void idsAreFoundIgnoringCase() {
        assertThat(ids("aml.t0051", 1)).containsExactly("AML.T0051");
        assertThat(ids("AML.M0000", 1)).containsExactly("AML.M0000");
    }

    @Test
    void searchesEveryObjectType() {
        assertThat(ids("reconnaissance", 10)).contains("AML.TA0002");
        assertThat(ids("user training", 5)).contains("AML.M0018");
        assertThat(ids("Tay poisoning", 5)).contains("AML.CS0009");
    }

    @Test
    void subTechniqueNamesIncludeTheParent() {
        assertThat(INDEX.search("AML.T0051.000", 1).get(0).displayName()).isEqualTo("LLM Prompt Injection: Direct");
    }

    @Test
    void emptyOrStopWordQueriesFindNothing() {
        assertThat(INDEX.search("   ", 5)).isEmpty();
        assertThat(INDEX.search("the and of", 5)).isEmpty();
    }
}
