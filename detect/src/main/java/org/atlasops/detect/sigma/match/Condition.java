package org.atlasops.detect.sigma.match;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.atlasops.detect.event.FieldPath;
import org.atlasops.detect.sigma.accel.EvaluationContext;

/**
 * A Sigma condition, parsed once and bound to the search identifiers' predicates by the compiler: {@code or} <
 * {@code and} < {@code not} < {@code 1 of}/{@code all of} < parentheses. {@code them} and wildcard patterns expand
 * to the search identifiers that do not start with {@code _}. A condition given as a list is the {@code or} of its
 * items. Immutable.
 */
public sealed interface Condition {
    boolean eval(EvaluationContext e);

    /** Search identifiers the condition reads. */
    void collect(List<String> into);

    /** A search identifier and its predicate. */
    record Ref(String name, EventPredicate test) implements Condition {
        @Override
        public boolean eval(EvaluationContext e) {
            return test.test(e);
        }

        @Override
        public void collect(List<String> into) {
            into.add(name);
        }
    }

    /**
     * A negation. It says nothing about an event that has none of the fields it tests: {@code not filter} on an
     * event without the filter's fields is false, as in engines with SQL-like null logic (and as the conformance
     * cases expect). {@code reads}: the fields the negated part reads; empty when it reads the whole event
     * (keywords), which makes it always applicable.
     */
    record Not(Condition inner, Optional<List<FieldPath>> reads) implements Condition {
        public Not {
            reads = reads.map(List::copyOf);
        }

        /** The negation of a bound condition, with the fields its identifiers read. */
        public static Not of(Condition inner, Map<String, EventPredicate> identifiers) {
            List<String> names = new ArrayList<>();
            inner.collect(names);
            List<FieldPath> paths = new ArrayList<>();
            for (String n : names) {
                List<String> f = identifiers.get(n).fields();
                if (f.isEmpty()) {
                    return new Not(inner, Optional.empty());
                }
                f.forEach(x -> paths.add(FieldPath.of(x)));
            }
            return new Not(inner, Optional.of(paths));
        }

        @Override
        public boolean eval(EvaluationContext e) {
            return applicable(e) && !inner.eval(e);
        }

        private boolean applicable(EvaluationContext e) {
            if (reads.isEmpty()) {
                return true;
            }
            List<FieldPath> paths = reads.get();
            for (int i = 0, n = paths.size(); i < n; i++) {
                if (e.has(paths.get(i))) {
                    return true;
                }
            }
            return false;
        }

        @Override
        public void collect(List<String> into) {
            inner.collect(into);
        }
    }

    record And(List<Condition> parts) implements Condition {
        public And {
            parts = List.copyOf(parts);
        }

        @Override
        public boolean eval(EvaluationContext e) {
            // indexed: evaluation is hot, and a list's iterator is an allocation per call
            for (int i = 0, n = parts.size(); i < n; i++) {
                if (!parts.get(i).eval(e)) {
                    return false;
                }
            }
            return true;
        }

        @Override
        public void collect(List<String> into) {
            parts.forEach(p -> p.collect(into));
        }
    }

    record Or(List<Condition> parts) implements Condition {
        public Or {
            parts = List.copyOf(parts);
        }

        @Override
        public boolean eval(EvaluationContext e) {
            for (int i = 0, n = parts.size(); i < n; i++) {
                if (parts.get(i).eval(e)) {
                    return true;
                }
            }
            return false;
        }

        @Override
        public void collect(List<String> into) {
            parts.forEach(p -> p.collect(into));
        }
    }

    /** {@code N of pattern}: at least N (or all: 0) of the identifiers hold. */
    record Of(int atLeast, List<String> names, List<EventPredicate> tests) implements Condition {
        public Of {
            names = List.copyOf(names);
            tests = List.copyOf(tests);
        }

        @Override
        public boolean eval(EvaluationContext e) {
            int hits = 0;
            for (int i = 0, n = tests.size(); i < n; i++) {
                if (tests.get(i).test(e)) {
                    hits++;
                    if (atLeast > 0 && hits >= atLeast) {
                        return true;
                    }
                } else if (atLeast == 0) {
                    return false;
                }
            }
            return atLeast == 0;
        }

        @Override
        public void collect(List<String> into) {
            into.addAll(names);
        }
    }
}
