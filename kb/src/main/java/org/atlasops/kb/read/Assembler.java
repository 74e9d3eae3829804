package org.atlasops.kb.read;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.atlasops.kb.AtlasId;
import org.atlasops.kb.CaseStudy;
import org.atlasops.kb.KnowledgeBase;
import org.atlasops.kb.Matrix;
import org.atlasops.kb.Mitigation;
import org.atlasops.kb.Tactic;
import org.atlasops.kb.Technique;
import org.atlasops.kb.TechniqueUse;

/**
 * Collects the objects every format reader finds and builds the {@link KnowledgeBase}: drops repeated IDs,
 * merges repeated mitigation links, gives sub-techniques their parent's tactics, orders everything.
 */
final class Assembler {
    private final ReadContext ctx;
    private final List<Matrix> matrices = new ArrayList<>();
    private final Map<AtlasId, Tactic> tactics = new LinkedHashMap<>();
    private final Map<AtlasId, Technique> techniques = new LinkedHashMap<>();
    private final Map<AtlasId, Mitigation> mitigations = new LinkedHashMap<>();
    private final Map<AtlasId, CaseStudy> caseStudies = new LinkedHashMap<>();

    Assembler(ReadContext ctx) {
        this.ctx = ctx;
    }

    void matrix(Matrix m) {
        matrices.add(m);
    }

    void tactic(YNode at, Tactic t) {
        putOnce(tactics, at, t.id(), t, "tactic");
    }

    void technique(YNode at, Technique t) {
        putOnce(techniques, at, t.id(), t, "technique");
    }

    void mitigation(YNode at, Mitigation m) {
        putOnce(mitigations, at, m.id(), mergeDuplicateUses(at, m), "mitigation");
    }

    void caseStudy(YNode at, CaseStudy c) {
        putOnce(caseStudies, at, c.id(), c, "case study");
    }

    private <T> void putOnce(Map<AtlasId, T> map, YNode at, AtlasId id, T value, String what) {
        if (map.putIfAbsent(id, value) != null) {
            ctx.error(at, id.value(), "a second " + what + " with this ID; the first one is kept, this one is ignored");
        }
    }

    private Mitigation mergeDuplicateUses(YNode at, Mitigation m) {
        Map<AtlasId, TechniqueUse> merged = new LinkedHashMap<>();
        for (TechniqueUse use : m.techniques()) {
            TechniqueUse earlier = merged.get(use.techniqueId());
            if (earlier == null) {
                merged.put(use.techniqueId(), use);
                continue;
            }
            boolean sameText = earlier.use().equals(use.use()) || use.use().isEmpty();
            ctx.warn(
                    at,
                    m.id().value(),
                    "maps " + use.techniqueId() + " twice; merged into one entry"
                            + (sameText ? "" : " (both 'use' texts kept)"));
            if (!sameText) {
                String joined = earlier.use().isEmpty() ? use.use() : earlier.use() + "\n\n" + use.use();
                merged.put(use.techniqueId(), new TechniqueUse(use.techniqueId(), joined));
            }
        }
        if (merged.size() == m.techniques().size()) {
            return m;
        }
        return new Mitigation(
                m.id(),
                m.name(),
                m.description(),
                List.copyOf(merged.values()),
                m.lifecycleStages(),
                m.categories(),
                m.attackReference(),
                m.created(),
                m.modified());
    }

    KnowledgeBase build(String id, String name, String version, String dataFormat) {
        List<Technique> resolved = new ArrayList<>();
        for (Technique t : techniques.values()) {
            if (t.isSubTechnique() && t.tacticIds().isEmpty()) {
                Technique parent = techniques.get(t.parentId().orElseThrow());
                resolved.add(parent == null ? t : t.withTacticIds(parent.tacticIds()));
            } else {
                resolved.add(t);
            }
        }
        // Plain ID order puts each sub-technique right after its parent: AML.T0005 < AML.T0005.000 < AML.T0006.
        resolved.sort(Comparator.comparing(Technique::id));
        List<Tactic> ordered = new ArrayList<>();
        for (Matrix m : matrices) {
            for (AtlasId tacticId : m.tacticIds()) {
                Tactic t = tactics.get(tacticId);
                if (t != null && !ordered.contains(t)) {
                    ordered.add(t);
                }
            }
        }
        tactics.values().stream().filter(t -> !ordered.contains(t)).forEach(ordered::add);
        List<Mitigation> mits = new ArrayList<>(mitigations.values());
        mits.sort(Comparator.comparing(Mitigation::id));
        List<CaseStudy> studies = new ArrayList<>(caseStudies.values());
        studies.sort(Comparator.comparing(CaseStudy::id));
        return new KnowledgeBase(
                id, name, version, dataFormat, ctx.file(), matrices, ordered, resolved, mits, studies, ctx.issues());
    }
}
