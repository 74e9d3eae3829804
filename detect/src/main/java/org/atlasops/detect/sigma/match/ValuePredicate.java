package org.atlasops.detect.sigma.match;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;
import org.atlasops.detect.sigma.accel.EvaluationContext;
import org.atlasops.detect.sigma.accel.LiteralValues;

/**
 * A compiled predicate on one event value (a field's value, or a keyword's text). Immutable; the context gives
 * access to what is worked out once per event (scans of texts) and to the detector's memos.
 */
public sealed interface ValuePredicate
        permits ValuePredicate.TextMatch,
                ValuePredicate.AnyText,
                ValuePredicate.NumberEquals,
                ValuePredicate.BooleanEquals,
                ValuePredicate.Compare,
                RegexMatch,
                CidrRange,
                TimePart {
    boolean test(JsonNode v, EvaluationContext e);

    /** The text a scalar compares as, or null: null and containers never match a string. */
    static String text(JsonNode v) {
        return v == null || v.isNull() || v.isContainerNode() ? null : v.asText();
    }

    /**
     * A number read from an event value: a number, or digits in a string; NaN for anything else (checked cheaply,
     * without an exception), so that no object is made per value.
     */
    static double numberOf(JsonNode v) {
        if (v == null) {
            return Double.NaN;
        }
        if (v.isNumber()) {
            return v.asDouble();
        }
        if (!v.isTextual()) {
            return Double.NaN;
        }
        String t = v.asText().strip();
        if (t.isEmpty() || !(Character.isDigit(t.charAt(0)) || "+-.".indexOf(t.charAt(0)) >= 0)) {
            return Double.NaN;
        }
        try {
            return Double.parseDouble(t);
        } catch (NumberFormatException e) {
            return Double.NaN;
        }
    }

    /**
     * A string value: plain, prefix, suffix, substring or wildcards (see {@link TextPattern}). The literal id is
     * that of a text every match contains in the rule set's automaton ({@code -1}: none registered); the rule's
     * prerequisite asks for it, so the value is only compared on events whose field holds it.
     */
    record TextMatch(TextPattern pattern, int literalId) implements ValuePredicate {
        public TextMatch(TextPattern pattern) {
            this(pattern, -1);
        }

        @Override
        public boolean test(JsonNode v, EvaluationContext e) {
            String t = text(v);
            return t != null && pattern.matches(t);
        }
    }

    /**
     * Many plain values of one field test at once (the compiler groups them when a list is long): true when any of
     * the patterns matches, found in one pass over the text by the automaton built from them.
     */
    record AnyText(LiteralValues values, List<TextPattern> patterns, int[] literalIds) implements ValuePredicate {
        /** @param literalIds one literal id per pattern, as in {@link TextMatch}; empty when some has none */
        public AnyText {
            patterns = List.copyOf(patterns);
            literalIds = literalIds.clone();
        }

        @Override
        public int[] literalIds() {
            return literalIds.clone();
        }

        @Override
        public boolean test(JsonNode v, EvaluationContext e) {
            String t = text(v);
            return t != null && values.anyMatch(t, this::anyPattern);
        }

        /** The patterns one by one (what the automaton stands for). */
        private boolean anyPattern(String t) {
            for (int i = 0, n = patterns.size(); i < n; i++) {
                if (patterns.get(i).matches(t)) {
                    return true;
                }
            }
            return false;
        }
    }

    /** A number written in the rule: equal as a number, or as text ("0x17" stays text). */
    record NumberEquals(double value, String text) implements ValuePredicate {
        @Override
        public boolean test(JsonNode v, EvaluationContext e) {
            if (v.isNumber()) {
                return v.asDouble() == value;
            }
            String t = ValuePredicate.text(v);
            if (t == null) {
                return false;
            }
            String s = t.strip();
            if (s.equalsIgnoreCase(text)) {
                return true;
            }
            try {
                return Double.parseDouble(s) == value;
            } catch (NumberFormatException ex) {
                return false;
            }
        }
    }

    record BooleanEquals(boolean value) implements ValuePredicate {
        @Override
        public boolean test(JsonNode v, EvaluationContext e) {
            String t = text(v);
            return v.isBoolean() ? v.asBoolean() == value : t != null && t.equalsIgnoreCase(String.valueOf(value));
        }
    }

    /** lt, lte, gt, gte against a number; values that are not numbers never match. */
    record Compare(String op, double value) implements ValuePredicate {
        @Override
        public boolean test(JsonNode v, EvaluationContext e) {
            double n = numberOf(v);
            // NaN (not a number) compares false with everything
            return switch (op) {
                case "lt" -> n < value;
                case "lte" -> n <= value;
                case "gt" -> n > value;
                default -> n >= value;
            };
        }
    }
}
