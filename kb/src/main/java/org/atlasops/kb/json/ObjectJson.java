package org.atlasops.kb.json;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.LocalDate;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import org.atlasops.kb.AtlasId;
import org.atlasops.kb.AtlasObject;
import org.atlasops.kb.AttackReference;
import org.atlasops.kb.CaseStudy;
import org.atlasops.kb.KnowledgeBase;
import org.atlasops.kb.Markdown;
import org.atlasops.kb.Matrix;
import org.atlasops.kb.Mitigation;
import org.atlasops.kb.Reference;
import org.atlasops.kb.Tactic;
import org.atlasops.kb.Technique;
import org.atlasops.kb.TechniqueUse;
import org.atlasops.kb.crosswalk.CrosswalkEntry;
import org.atlasops.kb.details.CaseStudyDetails;
import org.atlasops.kb.details.MitigationDetails;
import org.atlasops.kb.details.ObjectDetails;
import org.atlasops.kb.details.Step;
import org.atlasops.kb.details.StudyStep;
import org.atlasops.kb.details.TacticDetails;
import org.atlasops.kb.details.TechniqueDetails;
import org.atlasops.kb.diff.FieldChange;
import org.atlasops.kb.diff.ObjectChange;
import org.atlasops.kb.diff.ReleaseDiff;

/**
 * The JSON shapes of ATLAS objects, the same in the CLI's {@code --format json} and the web API (documented in
 * docs/kb.md): stable field names in snake_case, ATLAS IDs as text, absent values left out. {@link #summary} is
 * the shape of listings; {@link #details} is the one mapping of the read model ({@code kb show} and
 * {@code /api/v1/releases/{version}/objects/{id}}).
 */
public final class ObjectJson {
    private ObjectJson() {}

    /** An object as listings show it: the common fields and the type's own, without descriptions. */
    public static ObjectNode summary(KnowledgeBase kb, AtlasObject o) {
        return common(kb.version(), o, false);
    }

    /**
     * An object in full with its relations: the summary fields, {@code description} (links made absolute), the
     * type's relations and {@code crosswalk}.
     */
    public static ObjectNode details(ObjectDetails d) {
        ObjectNode n = common(d.release(), d.object(), true);
        if (d instanceof TacticDetails t) {
            ArrayNode techniques = n.putArray("techniques");
            t.techniques().forEach(x -> brief(techniques.addObject(), x.technique()));
        } else if (d instanceof TechniqueDetails t) {
            ArrayNode subs = n.putArray("subtechniques");
            t.subTechniques().forEach(s -> brief(subs.addObject(), s));
            ArrayNode mitigations = n.putArray("mitigations");
            for (TechniqueDetails.MitigationUse m : t.mitigations()) {
                mitigations
                        .addObject()
                        .put("id", m.mitigation().id().value())
                        .put("name", m.mitigation().name())
                        .put("use", Markdown.resolveLinks(m.use()));
            }
            ArrayNode studies = n.putArray("case_studies");
            for (StudyStep s : t.caseStudySteps()) {
                studies.addObject()
                        .put("id", s.caseStudy().id().value())
                        .put("name", s.caseStudy().name())
                        .put("step", s.step().number())
                        .put("tactic", s.step().tactic().id().value())
                        .put("technique", s.step().technique().id().value())
                        .put("description", Markdown.resolveLinks(s.step().description()));
            }
        } else if (d instanceof MitigationDetails m) {
            ArrayNode uses = n.putArray("techniques");
            for (MitigationDetails.Mitigated u : m.techniques()) {
                ObjectNode use = uses.addObject().put("id", u.technique().id().value());
                if (u.technique().inRelease()) {
                    use.put("name", u.technique().displayName());
                }
                use.put("use", Markdown.resolveLinks(u.use()));
            }
        } else if (d instanceof CaseStudyDetails cs) {
            ArrayNode steps = n.putArray("procedure");
            for (Step s : cs.procedure()) {
                steps.addObject()
                        .put("tactic", s.tactic().id().value())
                        .put("technique", s.technique().id().value())
                        .put("description", Markdown.resolveLinks(s.description()));
            }
        }
        ArrayNode cw = n.putArray("crosswalk");
        for (CrosswalkEntry e : d.crosswalk()) {
            cw.addObject()
                    .put("framework", e.framework().title())
                    .put("id", e.id())
                    .put("title", e.title())
                    .put("via", e.via());
        }
        return n;
    }

    private static ObjectNode common(String release, AtlasObject o, boolean full) {
        ObjectNode n = JsonNodeFactory.instance.objectNode();
        n.put("id", o.id().value());
        n.put("type", o.type().label());
        n.put("name", o.name());
        n.put("atlas_version", release);
        n.put("url", o.url());
        if (o instanceof Tactic t) {
            n.put("shortname", t.shortname());
            attack(n, t.attackReference());
            dates(n, t.created(), t.modified());
        } else if (o instanceof Technique t) {
            t.parentId().ifPresent(p -> n.put("parent", p.value()));
            ids(n.putArray("tactics"), t.tacticIds());
            t.maturity().ifPresent(m -> n.put("maturity", m.label()));
            if (t.deprecated()) {
                n.put("deprecated", true);
            }
            attack(n, t.attackReference());
            if (!t.platforms().isEmpty()) {
                strings(n.putArray("platforms"), t.platforms());
            }
            dates(n, t.created(), t.modified());
        } else if (o instanceof Mitigation m) {
            strings(n.putArray("categories"), m.categories());
            strings(n.putArray("lifecycle_stages"), m.lifecycleStages());
            attack(n, m.attackReference());
            if (!full) {
                ArrayNode uses = n.putArray("techniques");
                for (TechniqueUse u : m.techniques()) {
                    uses.addObject().put("id", u.techniqueId().value());
                }
            }
            dates(n, m.created(), m.modified());
        } else if (o instanceof CaseStudy cs) {
            cs.incidentDate()
                    .ifPresent(d -> n.put("incident_date", d.date().toString())
                            .put(
                                    "incident_date_granularity",
                                    d.granularity().name().toLowerCase(Locale.ROOT)));
            cs.caseStudyType().ifPresent(v -> n.put("case_study_type", v));
            cs.target().ifPresent(v -> n.put("target", v));
            cs.actor().ifPresent(v -> n.put("actor", v));
            cs.reporter().ifPresent(v -> n.put("reporter", v));
        }
        if (full) {
            n.put("description", o.resolvedDescription());
            if (o instanceof Technique t) {
                references(n, t.references());
            } else if (o instanceof CaseStudy cs) {
                references(n, cs.references());
            }
        }
        return n;
    }

    /**
     * The matrix of a release, the one document of {@code kb matrix --format json} and
     * {@code /api/v1/releases/{version}/matrix}: {@code release} and {@code matrices}, each with its {@code tactics}
     * in ATLAS order, their {@code techniques} ({@code id}, {@code name}, {@code maturity}) and each technique's
     * {@code subtechniques} (the same fields). Techniques the data marks deprecated (6.x) are left out unless asked.
     */
    public static ObjectNode matrix(KnowledgeBase kb, boolean includeDeprecated) {
        ObjectNode n = JsonNodeFactory.instance.objectNode().put("release", kb.version());
        ArrayNode matrices = n.putArray("matrices");
        for (Matrix m : kb.matrices()) {
            ObjectNode mn = matrices.addObject().put("id", m.id()).put("name", m.name());
            ArrayNode tactics = mn.putArray("tactics");
            for (AtlasId tacticId : m.tacticIds()) {
                Optional<Tactic> tactic = kb.tactic(tacticId);
                if (tactic.isEmpty()) {
                    continue; // a tactic the matrix names but the data lacks: kb validate reports it
                }
                Tactic t = tactic.get();
                ArrayNode techniques = tactics.addObject()
                        .put("id", t.id().value())
                        .put("name", t.name())
                        .put("shortname", t.shortname())
                        .putArray("techniques");
                for (Technique tech : kb.techniquesIn(t.id())) {
                    if (tech.isSubTechnique() || tech.deprecated() && !includeDeprecated) {
                        continue;
                    }
                    ArrayNode subs = brief(techniques.addObject(), tech).putArray("subtechniques");
                    kb.subTechniquesOf(tech.id()).stream()
                            .filter(sub -> includeDeprecated || !sub.deprecated())
                            .forEach(sub -> brief(subs.addObject(), sub));
                }
            }
        }
        return n;
    }

    private static ObjectNode brief(ObjectNode n, Technique t) {
        n.put("id", t.id().value()).put("name", t.name());
        t.maturity().ifPresent(m -> n.put("maturity", m.label()));
        return n;
    }

    private static void attack(ObjectNode n, Optional<AttackReference> ref) {
        ref.ifPresent(r -> n.putObject("attack_reference").put("id", r.id()).put("url", r.url()));
    }

    private static void dates(ObjectNode n, Optional<LocalDate> c, Optional<LocalDate> m) {
        c.ifPresent(d -> n.put("created", d.toString()));
        m.ifPresent(d -> n.put("modified", d.toString()));
    }

    private static void references(ObjectNode n, List<Reference> refs) {
        ArrayNode a = n.putArray("references");
        refs.forEach(r -> a.addObject().put("title", r.title()).put("url", r.url()));
    }

    /** A release diff: versions, counts by kind, and every change with its field changes. */
    public static ObjectNode diff(ReleaseDiff d) {
        ObjectNode n = JsonNodeFactory.instance
                .objectNode()
                .put("old_version", d.oldVersion())
                .put("new_version", d.newVersion());
        n.put("tactic_order_changed", d.tacticOrderChanged());
        ObjectNode summary = n.putObject("summary");
        for (ObjectChange.Kind k : ObjectChange.Kind.values()) {
            summary.put(
                    k.name().toLowerCase(Locale.ROOT),
                    d.changes().stream().filter(c -> c.kind() == k).count());
        }
        summary.put(
                "renamed", d.changes().stream().filter(ObjectChange::renamed).count());
        ArrayNode changes = n.putArray("changes");
        for (ObjectChange c : d.changes()) {
            ObjectNode o = changes.addObject()
                    .put("id", c.id().value())
                    .put("type", c.type().label())
                    .put("change", c.kind().name().toLowerCase(Locale.ROOT))
                    .put("old_name", c.oldName())
                    .put("new_name", c.newName())
                    .put("renamed", c.renamed());
            if (d.successors().containsKey(c.id())) {
                o.put("successor", d.successors().get(c.id()).value());
            }
            ArrayNode fields = o.putArray("fields");
            for (FieldChange f : c.fields()) {
                ObjectNode fn = fields.addObject()
                        .put("field", f.field())
                        .put("before", f.before())
                        .put("after", f.after());
                strings(fn.putArray("added"), f.added());
                strings(fn.putArray("removed"), f.removed());
            }
        }
        return n;
    }

    private static void strings(ArrayNode a, List<String> values) {
        values.forEach(a::add);
    }

    private static void ids(ArrayNode a, List<AtlasId> ids) {
        ids.forEach(id -> a.add(id.value()));
    }
}
