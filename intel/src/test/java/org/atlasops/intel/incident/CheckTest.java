package org.atlasops.intel.incident;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.atlasops.kb.AtlasId;
import org.atlasops.kb.ProcedureStep;
import org.atlasops.kb.failure.BadInputException;
import org.junit.jupiter.api.Test;

class CheckTest {
    private static Study withSteps(List<ProcedureStep> steps) {
        Study s = Samples.study();
        return new Study(
                s.name(), s.summary(), s.date(), s.type(), s.target(), s.actor(), s.reporter(), s.references(), steps);
    }

    @Test
    void aCorrectIncidentHasNoIssue() {
        assertThat(Check.check(Samples.incident(), Samples.KB)).isEmpty();
    }

    @Test
    void aTechniqueOutsideItsTacticIsReportedWithTheTacticsItBelongsTo() {
        Study s = withSteps(
                List.of(new ProcedureStep(AtlasId.parse("AML.TA0002"), AtlasId.parse("AML.T0051"), "injected")));
        assertThat(Check.check(s, Samples.KB)).singleElement().satisfies(i -> {
            assertThat(i.field()).isEqualTo("procedure[0].tactic");
            assertThat(i.message()).contains("AML.T0051", "does not belong to AML.TA0002", "use AML.TA0005");
        });
    }

    @Test
    void aSubTechniqueBelongsToItsParentsTactics() {
        Study s = withSteps(
                List.of(new ProcedureStep(AtlasId.parse("AML.TA0005"), AtlasId.parse("AML.T0051.000"), "direct")));
        assertThat(Check.check(s, Samples.KB)).isEmpty();
    }

    @Test
    void anUnknownIdIsReportedWithTheNearestOne() {
        Study s =
                withSteps(List.of(new ProcedureStep(AtlasId.parse("AML.TA0005"), AtlasId.parse("AML.T0951"), "typo")));
        assertThat(Check.check(s, Samples.KB)).singleElement().satisfies(i -> {
            assertThat(i.field()).isEqualTo("procedure[0].technique");
            assertThat(i.message()).contains("AML.T0951 is not a technique of ATLAS 5.6.0", "nearest is AML.T0");
        });
        Study t =
                withSteps(List.of(new ProcedureStep(AtlasId.parse("AML.TA0099"), AtlasId.parse("AML.T0051"), "typo")));
        assertThat(Check.check(t, Samples.KB))
                .extracting(Check.Issue::message)
                .anySatisfy(m -> assertThat(m).contains("AML.TA0099 is not a tactic", "nearest is AML.TA00"));
    }

    @Test
    void anEmptyProcedureOrSummaryIsAnIssue() {
        Study s = withSteps(List.of());
        assertThat(Check.check(s, Samples.KB)).extracting(Check.Issue::field).contains("procedure");
    }

    @Test
    void theTimelineMustBeInOrder() {
        Incident i = Samples.incident();
        Incident bad = new Incident(
                i.study(),
                new Timeline(
                        Optional.of(Instant.parse("2026-03-14T10:00:00Z")),
                        Optional.of(Instant.parse("2026-03-14T09:00:00Z")),
                        Optional.empty(),
                        Optional.empty(),
                        Optional.of(Instant.parse("2026-03-14T09:30:00Z"))),
                i.assets(),
                i.alertIds(),
                i.tlp(),
                i.notes());
        assertThat(Check.check(bad, Samples.KB)).extracting(Check.Issue::field).containsExactly("timeline.detected");
    }

    @Test
    void fieldsAreValidated() {
        Study s = Samples.study();
        assertThatThrownBy(
                        () -> new Study(" ", "x", s.date(), s.type(), "", "", Optional.empty(), List.of(), List.of()))
                .isInstanceOf(BadInputException.class)
                .hasMessageContaining("name");
        assertThatThrownBy(() -> new Incident(s, Timeline.EMPTY, List.of("ok", "bad\nasset"), List.of(), Tlp.RED, ""))
                .isInstanceOf(BadInputException.class)
                .hasMessageContaining("assets[1]");
    }

    @Test
    void tlpLevelsReadAsTlp2WritesThem() {
        assertThat(Tlp.parse("TLP:AMBER+STRICT")).contains(Tlp.AMBER_STRICT);
        assertThat(Tlp.parse("white")).contains(Tlp.CLEAR);
        assertThat(Tlp.parse("purple")).isEmpty();
    }
}
