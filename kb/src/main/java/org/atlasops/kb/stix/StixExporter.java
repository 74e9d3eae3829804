package org.atlasops.kb.stix;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;
import org.atlasops.kb.AtlasId;
import org.atlasops.kb.AtlasObject;
import org.atlasops.kb.AttackReference;
import org.atlasops.kb.CaseStudy;
import org.atlasops.kb.KnowledgeBase;
import org.atlasops.kb.Markdown;
import org.atlasops.kb.Mitigation;
import org.atlasops.kb.ProcedureStep;
import org.atlasops.kb.Reference;
import org.atlasops.kb.Tactic;
import org.atlasops.kb.Technique;
import org.atlasops.kb.TechniqueUse;

/**
 * Writes a release as a STIX 2.1 bundle in the ATT&amp;CK data model, with the official bundle's object IDs.
 * Unlike the official bundle it gives every {@code mitigates} relationship its own ID (the official one names
 * them by the {@code use} text, so links sharing a text collide), and it carries what that bundle drops: case
 * studies as {@code incident} objects whose procedure steps are {@code uses} relationships, technique maturity
 * ({@code x_atlas_maturity}) and ATT&amp;CK references ({@code mitre-attack} external references).
 * The output is deterministic: the same release always gives the same bytes.
 */
public final class StixExporter {
    static final String SOURCE = "mitre-atlas";
    static final String KILL_CHAIN = "mitre-atlas";
    private static final ObjectMapper JSON = new ObjectMapper();

    private final KnowledgeBase kb;
    private final String fallbackTimestamp;
    private final String identityId = StixIds.id("identity", "ATLAS-identity");

    private StixExporter(KnowledgeBase kb) {
        this.kb = kb;
        // Objects without dates (case studies, releases before 4.6) get the release's latest date: deterministic.
        LocalDate latest = Stream.of(
                        kb.tactics().stream().flatMap(t -> Stream.of(t.created(), t.modified())),
                        kb.techniques().stream().flatMap(t -> Stream.of(t.created(), t.modified())),
                        kb.mitigations().stream().flatMap(m -> Stream.of(m.created(), m.modified())))
                .flatMap(s -> s)
                .flatMap(Optional::stream)
                .max(Comparator.naturalOrder())
                .orElse(LocalDate.of(2021, 3, 24));
        this.fallbackTimestamp = timestamp(latest);
    }

    public static ObjectNode export(KnowledgeBase kb) {
        return new StixExporter(kb).bundle();
    }

    /** The bundle as pretty-printed JSON text. */
    public static String exportJson(KnowledgeBase kb) {
        try {
            return JSON.writerWithDefaultPrettyPrinter().writeValueAsString(export(kb));
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    private ObjectNode bundle() {
        List<ObjectNode> objects = new ArrayList<>();
        objects.add(identity());
        ObjectNode matrix = sdo(
                "x-mitre-matrix", StixIds.id("x-mitre-matrix", "ATLAS-matrix"), fallbackTimestamp, fallbackTimestamp);
        String matrixName =
                kb.matrices().isEmpty() ? "ATLAS Matrix" : kb.matrices().get(0).name();
        matrix.put("name", matrixName.isEmpty() ? "ATLAS Matrix" : matrixName);
        matrix.put("description", "ATLAS matrix for " + (matrixName.isEmpty() ? "ATLAS" : matrixName));
        matrix.putArray("external_references")
                .addObject()
                .put("source_name", SOURCE)
                .put("url", Markdown.SITE)
                .put("external_id", SOURCE);
        ArrayNode tacticRefs = matrix.putArray("tactic_refs");
        kb.tactics().forEach(t -> tacticRefs.add(stixId(t)));
        objects.add(matrix);

        for (Tactic t : kb.tactics()) {
            ObjectNode o = common(t, "x-mitre-tactic", t.created(), t.modified());
            references(o, t, t.attackReference(), List.of());
            o.put("x_mitre_shortname", t.shortname());
            objects.add(o);
        }
        for (Technique t : kb.techniques()) {
            objects.add(technique(t));
        }
        for (Mitigation m : kb.mitigations()) {
            ObjectNode o = common(m, "course-of-action", m.created(), m.modified());
            references(o, m, m.attackReference(), List.of());
            m.lifecycleStages().forEach(o.putArray("x_atlas_lifecycle_stages")::add);
            m.categories().forEach(o.putArray("x_atlas_categories")::add);
            objects.add(o);
        }
        for (CaseStudy cs : kb.caseStudies()) {
            objects.add(caseStudy(cs));
        }
        for (Technique t : kb.techniques()) {
            Optional<Technique> parent = t.parentId().flatMap(kb::technique);
            if (parent.isPresent()) {
                ObjectNode r = relationship(
                        StixIds.id("relationship", t.id() + "-subtechnique-of-" + stixId(parent.get())),
                        "subtechnique-of",
                        stixId(t),
                        stixId(parent.get()),
                        t.created(),
                        t.modified());
                objects.add(r);
            }
        }
        for (Mitigation m : kb.mitigations()) {
            for (TechniqueUse use : m.techniques()) {
                kb.technique(use.techniqueId()).ifPresent(t -> {
                    // Named by both IDs, never by the text: one ID per link.
                    ObjectNode r = relationship(
                            StixIds.id("relationship", m.id() + "-mitigates-" + t.id()),
                            "mitigates",
                            stixId(m),
                            stixId(t),
                            m.created(),
                            m.modified());
                    if (!use.use().isEmpty()) {
                        r.put("description", use.use());
                    }
                    objects.add(r);
                });
            }
        }
        for (CaseStudy cs : kb.caseStudies()) {
            for (int i = 0; i < cs.procedure().size(); i++) {
                ProcedureStep step = cs.procedure().get(i);
                int number = i + 1;
                kb.technique(step.techniqueId()).ifPresent(t -> {
                    ObjectNode r = relationship(
                            StixIds.id("relationship", cs.id() + "-step-" + number + "-uses-" + t.id()),
                            "uses",
                            stixId(cs),
                            stixId(t),
                            Optional.empty(),
                            Optional.empty());
                    r.put("description", step.description());
                    r.put("x_atlas_step", number);
                    kb.tactic(step.tacticId()).ifPresent(tac -> r.put("x_atlas_tactic", tac.shortname()));
                    objects.add(r);
                });
            }
        }
        objects.add(collection(objects));

        ObjectNode bundle = JSON.createObjectNode();
        bundle.put("type", "bundle");
        bundle.put("id", "bundle--" + StixIds.uuid5(StixIds.NAMESPACE, "ATLAS-bundle"));
        bundle.putArray("objects").addAll(objects);
        return bundle;
    }

    private ObjectNode identity() {
        ObjectNode o = sdo("identity", identityId, fallbackTimestamp, fallbackTimestamp);
        o.put("name", "The MITRE Corporation");
        o.put("identity_class", "organization");
        return o;
    }

    private ObjectNode collection(List<ObjectNode> contents) {
        ObjectNode o = sdo(
                "x-mitre-collection",
                StixIds.id("x-mitre-collection", "ATLAS-collection"),
                fallbackTimestamp,
                fallbackTimestamp);
        o.put("created_by_ref", identityId);
        o.put("name", "ATLAS");
        o.put("description", kb.name().isEmpty() ? "Adversarial Threat Landscape for AI Systems" : kb.name());
        o.put("x_mitre_attack_spec_version", "2.1.0");
        o.put("x_mitre_version", kb.version());
        o.put("x_atlas_version", kb.version());
        ArrayNode list = o.putArray("x_mitre_contents");
        for (ObjectNode c : contents) {
            list.addObject()
                    .put("object_ref", c.get("id").asText())
                    .put("object_modified", c.get("modified").asText());
        }
        return o;
    }

    private ObjectNode technique(Technique t) {
        ObjectNode o = common(t, "attack-pattern", t.created(), t.modified());
        ArrayNode phases = o.putArray("kill_chain_phases");
        for (AtlasId tacticId : t.tacticIds()) {
            kb.tactic(tacticId)
                    .ifPresent(tac -> phases.addObject()
                            .put("kill_chain_name", KILL_CHAIN)
                            .put("phase_name", tac.shortname()));
        }
        references(o, t, t.attackReference(), t.references());
        o.put("x_mitre_is_subtechnique", t.isSubTechnique());
        (t.platforms().isEmpty() ? List.of("ATLAS") : t.platforms()).forEach(o.putArray("x_mitre_platforms")::add);
        t.maturity().ifPresent(m -> o.put("x_atlas_maturity", m.label()));
        if (t.deprecated()) {
            o.put("x_mitre_deprecated", true);
        }
        return o;
    }

    private ObjectNode caseStudy(CaseStudy cs) {
        ObjectNode o = common(cs, "incident", Optional.empty(), Optional.empty());
        references(o, cs, Optional.empty(), cs.references());
        cs.incidentDate().ifPresent(d -> {
            o.put("x_atlas_incident_date", d.date().toString());
            o.put("x_atlas_incident_date_granularity", d.granularity().name());
        });
        cs.caseStudyType().ifPresent(v -> o.put("x_atlas_case_study_type", v));
        cs.target().ifPresent(v -> o.put("x_atlas_target", v));
        cs.actor().ifPresent(v -> o.put("x_atlas_actor", v));
        cs.reporter().ifPresent(v -> o.put("x_atlas_reporter", v));
        return o;
    }

    private ObjectNode common(
            AtlasObject object, String type, Optional<LocalDate> created, Optional<LocalDate> modified) {
        String c = created.map(StixExporter::timestamp).orElse(fallbackTimestamp);
        String m = modified.map(StixExporter::timestamp).orElse(c);
        ObjectNode o = sdo(type, stixId(object), c, m.compareTo(c) < 0 ? c : m);
        o.put("name", object.name());
        o.put("description", object.description());
        return o;
    }

    private static ObjectNode sdo(String type, String id, String created, String modified) {
        ObjectNode o = JSON.createObjectNode();
        o.put("type", type);
        o.put("spec_version", "2.1");
        o.put("id", id);
        o.put("created", created);
        o.put("modified", modified);
        return o;
    }

    private ObjectNode relationship(
            String id,
            String type,
            String source,
            String target,
            Optional<LocalDate> created,
            Optional<LocalDate> modified) {
        String c = created.map(StixExporter::timestamp).orElse(fallbackTimestamp);
        String m = modified.map(StixExporter::timestamp).orElse(c);
        ObjectNode r = sdo("relationship", id, c, m.compareTo(c) < 0 ? c : m);
        r.put("relationship_type", type);
        r.put("source_ref", source);
        r.put("target_ref", target);
        return r;
    }

    private static void references(
            ObjectNode o, AtlasObject object, Optional<AttackReference> attack, List<Reference> refs) {
        ArrayNode list = o.putArray("external_references");
        list.addObject()
                .put("source_name", SOURCE)
                .put("url", object.url())
                .put("external_id", object.id().value());
        attack.ifPresent(a -> {
            ObjectNode r = list.addObject().put("source_name", "mitre-attack").put("external_id", a.id());
            if (!a.url().isEmpty()) {
                r.put("url", a.url());
            }
        });
        for (Reference ref : refs) {
            // STIX requires a source_name, and a url or an external_id or a description.
            if (ref.url().isEmpty() && ref.title().isEmpty()) {
                continue;
            }
            ObjectNode r = list.addObject().put("source_name", ref.title().isEmpty() ? ref.url() : ref.title());
            if (!ref.url().isEmpty()) {
                r.put("url", ref.url());
            } else {
                r.put("description", ref.title());
            }
        }
    }

    static String stixId(AtlasObject o) {
        String type = switch (o.type()) {
            case TACTIC -> "x-mitre-tactic";
            case TECHNIQUE, SUB_TECHNIQUE -> "attack-pattern";
            case MITIGATION -> "course-of-action";
            case CASE_STUDY -> "incident";
        };
        return StixIds.id(type, o.id().value());
    }

    static String timestamp(LocalDate date) {
        return date + "T00:00:00.000Z";
    }
}
