package org.atlasops.intel.incident;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Instant;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.atlasops.kb.AtlasId;
import org.atlasops.kb.IncidentDate;
import org.atlasops.kb.ProcedureStep;
import org.atlasops.kb.Reference;
import org.atlasops.kb.failure.BadInputException;

/**
 * An incident as JSON, the form the store keeps and the API and CLI exchange: {@code study} (snake_case case-study
 * fields), {@code timeline}, {@code assets}, {@code alert_ids}, {@code tlp}, {@code notes}. Reading names the field
 * that is wrong.
 */
public final class IncidentJson {
    private static final ObjectMapper JSON = new ObjectMapper();

    private IncidentJson() {}

    public static ObjectNode write(Incident incident) {
        ObjectNode o = JSON.createObjectNode();
        o.set("study", writeStudy(incident.study()));
        ObjectNode t = o.putObject("timeline");
        incident.timeline().moments().forEach((k, v) -> t.put(k, v.toString()));
        incident.assets().forEach(o.putArray("assets")::add);
        incident.alertIds().forEach(o.putArray("alert_ids")::add);
        o.put("tlp", incident.tlp().label());
        o.put("notes", incident.notes());
        return o;
    }

    public static ObjectNode writeStudy(Study s) {
        ObjectNode o = JSON.createObjectNode();
        o.put("name", s.name());
        o.put("summary", s.summary());
        o.put("incident_date", s.date().date().toString());
        o.put("incident_date_granularity", s.date().granularity().name());
        o.put("case_study_type", s.type().label());
        o.put("target", s.target());
        o.put("actor", s.actor());
        s.reporter().ifPresent(r -> o.put("reporter", r));
        var refs = o.putArray("references");
        s.references().forEach(r -> refs.addObject().put("title", r.title()).put("url", r.url()));
        var steps = o.putArray("procedure");
        s.procedure()
                .forEach(p -> steps.addObject()
                        .put("tactic", p.tacticId().value())
                        .put("technique", p.techniqueId().value())
                        .put("description", p.description()));
        return o;
    }

    public static String text(Incident incident) {
        try {
            return JSON.writeValueAsString(write(incident));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    public static Incident parse(String json, String where) {
        try {
            return read(JSON.readTree(json), where);
        } catch (JsonProcessingException e) {
            throw new BadInputException(where + ": not valid JSON: " + e.getOriginalMessage());
        }
    }

    /** Reads an incident; {@code where} names the input in messages. */
    public static Incident read(JsonNode o, String where) {
        if (o == null || !o.isObject()) {
            throw new BadInputException(
                    where + ": expected an incident object {study, timeline, assets, alert_ids, tlp}");
        }
        Study study = readStudy(o.path("study"), where + ": study");
        JsonNode t = o.path("timeline");
        Timeline timeline = new Timeline(
                instant(t, "first_evidence", where),
                instant(t, "detected", where),
                instant(t, "acknowledged", where),
                instant(t, "contained", where),
                instant(t, "resolved", where));
        String tlpText = o.path("tlp").asText("amber");
        Tlp tlp = Tlp.parse(tlpText)
                .orElseThrow(() -> new BadInputException(
                        where + ": tlp: '" + tlpText + "' is not a TLP level: use " + Tlp.choices()));
        try {
            return new Incident(
                    study,
                    timeline,
                    strings(o, "assets"),
                    strings(o, "alert_ids"),
                    tlp,
                    o.path("notes").asText(""));
        } catch (BadInputException e) {
            throw new BadInputException(where + ": " + e.getMessage());
        }
    }

    public static Study readStudy(JsonNode s, String where) {
        if (!s.isObject()) {
            throw new BadInputException(where + ": expected an object with name, summary, incident_date and procedure");
        }
        LocalDate date;
        String dateText = s.path("incident_date").asText("");
        try {
            date = LocalDate.parse(dateText);
        } catch (DateTimeParseException e) {
            throw new BadInputException(where + ".incident_date: '" + dateText + "' is not a date: use YYYY-MM-DD");
        }
        IncidentDate.Granularity g;
        String gText = s.path("incident_date_granularity").asText("DATE");
        try {
            g = IncidentDate.Granularity.valueOf(gText.toUpperCase(java.util.Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new BadInputException(
                    where + ".incident_date_granularity: '" + gText + "' is not YEAR, MONTH or DATE");
        }
        String typeText = s.path("case_study_type").asText("incident");
        StudyType type = StudyType.parse(typeText)
                .orElseThrow(() -> new BadInputException(
                        where + ".case_study_type: '" + typeText + "' is not incident or exercise"));
        List<Reference> refs = new ArrayList<>();
        for (JsonNode r : s.path("references")) {
            refs.add(new Reference(r.path("title").asText(""), r.path("url").asText("")));
        }
        List<ProcedureStep> steps = new ArrayList<>();
        int i = 0;
        for (JsonNode p : s.path("procedure")) {
            String at = where + ".procedure[" + i++ + "]";
            steps.add(new ProcedureStep(
                    id(p, "tactic", at),
                    id(p, "technique", at),
                    p.path("description").asText("")));
        }
        try {
            return new Study(
                    s.path("name").asText(""),
                    s.path("summary").asText(""),
                    new IncidentDate(date, g),
                    type,
                    s.path("target").asText(""),
                    s.path("actor").asText(""),
                    Optional.ofNullable(s.path("reporter").textValue()),
                    refs,
                    steps);
        } catch (BadInputException e) {
            throw new BadInputException(where + "." + e.getMessage());
        }
    }

    private static AtlasId id(JsonNode p, String key, String at) {
        String text = p.path(key).asText("");
        try {
            return AtlasId.parse(text);
        } catch (BadInputException e) {
            throw new BadInputException(at + "." + key + ": " + e.getMessage());
        }
    }

    private static Optional<Instant> instant(JsonNode t, String key, String where) {
        JsonNode v = t.path(key);
        if (v.isMissingNode() || v.isNull() || v.asText().isBlank()) {
            return Optional.empty();
        }
        try {
            return Optional.of(Instant.parse(v.asText()));
        } catch (DateTimeParseException e) {
            throw new BadInputException(
                    where + ": timeline." + key + ": '" + v.asText() + "' is not a UTC time: use 2026-03-01T14:05:00Z");
        }
    }

    private static List<String> strings(JsonNode o, String key) {
        List<String> list = new ArrayList<>();
        o.path(key).forEach(n -> list.add(n.asText()));
        return list;
    }
}
