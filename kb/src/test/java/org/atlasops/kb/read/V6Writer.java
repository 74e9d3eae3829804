package org.atlasops.kb.read;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.atlasops.kb.CaseStudy;
import org.atlasops.kb.KnowledgeBase;
import org.atlasops.kb.Mitigation;
import org.atlasops.kb.ProcedureStep;
import org.atlasops.kb.Tactic;
import org.atlasops.kb.Technique;
import org.atlasops.kb.TechniqueUse;
import org.snakeyaml.engine.v2.api.Dump;
import org.snakeyaml.engine.v2.api.DumpSettings;
import org.snakeyaml.engine.v2.common.FlowStyle;

/**
 * Test fixture: writes a release in the ATLAS data format 6.0.0 as the format description has it, so the 6.x
 * reader can be tested on real content (no 6.0 file is available here).
 */
final class V6Writer {
    private V6Writer() {}

    static String write(KnowledgeBase kb, String contentVersion) {
        Map<String, Object> root = new LinkedHashMap<>();
        root.put("format-version", "6.0.0");
        root.put(
                "collection",
                map("id", "ATLAS-collection", "version", contentVersion, "name", "ATLAS", "description", kb.name()));
        root.put("matrix", map("id", "ATLAS-matrix", "name", "ATLAS"));
        Map<String, Object> relationships = new LinkedHashMap<>();
        List<Object> sequences = new ArrayList<>();
        for (Tactic t : kb.tactics()) {
            sequences.add(map("source", "ATLAS-matrix", "target", t.id()));
        }
        relationships.put("ATLAS-matrix", map("sequences", sequences));

        Map<String, Object> tactics = new LinkedHashMap<>();
        for (Tactic t : kb.tactics()) {
            Map<String, Object> o =
                    map("id", t.id(), "object-type", "tactic", "name", t.name(), "description", t.description());
            t.attackReference().ifPresent(a -> o.put("attack-reference", map("id", a.id(), "url", a.url())));
            t.created().ifPresent(d -> o.put("created-date", d.toString()));
            t.modified().ifPresent(d -> o.put("modified-date", d.toString()));
            tactics.put(t.id().value(), o);
        }
        root.put("tactics", tactics);

        Map<String, Object> techniques = new LinkedHashMap<>();
        for (Technique t : kb.techniques()) {
            Map<String, Object> o =
                    map("id", t.id(), "object-type", "technique", "name", t.name(), "description", t.description());
            // Capitalised, as the 6.0 files have it.
            t.maturity()
                    .ifPresent(m -> o.put(
                            "maturity",
                            m.label().substring(0, 1).toUpperCase(java.util.Locale.ROOT)
                                    + m.label().substring(1)));
            t.attackReference().ifPresent(a -> o.put("attack-reference", map("id", a.id(), "url", a.url())));
            t.created().ifPresent(d -> o.put("created-date", d.toString()));
            t.modified().ifPresent(d -> o.put("modified-date", d.toString()));
            if (!t.references().isEmpty()) {
                List<Object> refs = new ArrayList<>();
                t.references().forEach(r -> refs.add(map("title", r.title(), "url", r.url())));
                o.put("references", refs);
            }
            techniques.put(t.id().value(), o);
            Map<String, Object> rel = new LinkedHashMap<>();
            if (t.parentId().isPresent()) {
                rel.put(
                        "specializes",
                        List.of(map("source", t.id(), "target", t.parentId().get())));
            } else {
                List<Object> achieves = new ArrayList<>();
                t.tacticIds().forEach(tac -> achieves.add(map("source", t.id(), "target", tac)));
                rel.put("achieves", achieves);
            }
            relationships.put(t.id().value(), rel);
        }
        root.put("techniques", techniques);

        Map<String, Object> mitigations = new LinkedHashMap<>();
        for (Mitigation m : kb.mitigations()) {
            Map<String, Object> o = map(
                    "id",
                    m.id(),
                    "object-type",
                    "mitigation",
                    "name",
                    m.name(),
                    "description",
                    m.description(),
                    "lifecycle-phases",
                    m.lifecycleStages(),
                    "categories",
                    m.categories());
            m.attackReference().ifPresent(a -> o.put("attack-reference", map("id", a.id(), "url", a.url())));
            m.created().ifPresent(d -> o.put("created-date", d.toString()));
            m.modified().ifPresent(d -> o.put("modified-date", d.toString()));
            mitigations.put(m.id().value(), o);
            List<Object> mitigates = new ArrayList<>();
            for (TechniqueUse u : m.techniques()) {
                mitigates.add(map(
                        "source",
                        m.id(),
                        "target",
                        u.techniqueId(),
                        "relationship-type",
                        "mitigates",
                        "description",
                        u.use()));
            }
            relationships.put(m.id().value(), map("mitigates", mitigates));
        }
        root.put("mitigations", mitigations);

        Map<String, Object> studies = new LinkedHashMap<>();
        for (CaseStudy cs : kb.caseStudies()) {
            Map<String, Object> o =
                    map("id", cs.id(), "object-type", "case-study", "name", cs.name(), "description", cs.summary());
            cs.incidentDate().ifPresent(d -> {
                o.put("date", d.date().toString());
                String g = d.granularity().name();
                o.put("date-granularity", g.charAt(0) + g.substring(1).toLowerCase(java.util.Locale.ROOT));
            });
            cs.caseStudyType()
                    .ifPresent(
                            t -> o.put("type", t.substring(0, 1).toUpperCase(java.util.Locale.ROOT) + t.substring(1)));
            cs.target().ifPresent(t -> o.put("target", t));
            cs.actor().ifPresent(t -> o.put("actor", t));
            cs.reporter().ifPresent(t -> o.put("reporter", t));
            List<Object> refs = new ArrayList<>();
            cs.references().forEach(r -> refs.add(map("id", "ref-" + refs.size(), "title", r.title(), "url", r.url())));
            o.put("references", refs);
            studies.put(cs.id().value(), o);
            List<Object> employs = new ArrayList<>();
            for (int i = 0; i < cs.procedure().size(); i++) {
                ProcedureStep s = cs.procedure().get(i);
                Map<String, Object> step = map(
                        "source",
                        cs.id(),
                        "target",
                        s.techniqueId(),
                        "relationship-type",
                        "employs",
                        "tactic",
                        s.tacticId(),
                        "description",
                        s.description(),
                        "step-id",
                        String.format("S%02d", i),
                        "leads-to",
                        i + 1 < cs.procedure().size() ? List.of(String.format("S%02d", i + 1)) : List.of());
                // Listed last step first, as real files may: the order must come from leads-to.
                employs.add(0, step);
            }
            // Real 6.0 files repeat name/date keys inside relationship blocks.
            relationships.put(cs.id().value(), map("name", cs.name(), "employs", employs));
        }
        root.put("case-studies", studies);
        root.put("relationships", relationships);
        return new Dump(DumpSettings.builder()
                        .setDefaultFlowStyle(FlowStyle.BLOCK)
                        .setWidth(120)
                        .build())
                .dumpToString(root);
    }

    private static Map<String, Object> map(Object... kv) {
        Map<String, Object> m = new LinkedHashMap<>();
        for (int i = 0; i < kv.length; i += 2) {
            // The dumper knows plain values only: an ID is written as its text.
            m.put((String) kv[i], kv[i + 1] instanceof org.atlasops.kb.AtlasId id ? id.value() : kv[i + 1]);
        }
        return m;
    }
}
