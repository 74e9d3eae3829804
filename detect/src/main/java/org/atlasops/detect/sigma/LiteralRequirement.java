package org.atlasops.detect.sigma;

import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.atlasops.detect.event.Event;
import org.atlasops.detect.event.FieldPath;

/**
 * Literals a rule cannot match without: pairs of a field (or the whole event, for keywords) and a literal of the
 * rule set's automaton, such that an event in which no such field holds its literal cannot match. Worked out like
 * {@link FieldRequirement}, from the regexes' required literals and the keywords. The scans of a field's texts are
 * shared by all rules (the automaton remembers the last few), so most text rules are ruled out with a few bit tests
 * instead of each testing its fields.
 */
final class LiteralRequirement {
    /** A literal that must be in some text of a field; a null field: anywhere in the event. */
    private record Need(FieldPath field, int literal) {
    }

    private final LiteralAutomaton automaton;
    private final FieldPath[] fields;
    private final int[][] literalIds;

    private LiteralRequirement(LiteralAutomaton automaton, Set<Need> needs) {
        this.automaton = automaton;
        Map<FieldPath, List<Integer>> byField = new java.util.LinkedHashMap<>();
        for (Need n : needs) {
            byField.computeIfAbsent(n.field(), f -> new java.util.ArrayList<>()).add(n.literal());
        }
        fields = byField.keySet().toArray(FieldPath[]::new);
        literalIds = byField.values().stream().map(l -> l.stream().mapToInt(Integer::intValue).toArray())
                .toArray(int[][]::new);
    }

    /** The requirement of a rule's detection, or null when it has none (or no automaton is installed). */
    static LiteralRequirement of(Condition c, Map<String, EventTest> ids) {
        LiteralAutomaton[] automaton = new LiteralAutomaton[1];
        Set<Need> needs = of(c, ids, automaton);
        if (needs == null || needs.isEmpty() || automaton[0] == null) {
            return null;
        }
        return new LiteralRequirement(automaton[0], needs);
    }

    /** False when the event cannot match: no field holds one of its literals. */
    boolean mayMatch(Event e) {
        for (int f = 0; f < fields.length; f++) {
            if (fields[f] == null) {
                if (LiteralAutomaton.any(automaton.scanAllCached(e.allScalarTexts()), literalIds[f])) {
                    return true;
                }
                continue;
            }
            for (com.fasterxml.jackson.databind.JsonNode v : e.values(fields[f])) {
                if (!v.isNull() && LiteralAutomaton.any(automaton.scanCached(v.asText()), literalIds[f])) {
                    return true;
                }
            }
        }
        return false;
    }

    private static Set<Need> of(Condition c, Map<String, EventTest> ids, LiteralAutomaton[] automaton) {
        if (c instanceof Condition.Ref r) {
            return of(ids.get(r.name), automaton);
        }
        if (c instanceof Condition.And a) {
            return FieldRequirement.smallest(a.parts.stream().map(p -> of(p, ids, automaton)).toList());
        }
        if (c instanceof Condition.Or o) {
            return FieldRequirement.union(o.parts.stream().map(p -> of(p, ids, automaton)).toList());
        }
        if (c instanceof Condition.Of q) {
            List<Set<Need>> parts = q.names.stream().map(n -> of(ids.get(n), automaton)).toList();
            return q.atLeast == 0 ? FieldRequirement.smallest(parts) : FieldRequirement.union(parts);
        }
        return null; // a negation requires no literal
    }

    private static Set<Need> of(EventTest t, LiteralAutomaton[] automaton) {
        if (t instanceof EventTest.FieldValues f) {
            if (f.negate()) {
                return null;
            }
            List<Set<Need>> parts = f.tests().stream().map(v -> of(f.path(), v, automaton)).toList();
            return f.all() ? FieldRequirement.smallest(parts) : FieldRequirement.union(parts);
        }
        if (t instanceof EventTest.Keywords k) {
            if (k.automaton() == null) {
                return null;
            }
            automaton[0] = k.automaton();
            List<Set<Need>> parts = new java.util.ArrayList<>();
            for (int id : k.literalIds()) {
                parts.add(id < 0 ? null : Set.of(new Need(null, id)));
            }
            return k.all ? FieldRequirement.smallest(parts) : FieldRequirement.union(parts);
        }
        if (t instanceof EventTest.AllOf a) {
            return FieldRequirement.smallest(a.tests().stream().map(x -> of(x, automaton)).toList());
        }
        if (t instanceof EventTest.AnyOf a) {
            return FieldRequirement.union(a.tests().stream().map(x -> of(x, automaton)).toList());
        }
        return null;
    }

    private static Set<Need> of(FieldPath field, EventTest.ValueTest v, LiteralAutomaton[] automaton) {
        if (v instanceof EventTest.RegexTest re && re.automaton() != null) {
            automaton[0] = re.automaton();
            Set<Need> needs = new LinkedHashSet<>();
            for (int id : re.literalIds()) {
                needs.add(new Need(field, id));
            }
            return needs;
        }
        return null;
    }
}
