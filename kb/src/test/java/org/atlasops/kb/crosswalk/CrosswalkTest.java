package org.atlasops.kb.crosswalk;

import static org.assertj.core.api.Assertions.assertThat;

import org.atlasops.kb.read.ReleaseCatalog;
import org.junit.jupiter.api.Test;

class CrosswalkTest {
    private static final Crosswalk CROSSWALK =
            Crosswalk.of(ReleaseCatalog.bundledOnly().load("5.6.0"));

    @Test
    void owaspToAtlas() {
        assertThat(CROSSWALK.describe("llm01").orElseThrow())
                .isEqualTo(new CrosswalkEntry(Framework.OWASP_LLM, "LLM01:2025", "Prompt Injection", "", true));
        assertThat(CROSSWALK.lookup("LLM01"))
                .contains(new CrosswalkEntry(
                        Framework.ATLAS,
                        "AML.T0051",
                        "LLM Prompt Injection",
                        "CoSAI risk riskPromptInjection (Prompt Injection)",
                        true))
                .contains(new CrosswalkEntry(
                        Framework.COSAI, "riskPromptInjection", "Prompt Injection", "CoSAI Risk Map risk", true));
    }

    @Test
    void atlasToOwaspStrideAndAttack() {
        assertThat(CROSSWALK.lookup("AML.T0051"))
                .extracting(CrosswalkEntry::id)
                .contains("LLM01:2025", "Tampering", "riskPromptInjection");
        assertThat(CROSSWALK.lookup("aml.t0000"))
                .extracting(CrosswalkEntry::framework, CrosswalkEntry::id)
                .anySatisfy(t -> assertThat(t.toList()).containsExactly(Framework.ATTACK, "T1596"));
    }

    @Test
    void attackToAtlas() {
        assertThat(CROSSWALK.lookup("T1596")).extracting(CrosswalkEntry::id).contains("AML.T0000");
    }

    @Test
    void nistIdsInAnySpelling() {
        assertThat(CROSSWALK.describe("MS-2.3").orElseThrow().id()).isEqualTo("MEASURE 2.3");
        assertThat(CROSSWALK.describe("measure-2.3").orElseThrow().title()).startsWith("AI system performance");
        assertThat(CROSSWALK.lookup("MEASURE 2.3"))
                .extracting(CrosswalkEntry::framework)
                .contains(Framework.ATLAS);
    }

    @Test
    void atlasIdsAbsentFromTheReleaseAreReportedNotDropped() {
        Crosswalk old = Crosswalk.of(ReleaseCatalog.bundledOnly().load("4.7.0"));
        assertThat(old.atlasIdsNotInRelease()).extracting(CrosswalkEntry::id).contains("AML.M0028");
        assertThat(old.lookup("AML.M0028")).isNotEmpty();
        assertThat(CROSSWALK.atlasIdsNotInRelease()).isEmpty();
    }

    @Test
    void unknownIdsHaveNoEntries() {
        assertThat(CROSSWALK.lookup("banana")).isEmpty();
        assertThat(CROSSWALK.describe("banana")).isEmpty();
    }
}
