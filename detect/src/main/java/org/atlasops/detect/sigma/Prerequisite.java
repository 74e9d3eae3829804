package org.atlasops.detect.sigma;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.atlasops.detect.event.Event;
import org.atlasops.detect.event.FieldPath;

/**
 * What an event must have for a rule to be able to match, checked before the rule itself: top-level keys its fields
 * live under, and literals its regexes and keywords cannot match without (found by the rule set's automaton, whose
 * scans of a text are shared by all rules). Follows the condition's shape, so {@code selection or keywords} is ruled
 * out when the event lacks both the selection's fields and the keywords' literals. Never stricter than the rule:
 * anything it cannot bound is {@link #ANY}. Its {@link #keys} index the rules by the event keys they need.
 */
abstract class Prerequisite {
    /** Any event may match. */
    static final Prerequisite ANY = new Prerequisite() {
        @Override
        boolean holds(Event e) {
            return true;
        }

        @Override
        Set<String> keys() {
            return null;
        }
    };

    /** False when the event cannot match. */
    abstract boolean holds(Event e);

    /**
     * Top-level event keys such that an event with none of them cannot match (the fields the prerequisite reads all
     * live under them), or null when there is no such bound (keywords). The detector skips a rule for an event that
     * has none of its keys, so rules about other telemetry cost almost nothing.
     */
    abstract Set<String> keys();

    /** The keys a dotted field can sit under at the top of an event: "a", "a.b", "a.b.c" for a.b.c. */
    static Set<String> topKeys(String field) {
        Set<String> keys = new LinkedHashSet<>();
        int dot = -1;
        while ((dot = field.indexOf('.', dot + 1)) >= 0) {
            keys.add(field.substring(0, dot));
        }
        keys.add(field);
        return keys;
    }

    /** The prerequisite of a rule's detection; null when there is none worth checking. */
    static Prerequisite of(Condition c, Map<String, EventTest> ids) {
        Prerequisite p = ofCondition(c, ids);
        return p == ANY ? null : p;
    }

    private static Prerequisite ofCondition(Condition c, Map<String, EventTest> ids) {
        if (c instanceof Condition.Ref r) {
            return of(ids.get(r.name));
        }
        if (c instanceof Condition.And a) {
            return all(a.parts.stream().map(p -> ofCondition(p, ids)).toList());
        }
        if (c instanceof Condition.Or o) {
            return any(o.parts.stream().map(p -> ofCondition(p, ids)).toList());
        }
        if (c instanceof Condition.Of q) {
            List<Prerequisite> parts = q.names.stream().map(n -> of(ids.get(n))).toList();
            return q.atLeast == 0 ? all(parts) : any(parts);
        }
        // a negation holds only when the event has some field the negated part reads (see Condition.Not)
        Condition.Not n = (Condition.Not) c;
        List<String> names = new ArrayList<>();
        n.inner.collect(names);
        List<Prerequisite> keys = new ArrayList<>();
        for (String name : names) {
            List<String> fields = ids.get(name).fields();
            if (fields.isEmpty()) {
                return ANY;
            }
            fields.forEach(f -> keys.add(new HasKey(topKeys(f))));
        }
        return any(keys);
    }

    private static Prerequisite of(EventTest t) {
        if (t instanceof EventTest.FieldValues f) {
            if (f.negate()) {
                return ANY;
            }
            List<Prerequisite> literals = f.tests().stream().map(v -> literal(f.path(), v)).toList();
            Prerequisite literal = f.all() ? all(literals) : any(literals);
            // a literal found in the field's values implies the field is there
            return literal != ANY ? literal : new HasKey(topKeys(f.field()));
        }
        if (t instanceof EventTest.Keywords k) {
            if (k.automaton() == null) {
                return ANY;
            }
            List<Prerequisite> parts = new ArrayList<>();
            for (int id : k.literalIds()) {
                parts.add(id < 0 ? ANY : new HasLiteral(k.automaton(), null, new int[] {id}));
            }
            return k.all ? all(parts) : any(parts);
        }
        if (t instanceof EventTest.AllOf a) {
            return all(a.tests().stream().map(Prerequisite::of).toList());
        }
        if (t instanceof EventTest.AnyOf a) {
            return any(a.tests().stream().map(Prerequisite::of).toList());
        }
        if (t instanceof EventTest.FieldRef r && !r.negate()) {
            // a comparison with another field needs both: a missing other field compares with nothing
            List<Prerequisite> others = r.others().stream().map(o -> (Prerequisite) new HasKey(topKeys(o))).toList();
            return all(List.of(new HasKey(topKeys(r.field())), any(others)));
        }
        // null tests and existence need their field unless negated (or testing absence)
        String field = t instanceof EventTest.IsNull n && n.negate() ? n.field()
                : t instanceof EventTest.Exists x && x.expected() ? x.field() : null;
        return field == null ? ANY : new HasKey(topKeys(field));
    }

    private static Prerequisite literal(FieldPath field, EventTest.ValueTest v) {
        if (v instanceof EventTest.RegexTest re && re.automaton() != null) {
            return new HasLiteral(re.automaton(), field, re.literalIds());
        }
        return ANY;
    }

    /**
     * All must hold: the known ones are kept, literal checks first: they rule out most events, and after the first
     * rule they are answered from the event's memo, while key checks are hash look-ups that mostly succeed.
     */
    private static Prerequisite all(List<Prerequisite> parts) {
        List<Prerequisite> flat = new ArrayList<>();
        for (Prerequisite p : parts) {
            if (p instanceof All a) {
                flat.addAll(List.of(a.parts));
            } else if (p != ANY) {
                flat.add(p);
            }
        }
        // a key check that another part implies is dropped (MCP rules repeated two of them in every selection)
        List<Prerequisite> known = new ArrayList<>();
        for (int i = 0; i < flat.size(); i++) {
            Prerequisite p = flat.get(i);
            boolean implied = false;
            for (int j = 0; j < flat.size() && !implied; j++) {
                Prerequisite other = flat.get(j);
                implied = j != i && p instanceof HasKey k && other.impliesKeyIn(k.keys())
                        && !(other instanceof HasKey o && k.keys().equals(o.keys()) && j > i);
            }
            if (!implied) {
                known.add(p);
            }
        }
        known.sort(java.util.Comparator.comparingInt(p -> p instanceof HasKey ? 1 : 0));
        return known.isEmpty() ? ANY : known.size() == 1 ? known.get(0) : new All(known);
    }

    /** True when, whenever this holds, the event has one of these top-level keys. */
    boolean impliesKeyIn(Set<String> keys) {
        Set<String> mine = keys();
        return mine != null && keys.containsAll(mine);
    }

    /** One must hold: unbounded as soon as one is. Literals of one field are merged into one scan test. */
    private static Prerequisite any(List<Prerequisite> parts) {
        if (parts.isEmpty() || parts.contains(ANY)) {
            return ANY;
        }
        List<Prerequisite> merged = new ArrayList<>();
        for (Prerequisite p : parts) {
            HasLiteral same = null;
            if (p instanceof HasLiteral h) {
                for (Prerequisite m : merged) {
                    if (m instanceof HasLiteral o && o.automaton == h.automaton && java.util.Objects.equals(o.field,
                            h.field)) {
                        same = o;
                    }
                }
            }
            if (same == null) {
                merged.add(p);
            } else {
                merged.set(merged.indexOf(same), same.plus((HasLiteral) p));
            }
        }
        return merged.size() == 1 ? merged.get(0) : new Some(merged);
    }

    private static final class All extends Prerequisite {
        private final Prerequisite[] parts;

        All(List<Prerequisite> parts) {
            this.parts = parts.toArray(Prerequisite[]::new);
        }

        /** The smallest (most selective) of the parts' key sets. */
        @Override
        Set<String> keys() {
            Set<String> best = null;
            for (Prerequisite p : parts) {
                Set<String> k = p.keys();
                if (k != null && (best == null || k.size() < best.size())) {
                    best = k;
                }
            }
            return best;
        }

        @Override
        boolean holds(Event e) {
            for (Prerequisite p : parts) {
                if (!p.holds(e)) {
                    return false;
                }
            }
            return true;
        }
    }

    private static final class Some extends Prerequisite {
        private final Prerequisite[] parts;

        Some(List<Prerequisite> parts) {
            this.parts = parts.toArray(Prerequisite[]::new);
        }

        /** The union of the parts' key sets; unbounded when one part is. */
        @Override
        Set<String> keys() {
            Set<String> all = new LinkedHashSet<>();
            for (Prerequisite p : parts) {
                Set<String> k = p.keys();
                if (k == null) {
                    return null;
                }
                all.addAll(k);
            }
            return all;
        }

        @Override
        boolean holds(Event e) {
            for (Prerequisite p : parts) {
                if (p.holds(e)) {
                    return true;
                }
            }
            return false;
        }
    }

    /** The event has one of these top-level keys. */
    private static final class HasKey extends Prerequisite {
        private final String[] keys;

        HasKey(Set<String> keys) {
            // interned (see FieldPath); the longest first, as telemetry mostly writes dotted names as one key
            this.keys = keys.stream().map(String::intern)
                    .sorted(java.util.Comparator.comparingInt(String::length).reversed()).toArray(String[]::new);
        }

        @Override
        Set<String> keys() {
            return new LinkedHashSet<>(List.of(keys));
        }

        @Override
        boolean holds(Event e) {
            for (String k : keys) {
                if (e.json().has(k)) {
                    return true;
                }
            }
            return false;
        }
    }

    /** A text of the field (null: any text of the event) contains one of the literals. */
    private static final class HasLiteral extends Prerequisite {
        private final LiteralAutomaton automaton;
        private final FieldPath field;
        private final int[] literals;
        private final long[] words;

        HasLiteral(LiteralAutomaton automaton, FieldPath field, int[] literals) {
            this.automaton = automaton;
            this.field = field;
            this.literals = literals;
            this.words = LiteralAutomaton.wordsOf(literals);
        }

        /** A literal in a field's values implies the field; keyword literals may be anywhere. */
        @Override
        Set<String> keys() {
            return field == null ? null : topKeys(field.toString());
        }

        HasLiteral plus(HasLiteral other) {
            return new HasLiteral(automaton, field, java.util.stream.IntStream.concat(
                    java.util.Arrays.stream(literals), java.util.Arrays.stream(other.literals)).distinct().toArray());
        }

        @Override
        boolean holds(Event e) {
            long[] found = field == null ? automaton.literalsIn(e) : automaton.literalsIn(e, field);
            return LiteralAutomaton.anyIn(found, words);
        }
    }
}
