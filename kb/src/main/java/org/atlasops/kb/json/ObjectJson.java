package org.atlasops.kb.json;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;
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
import org.atlasops.kb.diff.FieldChange;
import org.atlasops.kb.diff.ObjectChange;
import org.atlasops.kb.diff.ReleaseDiff;

/**
 * The JSON shape of ATLAS objects, the same in the CLI's {@code --format json} and the web API (documented in
 * docs/kb.md): stable field names in snake_case, ATLAS IDs, absent values left out.
 */
public final class ObjectJson {
    private ObjectJson() {
    }

    /** The common fields and the type's own; {@code full} adds descriptions and links. */
    public static ObjectNode of(KnowledgeBase kb, AtlasObject o, boolean full) {
        ObjectNode n = JsonNodeFactory.instance.objectNode();
        n.put("id", o.id());
        n.put("type", o.type().label());
        n.put("name", o.name());
        n.put("atlas_version", kb.version());
        n.put("url", o.url());
        if (o instanceof Tactic t) {
            n.put("shortname", t.shortname());
            attack(n, t.attackReference());
            dates(n, t.created(), t.modified());
        } else if (o instanceof Technique t) {
            t.parentId().ifPresent(p -> n.put("parent", p));
            strings(n.putArray("tactics"), t.tacticIds());
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
            ArrayNode uses = n.putArray("techniques");
            for (TechniqueUse u : m.techniques()) {
                ObjectNode use = uses.addObject().put("id", u.techniqueId());
                if (full) {
                    use.put("use", Markdown.resolveLinks(u.use()));
                }
            }
            dates(n, m.created(), m.modified());
        } else if (o instanceof CaseStudy cs) {
            cs.incidentDate().ifPresent(d -> n.put("incident_date", d.date().toString())
                    .put("incident_date_granularity", d.granularity().name().toLowerCase()));
            cs.caseStudyType().ifPresent(v -> n.put("case_study_type", v));
            cs.target().ifPresent(v -> n.put("target", v));
            cs.actor().ifPresent(v -> n.put("actor", v));
            cs.reporter().ifPresent(v -> n.put("reporter", v));
            if (full) {
                ArrayNode steps = n.putArray("procedure");
                for (ProcedureStep s : cs.procedure()) {
                    steps.addObject().put("tactic", s.tacticId()).put("technique", s.techniqueId())
                            .put("description", Markdown.resolveLinks(s.description()));
                }
                references(n, cs.references());
            }
        }
        if (full) {
            n.put("description", o.resolvedDescription());
            if (o instanceof Technique t) {
                references(n, t.references());
            }
        }
        return n;
    }

    private static void attack(ObjectNode n, java.util.Optional<AttackReference> ref) {
        ref.ifPresent(r -> n.putObject("attack_reference").put("id", r.id()).put("url", r.url()));
    }

    private static void dates(ObjectNode n, java.util.Optional<java.time.LocalDate> c,
                              java.util.Optional<java.time.LocalDate> m) {
        c.ifPresent(d -> n.put("created", d.toString()));
        m.ifPresent(d -> n.put("modified", d.toString()));
    }

    private static void references(ObjectNode n, List<Reference> refs) {
        ArrayNode a = n.putArray("references");
        refs.forEach(r -> a.addObject().put("title", r.title()).put("url", r.url()));
    }

    /** A release diff: versions, counts by kind, and every change with its field changes. */
    public static ObjectNode diff(ReleaseDiff d) {
        ObjectNode n = JsonNodeFactory.instance.objectNode().put("old_version", d.oldVersion()).put("new_version", d.newVersion());
        n.put("tactic_order_changed", d.tacticOrderChanged());
        ObjectNode summary = n.putObject("summary");
        for (ObjectChange.Kind k : ObjectChange.Kind.values()) {
            summary.put(k.name().toLowerCase(java.util.Locale.ROOT), d.changes().stream().filter(c -> c.kind() == k).count());
        }
        summary.put("renamed", d.changes().stream().filter(ObjectChange::renamed).count());
        ArrayNode changes = n.putArray("changes");
        for (ObjectChange c : d.changes()) {
            ObjectNode o = changes.addObject().put("id", c.id()).put("type", c.type().label())
                    .put("change", c.kind().name().toLowerCase(java.util.Locale.ROOT)).put("old_name", c.oldName())
                    .put("new_name", c.newName()).put("renamed", c.renamed());
            if (d.successors().containsKey(c.id())) {
                o.put("successor", d.successors().get(c.id()));
            }
            ArrayNode fields = o.putArray("fields");
            for (FieldChange f : c.fields()) {
                ObjectNode fn = fields.addObject().put("field", f.field()).put("before", f.before()).put("after", f.after());
                strings(fn.putArray("added"), f.added());
                strings(fn.putArray("removed"), f.removed());
            }
        }
        return n;
    }

    private static void strings(ArrayNode a, List<String> values) {
        values.forEach(a::add);
    }
}
