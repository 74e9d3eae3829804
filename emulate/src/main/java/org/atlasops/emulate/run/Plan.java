package org.atlasops.emulate.run;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import org.atlasops.emulate.procedure.Procedure;
import org.atlasops.kb.AtlasId;
import org.atlasops.kb.CaseStudy;
import org.atlasops.kb.KnowledgeBase;
import org.atlasops.kb.ProcedureStep;
import org.atlasops.kb.failure.BadInputException;
import org.atlasops.kb.failure.NotFoundException;

/**
 * What a run does, in order: the procedures to attempt, and the steps that cannot be emulated with the reason.
 *
 * @param name how the plan was chosen, e.g. {@code all}, {@code tag:injection} or {@code case-study:AML.CS0016}
 */
public record Plan(String name, List<Procedure> procedures, List<NotEmulatable> notEmulatable) {
    public Plan {
        Objects.requireNonNull(name, "name");
        procedures = List.copyOf(procedures);
        notEmulatable = List.copyOf(notEmulatable);
    }

    /** A step or procedure the run leaves out, and why. {@code step} is 1-based for case studies, 0 otherwise. */
    public record NotEmulatable(int step, String technique, String what, String reason) {
        public NotEmulatable {
            Objects.requireNonNull(technique, "technique");
            Objects.requireNonNull(what, "what");
            Objects.requireNonNull(reason, "reason");
        }
    }

    /**
     * The procedures of a library that match every kind of selector given (ids, tags, techniques); none given:
     * the whole library. A technique selects its sub-techniques too.
     */
    public static Plan select(List<Procedure> library, List<String> ids, List<String> tags, List<String> techniques) {
        Map<String, Procedure> byId = new LinkedHashMap<>();
        library.forEach(p -> byId.put(p.id(), p));
        for (String id : ids) {
            if (!byId.containsKey(id)) {
                throw new NotFoundException("no procedure '" + id + "'; 'atlas-ops emulate list' shows them");
            }
        }
        List<AtlasId> techs = new ArrayList<>();
        for (String t : techniques) {
            techs.add(AtlasId.parse(t));
        }
        Set<String> tagSet =
                Set.copyOf(tags.stream().map(t -> t.toLowerCase(Locale.ROOT)).toList());
        List<Procedure> out = new ArrayList<>();
        for (Procedure p : library) {
            boolean ok = (ids.isEmpty() || ids.contains(p.id()))
                    && (tagSet.isEmpty() || p.tags().stream().anyMatch(tagSet::contains))
                    && (techs.isEmpty()
                            || techs.stream()
                                    .anyMatch(t -> t.equals(p.technique())
                                            || p.technique()
                                                    .parent()
                                                    .map(t::equals)
                                                    .orElse(false)));
            if (ok) {
                out.add(p);
            }
        }
        if (out.isEmpty()) {
            throw new BadInputException("no procedure matches the selection (ids " + ids + ", tags " + tags
                    + ", techniques " + techniques + "); 'atlas-ops emulate list' shows what there is");
        }
        List<String> parts = new ArrayList<>();
        ids.forEach(i -> parts.add("id:" + i));
        tags.forEach(t -> parts.add("tag:" + t));
        techniques.forEach(t -> parts.add("technique:" + t));
        return new Plan(parts.isEmpty() ? "all" : String.join(",", parts), out, List.of());
    }

    /**
     * A case study replayed: for each step of its procedure, in order, the library's procedures for that technique
     * (or its sub-techniques); the steps with none are listed as not emulatable with the reason.
     */
    public static Plan caseStudy(KnowledgeBase kb, String caseStudyId, List<Procedure> library) {
        CaseStudy cs = kb.caseStudy(caseStudyId)
                .orElseThrow(() -> new NotFoundException("ATLAS " + kb.version() + " has no case study '" + caseStudyId
                        + "'; 'atlas-ops kb list case-studies' shows them"));
        List<Procedure> out = new ArrayList<>();
        List<NotEmulatable> not = new ArrayList<>();
        int n = 0;
        for (ProcedureStep step : cs.procedure()) {
            n++;
            AtlasId t = step.techniqueId();
            List<Procedure> match = library.stream()
                    .filter(p -> p.technique().equals(t)
                            || p.technique().parent().map(t::equals).orElse(false)
                            || t.parent().map(p.technique()::equals).orElse(false))
                    .toList();
            if (match.isEmpty()) {
                not.add(new NotEmulatable(n, t.value(), firstLine(step.description()), reason(kb, t)));
            } else {
                match.stream().filter(p -> !out.contains(p)).findFirst().ifPresent(out::add);
            }
        }
        return new Plan("case-study:" + cs.id(), out, not);
    }

    private static String reason(KnowledgeBase kb, AtlasId t) {
        Optional<AtlasId> tactic =
                kb.technique(t).flatMap(x -> x.tacticIds().stream().findFirst());
        String tac = tactic.map(AtlasId::value).orElse("");
        String name = kb.technique(t).map(x -> x.name()).orElse(t.value());
        if (tac.equals("AML.TA0002") || tac.equals("AML.TA0003")) {
            return name + " is reconnaissance or resource development, done away from the target";
        }
        if (t.value().startsWith("AML.T0041")) {
            return "needs physical access";
        }
        return "no procedure in the library emulates " + t + " (" + name + ") against an API";
    }

    private static String firstLine(String s) {
        String t = s.strip();
        int nl = t.indexOf('\n');
        t = nl < 0 ? t : t.substring(0, nl);
        return t.length() > 120 ? t.substring(0, 117) + "..." : t;
    }
}
