package org.atlasops.kb;

import static org.assertj.core.api.Assertions.assertThat;

import org.atlasops.kb.read.ReleaseCatalog;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** What a user who typed an ID the release lacks probably meant: the one answer emulate, intel and assess give. */
class NearestObjectTest {
    private static KnowledgeBase kb;

    @BeforeAll
    static void load() throws Exception {
        kb = ReleaseCatalog.bundledOnly().load("5.6.0");
    }

    @Test
    void aMistypedIdFindsTheObjectItWasMeantToBe() {
        assertThat(kb.nearest("AML.M015", ObjectType.MITIGATION).map(o -> o.id().value()))
                .contains("AML.M0015");
        assertThat(kb.nearest(" aml.t0051.009 ", ObjectType.TECHNIQUE).map(o -> o.id().value()))
                .hasValueSatisfying(id -> assertThat(id).startsWith("AML.T0051.00"));
    }

    @Test
    void onlyObjectsOfTheAskedKindAnswerAndSubTechniquesCountAsTechniques() {
        assertThat(kb.nearest("AML.T0051", ObjectType.TACTIC).map(AtlasObject::type))
                .contains(ObjectType.TACTIC);
        assertThat(kb.nearest("AML.T0051.000", ObjectType.TECHNIQUE).map(o -> o.id().value()))
                .contains("AML.T0051.000");
    }

    @Test
    void aNameFindsItsObjectWhenTheTextIsNoId() {
        assertThat(kb.nearest("LLM Prompt Injection", ObjectType.TECHNIQUE).map(o -> o.id().value()))
                .contains("AML.T0051");
    }
}
