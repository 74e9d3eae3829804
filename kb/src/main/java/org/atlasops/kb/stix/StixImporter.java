package org.atlasops.kb.stix;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.atlasops.kb.AtlasDataException;
import org.atlasops.kb.AtlasId;
import org.atlasops.kb.AttackReference;
import org.atlasops.kb.CaseStudy;
import org.atlasops.kb.DataIssue;
import org.atlasops.kb.IncidentDate;
import org.atlasops.kb.KnowledgeBase;
import org.atlasops.kb.Matrix;
import org.atlasops.kb.Maturity;
import org.atlasops.kb.Mitigation;
import org.atlasops.kb.ObjectType;
import org.atlasops.kb.ProcedureStep;
import org.atlasops.kb.Reference;
import org.atlasops.kb.SafeText;
import org.atlasops.kb.Tactic;
import org.atlasops.kb.Technique;
import org.atlasops.kb.TechniqueUse;

/**
 * Reads a STIX 2.1 bundle in the ATT&amp;CK data model (the official {@code stix-atlas.json}, or ours) into the
 * model. Objects are joined by their ATLAS IDs ({@code mitre-atlas} external references) and relationships by
 * (source, type, target), never by relationship ID: the official bundle reuses IDs for different links.
 */
public final class StixImporter {
    static final long MAX_BYTES = 64L * 1024 * 1024;
    private static final ObjectMapper JSON = new ObjectMapper(JsonFactory.builder()
            .streamReadConstraints(StreamReadConstraints.builder()
                    .maxNestingDepth(64)
                    .maxStringLength(8 * 1024 * 1024)
                    .build())
            .build());

    private final String file;
    private final List<DataIssue> issues = new ArrayList<>();
    /** STIX id → ATLAS id. */
    private final Map<String, AtlasId> atlasIds = new HashMap<>();
    /** ATLAS IDs already taken by an object: a second object with one is reported and left out. */
    private final Set<AtlasId> taken = new java.util.HashSet<>();

    private StixImporter(String file) {
        this.file = file;
    }

    /**
     * @param version the release version to record; when empty, the collection's {@code x_atlas_version} or
     *                {@code x_mitre_version}
     */
    public static KnowledgeBase read(Path path, Optional<String> version) {
        try {
            if (Files.size(path) > MAX_BYTES) {
                throw new AtlasDataException(path + ": refused: larger than " + MAX_BYTES + " bytes");
            }
            try (InputStream in = Files.newInputStream(path)) {
                return read(in, path.toString(), version);
            }
        } catch (NoSuchFileException e) {
            throw new AtlasDataException(path + ": no such file");
        } catch (IOException e) {
            throw new AtlasDataException(path + ": cannot read: " + e.getMessage(), e);
        }
    }

    public static KnowledgeBase read(InputStream in, String name, Optional<String> version) {
        JsonNode root;
        try {
            root = JSON.readTree(in);
        } catch (JsonProcessingException e) {
            String where = e.getLocation() == null
                    ? name
                    : name + ":" + e.getLocation().getLineNr() + ":"
                            + e.getLocation().getColumnNr();
            throw new AtlasDataException(where + ": malformed JSON: " + e.getOriginalMessage(), e);
        } catch (IOException e) {
            throw new AtlasDataException(name + ": cannot read: " + e.getMessage(), e);
        }
        return new StixImporter(name).convert(root, version);
    }

    private KnowledgeBase convert(JsonNode root, Optional<String> versionOverride) {
        if (root == null
                || !root.isObject()
                || !"bundle".equals(root.path("type").asText())
                || !root.path("objects").isArray()) {
            throw new AtlasDataException(
                    file + ": not a STIX bundle: expected {\"type\": \"bundle\", " + "\"objects\": [...]}");
        }
        Map<String, List<JsonNode>> byType = new LinkedHashMap<>();
        int index = 0;
        for (JsonNode o : root.get("objects")) {
            String where = "objects[" + index++ + "]";
            if (!o.isObject() || !o.path("type").isTextual() || !o.path("id").isTextual()) {
                issue(DataIssue.Severity.ERROR, where, "", "not a STIX object (needs 'type' and 'id'); ignored");
                continue;
            }
            byType.computeIfAbsent(o.get("type").asText(), k -> new ArrayList<>())
                    .add(o);
            atlasId(o).ifPresent(id -> atlasIds.put(o.get("id").asText(), id));
        }
        Map<String, AtlasId> tacticByShortname = new HashMap<>();
        List<Tactic> tactics = new ArrayList<>();
        for (JsonNode o : byType.getOrDefault("x-mitre-tactic", List.of())) {
            Optional<AtlasId> id = typedId(o, ObjectType.TACTIC);
            if (id.isPresent()) {
                tactics.add(new Tactic(
                        id.get(),
                        text(o, "name"),
                        text(o, "description"),
                        attack(o),
                        date(o, "created"),
                        date(o, "modified")));
                tacticByShortname.put(
                        o.path("x_mitre_shortname").asText(Tactic.shortnameOf(text(o, "name"))), id.get());
            }
        }
        List<Matrix> matrices = new ArrayList<>();
        for (JsonNode o : byType.getOrDefault("x-mitre-matrix", List.of())) {
            List<AtlasId> order = new ArrayList<>();
            o.path("tactic_refs")
                    .forEach(ref ->
                            Optional.ofNullable(atlasIds.get(ref.asText())).ifPresent(order::add));
            matrices.add(new Matrix("ATLAS", text(o, "name"), order));
        }
        Map<String, List<JsonNode>> relationships = relationships(byType.getOrDefault("relationship", List.of()));

        Map<AtlasId, AtlasId> parentOf = new HashMap<>();
        for (JsonNode r : relationships.getOrDefault("subtechnique-of", List.of())) {
            parentOf.put(
                    atlasIds.get(r.get("source_ref").asText()),
                    atlasIds.get(r.get("target_ref").asText()));
        }
        List<Technique> techniques = new ArrayList<>();
        for (JsonNode o : byType.getOrDefault("attack-pattern", List.of())) {
            Optional<AtlasId> idOpt = typedId(o, ObjectType.TECHNIQUE, ObjectType.SUB_TECHNIQUE);
            if (idOpt.isEmpty()) {
                continue;
            }
            AtlasId id = idOpt.get();
            List<AtlasId> tacticIds = new ArrayList<>();
            for (JsonNode phase : o.path("kill_chain_phases")) {
                AtlasId tactic = tacticByShortname.get(phase.path("phase_name").asText());
                if (tactic == null) {
                    issue(
                            DataIssue.Severity.ERROR,
                            o.get("id").asText(),
                            id.value(),
                            "kill chain phase '" + phase.path("phase_name").asText()
                                    + "' is not a tactic shortname in this bundle; ignored");
                } else if (!tacticIds.contains(tactic)) {
                    tacticIds.add(tactic);
                }
            }
            Optional<AtlasId> parent = Optional.ofNullable(parentOf.get(id)).or(id::parent);
            List<String> platforms = new ArrayList<>();
            o.path("x_mitre_platforms").forEach(p -> platforms.add(p.asText()));
            platforms.remove("ATLAS");
            techniques.add(new Technique(
                    id,
                    text(o, "name"),
                    text(o, "description"),
                    tacticIds,
                    parent,
                    Optional.ofNullable(o.get("x_atlas_maturity")).flatMap(m -> Maturity.parse(m.asText())),
                    attack(o),
                    references(o),
                    platforms,
                    date(o, "created"),
                    date(o, "modified"),
                    o.path("x_mitre_deprecated").asBoolean(false)
                            || o.path("revoked").asBoolean(false)));
        }
        Map<AtlasId, List<TechniqueUse>> uses = new HashMap<>();
        for (JsonNode r : relationships.getOrDefault("mitigates", List.of())) {
            AtlasId mit = atlasIds.get(r.get("source_ref").asText());
            AtlasId tech = atlasIds.get(r.get("target_ref").asText());
            uses.computeIfAbsent(mit, k -> new ArrayList<>()).add(new TechniqueUse(tech, text(r, "description")));
        }
        List<Mitigation> mitigations = new ArrayList<>();
        for (JsonNode o : byType.getOrDefault("course-of-action", List.of())) {
            Optional<AtlasId> id = typedId(o, ObjectType.MITIGATION);
            if (id.isPresent()) {
                List<TechniqueUse> list = new ArrayList<>(uses.getOrDefault(id.get(), List.of()));
                list.sort(Comparator.comparing(TechniqueUse::techniqueId));
                mitigations.add(new Mitigation(
                        id.get(),
                        text(o, "name"),
                        text(o, "description"),
                        list,
                        strings(o, "x_atlas_lifecycle_stages"),
                        strings(o, "x_atlas_categories"),
                        attack(o),
                        date(o, "created"),
                        date(o, "modified")));
            }
        }
        List<CaseStudy> caseStudies = caseStudies(byType, relationships, tacticByShortname);
        String version = versionOverride.or(() -> collectionVersion(byType)).orElse("unknown");
        tactics.sort(Comparator.comparing(Tactic::id));
        techniques.sort(Comparator.comparing(Technique::id));
        mitigations.sort(Comparator.comparing(Mitigation::id));
        return new KnowledgeBase(
                "ATLAS",
                "Adversarial Threat Landscape for AI Systems",
                version,
                "stix-2.1",
                file,
                matrices,
                orderTactics(tactics, matrices),
                techniques,
                mitigations,
                caseStudies,
                issues);
    }

    private static List<Tactic> orderTactics(List<Tactic> tactics, List<Matrix> matrices) {
        if (matrices.isEmpty()) {
            return tactics;
        }
        List<AtlasId> order = matrices.get(0).tacticIds();
        List<Tactic> sorted = new ArrayList<>(tactics);
        sorted.sort(Comparator.comparingInt(t -> order.contains(t.id()) ? order.indexOf(t.id()) : Integer.MAX_VALUE));
        return sorted;
    }

    private List<CaseStudy> caseStudies(
            Map<String, List<JsonNode>> byType,
            Map<String, List<JsonNode>> rels,
            Map<String, AtlasId> tacticByShortname) {
        Map<AtlasId, List<JsonNode>> steps = new HashMap<>();
        for (JsonNode r : rels.getOrDefault("uses", List.of())) {
            steps.computeIfAbsent(atlasIds.get(r.get("source_ref").asText()), k -> new ArrayList<>())
                    .add(r);
        }
        List<CaseStudy> out = new ArrayList<>();
        for (JsonNode o : byType.getOrDefault("incident", List.of())) {
            // Other incidents (OpenCTI's, say) are not ATLAS case studies: skipped without a note.
            Optional<AtlasId> idOpt =
                    atlasId(o).filter(id -> id.type() == ObjectType.CASE_STUDY).filter(id -> first(o, id));
            if (idOpt.isEmpty()) {
                continue;
            }
            AtlasId id = idOpt.get();
            List<JsonNode> mine = new ArrayList<>(steps.getOrDefault(id, List.of()));
            mine.sort(Comparator.comparingInt(r -> r.path("x_atlas_step").asInt(Integer.MAX_VALUE)));
            List<ProcedureStep> procedure = new ArrayList<>();
            for (JsonNode r : mine) {
                AtlasId tactic = tacticByShortname.get(r.path("x_atlas_tactic").asText());
                if (tactic == null) {
                    issue(
                            DataIssue.Severity.ERROR,
                            r.get("id").asText(),
                            id.value(),
                            "step "
                                    + r.path("x_atlas_step").asText("?") + ": x_atlas_tactic '"
                                    + r.path("x_atlas_tactic").asText()
                                    + "' is not a tactic shortname in this bundle; step ignored");
                    continue;
                }
                procedure.add(new ProcedureStep(
                        tactic, atlasIds.get(r.get("target_ref").asText()), text(r, "description")));
            }
            Optional<IncidentDate> date = Optional.empty();
            if (o.hasNonNull("x_atlas_incident_date")) {
                try {
                    date = Optional.of(new IncidentDate(
                            LocalDate.parse(o.get("x_atlas_incident_date").asText()),
                            IncidentDate.Granularity.valueOf(
                                    o.path("x_atlas_incident_date_granularity").asText("DATE"))));
                } catch (DateTimeParseException | IllegalArgumentException e) {
                    issue(
                            DataIssue.Severity.ERROR,
                            o.get("id").asText(),
                            id.value(),
                            "x_atlas_incident_date is not a "
                                    + "date YYYY-MM-DD with granularity YEAR, MONTH or DATE; ignored");
                }
            }
            out.add(new CaseStudy(
                    id,
                    text(o, "name"),
                    text(o, "description"),
                    date,
                    optional(o, "x_atlas_case_study_type"),
                    optional(o, "x_atlas_target"),
                    optional(o, "x_atlas_actor"),
                    optional(o, "x_atlas_reporter"),
                    references(o),
                    procedure));
        }
        out.sort(Comparator.comparing(CaseStudy::id));
        return out;
    }

    /** Relationships by type, one per (source, type, target), both ends known ATLAS objects. */
    private Map<String, List<JsonNode>> relationships(List<JsonNode> all) {
        Map<String, List<JsonNode>> byType = new LinkedHashMap<>();
        Set<String> seenKeys = new LinkedHashSet<>();
        Map<String, String> keyById = new HashMap<>();
        int sharedIds = 0;
        for (JsonNode r : all) {
            String source = r.path("source_ref").asText();
            String target = r.path("target_ref").asText();
            String type = r.path("relationship_type").asText();
            if (!atlasIds.containsKey(source) || !atlasIds.containsKey(target)) {
                issue(
                        DataIssue.Severity.WARNING,
                        r.get("id").asText(),
                        "",
                        type + " relationship between objects " + "that are not ATLAS objects in this bundle; ignored");
                continue;
            }
            String key = source + " " + type + " " + target
                    + (type.equals("uses") ? " " + r.path("x_atlas_step").asText() : "");
            String previous = keyById.putIfAbsent(r.get("id").asText(), key);
            if (previous != null && !previous.equals(key)) {
                sharedIds++;
            }
            if (seenKeys.add(key)) {
                byType.computeIfAbsent(type, k -> new ArrayList<>()).add(r);
            }
        }
        if (sharedIds > 0) {
            issue(
                    DataIssue.Severity.WARNING,
                    "relationships",
                    "",
                    sharedIds + " relationships reuse the ID of "
                            + "another relationship with different ends (the official bundle names 'mitigates' links by "
                            + "their text); joined by (source, type, target) instead, so none is lost");
        }
        return byType;
    }

    /** Our bundles say their release in {@code x_atlas_version}; the official one does not say it anywhere. */
    private Optional<String> collectionVersion(Map<String, List<JsonNode>> byType) {
        for (JsonNode c : byType.getOrDefault("x-mitre-collection", List.of())) {
            if (c.hasNonNull("x_atlas_version")) {
                return Optional.of(c.get("x_atlas_version").asText());
            }
        }
        issue(
                DataIssue.Severity.WARNING,
                "x-mitre-collection",
                "",
                "the bundle does not say which ATLAS release it "
                        + "holds (x_mitre_version is the collection's own version, not ATLAS's); the release is 'unknown' "
                        + "unless given (kb import-stix --release-version)");
        return Optional.empty();
    }

    /** The object's ATLAS ID if it is of one of these types and the first with it; otherwise a note and empty. */
    private Optional<AtlasId> typedId(JsonNode o, ObjectType... types) {
        Optional<AtlasId> id = atlasId(o).filter(a -> List.of(types).contains(a.type()));
        if (id.isEmpty()) {
            noAtlasId(o);
            return Optional.empty();
        }
        return first(o, id.get()) ? id : Optional.empty();
    }

    /** True for the first object with this ATLAS ID; a later one is reported. */
    private boolean first(JsonNode o, AtlasId atlasId) {
        if (taken.add(atlasId)) {
            return true;
        }
        issue(
                DataIssue.Severity.ERROR,
                o.get("id").asText(),
                atlasId.value(),
                "a second " + o.get("type").asText()
                        + " with this ATLAS ID; the first one is kept, this one is ignored");
        return false;
    }

    private void noAtlasId(JsonNode o) {
        issue(
                DataIssue.Severity.INFO,
                o.get("id").asText(),
                "",
                o.get("type").asText() + " without a mitre-atlas external ID of the right kind; ignored");
    }

    private static Optional<AtlasId> atlasId(JsonNode o) {
        for (JsonNode ref : o.path("external_references")) {
            if (StixExporter.SOURCE.equals(ref.path("source_name").asText()) && ref.hasNonNull("external_id")) {
                Optional<AtlasId> id = AtlasId.tryParse(ref.get("external_id").asText());
                if (id.isPresent()) {
                    return id;
                }
            }
        }
        return Optional.empty();
    }

    private static Optional<AttackReference> attack(JsonNode o) {
        for (JsonNode ref : o.path("external_references")) {
            if ("mitre-attack".equals(ref.path("source_name").asText()) && ref.hasNonNull("external_id")) {
                return Optional.of(new AttackReference(
                        ref.get("external_id").asText(), ref.path("url").asText("")));
            }
        }
        return Optional.empty();
    }

    private static List<Reference> references(JsonNode o) {
        List<Reference> refs = new ArrayList<>();
        for (JsonNode ref : o.path("external_references")) {
            String source = ref.path("source_name").asText();
            if (!source.equals(StixExporter.SOURCE) && !source.equals("mitre-attack")) {
                String url = ref.path("url").asText("");
                // Our export names an untitled reference by its URL.
                String title = ref.hasNonNull("url")
                        ? (source.equals(url) ? "" : source)
                        : ref.path("description").asText(source);
                refs.add(new Reference(title, url));
            }
        }
        return refs;
    }

    private static String text(JsonNode o, String field) {
        // The same characters the YAML reader removes: they could drive a terminal or disguise text.
        return SafeText.clean(o.path(field).asText(""));
    }

    private static Optional<String> optional(JsonNode o, String field) {
        return o.hasNonNull(field) ? Optional.of(o.get(field).asText()) : Optional.empty();
    }

    private static List<String> strings(JsonNode o, String field) {
        List<String> out = new ArrayList<>();
        o.path(field).forEach(v -> out.add(v.asText()));
        return out;
    }

    private Optional<LocalDate> date(JsonNode o, String field) {
        String t = o.path(field).asText("");
        if (t.length() < 10) {
            return Optional.empty();
        }
        try {
            return Optional.of(LocalDate.parse(t.substring(0, 10)));
        } catch (DateTimeParseException e) {
            issue(DataIssue.Severity.ERROR, o.get("id").asText(), "", "'" + field + "' is not a STIX timestamp: " + t);
            return Optional.empty();
        }
    }

    private void issue(DataIssue.Severity severity, String where, String objectId, String message) {
        issues.add(new DataIssue(severity, file + ": " + where, objectId, message));
    }
}
