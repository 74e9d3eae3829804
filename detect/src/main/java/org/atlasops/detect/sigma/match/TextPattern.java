package org.atlasops.detect.sigma.match;

import java.util.List;
import java.util.regex.Pattern;

/**
 * A compiled string test. Plain values, prefixes, suffixes and substrings are compared without allocating
 * ({@link String#regionMatches}); anything else becomes one regular expression, built once.
 */
public abstract class TextPattern {
    abstract boolean matches(String text);

    /** A text every matching string contains (compared ignoring case), or null when there is none. */
    public String requiredLiteral() {
        return null;
    }

    /** The literal of a plain value, prefix, suffix or substring: the value itself unless empty. */
    private static String literal(String value) {
        return value.isEmpty() ? null : value;
    }

    public static TextPattern of(SigmaString s, boolean cased) {
        List<SigmaString.Token> t = s.tokens();
        boolean dashes = t.stream().anyMatch(x -> x instanceof SigmaString.Dash);
        boolean ones = t.stream().anyMatch(x -> x instanceof SigmaString.One);
        if (!dashes && !ones) {
            if (t.isEmpty()) {
                return new Exact("", cased);
            }
            if (t.size() == 1 && t.get(0) instanceof SigmaString.Text x) {
                return new Exact(x.text(), cased);
            }
            if (t.size() == 1) {
                return Any.INSTANCE;
            }
            if (t.size() == 2 && t.get(0) instanceof SigmaString.Star && t.get(1) instanceof SigmaString.Text x) {
                return new Suffix(x.text(), cased);
            }
            if (t.size() == 2 && t.get(0) instanceof SigmaString.Text x && t.get(1) instanceof SigmaString.Star) {
                return new Prefix(x.text(), cased);
            }
            if (t.size() == 3
                    && t.get(0) instanceof SigmaString.Star
                    && t.get(1) instanceof SigmaString.Text x
                    && t.get(2) instanceof SigmaString.Star) {
                return new Contains(x.text(), cased);
            }
        }
        StringBuilder re = new StringBuilder("^");
        for (SigmaString.Token token : t) {
            if (token instanceof SigmaString.Text x) {
                re.append(Pattern.quote(x.text()));
            } else if (token instanceof SigmaString.Star) {
                re.append(".*");
            } else if (token instanceof SigmaString.One) {
                re.append('.');
            } else {
                re.append("[\\-/\u2013\u2014\u2015]");
            }
        }
        re.append('$');
        int flags = Pattern.DOTALL | (cased ? 0 : Pattern.CASE_INSENSITIVE | Pattern.UNICODE_CASE);
        // every plain-text part must be in a matching string; the longest rules out the most
        String longest = null;
        for (SigmaString.Token token : t) {
            if (token instanceof SigmaString.Text x
                    && (longest == null || x.text().length() > longest.length())) {
                longest = x.text();
            }
        }
        return new Regex(Pattern.compile(re.toString(), flags), false, longest == null ? null : literal(longest));
    }

    public static final class Exact extends TextPattern {
        final String value;
        final boolean cased;

        Exact(String value, boolean cased) {
            this.value = value;
            this.cased = cased;
        }

        /** The literal text the pattern looks for (the compiler feeds it to the field automaton). */
        public String value() {
            return value;
        }

        public boolean cased() {
            return cased;
        }

        @Override
        public String requiredLiteral() {
            return literal(value);
        }

        @Override
        boolean matches(String text) {
            return cased ? text.equals(value) : text.equalsIgnoreCase(value);
        }
    }

    public static final class Prefix extends TextPattern {
        final String value;
        final boolean cased;

        Prefix(String value, boolean cased) {
            this.value = value;
            this.cased = cased;
        }

        /** The literal text the pattern looks for (the compiler feeds it to the field automaton). */
        public String value() {
            return value;
        }

        public boolean cased() {
            return cased;
        }

        @Override
        public String requiredLiteral() {
            return literal(value);
        }

        @Override
        boolean matches(String text) {
            return text.regionMatches(!cased, 0, value, 0, value.length());
        }
    }

    public static final class Suffix extends TextPattern {
        final String value;
        final boolean cased;

        Suffix(String value, boolean cased) {
            this.value = value;
            this.cased = cased;
        }

        /** The literal text the pattern looks for (the compiler feeds it to the field automaton). */
        public String value() {
            return value;
        }

        public boolean cased() {
            return cased;
        }

        @Override
        public String requiredLiteral() {
            return literal(value);
        }

        @Override
        boolean matches(String text) {
            int from = text.length() - value.length();
            return from >= 0 && text.regionMatches(!cased, from, value, 0, value.length());
        }
    }

    public static final class Contains extends TextPattern {
        final String value;
        final boolean cased;
        /**
         * Where to look first: a character of the value that, ignoring case, only equals itself and maybe its
         * other ASCII case, so {@link String#indexOf(int, int)} (vectorised) can skip to candidates; -1 for none.
         * Letters that non-ASCII characters fold to (k, s, i) are not used.
         */
        private final int pivot;

        private final char pivotLower;
        private final char pivotUpper;

        Contains(String value, boolean cased) {
            this.value = value;
            this.cased = cased;
            int at = -1;
            for (int i = 0; i < value.length() && at < 0; i++) {
                char c = value.charAt(i);
                if (c < 128 && "kKsSiI".indexOf(c) < 0) {
                    at = i;
                }
            }
            this.pivot = at;
            char c = at < 0 ? 0 : value.charAt(at);
            this.pivotLower = Character.toLowerCase(c);
            this.pivotUpper = Character.toUpperCase(c);
        }

        /** The literal text the pattern looks for (the compiler feeds it to the field automaton). */
        public String value() {
            return value;
        }

        public boolean cased() {
            return cased;
        }

        @Override
        public String requiredLiteral() {
            return literal(value);
        }

        @Override
        boolean matches(String text) {
            int n = value.length();
            if (n == 0) {
                return true;
            }
            if (cased) {
                return text.contains(value);
            }
            if (pivot < 0) {
                return slowMatches(text);
            }
            int last = text.length() - n + pivot;
            int lower = text.indexOf(pivotLower, pivot);
            int upper = pivotUpper == pivotLower ? -1 : text.indexOf(pivotUpper, pivot);
            while (lower >= 0 || upper >= 0) {
                int at = lower < 0 ? upper : upper < 0 ? lower : Math.min(lower, upper);
                if (at > last) {
                    return false;
                }
                if (text.regionMatches(true, at - pivot, value, 0, n)) {
                    return true;
                }
                if (at == lower) {
                    lower = text.indexOf(pivotLower, at + 1);
                } else {
                    upper = text.indexOf(pivotUpper, at + 1);
                }
            }
            return false;
        }

        /** Every start position, for values made only of letters that non-ASCII characters can stand for. */
        private boolean slowMatches(String text) {
            int n = value.length();
            for (int i = 0, last = text.length() - n; i <= last; i++) {
                if (text.regionMatches(true, i, value, 0, n)) {
                    return true;
                }
            }
            return false;
        }
    }

    static final class Any extends TextPattern {
        static final Any INSTANCE = new Any();

        @Override
        boolean matches(String text) {
            return true;
        }
    }

    public static final class Regex extends TextPattern {
        final Pattern pattern;
        final boolean find;
        private final String required;

        public Regex(Pattern pattern, boolean find) {
            this(pattern, find, null);
        }

        Regex(Pattern pattern, boolean find, String required) {
            this.pattern = pattern;
            this.find = find;
            this.required = required;
        }

        @Override
        public String requiredLiteral() {
            return required;
        }

        @Override
        boolean matches(String text) {
            return find ? pattern.matcher(text).find() : pattern.matcher(text).matches();
        }
    }
}
