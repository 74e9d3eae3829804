package org.atlasops.server.intel;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import java.time.Instant;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import org.atlasops.intel.anonymise.Anonymised;
import org.atlasops.intel.incident.Check;
import org.atlasops.intel.incident.Incident;
import org.atlasops.intel.incident.Study;
import org.atlasops.intel.incident.StudyType;
import org.atlasops.intel.incident.Timeline;
import org.atlasops.intel.incident.Tlp;
import org.atlasops.intel.mapping.Suggestion;
import org.atlasops.intel.search.RiskHit;
import org.atlasops.intel.search.RiskResults;
import org.atlasops.kb.AtlasId;
import org.atlasops.kb.IncidentDate;
import org.atlasops.kb.KnowledgeBase;
import org.atlasops.kb.ProcedureStep;
import org.atlasops.kb.Reference;
import org.atlasops.kb.failure.BadInputException;
import org.atlasops.server.web.JsonBody;
import org.atlasops.store.StoredIncident;

/** The intel API's bodies as records (the OpenAPI schemas are generated from them). */
final class IntelJson {
    private IntelJson() {}

    record IncidentStep(
            @JsonPropertyDescription("tactic ID, e.g. AML.TA0005")
            String tactic,

            @JsonPropertyDescription("technique or sub-technique ID, e.g. AML.T0051.001")
            String technique,

            String description) {}

    record IncidentReference(String title, String url) {}

    /** The case study (schema 1.1 fields, snake_case). */
    record IncidentStudy(
            String name,
            String summary,

            @JsonProperty("incident_date") @JsonPropertyDescription("YYYY-MM-DD")
            String incidentDate,

            @JsonProperty("incident_date_granularity") @JsonPropertyDescription("YEAR, MONTH or DATE")
            String incidentDateGranularity,

            @JsonProperty("case_study_type") @JsonPropertyDescription("incident or exercise")
            String caseStudyType,

            String target,
            String actor,
            Optional<String> reporter,
            List<IncidentReference> references,
            List<IncidentStep> procedure) {
        static IncidentStudy of(Study s) {
            return new IncidentStudy(
                    s.name(),
                    s.summary(),
                    s.date().date().toString(),
                    s.date().granularity().name(),
                    s.type().label(),
                    s.target(),
                    s.actor(),
                    s.reporter(),
                    s.references().stream()
                            .map(r -> new IncidentReference(r.title(), r.url()))
                            .toList(),
                    s.procedure().stream()
                            .map(p -> new IncidentStep(
                                    p.tacticId().value(), p.techniqueId().value(), p.description()))
                            .toList());
        }

        Study toStudy() {
            JsonBody.required(name, "study.name");
            JsonBody.required(incidentDate, "study.incident_date");
            LocalDate date;
            try {
                date = LocalDate.parse(incidentDate);
            } catch (DateTimeParseException e) {
                throw new BadInputException(
                        "study.incident_date: '" + incidentDate + "' is not a date: use YYYY-MM-DD");
            }
            IncidentDate.Granularity g;
            try {
                g = IncidentDate.Granularity.valueOf(
                        (incidentDateGranularity == null ? "DATE" : incidentDateGranularity).toUpperCase(Locale.ROOT));
            } catch (IllegalArgumentException e) {
                throw new BadInputException("study.incident_date_granularity: '" + incidentDateGranularity
                        + "' is not YEAR, MONTH or DATE");
            }
            StudyType type = StudyType.parse(caseStudyType == null ? "incident" : caseStudyType)
                    .orElseThrow(() -> new BadInputException(
                            "study.case_study_type: '" + caseStudyType + "' is not incident or exercise"));
            List<ProcedureStep> steps = new ArrayList<>();
            List<IncidentStep> given = procedure == null ? List.of() : procedure;
            for (int i = 0; i < given.size(); i++) {
                IncidentStep s = given.get(i);
                steps.add(new ProcedureStep(
                        id("study.procedure[" + i + "].tactic", s.tactic()),
                        id("study.procedure[" + i + "].technique", s.technique()),
                        s.description()));
            }
            List<Reference> refs = references == null
                    ? List.of()
                    : references.stream()
                            .map(r -> new Reference(r.title(), r.url()))
                            .toList();
            try {
                return new Study(
                        name,
                        summary,
                        new IncidentDate(date, g),
                        type,
                        target,
                        actor,
                        reporter == null ? Optional.empty() : reporter,
                        refs,
                        steps);
            } catch (BadInputException e) {
                throw new BadInputException("study." + e.getMessage());
            }
        }

        private static AtlasId id(String field, String text) {
            try {
                return AtlasId.parse(JsonBody.required(text, field));
            } catch (BadInputException e) {
                throw new BadInputException(field + ": " + e.getMessage());
            }
        }
    }

    /** The SOC timeline: UTC times (2026-03-14T09:30:00Z), each optional, in this order. Internal: never shared. */
    record IncidentTimeline(
            @JsonProperty("first_evidence") Optional<String> firstEvidence,
            Optional<String> detected,
            Optional<String> acknowledged,
            Optional<String> contained,
            Optional<String> resolved) {
        static IncidentTimeline of(Timeline t) {
            return new IncidentTimeline(
                    s(t.firstEvidence()), s(t.detected()), s(t.acknowledged()), s(t.contained()), s(t.resolved()));
        }

        private static Optional<String> s(Optional<Instant> i) {
            return i.map(Instant::toString);
        }

        Timeline toTimeline() {
            return new Timeline(
                    t("first_evidence", firstEvidence),
                    t("detected", detected),
                    t("acknowledged", acknowledged),
                    t("contained", contained),
                    t("resolved", resolved));
        }

        private static Optional<Instant> t(String field, Optional<String> v) {
            if (v == null || v.isEmpty() || v.get().isBlank()) {
                return Optional.empty();
            }
            try {
                return Optional.of(Instant.parse(v.get().strip()));
            } catch (DateTimeParseException e) {
                throw new BadInputException("timeline." + field + ": '" + v.get() + "' is not a UTC time such as "
                        + "2026-03-14T09:30:00Z");
            }
        }
    }

    /** {@code POST /api/v1/incidents} and {@code PUT /api/v1/incidents/{id}}. */
    record IncidentRequest(
            IncidentStudy study,
            Optional<IncidentTimeline> timeline,
            Optional<List<String>> assets,
            @JsonProperty("alert_ids") Optional<List<String>> alertIds,

            @JsonPropertyDescription("clear, green, amber (default), amber+strict or red")
            Optional<String> tlp,

            @JsonPropertyDescription("internal notes, never shared")
            Optional<String> notes,

            @JsonProperty("based_on") @JsonPropertyDescription("for PUT: the revision the change was made on")
            Optional<Integer> basedOn) {
        Incident toIncident() {
            JsonBody.required(study, "study");
            String level = tlp == null ? "amber" : tlp.orElse("amber");
            Tlp t = Tlp.parse(level)
                    .orElseThrow(() ->
                            new BadInputException("tlp: '" + level + "' is not a TLP level: use " + Tlp.choices()));
            return new Incident(
                    study.toStudy(),
                    timeline == null
                            ? Timeline.EMPTY
                            : timeline.map(IncidentTimeline::toTimeline).orElse(Timeline.EMPTY),
                    assets == null ? List.of() : assets.orElse(List.of()),
                    alertIds == null ? List.of() : alertIds.orElse(List.of()),
                    t,
                    notes == null ? "" : notes.orElse(""));
        }
    }

    record IncidentIssue(String field, String message) {}

    /** A stored incident with every field and its check against the release. */
    record IncidentView(
            String id,
            int revision,
            @JsonProperty("created_by") String createdBy,
            @JsonProperty("created_at") Instant createdAt,
            @JsonProperty("updated_at") Instant updatedAt,
            IncidentStudy study,
            IncidentTimeline timeline,
            List<String> assets,
            @JsonProperty("alert_ids") List<String> alertIds,
            String tlp,
            String notes,
            @JsonProperty("atlas_version") String atlasVersion,
            List<IncidentIssue> issues) {
        static IncidentView of(StoredIncident s, KnowledgeBase kb) {
            Incident i = s.incident();
            return new IncidentView(
                    s.label(),
                    s.revision(),
                    s.createdBy(),
                    s.createdAt(),
                    s.updatedAt(),
                    IncidentStudy.of(i.study()),
                    IncidentTimeline.of(i.timeline()),
                    i.assets(),
                    i.alertIds(),
                    i.tlp().label(),
                    i.notes(),
                    kb.version(),
                    Check.check(i, kb).stream()
                            .map(x -> new IncidentIssue(x.field(), x.message()))
                            .toList());
        }
    }

    record IncidentSummary(
            String id,
            int revision,
            String name,
            @JsonProperty("incident_date") String incidentDate,
            @JsonProperty("case_study_type") String caseStudyType,
            String tlp,
            int steps,
            @JsonProperty("updated_at") Instant updatedAt) {
        static IncidentSummary of(StoredIncident s) {
            Study st = s.incident().study();
            return new IncidentSummary(
                    s.label(),
                    s.revision(),
                    st.name(),
                    st.date().toString(),
                    st.type().label(),
                    s.incident().tlp().label(),
                    st.procedure().size(),
                    s.updatedAt());
        }
    }

    record IncidentList(long total, List<IncidentSummary> incidents) {}

    /** {@code POST /api/v1/incidents/import}: a file's text. */
    record IncidentImportRequest(
            @JsonPropertyDescription("the file as it is: case-study YAML ({study, meta}) or a STIX 2.1 bundle")
            String content,

            @JsonProperty("file_name") @JsonPropertyDescription("its name, for messages")
            Optional<String> fileName) {
        IncidentImportRequest {
            JsonBody.required(content, "content");
        }
    }

    record IncidentImportAnswer(List<IncidentSummary> created) {}

    record AnonymisedChange(String field, String before, String after) {}

    record AnonymisedReplacement(String kind, String value, String placeholder, int count) {}

    /** The preview of the shareable form: nothing has left. */
    record AnonymisedView(
            String id,
            String tlp,
            IncidentStudy shared,
            List<AnonymisedChange> changes,
            List<AnonymisedReplacement> replacements,

            @JsonPropertyDescription("internal fields that never leave")
            List<String> withheld) {
        static AnonymisedView of(StoredIncident s, Anonymised a) {
            return new AnonymisedView(
                    s.label(),
                    a.tlp().label(),
                    IncidentStudy.of(a.study()),
                    a.changes().stream()
                            .map(c -> new AnonymisedChange(c.field(), c.before(), c.after()))
                            .toList(),
                    a.replacements().stream()
                            .map(r -> new AnonymisedReplacement(
                                    r.kind().name().toLowerCase(Locale.ROOT), r.value(), r.placeholder(), r.count()))
                            .toList(),
                    a.withheld());
        }
    }

    /** {@code POST /api/v1/incidents/{id}/export}: how to share. */
    record IncidentExportRequest(
            @JsonPropertyDescription("yaml (case-study file), stix (STIX 2.1 bundle) or markdown")
            String format,

            @JsonPropertyDescription("export the anonymised form (default true)")
            Optional<Boolean> anonymised,

            @JsonPropertyDescription("a TLP level for the export; looser than the incident's only when anonymised")
            Optional<String> tlp,

            @JsonPropertyDescription("month (default) or year")
            Optional<String> coarsen,

            @JsonPropertyDescription("names to replace besides target, actor and reporter")
            Optional<List<String>> names,

            @JsonProperty("target_as") Optional<String> targetAs,
            @JsonProperty("actor_as") Optional<String> actorAs,
            @JsonProperty("keep_references") Optional<Boolean> keepReferences) {}

    record RiskTechnique(
            String id,
            String name,
            @JsonPropertyDescription("official or inferred") String basis,
            String reason) {
        static RiskTechnique of(Suggestion s, KnowledgeBase kb) {
            return new RiskTechnique(
                    s.technique().value(),
                    kb.technique(s.technique()).map(kb::displayName).orElse(""),
                    s.basis().label(),
                    s.reason());
        }
    }

    record RiskHitView(
            @JsonPropertyDescription("atlas, avid, aiid or team")
            String source,

            String key,
            String title,
            String licence,
            String url,

            @JsonPropertyDescription("official, inferred or none")
            String mapping,

            Optional<String> date,
            List<String> systems,
            List<RiskTechnique> techniques) {
        static RiskHitView of(RiskHit h, KnowledgeBase kb) {
            var r = h.record();
            return new RiskHitView(
                    r.source(),
                    r.key(),
                    r.title(),
                    r.licence(),
                    r.url(),
                    h.mapping(),
                    r.date().map(LocalDate::toString),
                    r.systems(),
                    r.techniques().stream().map(t -> RiskTechnique.of(t, kb)).toList());
        }
    }

    record RiskAnswer(
            String query,
            @JsonProperty("atlas_version") String atlasVersion,
            int total,
            List<RiskHitView> hits,

            @JsonPropertyDescription("counts over all matches by source, technique, tactic, maturity, system, year")
            Map<String, Map<String, Integer>> facets) {
        static RiskAnswer of(String query, RiskResults r, KnowledgeBase kb) {
            return new RiskAnswer(
                    query,
                    kb.version(),
                    r.total(),
                    r.hits().stream().map(h -> RiskHitView.of(h, kb)).toList(),
                    r.facets());
        }
    }
}
