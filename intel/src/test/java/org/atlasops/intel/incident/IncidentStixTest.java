package org.atlasops.intel.incident;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Instant;
import java.util.List;
import org.atlasops.kb.stix.StixExporter;
import org.junit.jupiter.api.Test;

class IncidentStixTest {
    private static final Instant AT = Instant.parse("2026-04-01T10:00:00Z");

    @Test
    void aStudyRoundTripsThroughABundleWithItsTlp() {
        Study s = Samples.study();
        StixBundle b = IncidentStix.export(s, Tlp.AMBER_STRICT, "INC-1", AT);
        List<IncidentStix.Imported> back = IncidentStix.read(b.toJsonText(), "bundle.json");
        assertThat(back).singleElement().satisfies(i -> {
            assertThat(i.study()).isEqualTo(s);
            assertThat(i.tlp()).isEqualTo(Tlp.AMBER_STRICT);
        });
    }

    @Test
    void everyObjectCarriesTheTlpMarkingWhoseDefinitionIsInTheBundle() {
        StixBundle b = IncidentStix.export(Samples.study(), Tlp.RED, "INC-1", AT);
        ObjectNode marking = b.ofType("marking-definition").get(0);
        assertThat(marking.path("id").asText()).isEqualTo("marking-definition--e828b379-4e03-4974-9ac4-e53a884c97c1");
        assertThat(marking.path("extensions")
                        .path(Tlp.EXTENSION)
                        .path("tlp_2_0")
                        .asText())
                .isEqualTo("red");
        for (ObjectNode o : b.objects()) {
            if (!o.path("type").asText().equals("marking-definition")) {
                assertThat(o.path("object_marking_refs").get(0).asText()).isEqualTo(Tlp.RED.markingId());
            }
        }
    }

    @Test
    void stepsPointAtTheAttackPatternsKbExports() {
        StixBundle b = IncidentStix.export(Samples.study(), Tlp.GREEN, "INC-1", AT);
        ObjectNode kbBundle = StixExporter.export(Samples.KB);
        List<String> kbIds = kbBundle.findValuesAsText("id");
        List<ObjectNode> uses = b.ofType("relationship");
        assertThat(uses).hasSize(2);
        for (ObjectNode r : uses) {
            assertThat(r.path("relationship_type").asText()).isEqualTo("uses");
            assertThat(kbIds).contains(r.path("target_ref").asText());
        }
        ObjectNode incident = b.ofType("incident").get(0);
        assertThat(incident.path("x_atlas_case_study_type").asText()).isEqualTo("incident");
        assertThat(incident.path("x_atlas_incident_date_granularity").asText()).isEqualTo("DATE");
    }

    @Test
    void theSameKeyGivesTheSameIncidentId() {
        String a = IncidentStix.export(Samples.study(), Tlp.GREEN, "INC-7", AT)
                .ofType("incident")
                .get(0)
                .path("id")
                .asText();
        String b = IncidentStix.export(Samples.study(), Tlp.GREEN, "INC-7", AT.plusSeconds(60))
                .ofType("incident")
                .get(0)
                .path("id")
                .asText();
        assertThat(a).isEqualTo(b).startsWith("incident--");
    }

    @Test
    void badBundlesNameTheFileAndObject() {
        assertThatThrownBy(() -> IncidentStix.read("{\"type\": \"bundle\", \"objects\": [", "cut.json"))
                .hasMessageStartingWith("cut.json:1: not valid JSON");
        assertThatThrownBy(() -> IncidentStix.read("{\"type\": \"bundle\", \"objects\": []}", "empty.json"))
                .hasMessageContaining("empty.json: the bundle holds no incident object");
        String bad =
                "{\"type\":\"bundle\",\"id\":\"bundle--1\",\"objects\":[{\"type\":\"incident\",\"id\":\"incident--x\","
                        + "\"name\":\"n\",\"x_atlas_incident_date\":\"2026-02-30\"}]}";
        assertThatThrownBy(() -> IncidentStix.read(bad, "b.json"))
                .hasMessageContaining("b.json: incident--x: x_atlas_incident_date");
    }

    @Test
    void markdownSharesOnlyTheStudyAndTheInternalReportHasTheTimeline() {
        String shared = IncidentMarkdown.shared(Samples.study(), Tlp.AMBER, Samples.KB);
        assertThat(shared)
                .startsWith("**TLP:AMBER**")
                .contains("LLM Prompt Injection: Indirect", "AML.T0051.001")
                .doesNotContain("Timeline");
        String internal = IncidentMarkdown.internal(Samples.incident(), Samples.KB);
        assertThat(internal).contains("## Timeline (internal)", "2026-03-14T09:30:00Z", "ALERT-7781");
    }

    @Test
    void incidentJsonRoundTrips() {
        Incident i = Samples.incident();
        assertThat(IncidentJson.parse(IncidentJson.text(i), "x")).isEqualTo(i);
        assertThatThrownBy(
                        () -> IncidentJson.parse("{\"study\": {\"name\": \"n\", \"incident_date\": \"2026\"}}", "body"))
                .hasMessageContaining("body: study.incident_date: '2026' is not a date");
    }
}
