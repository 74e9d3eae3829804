package org.atlasops.detect.sigma.accel;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import org.atlasops.detect.event.FieldPath;

/**
 * The rules worth evaluating on an event, found from what the event holds rather than by asking every rule. A rule
 * whose prerequisite names literals it cannot match without ({@link Prerequisite#triggers}) is marked only when
 * one of them is found on its field; the literals found on a field are worked out once per event for all rules (see
 * {@link EvaluationContext}), so the cost follows the event, not the number of rules reading the field. The other
 * rules are marked by the top-level keys they need ({@link KeyIndex}). A marked rule's prerequisite is still checked
 * in full. Immutable.
 */
public final class CandidateIndex {
    private final int words;
    private final KeyIndex byKey;
    private final Lookup[] lookups;
    /** The lookups by the top-level keys their field lives under: only those of keys the event has are probed. */
    private final KeyIndex lookupsByKey;

    /**
     * Where a trigger looks: a field (null: every text of the event) in the values automaton or the regex and keyword
     * one. Equal by place only: the first trigger of a place is kept to find the literals there for all.
     */
    private record Where(Optional<FieldPath> field, boolean values, Prerequisite.HasLiteral probe) {
        Where(Prerequisite.HasLiteral t) {
            this(Optional.ofNullable(t.field), t.values, t);
        }

        @Override
        public boolean equals(Object o) {
            return o instanceof Where w && w.field.equals(field) && w.values == values;
        }

        @Override
        public int hashCode() {
            return field.hashCode() * 31 + Boolean.hashCode(values);
        }
    }

    /** The rules whose triggers are on one field (or anywhere) in one automaton, by literal id. */
    private static final class Lookup {
        /** A trigger of the field, to find the literals where it looks. */
        final Prerequisite.HasLiteral probe;
        /** The ids some rule waits for, as a bit set: the others found are skipped in one test per word. */
        final long[] wanted;
        /** Per literal id, the rules it marks. */
        final int[][] rules;

        Lookup(Prerequisite.HasLiteral probe, Map<Integer, List<Integer>> rulesById) {
            this.probe = probe;
            int top = rulesById.keySet().stream()
                    .mapToInt(Integer::intValue)
                    .max()
                    .orElse(0);
            this.wanted = new long[(top >>> 6) + 1];
            this.rules = new int[top + 1][];
            rulesById.forEach((id, rs) -> {
                wanted[id >>> 6] |= 1L << id;
                rules[id] = rs.stream().mapToInt(Integer::intValue).distinct().toArray();
            });
        }
    }

    /**
     * @param needs per rule, its prerequisite, or null for none
     * @param automata per rule, the automaton its literal ids belong to
     * @param scanned the automaton of the evaluation contexts the index is asked with: only rules compiled with it are
     *     indexed by literal, the others by key
     */
    public CandidateIndex(Prerequisite[] needs, LiteralAutomaton[] automata, LiteralAutomaton scanned) {
        if (needs.length != automata.length) {
            throw new IllegalArgumentException(needs.length + " prerequisites for " + automata.length + " automata");
        }
        Objects.requireNonNull(scanned, "scanned");
        this.words = (needs.length + 63) / 64;
        List<Set<String>> keys = new ArrayList<>();
        Map<Where, Map<Integer, List<Integer>>> byLiteral = new LinkedHashMap<>();
        for (int rule = 0; rule < needs.length; rule++) {
            Prerequisite p = needs[rule];
            List<Prerequisite.HasLiteral> triggers = p == null || automata[rule] != scanned ? null : p.triggers();
            if (triggers == null) {
                keys.add(p == null ? null : p.keys());
                continue;
            }
            keys.add(Set.of()); // marked by its literals only
            for (Prerequisite.HasLiteral t : triggers) {
                Map<Integer, List<Integer>> ids = byLiteral.computeIfAbsent(new Where(t), w -> new LinkedHashMap<>());
                for (int id : t.literals) {
                    ids.computeIfAbsent(id, i -> new ArrayList<>()).add(rule);
                }
            }
        }
        this.byKey = new KeyIndex(keys);
        this.lookups = byLiteral.entrySet().stream()
                .map(e -> new Lookup(e.getKey().probe(), e.getValue()))
                .toArray(Lookup[]::new);
        // a rule set for other telemetry has hundreds of fields this event lacks: finding each one's values (to learn
        // it has none) cost more than all the rest
        this.lookupsByKey =
                new KeyIndex(List.of(lookups).stream().map(l -> l.probe.keys()).toList());
    }

    /** The length of a candidate bit set. */
    public int words() {
        return words;
    }

    /** Sets {@code marks} ({@link #words} longs) to the rules worth evaluating on the context's event. */
    public void candidates(EvaluationContext context, long[] marks) {
        byKey.candidates(context.event().json(), marks);
        long[] probe = new long[lookupsByKey.words()];
        lookupsByKey.candidates(context.event().json(), probe);
        for (int p = 0; p < probe.length; p++) {
            for (long next = probe[p]; next != 0; next &= next - 1) {
                mark(lookups[(p << 6) + Long.numberOfTrailingZeros(next)], context, marks);
            }
        }
    }

    /** Marks the rules of one lookup whose literals are found where it looks. */
    private static void mark(Lookup l, EvaluationContext context, long[] marks) {
        long[] found = l.probe.found(context);
        long[] wanted = l.wanted;
        for (int w = 0, n = Math.min(wanted.length, found.length); w < n; w++) {
            for (long bits = found[w] & wanted[w]; bits != 0; bits &= bits - 1) {
                for (int rule : l.rules[(w << 6) + Long.numberOfTrailingZeros(bits)]) {
                    marks[rule >>> 6] |= 1L << rule;
                }
            }
        }
    }
}
