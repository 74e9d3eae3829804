package org.atlasops.detect.sigma;

import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.atlasops.detect.event.Event;

/**
 * Literals a rule cannot match without: a set of the rule set's automaton literals such that an event whose texts
 * contain none of them cannot match (worked out like {@link FieldRequirement}, from the regexes' required literals
 * and the keywords). One scan of the event's texts then rules out most text rules with a few bit tests, instead of
 * each rule looking its fields up and testing them.
 */
final class LiteralRequirement {
    private final LiteralAutomaton automaton;
    private final int[] literalIds;

    private LiteralRequirement(LiteralAutomaton automaton, int[] literalIds) {
        this.automaton = automaton;
        this.literalIds = literalIds;
    }

    /** The requirement of a rule's detection, or null when it has none (or no automaton is installed). */
    static LiteralRequirement of(Condition c, Map<String, EventTest> ids) {
        LiteralAutomaton[] automaton = new LiteralAutomaton[1];
        Set<Integer> literals = of(c, ids, automaton);
        if (literals == null || literals.isEmpty() || automaton[0] == null) {
            return null;
        }
        return new LiteralRequirement(automaton[0], literals.stream().mapToInt(Integer::intValue).toArray());
    }

    /** False when the event cannot match: none of the literals is in any of its texts. */
    boolean mayMatch(Event e) {
        return LiteralAutomaton.any(automaton.scanAllCached(e.allScalarTexts()), literalIds);
    }

    private static Set<Integer> of(Condition c, Map<String, EventTest> ids, LiteralAutomaton[] automaton) {
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
            List<Set<Integer>> parts = q.names.stream().map(n -> of(ids.get(n), automaton)).toList();
            return q.atLeast == 0 ? FieldRequirement.smallest(parts) : FieldRequirement.union(parts);
        }
        return null; // a negation requires no literal
    }

    private static Set<Integer> of(EventTest t, LiteralAutomaton[] automaton) {
        if (t instanceof EventTest.FieldValues f) {
            if (f.negate()) {
                return null;
            }
            List<Set<Integer>> parts = f.tests().stream().map(v -> of(v, automaton)).toList();
            return f.all() ? FieldRequirement.smallest(parts) : FieldRequirement.union(parts);
        }
        if (t instanceof EventTest.Keywords k) {
            if (k.automaton() == null) {
                return null;
            }
            automaton[0] = k.automaton();
            List<Set<Integer>> parts = new java.util.ArrayList<>();
            for (int id : k.literalIds()) {
                parts.add(id < 0 ? null : Set.of(id));
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

    private static Set<Integer> of(EventTest.ValueTest v, LiteralAutomaton[] automaton) {
        if (v instanceof EventTest.RegexTest re && re.automaton() != null) {
            automaton[0] = re.automaton();
            Set<Integer> ids = new LinkedHashSet<>();
            for (int id : re.literalIds()) {
                ids.add(id);
            }
            return ids;
        }
        return null;
    }
}
