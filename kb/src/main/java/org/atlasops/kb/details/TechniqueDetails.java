package org.atlasops.kb.details;

import java.util.LinkedHashSet;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import org.atlasops.kb.AtlasId;
import org.atlasops.kb.Mitigation;
import org.atlasops.kb.Tactic;
import org.atlasops.kb.Technique;
import org.atlasops.kb.crosswalk.CrosswalkEntry;

/**
 * A technique or sub-technique with its parent, tactics, sub-techniques, mitigations and the case-study steps
 * that use it.
 *
 * @param parent         a sub-technique's parent (empty for a technique)
 * @param subTechniques  a technique's sub-techniques in ID order (empty for a sub-technique)
 * @param mitigations    the mitigations that name this very ID, each with its {@code use} text for it; a parent's
 *                       mitigations are not repeated on its sub-techniques, nor the reverse
 * @param caseStudySteps the steps that use it, in case-study then step order. The rule for sub-techniques: a
 *                       technique's steps include those that use one of its sub-techniques, and every step names
 *                       the ID it used ({@link Step#technique()}); a sub-technique's steps are only its own
 */
public record TechniqueDetails(
        String release,
        Technique object,
        String displayName,
        Optional<Related<Technique>> parent,
        List<Related<Tactic>> tactics,
        List<Technique> subTechniques,
        List<MitigationUse> mitigations,
        List<StudyStep> caseStudySteps,
        List<CrosswalkEntry> crosswalk)
        implements ObjectDetails {
    /** A mitigation of the technique and the text saying how it applies (may be empty). */
    public record MitigationUse(Mitigation mitigation, String use) {
        public MitigationUse {
            Objects.requireNonNull(mitigation, "mitigation");
            use = Objects.requireNonNullElse(use, "");
        }
    }

    public TechniqueDetails {
        Objects.requireNonNull(release, "release");
        Objects.requireNonNull(object, "object");
        displayName = Objects.requireNonNullElse(displayName, "");
        Objects.requireNonNull(parent, "parent");
        tactics = List.copyOf(tactics);
        subTechniques = List.copyOf(subTechniques);
        mitigations = List.copyOf(mitigations);
        caseStudySteps = List.copyOf(caseStudySteps);
        crosswalk = List.copyOf(crosswalk);
    }

    /** The number of distinct case studies among the steps. */
    public long caseStudyCount() {
        return caseStudySteps.stream().map(s -> s.caseStudy().id()).distinct().count();
    }

    @Override
    public Set<AtlasId> relatedIds() {
        Set<AtlasId> ids = new LinkedHashSet<>();
        parent.ifPresent(p -> ids.add(p.id()));
        tactics.forEach(t -> ids.add(t.id()));
        subTechniques.forEach(t -> ids.add(t.id()));
        mitigations.forEach(m -> ids.add(m.mitigation().id()));
        caseStudySteps.forEach(s -> {
            ids.add(s.caseStudy().id());
            ids.add(s.step().technique().id());
        });
        Details.crosswalkIds(crosswalk, ids);
        ids.remove(object.id());
        return ids;
    }
}
