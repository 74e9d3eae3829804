package org.atlasops.kb.validate;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.atlasops.kb.AtlasId;
import org.atlasops.kb.CaseStudy;
import org.atlasops.kb.KnowledgeBase;
import org.atlasops.kb.Matrix;
import org.atlasops.kb.Mitigation;
import org.atlasops.kb.ProcedureStep;
import org.atlasops.kb.Technique;
import org.atlasops.kb.TechniqueUse;

/** Checks every reference between the objects of a release. */
public final class Validator {
    private Validator() {}

    public static List<Finding> validate(KnowledgeBase kb) {
        List<Finding> findings = new ArrayList<>();
        for (Matrix m : kb.matrices()) {
            for (AtlasId tacticId : m.tacticIds()) {
                if (kb.tactic(tacticId).isEmpty()) {
                    findings.add(new Finding(
                            m.id(),
                            Rule.MATRIX_TACTIC_MISSING,
                            "matrix lists tactic " + tacticId
                                    + ", which is not defined; define the tactic or remove it from the matrix"));
                }
            }
        }
        for (Technique t : kb.techniques()) {
            checkTechnique(kb, t, findings);
        }
        for (Mitigation m : kb.mitigations()) {
            for (TechniqueUse use : m.techniques()) {
                if (kb.technique(use.techniqueId()).isEmpty()) {
                    findings.add(new Finding(
                            m.id().value(),
                            Rule.MITIGATION_TECHNIQUE_MISSING,
                            "mitigates "
                                    + use.techniqueId() + ", which is not a technique in ATLAS " + kb.version()
                                    + "; fix the ID or remove the link"));
                }
            }
        }
        for (CaseStudy cs : kb.caseStudies()) {
            for (int i = 0; i < cs.procedure().size(); i++) {
                checkStep(kb, cs, i + 1, cs.procedure().get(i), findings);
            }
        }
        return findings;
    }

    private static void checkTechnique(KnowledgeBase kb, Technique t, List<Finding> findings) {
        if (t.parentId().isPresent()) {
            AtlasId parentId = t.parentId().get();
            if (kb.technique(parentId).filter(p -> !p.isSubTechnique()).isEmpty()) {
                findings.add(new Finding(
                        t.id().value(),
                        Rule.SUBTECHNIQUE_PARENT_MISSING,
                        "sub-technique of " + parentId + ", which is not a technique in ATLAS " + kb.version()
                                + "; fix 'subtechnique-of'"));
            }
            if (!t.id().parent().equals(Optional.of(parentId))) {
                findings.add(new Finding(
                        t.id().value(),
                        Rule.SUBTECHNIQUE_ID_MISMATCH,
                        "sub-technique of " + parentId + " but its ID does not start with " + parentId + "."));
            }
        } else if (t.tacticIds().isEmpty()) {
            findings.add(new Finding(
                    t.id().value(),
                    Rule.TECHNIQUE_WITHOUT_TACTIC,
                    "technique has no tactics; " + "a technique must list at least one tactic in 'tactics'"));
        }
        for (AtlasId tacticId : t.tacticIds()) {
            if (kb.tactic(tacticId).isEmpty() && t.parentId().isEmpty()) {
                findings.add(new Finding(
                        t.id().value(),
                        Rule.TECHNIQUE_TACTIC_MISSING,
                        "lists tactic " + tacticId + ", which is not a tactic in ATLAS " + kb.version()
                                + "; fix the ID in 'tactics'"));
            }
        }
    }

    private static void checkStep(
            KnowledgeBase kb, CaseStudy cs, int number, ProcedureStep step, List<Finding> findings) {
        Optional<Technique> technique = kb.technique(step.techniqueId());
        boolean tacticKnown = kb.tactic(step.tacticId()).isPresent();
        if (technique.isEmpty()) {
            findings.add(new Finding(
                    cs.id().value(),
                    Rule.STEP_TECHNIQUE_MISSING,
                    "procedure step " + number + " uses " + step.techniqueId() + ", which is not a technique in ATLAS "
                            + kb.version()));
        }
        if (!tacticKnown) {
            findings.add(new Finding(
                    cs.id().value(),
                    Rule.STEP_TACTIC_MISSING,
                    "procedure step " + number + " names tactic " + step.tacticId()
                            + ", which is not a tactic in ATLAS " + kb.version()));
        }
        if (technique.isPresent() && tacticKnown && !technique.get().tacticIds().contains(step.tacticId())) {
            findings.add(new Finding(
                    cs.id().value(),
                    Rule.STEP_TACTIC_MISMATCH,
                    "procedure step " + number + " uses "
                            + step.techniqueId() + " for tactic " + step.tacticId() + ", but that technique belongs to "
                            + String.join(
                                    ", ",
                                    technique.get().tacticIds().stream()
                                            .map(AtlasId::value)
                                            .toList()) + "; use one of those tactics"));
        }
    }
}
