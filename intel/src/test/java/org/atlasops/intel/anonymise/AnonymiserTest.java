package org.atlasops.intel.anonymise;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Optional;
import org.atlasops.intel.anonymise.Anonymised.Kind;
import org.atlasops.intel.anonymise.Anonymised.Replacement;
import org.atlasops.intel.incident.CaseStudyYaml;
import org.atlasops.intel.incident.Incident;
import org.atlasops.intel.incident.IncidentMarkdown;
import org.atlasops.intel.incident.IncidentStix;
import org.atlasops.intel.incident.Samples;
import org.atlasops.kb.IncidentDate;
import org.junit.jupiter.api.Test;

class AnonymiserTest {
    private static final Options OPTIONS =
            new Options(Coarsen.MONTH, List.of("Acme Bank", "Bob Smith"), Optional.empty(), Optional.empty(), false);

    @Test
    void theSameValueGetsTheSamePlaceholderAcrossTheIncident() {
        Anonymised a = Anonymiser.anonymise(Samples.incident(), OPTIONS);
        Replacement key = find(a, Kind.SECRET, "sk-proj-AbCdEf0123456789xyzXYZ");
        Replacement ip = find(a, Kind.IP, "203.0.113.7");
        Replacement host = find(a, Kind.HOST, "evil.example.net");
        Replacement jane = find(a, Kind.NAME, "Jane Doe");
        assertThat(key.count()).isEqualTo(2);
        assertThat(ip.count()).isEqualTo(2);
        assertThat(a.study().summary())
                .contains(key.placeholder(), ip.placeholder(), host.placeholder(), jane.placeholder());
        assertThat(a.study().procedure().get(0).description()).contains(ip.placeholder(), host.placeholder());
        assertThat(a.study().procedure().get(1).description()).contains(jane.placeholder());
        // an e-mail and a URL are replaced whole, before the host inside them
        assertThat(find(a, Kind.EMAIL, "jane.doe@acme-bank.example").placeholder())
                .isEqualTo("[EMAIL-1]");
        assertThat(find(a, Kind.URL, "https://helpbot.acme-bank.example/chat").placeholder())
                .startsWith("[URL-");
        assertThat(a.study().name()).isEqualTo("Prompt injection against [NAME-1]'s HelpBot");
    }

    @Test
    void nothingIdentifyingOrInternalLeavesInAnyExport() {
        Incident i = Samples.incident();
        Anonymised a = Anonymiser.anonymise(i, OPTIONS);
        String yaml = CaseStudyYaml.write(a.study(), a.tlp(), LocalDate.of(2026, 4, 1));
        String stix = IncidentStix.export(a.study(), a.tlp(), "INC-1", Instant.parse("2026-04-01T00:00:00Z"))
                .toJsonText();
        String md = IncidentMarkdown.shared(a.study(), a.tlp(), Samples.KB);
        List<String> secret = List.of(
                "sk-proj-AbCdEf0123456789xyzXYZ",
                "203.0.113.7",
                "evil.example.net",
                "acme-bank",
                "Acme Bank",
                "Jane Doe",
                "jane.doe",
                "FIN-LLM-7",
                "helpbot-prod-eu1",
                "vault-kv-ai",
                "ALERT-7781",
                "2026-03-14T09:30:00Z",
                "Bob Smith",
                "CISO",
                "jira",
                "2026-03-14");
        for (String export : List.of(yaml, stix, md)) {
            for (String s : secret) {
                assertThat(export).as("export must not contain " + s).doesNotContainIgnoringCase(s);
            }
        }
        assertThat(a.withheld()).containsExactly("timeline", "assets", "alert_ids", "notes");
        assertThat(a.study().reporter()).isEmpty();
        assertThat(a.study().references()).isEmpty();
    }

    @Test
    void targetAndActorAreGeneralisedAndTheDateCoarsened() {
        Anonymised a = Anonymiser.anonymise(Samples.incident(), OPTIONS);
        assertThat(a.study().target()).isEqualTo("an LLM chatbot of an organisation");
        assertThat(a.study().actor()).isEqualTo("a threat actor");
        assertThat(a.study().date())
                .isEqualTo(new IncidentDate(LocalDate.of(2026, 3, 1), IncidentDate.Granularity.MONTH));
        Anonymised y = Anonymiser.anonymise(
                Samples.incident(),
                new Options(
                        Coarsen.YEAR,
                        List.of(),
                        Optional.empty(),
                        Optional.of("a financially motivated group"),
                        false));
        assertThat(y.study().date().toString()).isEqualTo("2026");
        assertThat(y.study().actor()).isEqualTo("a financially motivated group");
    }

    @Test
    void thePreviewListsEveryChangedField() {
        Anonymised a = Anonymiser.anonymise(Samples.incident(), OPTIONS);
        assertThat(a.changes())
                .extracting(Anonymised.Change::field)
                .contains(
                        "name",
                        "summary",
                        "procedure[0].description",
                        "procedure[1].description",
                        "target",
                        "actor",
                        "reporter",
                        "incident_date",
                        "references");
        assertThat(a.changes())
                .filteredOn(c -> c.field().equals("incident_date"))
                .singleElement()
                .satisfies(c -> assertThat(c.before() + " -> " + c.after()).isEqualTo("2026-03-14 -> 2026-03"));
    }

    @Test
    void codeNamesAndIdsAreNotTakenForHosts() {
        Anonymiser.anonymise(Samples.incident(), OPTIONS);
        Anonymised a = Anonymiser.anonymise(
                withSummary("The probe dan.DanInTheWild loaded model.pkl with torch 2.1.0, see AML.T0051 e.g. here."),
                Options.DEFAULT);
        assertThat(a.study().summary())
                .isEqualTo("The probe dan.DanInTheWild loaded model.pkl with torch 2.1.0, see AML.T0051 e.g. here.");
    }

    private static Incident withSummary(String summary) {
        Incident i = Samples.incident();
        var s = i.study();
        return new Incident(
                new org.atlasops.intel.incident.Study(
                        s.name(), summary, s.date(), s.type(), "", "", Optional.empty(), List.of(), s.procedure()),
                i.timeline(),
                i.assets(),
                i.alertIds(),
                i.tlp(),
                "");
    }

    private static Replacement find(Anonymised a, Kind kind, String value) {
        return a.replacements().stream()
                .filter(r -> r.kind() == kind && r.value().equalsIgnoreCase(value))
                .findFirst()
                .orElseThrow(() -> new AssertionError(kind + " " + value + " not replaced: " + a.replacements()));
    }
}
