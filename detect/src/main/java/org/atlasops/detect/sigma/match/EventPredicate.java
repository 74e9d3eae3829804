package org.atlasops.detect.sigma.match;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.atlasops.detect.event.FieldPath;
import org.atlasops.detect.sigma.accel.EvaluationContext;
import org.atlasops.detect.sigma.accel.LiteralAutomaton;

/**
 * A compiled predicate on an event: one search identifier, or one field of it. Immutable: whatever it needs
 * (paths, value predicates, literal ids in the rule set's automaton) is bound by the compiler; what is worked out
 * about an event comes from the {@link EvaluationContext}.
 */
public sealed interface EventPredicate {
    boolean test(EvaluationContext e);

    /** The fields this predicate reads (for alerts' matched_fields); empty for keywords, which read everything. */
    List<String> fields();

    /** Field values against value predicates: any value matching any (or, with all, every predicate some value). */
    record FieldValues(String field, FieldPath path, List<ValuePredicate> tests, boolean all, boolean negate)
            implements EventPredicate {
        public FieldValues {
            tests = List.copyOf(tests);
        }

        public FieldValues(String field, List<ValuePredicate> tests, boolean all, boolean negate) {
            this(field, FieldPath.of(field), tests, all, negate);
        }

        @Override
        public boolean test(EvaluationContext e) {
            List<JsonNode> values = e.values(path);
            int count = values.size();
            boolean result;
            if (all) {
                result = count > 0;
                for (int j = 0, m = tests.size(); j < m && result; j++) {
                    ValuePredicate t = tests.get(j);
                    boolean any = false;
                    for (int i = 0; i < count && !any; i++) {
                        any = t.test(values.get(i), e);
                    }
                    result = any;
                }
            } else {
                result = false;
                outer:
                for (int i = 0; i < count; i++) {
                    JsonNode v = values.get(i);
                    for (int j = 0, m = tests.size(); j < m; j++) {
                        if (tests.get(j).test(v, e)) {
                            result = true;
                            break outer;
                        }
                    }
                }
            }
            return negate != result;
        }

        @Override
        public List<String> fields() {
            return List.of(field);
        }
    }

    /** {@code field: null}: the field is absent or null. */
    record IsNull(String field, FieldPath path, boolean negate) implements EventPredicate {
        public IsNull(String field, boolean negate) {
            this(field, FieldPath.of(field), negate);
        }

        @Override
        public boolean test(EvaluationContext e) {
            List<JsonNode> values = e.values(path);
            boolean isNull = true;
            for (int i = 0, n = values.size(); i < n && isNull; i++) {
                isNull = values.get(i).isNull();
            }
            return negate != isNull;
        }

        @Override
        public List<String> fields() {
            return List.of(field);
        }
    }

    /** {@code field|exists: true|false}. */
    record Exists(String field, FieldPath path, boolean expected) implements EventPredicate {
        public Exists(String field, boolean expected) {
            this(field, FieldPath.of(field), expected);
        }

        @Override
        public boolean test(EvaluationContext e) {
            return e.has(path) == expected;
        }

        @Override
        public List<String> fields() {
            return List.of(field);
        }
    }

    /** {@code field|fieldref: other}: some value of the field equals some value of the other field. */
    record FieldRef(
            String field,
            FieldPath path,
            List<String> others,
            List<FieldPath> otherPaths,
            boolean cased,
            boolean all,
            boolean negate,
            Kind kind)
            implements EventPredicate {
        public enum Kind {
            EQUALS,
            STARTSWITH,
            ENDSWITH,
            CONTAINS
        }

        public FieldRef {
            others = List.copyOf(others);
            otherPaths = List.copyOf(otherPaths);
            if (otherPaths.size() != others.size()) {
                throw new IllegalArgumentException("one path per other field");
            }
        }

        /**
         * The paths are bound once, as {@link FieldValues} binds its own: the context's memo is keyed by path
         * identity, and past the interning limit each {@code FieldPath.of} would return a new object.
         */
        public FieldRef(String field, List<String> others, boolean cased, boolean all, boolean negate, Kind kind) {
            this(
                    field,
                    FieldPath.of(field),
                    others,
                    others.stream().map(FieldPath::of).toList(),
                    cased,
                    all,
                    negate,
                    kind);
        }

        @Override
        public boolean test(EvaluationContext e) {
            boolean result = all;
            for (int i = 0, n = otherPaths.size(); i < n; i++) {
                boolean one = compare(e, otherPaths.get(i));
                if (all && !one) {
                    result = false;
                    break;
                }
                if (!all && one) {
                    result = true;
                    break;
                }
            }
            return negate != result;
        }

        private boolean compare(EvaluationContext e, FieldPath other) {
            List<JsonNode> otherValues = e.values(other);
            if (otherValues.isEmpty()) {
                return false;
            }
            List<JsonNode> values = e.values(path);
            for (int i = 0, n = values.size(); i < n; i++) {
                String ta = ValuePredicate.text(values.get(i));
                if (ta == null) {
                    continue;
                }
                for (int j = 0, m = otherValues.size(); j < m; j++) {
                    String tb = ValuePredicate.text(otherValues.get(j));
                    if (tb != null && holds(ta, tb)) {
                        return true;
                    }
                }
            }
            return false;
        }

        private boolean holds(String a, String b) {
            String x = cased ? a : a.toLowerCase(Locale.ROOT);
            String y = cased ? b : b.toLowerCase(Locale.ROOT);
            return switch (kind) {
                case EQUALS -> x.equals(y);
                case STARTSWITH -> x.startsWith(y);
                case ENDSWITH -> x.endsWith(y);
                case CONTAINS -> x.contains(y);
            };
        }

        @Override
        public List<String> fields() {
            List<String> f = new ArrayList<>(List.of(field));
            f.addAll(others);
            return f;
        }
    }

    /**
     * Keywords: any scalar anywhere in the event matches (any keyword, or with all every keyword). A keyword with a
     * required literal has its id in the rule set's automaton ({@code -1}: none, or compiled without one): the
     * event's texts are scanned once for all keyword rules, and a keyword whose literal is absent is not compared
     * value by value.
     */
    record Keywords(List<TextPattern> patterns, int[] literalIds, boolean all) implements EventPredicate {
        public Keywords {
            patterns = List.copyOf(patterns);
            literalIds = literalIds.clone();
            if (literalIds.length != patterns.size()) {
                throw new IllegalArgumentException("one literal id per keyword");
            }
        }

        /** A copy: the record stays immutable. */
        @Override
        public int[] literalIds() {
            return literalIds.clone();
        }

        @Override
        public boolean equals(Object o) {
            return o instanceof Keywords k
                    && patterns.equals(k.patterns)
                    && java.util.Arrays.equals(literalIds, k.literalIds)
                    && all == k.all;
        }

        @Override
        public int hashCode() {
            return (patterns.hashCode() * 31 + java.util.Arrays.hashCode(literalIds)) * 31 + Boolean.hashCode(all);
        }

        @Override
        public String toString() {
            return "Keywords[patterns=" + patterns + ", literalIds=" + java.util.Arrays.toString(literalIds) + ", all="
                    + all + "]";
        }

        @Override
        public boolean test(EvaluationContext e) {
            long[] found = null;
            for (int i = 0; i < patterns.size(); i++) {
                int id = literalIds[i];
                boolean hit;
                if (id >= 0) {
                    if (found == null) {
                        found = e.literalsInAll();
                    }
                    hit = LiteralAutomaton.has(found, id) && anyMatch(patterns.get(i), e.scalarTexts());
                } else {
                    hit = anyMatch(patterns.get(i), e.scalarTexts());
                }
                if (all && !hit) {
                    return false;
                }
                if (!all && hit) {
                    return true;
                }
            }
            return all;
        }

        private static boolean anyMatch(TextPattern p, List<String> texts) {
            for (int i = 0, n = texts.size(); i < n; i++) {
                if (p.matches(texts.get(i))) {
                    return true;
                }
            }
            return false;
        }

        @Override
        public List<String> fields() {
            return List.of();
        }
    }

    /** Every predicate must hold (a map). */
    record AllOf(List<EventPredicate> tests) implements EventPredicate {
        public AllOf {
            tests = List.copyOf(tests);
        }

        @Override
        public boolean test(EvaluationContext e) {
            for (int i = 0, n = tests.size(); i < n; i++) {
                if (!tests.get(i).test(e)) {
                    return false;
                }
            }
            return true;
        }

        @Override
        public List<String> fields() {
            return tests.stream().flatMap(t -> t.fields().stream()).distinct().toList();
        }
    }

    /** Some predicate must hold (a list of maps). */
    record AnyOf(List<EventPredicate> tests) implements EventPredicate {
        public AnyOf {
            tests = List.copyOf(tests);
        }

        @Override
        public boolean test(EvaluationContext e) {
            for (int i = 0, n = tests.size(); i < n; i++) {
                if (tests.get(i).test(e)) {
                    return true;
                }
            }
            return false;
        }

        @Override
        public List<String> fields() {
            return tests.stream().flatMap(t -> t.fields().stream()).distinct().toList();
        }
    }
}
