package org.atlasops.detect.siem;

import java.util.List;
import java.util.Objects;

/** A Sigma detection as a boolean expression over field tests, the form every target renders. */
sealed interface Expr {
    /** All of the parts, nested ands flattened; one part stands for itself. */
    static Expr and(List<Expr> parts) {
        List<Expr> flat = new java.util.ArrayList<>();
        for (Expr p : parts) {
            if (p instanceof And a) {
                flat.addAll(a.parts());
            } else {
                flat.add(p);
            }
        }
        return flat.size() == 1 ? flat.get(0) : new And(flat);
    }

    /** Any of the parts, nested ors flattened; one part stands for itself. */
    static Expr or(List<Expr> parts) {
        List<Expr> flat = new java.util.ArrayList<>();
        for (Expr p : parts) {
            if (p instanceof Or o) {
                flat.addAll(o.parts());
            } else {
                flat.add(p);
            }
        }
        return flat.size() == 1 ? flat.get(0) : new Or(flat);
    }

    record And(List<Expr> parts) implements Expr {
        public And {
            parts = List.copyOf(parts);
        }
    }

    record Or(List<Expr> parts) implements Expr {
        public Or {
            parts = List.copyOf(parts);
        }
    }

    record Not(Expr inner) implements Expr {
        public Not {
            Objects.requireNonNull(inner, "inner");
        }
    }

    /** What a field test checks. */
    enum Op {
        EQUALS,
        CONTAINS,
        STARTS_WITH,
        ENDS_WITH,
        REGEX,
        EXISTS,
        MISSING,
        IS_NULL,
        GT,
        GTE,
        LT,
        LTE
    }

    /**
     * One test of one field.
     *
     * @param value the Sigma value as written (wildcards {@code *} and {@code ?} kept; unused for EXISTS, MISSING,
     *              IS_NULL)
     * @param ignoreCase for REGEX: the {@code i} flag
     * @param number whether the value was a YAML number (compared as a number)
     */
    record Test(String field, Op op, String value, boolean ignoreCase, boolean number) implements Expr {
        public Test {
            Objects.requireNonNull(field, "field");
            Objects.requireNonNull(op, "op");
            Objects.requireNonNull(value, "value");
        }

        /** A plain value with an unescaped Sigma wildcard. */
        boolean wildcard() {
            return op == Op.EQUALS && Sigma.hasWildcard(value);
        }
    }

    /** A keyword: the text anywhere in the event. */
    record Keyword(String value) implements Expr {
        public Keyword {
            Objects.requireNonNull(value, "value");
        }
    }
}
