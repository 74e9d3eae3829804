package org.atlasops.detect.sigma.accel;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.stream.IntStream;
import org.atlasops.detect.event.FieldPath;

/**
 * What an event must have for a rule to be able to match, checked before the rule itself: top-level keys its fields
 * live under, and literals its regexes and keywords cannot match without (found by the rule set's automaton, whose
 * scans of a text are shared by all rules). Built by the compiler following the condition's shape ({@link #all},
 * {@link #any}), so {@code selection or keywords} is ruled out when the event lacks both the selection's fields and
 * the keywords' literals. Never stricter than the rule: anything it cannot bound is {@link #ANY}. Its {@link #keys}
 * index the rules by the event keys they need. Immutable.
 */
public abstract sealed class Prerequisite {
    /** Any event may match. */
    public static final Prerequisite ANY = new Any();

    private Prerequisite() {}

    /** False when the event cannot match. */
    public abstract boolean holds(EvaluationContext e);

    /**
     * Top-level event keys such that an event with none of them cannot match (the fields the prerequisite reads all
     * live under them), or null when there is no such bound (keywords). The detector skips a rule for an event that
     * has none of its keys, so rules about other telemetry cost almost nothing.
     */
    public abstract Set<String> keys();

    /**
     * Literals such that an event in which none is found (each on its field, or anywhere for a null field) cannot
     * hold; null when there is no such bound. {@link CandidateIndex} marks a rule only when one of them is found, so
     * the rules whose values are absent cost nothing.
     */
    abstract List<HasLiteral> triggers();

    /** The keys a dotted field can sit under at the top of an event: "a", "a.b", "a.b.c" for a.b.c. */
    public static Set<String> topKeys(String field) {
        Set<String> keys = new LinkedHashSet<>();
        int dot = -1;
        while ((dot = field.indexOf('.', dot + 1)) >= 0) {
            keys.add(field.substring(0, dot));
        }
        keys.add(field);
        return keys;
    }

    /** The event has one of the keys a dotted field can sit under. */
    public static Prerequisite hasField(String field) {
        return new HasKey(topKeys(field));
    }

    /** A text of the field (empty: any text of the event) contains one of the literals (automaton ids). */
    public static Prerequisite hasLiteral(java.util.Optional<FieldPath> field, int[] literalIds) {
        return new HasLiteral(field.orElse(null), literalIds.clone(), false);
    }

    /** A text of the field contains one of the literals (ids of the automaton's {@link LiteralAutomaton#values}). */
    public static Prerequisite hasValueLiteral(FieldPath field, int[] literalIds) {
        return new HasLiteral(Objects.requireNonNull(field, "field"), literalIds.clone(), true);
    }

    /**
     * All must hold: the known ones are kept, literal checks first: they rule out most events, and after the first
     * rule they are answered from the evaluation context, while key checks are hash look-ups that mostly succeed.
     */
    public static Prerequisite all(List<Prerequisite> parts) {
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
                implied = j != i
                        && p instanceof HasKey k
                        && other.impliesKeyIn(k.keys())
                        && !(other instanceof HasKey o && k.keys().equals(o.keys()) && j > i);
            }
            if (!implied) {
                known.add(p);
            }
        }
        known.sort(Comparator.comparingInt(p -> p instanceof HasKey ? 1 : 0));
        return known.isEmpty() ? ANY : known.size() == 1 ? known.get(0) : new All(known);
    }

    /** One must hold: unbounded as soon as one is. Literals of one field are merged into one scan test. */
    public static Prerequisite any(List<Prerequisite> parts) {
        if (parts.isEmpty() || parts.contains(ANY)) {
            return ANY;
        }
        List<Prerequisite> merged = new ArrayList<>();
        for (Prerequisite p : parts) {
            HasLiteral same = null;
            if (p instanceof HasLiteral h) {
                for (Prerequisite m : merged) {
                    if (m instanceof HasLiteral o && Objects.equals(o.field, h.field) && o.values == h.values) {
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

    /** True when, whenever this holds, the event has one of these top-level keys. */
    boolean impliesKeyIn(Set<String> keys) {
        Set<String> mine = keys();
        return mine != null && keys.containsAll(mine);
    }

    private static final class Any extends Prerequisite {
        @Override
        public boolean holds(EvaluationContext e) {
            return true;
        }

        @Override
        public Set<String> keys() {
            return null;
        }

        @Override
        List<HasLiteral> triggers() {
            return null;
        }

        @Override
        public String toString() {
            return "any event";
        }
    }

    private static final class All extends Prerequisite {
        private final Prerequisite[] parts;

        All(List<Prerequisite> parts) {
            this.parts = parts.toArray(Prerequisite[]::new);
        }

        /** The smallest (most selective) of the parts' key sets. */
        @Override
        public Set<String> keys() {
            Set<String> best = null;
            for (Prerequisite p : parts) {
                Set<String> k = p.keys();
                if (k != null && (best == null || k.size() < best.size())) {
                    best = k;
                }
            }
            return best;
        }

        /** One part's triggers suffice, as every part must hold: those of the part with the fewest literals. */
        @Override
        List<HasLiteral> triggers() {
            List<HasLiteral> best = null;
            for (Prerequisite p : parts) {
                List<HasLiteral> t = p.triggers();
                if (t != null && (best == null || literalCount(t) < literalCount(best))) {
                    best = t;
                }
            }
            return best;
        }

        private static int literalCount(List<HasLiteral> triggers) {
            return triggers.stream().mapToInt(h -> h.literals.length).sum();
        }

        @Override
        public boolean holds(EvaluationContext e) {
            for (Prerequisite p : parts) {
                if (!p.holds(e)) {
                    return false;
                }
            }
            return true;
        }

        @Override
        public String toString() {
            return "all of " + Arrays.toString(parts);
        }
    }

    private static final class Some extends Prerequisite {
        private final Prerequisite[] parts;

        Some(List<Prerequisite> parts) {
            this.parts = parts.toArray(Prerequisite[]::new);
        }

        /** The union of the parts' key sets; unbounded when one part is. */
        @Override
        public Set<String> keys() {
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

        /** Every part's triggers, as any part may be the one that holds; none when one part has none. */
        @Override
        List<HasLiteral> triggers() {
            List<HasLiteral> all = new ArrayList<>();
            for (Prerequisite p : parts) {
                List<HasLiteral> t = p.triggers();
                if (t == null) {
                    return null;
                }
                all.addAll(t);
            }
            return all;
        }

        @Override
        public boolean holds(EvaluationContext e) {
            for (Prerequisite p : parts) {
                if (p.holds(e)) {
                    return true;
                }
            }
            return false;
        }

        @Override
        public String toString() {
            return "one of " + Arrays.toString(parts);
        }
    }

    /** The event has one of these top-level keys. */
    private static final class HasKey extends Prerequisite {
        private final String[] keys;

        HasKey(Set<String> keys) {
            // interned (see FieldPath); the longest first, as telemetry mostly writes dotted names as one key
            this.keys = keys.stream()
                    .map(String::intern)
                    .sorted(Comparator.comparingInt(String::length).reversed())
                    .toArray(String[]::new);
        }

        @Override
        public Set<String> keys() {
            return new LinkedHashSet<>(List.of(keys));
        }

        @Override
        public boolean holds(EvaluationContext e) {
            for (String k : keys) {
                if (e.event().json().has(k)) {
                    return true;
                }
            }
            return false;
        }

        @Override
        List<HasLiteral> triggers() {
            return null;
        }

        @Override
        public String toString() {
            return "a key in " + Arrays.toString(keys);
        }
    }

    /** A text of the field (null: any text of the event) contains one of the literals. */
    static final class HasLiteral extends Prerequisite {
        final FieldPath field;
        /** Read only: shared with {@link CandidateIndex}, which indexes rules by them. */
        final int[] literals;

        private final long[] words;
        /** True when the ids are of the values automaton, false when of the regex and keyword one. */
        final boolean values;

        HasLiteral(FieldPath field, int[] literals, boolean values) {
            this.values = values;
            this.field = field;
            this.literals = literals;
            this.words = LiteralAutomaton.wordsOf(literals);
        }

        /** A literal in a field's values implies the field; keyword literals may be anywhere. */
        @Override
        public Set<String> keys() {
            return field == null ? null : topKeys(field.toString());
        }

        @Override
        List<HasLiteral> triggers() {
            return List.of(this);
        }

        /** The literals found where this looks: in the field's values, or in every text of the event. */
        long[] found(EvaluationContext e) {
            return field == null ? e.literalsInAll() : values ? e.valueLiteralsIn(field) : e.literalsIn(field);
        }

        HasLiteral plus(HasLiteral other) {
            return new HasLiteral(
                    field,
                    IntStream.concat(Arrays.stream(literals), Arrays.stream(other.literals))
                            .distinct()
                            .toArray(),
                    values);
        }

        @Override
        public boolean holds(EvaluationContext e) {
            return LiteralAutomaton.anyIn(found(e), words);
        }

        @Override
        public String toString() {
            return (values ? "value literals " : "literals ") + Arrays.toString(literals) + " in "
                    + (field == null ? "the event" : field);
        }
    }
}
