package org.atlasops.kb;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Optional;
import org.atlasops.kb.failure.BadInputException;
import org.junit.jupiter.api.Test;

class AtlasIdTest {
    @Test
    void parsesEveryKindIgnoringCaseAndBlanks() {
        assertThat(AtlasId.parse(" aml.t0051.000 ").value()).isEqualTo("AML.T0051.000");
        assertThat(AtlasId.parse("AML.T0051").type()).isEqualTo(ObjectType.TECHNIQUE);
        assertThat(AtlasId.parse("AML.T0051.000").type()).isEqualTo(ObjectType.SUB_TECHNIQUE);
        assertThat(AtlasId.parse("AML.TA0005").type()).isEqualTo(ObjectType.TACTIC);
        assertThat(AtlasId.parse("AML.M0015").type()).isEqualTo(ObjectType.MITIGATION);
        assertThat(AtlasId.parse("AML.CS0016").type()).isEqualTo(ObjectType.CASE_STUDY);
        assertThat(AtlasId.parse("AML2.X.T0001").type()).isEqualTo(ObjectType.TECHNIQUE);
    }

    @Test
    void refusesOtherShapesWithTheFormInTheMessage() {
        for (String bad : new String[] {"", "T0051", "AML.T51", "AML.T0051.0", "AML.TX0001", "aml.t0051.000.1"}) {
            assertThat(AtlasId.tryParse(bad)).as(bad).isEmpty();
            assertThatThrownBy(() -> AtlasId.parse(bad))
                    .isInstanceOf(BadInputException.class)
                    .hasMessageContaining("'" + bad + "' is not an ATLAS ID")
                    .hasMessageContaining("AML.T0051.000");
        }
        assertThat(AtlasId.tryParse(null)).isEmpty();
    }

    @Test
    void knowsParentsOfSubTechniques() {
        assertThat(AtlasId.parse("AML.T0051.002").parent()).contains(AtlasId.parse("AML.T0051"));
        assertThat(AtlasId.parse("AML.T0051.002").isSubTechnique()).isTrue();
        assertThat(AtlasId.parse("AML.T0051").parent()).isEmpty();
        assertThat(AtlasId.parse("AML.T0051").techniqueOrSelf()).isEqualTo(AtlasId.parse("AML.T0051"));
        assertThat(AtlasId.parse("AML.TA0005").parent()).isEmpty();
    }

    @Test
    void convertsToAndFromSigmaTags() {
        AtlasId id = AtlasId.parse("AML.T0051.000");
        assertThat(id.sigmaTag()).isEqualTo("atlas.aml.t0051.000");
        assertThat(AtlasId.fromSigmaTag("atlas.aml.t0051.000")).contains(id);
        assertThat(AtlasId.fromSigmaTag("ATLAS.AML.TA0005")).contains(AtlasId.parse("AML.TA0005"));
        assertThat(AtlasId.fromSigmaTag("attack.t1059")).isEmpty();
        assertThat(AtlasId.fromSigmaTag("atlas.")).isEmpty();
        assertThat(AtlasId.fromSigmaTag("atlas.llm")).isEmpty();
        assertThat(AtlasId.fromSigmaTag(null)).isEqualTo(Optional.empty());
    }

    @Test
    void ordersAndPrintsAsTheValue() {
        assertThat(AtlasId.parse("AML.T0051.000").compareTo(AtlasId.parse("AML.T0051.001")))
                .isNegative();
        assertThat(AtlasId.parse("AML.T0051").toString()).isEqualTo("AML.T0051");
        assertThat(AtlasId.parse("AML.T0051").url()).isEqualTo("https://atlas.mitre.org/techniques/AML.T0051");
    }

    @Test
    void anIdOrItsStartWithThePrefixIsAnIdLookup() {
        for (String yes : new String[] {"AML.", "aml.t00", "AML.T0051", " aml.t0051.00 ", "AML.CS"}) {
            assertThat(AtlasId.isIdOrStart(yes)).as(yes).isTrue();
        }
        for (String no :
                new String[] {"AML", "prompt injection", "AML.T0051 prompt", "model.extraction", "e.g.", "", "."}) {
            assertThat(AtlasId.isIdOrStart(no)).as(no).isFalse();
        }
        assertThat(AtlasId.isIdOrStart(null)).isFalse();
    }

    @Test
    void jsonShowsAnIdAsItsValueAndReadsItBack() throws Exception {
        com.fasterxml.jackson.databind.ObjectMapper json = new com.fasterxml.jackson.databind.ObjectMapper();
        assertThat(json.writeValueAsString(java.util.List.of(AtlasId.parse("aml.t0051.000"))))
                .isEqualTo("[\"AML.T0051.000\"]");
        assertThat(json.readValue("\" aml.m0015\"", AtlasId.class)).isEqualTo(AtlasId.parse("AML.M0015"));
        assertThat(AtlasId.parse("AML.TA0005") + "").isEqualTo("AML.TA0005");
    }
}
