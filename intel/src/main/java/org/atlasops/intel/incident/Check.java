package org.atlasops.intel.incident;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import org.atlasops.kb.AtlasId;
import org.atlasops.kb.KnowledgeBase;
import org.atlasops.kb.ObjectType;
import org.atlasops.kb.ProcedureStep;
import org.atlasops.kb.Tactic;
import org.atlasops.kb.Technique;

/**
 * Checks an incident against an ATLAS release: every step's tactic and technique exist, the technique belongs to
 * the tactic (a sub-technique through its parent), the SOC timeline is in order. An unknown ID is reported with the
 * nearest ID the release has.
 */
public final class Check {
    /** One thing wrong: the field ({@code procedure[2].technique}) and what to do. */
    public record Issue(String field, String message) {
        public Issue {
            Objects.requireNonNull(field, "field");
            Objects.requireNonNull(message, "message");
        }

        @Override
        public String toString() {
            return field + ": " + message;
        }
    }

    private Check() {}

    public static List<Issue> check(Incident incident, KnowledgeBase kb) {
        List<Issue> issues = new ArrayList<>(check(incident.study(), kb));
        for (String p : incident.timeline().orderProblems()) {
            int colon = p.indexOf(": ");
            issues.add(new Issue(p.substring(0, colon), p.substring(colon + 2)));
        }
        return issues;
    }

    public static List<Issue> check(Study study, KnowledgeBase kb) {
        List<Issue> issues = new ArrayList<>();
        if (study.summary().isEmpty()) {
            issues.add(new Issue("summary", "a case study needs a summary of what happened"));
        }
        if (study.procedure().isEmpty()) {
            issues.add(new Issue("procedure", "a case study needs at least one step (tactic, technique, description)"));
        }
        for (int i = 0; i < study.procedure().size(); i++) {
            issues.addAll(step(i, study.procedure().get(i), kb));
        }
        return issues;
    }

    private static List<Issue> step(int i, ProcedureStep step, KnowledgeBase kb) {
        String at = "procedure[" + i + "]";
        List<Issue> issues = new ArrayList<>();
        Optional<Tactic> tactic = kb.tactic(step.tacticId());
        Optional<Technique> technique = kb.technique(step.techniqueId());
        if (tactic.isEmpty()) {
            issues.add(new Issue(at + ".tactic", unknown(step.tacticId(), ObjectType.TACTIC, "tactic", kb)));
        }
        if (technique.isEmpty()) {
            issues.add(
                    new Issue(at + ".technique", unknown(step.techniqueId(), ObjectType.TECHNIQUE, "technique", kb)));
        }
        if (tactic.isPresent() && technique.isPresent()) {
            List<AtlasId> tactics = tacticsOf(technique.get(), kb);
            if (!tactics.contains(tactic.get().id())) {
                issues.add(new Issue(
                        at + ".tactic",
                        step.techniqueId() + " (" + technique.get().name() + ") does not belong to "
                                + tactic.get().id() + " (" + tactic.get().name() + ") in ATLAS " + kb.version()
                                + ": use "
                                + String.join(
                                        " or ",
                                        tactics.stream()
                                                .map(t -> t
                                                        + kb.tactic(t)
                                                                .map(x -> " (" + x.name() + ")")
                                                                .orElse(""))
                                                .toList())));
            }
        }
        if (step.description().isBlank()) {
            issues.add(new Issue(at + ".description", "say what the adversary did in this step"));
        }
        return issues;
    }

    /** A technique's tactics; a sub-technique has its parent's. */
    public static List<AtlasId> tacticsOf(Technique t, KnowledgeBase kb) {
        if (!t.tacticIds().isEmpty()) {
            return t.tacticIds();
        }
        return t.parentId().flatMap(kb::technique).map(Technique::tacticIds).orElse(List.of());
    }

    private static String unknown(AtlasId id, ObjectType type, String what, KnowledgeBase kb) {
        return id + " is not a " + what + " of ATLAS " + kb.version()
                + kb.nearest(id.value(), type)
                        .map(o -> "; the nearest is " + o.id() + " (" + o.name() + ")")
                        .orElse("");
    }
}
