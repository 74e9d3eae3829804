package org.atlasops.kb.details;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import org.atlasops.kb.AtlasId;
import org.atlasops.kb.AtlasObject;
import org.atlasops.kb.CaseStudy;
import org.atlasops.kb.KnowledgeBase;
import org.atlasops.kb.Matrix;
import org.atlasops.kb.Mitigation;
import org.atlasops.kb.ProcedureStep;
import org.atlasops.kb.Tactic;
import org.atlasops.kb.Technique;
import org.atlasops.kb.crosswalk.Crosswalk;
import org.atlasops.kb.crosswalk.CrosswalkEntry;
import org.atlasops.kb.crosswalk.Framework;

/**
 * The read model of one release: {@link ObjectDetails} for any object. It answers the questions an analyst asks
 * of an object (its parent, tactics, sub-techniques, mitigations with their use, the case-study steps that use it,
 * its crosswalk) the same way for every caller. Cheap to create when given the release's {@link Crosswalk}.
 */
public final class Details {
    private final KnowledgeBase kb;
    private final Crosswalk crosswalk;

    private Details(KnowledgeBase kb, Crosswalk crosswalk) {
        this.kb = Objects.requireNonNull(kb, "kb");
        this.crosswalk = Objects.requireNonNull(crosswalk, "crosswalk");
    }

    public static Details of(KnowledgeBase kb) {
        return new Details(kb, Crosswalk.of(kb));
    }

    /** With a crosswalk already built for this release (building one reads its tables). */
    public static Details of(KnowledgeBase kb, Crosswalk crosswalk) {
        return new Details(kb, crosswalk);
    }

    /** The details of the object with this ID; empty when the release has none. */
    public Optional<ObjectDetails> find(AtlasId id) {
        return kb.find(id).map(this::of);
    }

    /** The details of an object of this release. */
    public ObjectDetails of(AtlasObject o) {
        List<CrosswalkEntry> cw = crosswalk.lookup(o.id().value());
        if (o instanceof Tactic t) {
            return new TacticDetails(
                    kb.version(),
                    t,
                    kb.techniquesIn(t.id()).stream()
                            .filter(x -> !x.isSubTechnique())
                            .map(x -> new TacticDetails.TechniqueCount(
                                    x, kb.subTechniquesOf(x.id()).size()))
                            .toList(),
                    cw);
        }
        if (o instanceof Technique t) {
            return technique(t, cw);
        }
        if (o instanceof Mitigation m) {
            return new MitigationDetails(
                    kb.version(),
                    m,
                    m.techniques().stream()
                            .map(u -> new MitigationDetails.Mitigated(technique(u.techniqueId()), u.use()))
                            .toList(),
                    cw);
        }
        CaseStudy cs = (CaseStudy) o;
        List<Step> steps = new ArrayList<>();
        for (int i = 0; i < cs.procedure().size(); i++) {
            steps.add(step(i + 1, cs.procedure().get(i)));
        }
        return new CaseStudyDetails(kb.version(), cs, steps, columns(cs), cw);
    }

    private TechniqueDetails technique(Technique t, List<CrosswalkEntry> cw) {
        List<TechniqueDetails.MitigationUse> mitigations = kb.mitigationsOf(t.id()).stream()
                .map(m -> new TechniqueDetails.MitigationUse(m, m.useFor(t.id()).orElse("")))
                .toList();
        List<StudyStep> steps = kb.caseStudyStepsUsing(t.id()).stream()
                .map(s -> new StudyStep(s.caseStudy(), step(s.number(), s.step())))
                .toList();
        return new TechniqueDetails(
                kb.version(),
                t,
                kb.displayName(t),
                t.parentId().map(this::technique),
                t.tacticIds().stream().map(this::tactic).toList(),
                kb.subTechniquesOf(t.id()),
                mitigations,
                steps,
                cw);
    }

    private Step step(int number, ProcedureStep s) {
        return new Step(number, tactic(s.tacticId()), technique(s.techniqueId()), s.description());
    }

    private List<Related<Tactic>> columns(CaseStudy cs) {
        List<AtlasId> order = new ArrayList<>();
        for (Matrix m : kb.matrices()) {
            for (AtlasId tid : m.tacticIds()) {
                if (!order.contains(tid)
                        && cs.procedure().stream().anyMatch(s -> s.tacticId().equals(tid))) {
                    order.add(tid);
                }
            }
        }
        cs.procedure().stream()
                .map(ProcedureStep::tacticId)
                .filter(tid -> !order.contains(tid))
                .distinct()
                .forEach(order::add);
        return order.stream().map(this::tactic).toList();
    }

    private Related<Technique> technique(AtlasId id) {
        Optional<Technique> t = kb.technique(id);
        return new Related<>(id, t, t.map(kb::displayName).orElse(""));
    }

    private Related<Tactic> tactic(AtlasId id) {
        Optional<Tactic> t = kb.tactic(id);
        return new Related<>(id, t, t.map(Tactic::name).orElse(""));
    }

    /** Adds the ATLAS IDs among crosswalk entries. */
    static void crosswalkIds(List<CrosswalkEntry> entries, Set<AtlasId> into) {
        entries.stream()
                .filter(e -> e.framework() == Framework.ATLAS)
                .forEach(e -> AtlasId.tryParse(e.id()).ifPresent(into::add));
    }
}
