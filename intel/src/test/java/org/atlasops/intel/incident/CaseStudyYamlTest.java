package org.atlasops.intel.incident;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.LocalDate;
import org.junit.jupiter.api.Test;

class CaseStudyYamlTest {
    @Test
    void aStudyRoundTripsThroughTheWebsitesForm() {
        Study s = Samples.study();
        String yaml = CaseStudyYaml.write(s, Tlp.GREEN, LocalDate.of(2026, 4, 1));
        assertThat(yaml).startsWith("study:\n").contains("meta:\n", "version: '1.1'", "incident-date: 2026-03-14");
        CaseStudyYaml.Read back = CaseStudyYaml.read(yaml, "study.yaml");
        assertThat(back.study()).isEqualTo(s);
        assertThat(back.tlp()).contains(Tlp.GREEN);
        assertThat(back.meta()).containsEntry("version", "1.1");
        assertThat(CaseStudyYaml.write(back.study(), Tlp.GREEN, LocalDate.of(2026, 4, 1)))
                .isEqualTo(yaml);
    }

    @Test
    void readsTheBuildersDownload() {
        String yaml = """
                study:
                  name: Camera evasion
                  summary: A red team evaded the camera.
                  incident-date: 2025-06-01T00:00:00.000Z
                  incident-date-granularity: MONTH
                  procedure:
                    - tactic: AML.TA0007
                      technique: AML.T0015
                      description: They wore a patterned shirt.
                  target: a camera
                  actor: red team
                  case-study-type: exercise
                meta:
                  date-created: 2025-07-01
                  uuid: 3b3c4d4e-aaaa-bbbb-cccc-123456789012
                  version: "1.1"
                """;
        Study s = CaseStudyYaml.read(yaml, "builder.yaml").study();
        assertThat(s.type()).isEqualTo(StudyType.EXERCISE);
        assertThat(s.date().toString()).isEqualTo("2025-06");
        assertThat(s.references()).isEmpty();
    }

    @Test
    void everyProblemNamesFileLineAndField() {
        String yaml = """
                study:
                  name: Broken
                  summary: s
                  incident-date: 2025-13-40
                  incident-date-granularity: WEEK
                  procedure:
                    - tactic: AML.TA0005
                      technique: not-an-id
                      description: x
                    - tactic:
                        name: New tactic
                      technique: AML.T0051
                      description: y
                  case-study-type: drill
                """;
        assertThatThrownBy(() -> CaseStudyYaml.read(yaml, "broken.yaml"))
                .isInstanceOfSatisfying(
                        StudyFileException.class,
                        e -> assertThat(e.problems())
                                .containsExactly(
                                        "broken.yaml:4: study.incident-date: '2025-13-40' is not a date: use YYYY-MM-DD",
                                        "broken.yaml:5: study.incident-date-granularity: 'WEEK' is not YEAR, MONTH or DATE",
                                        "broken.yaml:8: study.procedure[0].technique: 'not-an-id' is not a technique ID: use the form "
                                                + "AML.T0051 or AML.T0051.000",
                                        "broken.yaml:11: study.procedure[1].tactic: an inline tactic (a proposal of a new one) cannot "
                                                + "be registered: use an ATLAS ID such as AML.TA0005",
                                        "broken.yaml:14: study.case-study-type: 'drill' is not incident or exercise"));
    }

    @Test
    void missingRequiredFieldsAndBadYamlAreNamed() {
        assertThatThrownBy(() -> CaseStudyYaml.read("study:\n  summary: s\n", "empty.yaml"))
                .hasMessageContaining("empty.yaml:2: study.name: missing");
        assertThatThrownBy(() -> CaseStudyYaml.read("study: [\n", "bad.yaml"))
                .hasMessageStartingWith("bad.yaml:2: not valid YAML");
        assertThatThrownBy(() -> CaseStudyYaml.read("- a\n- b\n", "list.yaml"))
                .hasMessageContaining("list.yaml:1: expected a case study");
    }

    @Test
    void aliasBombsAreRefused() {
        StringBuilder b = new StringBuilder("a: &a [x,x,x,x,x,x,x,x,x,x]\n");
        for (int i = 0; i < 30; i++) {
            b.append((char) ('b' + i % 20))
                    .append(i)
                    .append(": &")
                    .append("n")
                    .append(i)
                    .append(" [")
                    .append(i == 0 ? "*a" : "*n" + (i - 1))
                    .append(",")
                    .append(i == 0 ? "*a" : "*n" + (i - 1))
                    .append("]\n");
        }
        assertThatThrownBy(() -> CaseStudyYaml.read(b.toString(), "bomb.yaml")).hasMessageContaining("bomb.yaml");
    }
}
