package org.atlasops.cli.kb;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.PrintWriter;
import org.atlasops.cli.JsonOutput;
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

/** The JSON shapes of ATLAS objects in every {@code --format json} output: stable, documented in docs/kb.md. */
final class KbJson {
    private KbJson() {
    }

    static ObjectNode object() {
        return JsonOutput.object();
    }

    static void print(PrintWriter out, Object node) {
        JsonOutput.print(out, node);
    }

    /** The common fields and the type's own; {@code full} adds descriptions and links. */
    static ObjectNode of(KnowledgeBase kb, AtlasObject o, boolean full) {
        ObjectNode n = object();
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

    static ArrayNode strings(ArrayNode a, List<String> values) {
        values.forEach(a::add);
        return a;
    }
}
