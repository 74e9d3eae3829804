package org.atlasops.detect.sigma;

import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Which top-level event keys a rule needs: a set such that an event with none of them cannot match (the rule's
 * fields all live under those keys), or null when no such bound exists (keywords, null tests, {@code neq}). The
 * detector uses it to skip rules whose fields an event does not have, so adding rules about other telemetry costs
 * almost nothing.
 */
final class FieldRequirement {
    private FieldRequirement() {
    }

    static Set<String> of(Condition c, Map<String, EventTest> ids) {
        if (c instanceof Condition.Ref r) {
            return of(ids.get(r.name));
        }
        if (c instanceof Condition.Not n) {
            // a negation holds only when the event has some field the negated part reads (see Condition.Not)
            List<String> names = new java.util.ArrayList<>();
            n.inner.collect(names);
            Set<String> keys = new LinkedHashSet<>();
            for (String name : names) {
                List<String> fields = ids.get(name).fields();
                if (fields.isEmpty()) {
                    return null;
                }
                fields.forEach(f -> keys.addAll(topKeys(f)));
            }
            return keys;
        }
        if (c instanceof Condition.And a) {
            return smallest(a.parts.stream().map(p -> of(p, ids)).toList());
        }
        if (c instanceof Condition.Or o) {
            return union(o.parts.stream().map(p -> of(p, ids)).toList());
        }
        Condition.Of q = (Condition.Of) c;
        List<Set<String>> parts = q.names.stream().map(n -> of(ids.get(n))).toList();
        return q.atLeast == 0 ? smallest(parts) : union(parts);
    }

    static Set<String> of(EventTest t) {
        if (t instanceof EventTest.FieldValues f) {
            return f.negate() ? null : topKeys(f.field());
        }
        if (t instanceof EventTest.IsNull n) {
            return n.negate() ? topKeys(n.field()) : null;
        }
        if (t instanceof EventTest.Exists x) {
            return x.expected() ? topKeys(x.field()) : null;
        }
        if (t instanceof EventTest.FieldRef r) {
            return r.negate() ? null : topKeys(r.field());
        }
        if (t instanceof EventTest.AllOf a) {
            return smallest(a.tests().stream().map(FieldRequirement::of).toList());
        }
        if (t instanceof EventTest.AnyOf a) {
            return union(a.tests().stream().map(FieldRequirement::of).toList());
        }
        return null;
    }

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

    /** Of requirements that all hold: the smallest (the most selective), or null when none is known. */
    static <T> Set<T> smallest(List<Set<T>> parts) {
        Set<T> best = null;
        for (Set<T> p : parts) {
            if (p != null && (best == null || p.size() < best.size())) {
                best = p;
            }
        }
        return best;
    }

    /** Of requirements one of which holds: their union, or null when one of them is unknown. */
    static <T> Set<T> union(List<Set<T>> parts) {
        Set<T> all = new LinkedHashSet<>();
        for (Set<T> p : parts) {
            if (p == null) {
                return null;
            }
            all.addAll(p);
        }
        return all;
    }
}
