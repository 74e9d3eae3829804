package org.atlasops.intel.incident;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Instant;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.UUID;
import org.atlasops.kb.AtlasId;
import org.atlasops.kb.IncidentDate;
import org.atlasops.kb.ProcedureStep;
import org.atlasops.kb.Reference;
import org.atlasops.kb.failure.BadInputException;
import org.atlasops.kb.stix.StixIds;

/**
 * A case study as a STIX 2.1 bundle, in the mapping kb uses for ATLAS's own case studies: an {@code incident} with
 * the {@code x_atlas_*} case-study fields, and one {@code uses} relationship per procedure step to the technique's
 * {@code attack-pattern} (the stable ATLAS STIX IDs, with {@code x_atlas_step} and {@code x_atlas_tactic}). Every
 * object carries the TLP 2.0 marking, whose definition is in the bundle. Only a {@link Study} goes in: the timeline
 * and internal fields cannot.
 */
public final class IncidentStix {
    /** The namespace of the team's incident IDs (UUIDv5), apart from ATLAS's own. */
    public static final UUID NAMESPACE = UUID.fromString("3c1d6f0e-7a55-5c2b-9e47-61746c61732d");

    private static final ObjectMapper JSON = JsonMapper.builder().build();
    private static final int MAX_BYTES = 16 * 1024 * 1024;

    private IncidentStix() {}

    /**
     * The bundle of one study. {@code key} names the incident for its ID (the same key always gives the same
     * {@code incident--} ID, so a re-export is a new version of one object); {@code at} is its created/modified time.
     */
    public static StixBundle export(Study study, Tlp tlp, String key, Instant at) {
        String ts = at.truncatedTo(ChronoUnit.MILLIS).toString();
        String incidentId = "incident--" + StixIds.uuid5(NAMESPACE, key);
        List<ObjectNode> objects = new ArrayList<>();
        objects.add(marking(tlp));
        ObjectNode o = sdo("incident", incidentId, ts, tlp);
        o.put("name", study.name());
        o.put("description", study.summary());
        ArrayNode refs = o.putArray("external_references");
        for (Reference r : study.references()) {
            if (r.url().isEmpty() && r.title().isEmpty()) {
                continue;
            }
            ObjectNode ref = refs.addObject().put("source_name", r.title().isEmpty() ? r.url() : r.title());
            if (!r.url().isEmpty()) {
                ref.put("url", r.url());
            } else {
                ref.put("description", r.title());
            }
        }
        if (refs.isEmpty()) {
            o.remove("external_references");
        }
        o.put("x_atlas_incident_date", study.date().date().toString());
        o.put("x_atlas_incident_date_granularity", study.date().granularity().name());
        o.put("x_atlas_case_study_type", study.type().label());
        o.put("x_atlas_target", study.target());
        o.put("x_atlas_actor", study.actor());
        study.reporter().ifPresent(r -> o.put("x_atlas_reporter", r));
        objects.add(o);
        for (int i = 0; i < study.procedure().size(); i++) {
            ProcedureStep step = study.procedure().get(i);
            int number = i + 1;
            ObjectNode r = sdo(
                    "relationship",
                    "relationship--"
                            + StixIds.uuid5(NAMESPACE, key + "-step-" + number + "-uses-" + step.techniqueId()),
                    ts,
                    tlp);
            r.put("relationship_type", "uses");
            r.put("source_ref", incidentId);
            r.put("target_ref", StixIds.id("attack-pattern", step.techniqueId().value()));
            r.put("description", step.description());
            r.put("x_atlas_step", number);
            r.put("x_atlas_tactic_id", step.tacticId().value());
            r.put("x_atlas_technique_id", step.techniqueId().value());
            objects.add(r);
        }
        return new StixBundle("bundle--" + StixIds.uuid5(NAMESPACE, key + "-bundle-" + ts), objects);
    }

    /** The TLP 2.0 marking definition as OASIS publishes it. */
    public static ObjectNode marking(Tlp tlp) {
        ObjectNode m = JSON.createObjectNode();
        m.put("type", "marking-definition");
        m.put("spec_version", "2.1");
        m.put("id", tlp.markingId());
        m.put("created", Tlp.CREATED);
        m.put("name", tlp.title());
        m.putObject("extensions")
                .putObject(Tlp.EXTENSION)
                .put("extension_type", "property-extension")
                .put("tlp_2_0", tlp.label());
        return m;
    }

    private static ObjectNode sdo(String type, String id, String ts, Tlp tlp) {
        ObjectNode o = JSON.createObjectNode();
        o.put("type", type);
        o.put("spec_version", "2.1");
        o.put("id", id);
        o.put("created", ts);
        o.put("modified", ts);
        o.putArray("object_marking_refs").add(tlp.markingId());
        return o;
    }

    /** A study read back from a bundle, with the TLP its incident is marked with. */
    public record Imported(Study study, Tlp tlp, String incidentId) {}

    /**
     * Reads every {@code incident} of a bundle with its {@code uses} steps. A step whose technique is not named by
     * an {@code x_atlas_technique_id} or an ATLAS {@code external_id} is reported, naming the file and object.
     */
    public static List<Imported> read(String json, String file) {
        if (json.length() > MAX_BYTES) {
            throw new BadInputException(file + ": larger than " + MAX_BYTES / (1024 * 1024) + " MiB");
        }
        JsonNode root;
        try {
            ObjectMapper m = JsonMapper.builder().build();
            m.getFactory()
                    .setStreamReadConstraints(
                            StreamReadConstraints.builder().maxNestingDepth(64).build());
            root = m.readTree(json);
        } catch (JsonProcessingException e) {
            throw new BadInputException(
                    file + ":" + e.getLocation().getLineNr() + ": not valid JSON: " + e.getOriginalMessage());
        }
        if (root == null
                || !"bundle".equals(root.path("type").asText())
                || !root.path("objects").isArray()) {
            throw new BadInputException(
                    file + ": not a STIX 2.1 bundle (expected {\"type\": \"bundle\", \"objects\": [...]})");
        }
        List<String> problems = new ArrayList<>();
        Map<String, List<JsonNode>> steps = new TreeMap<>();
        Map<String, String> attackPatterns = new TreeMap<>();
        for (JsonNode o : root.path("objects")) {
            if ("attack-pattern".equals(o.path("type").asText())) {
                for (JsonNode ref : o.path("external_references")) {
                    if ("mitre-atlas".equals(ref.path("source_name").asText())) {
                        attackPatterns.put(
                                o.path("id").asText(), ref.path("external_id").asText());
                    }
                }
            }
            if ("relationship".equals(o.path("type").asText())
                    && "uses".equals(o.path("relationship_type").asText())) {
                steps.computeIfAbsent(o.path("source_ref").asText(), k -> new ArrayList<>())
                        .add(o);
            }
        }
        List<Imported> out = new ArrayList<>();
        for (JsonNode o : root.path("objects")) {
            if (!"incident".equals(o.path("type").asText())) {
                continue;
            }
            String id = o.path("id").asText();
            String at = file + ": " + id;
            try {
                String dateText = o.path("x_atlas_incident_date").asText("");
                LocalDate date;
                try {
                    date = dateText.isEmpty()
                            ? LocalDate.parse(o.path("created").asText("").substring(0, 10))
                            : LocalDate.parse(dateText.length() > 10 ? dateText.substring(0, 10) : dateText);
                } catch (DateTimeParseException | StringIndexOutOfBoundsException e) {
                    problems.add(at + ": x_atlas_incident_date: '" + dateText + "' is not a date (YYYY-MM-DD)");
                    continue;
                }
                IncidentDate.Granularity g;
                try {
                    g = IncidentDate.Granularity.valueOf(
                            o.path("x_atlas_incident_date_granularity").asText("DATE"));
                } catch (IllegalArgumentException e) {
                    problems.add(at + ": x_atlas_incident_date_granularity: not YEAR, MONTH or DATE");
                    continue;
                }
                List<Reference> refs = new ArrayList<>();
                for (JsonNode ref : o.path("external_references")) {
                    if ("mitre-atlas".equals(ref.path("source_name").asText())) {
                        continue;
                    }
                    String url = ref.path("url").asText("");
                    String title = ref.path("source_name").asText("");
                    refs.add(new Reference(title.equals(url) ? "" : title, url));
                }
                List<JsonNode> uses = new ArrayList<>(steps.getOrDefault(id, List.of()));
                uses.sort(Comparator.comparingInt(r -> r.path("x_atlas_step").asInt(Integer.MAX_VALUE)));
                List<ProcedureStep> procedure = new ArrayList<>();
                for (JsonNode r : uses) {
                    String rid = r.path("id").asText();
                    Optional<AtlasId> technique = AtlasId.tryParse(r.path("x_atlas_technique_id")
                            .asText(attackPatterns.getOrDefault(
                                    r.path("target_ref").asText(), "")));
                    Optional<AtlasId> tactic =
                            AtlasId.tryParse(r.path("x_atlas_tactic_id").asText(""));
                    if (technique.isEmpty() || tactic.isEmpty()) {
                        problems.add(file + ": " + rid + ": a step needs x_atlas_technique_id and x_atlas_tactic_id "
                                + "(or an attack-pattern with its ATLAS external_id in the bundle)");
                        continue;
                    }
                    procedure.add(new ProcedureStep(
                            tactic.get(), technique.get(), r.path("description").asText("")));
                }
                Tlp tlp = Tlp.AMBER;
                for (JsonNode ref : o.path("object_marking_refs")) {
                    Optional<Tlp> t = Tlp.ofMarkingId(ref.asText());
                    if (t.isPresent()) {
                        tlp = t.get();
                    }
                }
                Study study = new Study(
                        o.path("name").asText(""),
                        o.path("description").asText(""),
                        new IncidentDate(date, g),
                        StudyType.parse(o.path("x_atlas_case_study_type").asText("incident"))
                                .orElse(StudyType.INCIDENT),
                        o.path("x_atlas_target").asText(""),
                        o.path("x_atlas_actor").asText(""),
                        Optional.ofNullable(o.path("x_atlas_reporter").textValue()),
                        refs,
                        procedure);
                out.add(new Imported(study, tlp, id));
            } catch (BadInputException e) {
                problems.add(at + ": " + e.getMessage());
            }
        }
        if (!problems.isEmpty()) {
            throw new StudyFileException(problems);
        }
        if (out.isEmpty()) {
            throw new BadInputException(file + ": the bundle holds no incident object; export one with "
                    + "'atlas-ops intel incident export ID --format stix'");
        }
        return out;
    }
}
