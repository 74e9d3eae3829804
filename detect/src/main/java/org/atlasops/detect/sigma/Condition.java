package org.atlasops.detect.sigma;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;
import java.util.regex.Pattern;
import java.util.Optional;
import org.atlasops.detect.event.FieldPath;
import org.atlasops.detect.sigma.accel.EvaluationContext;

/**
 * A Sigma condition, parsed once and bound to the search identifiers' predicates by the compiler: {@code or} <
 * {@code and} < {@code not} < {@code 1 of}/{@code all of} < parentheses. {@code them} and wildcard patterns expand
 * to the search identifiers that do not start with {@code _}. A condition given as a list is the {@code or} of its
 * items. Immutable.
 */
sealed interface Condition {
    boolean eval(EvaluationContext e);

    /** Search identifiers the condition reads. */
    void collect(List<String> into);

    static Condition parse(List<String> conditions, Map<String, EventPredicate> identifiers, String file, int line) {
        List<Condition> parts = new ArrayList<>();
        for (String c : conditions) {
            parts.add(new Parser(c, identifiers, file, line).parse());
        }
        return parts.size() == 1 ? parts.get(0) : new Or(parts);
    }

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
        static Not of(Condition inner, Map<String, EventPredicate> identifiers) {
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

    final class Parser {
        private final String text;
        private final Map<String, EventPredicate> identifiers;
        private final String file;
        private final int line;
        private final List<String> tokens = new ArrayList<>();
        private final List<Integer> positions = new ArrayList<>();
        private int i;
        private int depth;

        Parser(String text, Map<String, EventPredicate> identifiers, String file, int line) {
            this.text = text;
            this.identifiers = identifiers;
            this.file = file;
            this.line = line;
            tokenize();
        }

        private SigmaException error(String problem) {
            int at = i < positions.size() ? positions.get(i) : text.length();
            return new SigmaException(file, line, "condition \"" + text + "\": " + problem + " (at character "
                    + (at + 1) + ")");
        }

        private void tokenize() {
            int p = 0;
            while (p < text.length()) {
                char c = text.charAt(p);
                if (Character.isWhitespace(c)) {
                    p++;
                } else if (c == '(' || c == ')') {
                    tokens.add(String.valueOf(c));
                    positions.add(p++);
                } else if (c == '|') {
                    i = tokens.size();
                    positions.add(p);
                    throw error("Sigma 1 aggregations (\"| count() …\") are not Sigma 2; write a correlation rule");
                } else {
                    int start = p;
                    while (p < text.length() && !Character.isWhitespace(text.charAt(p)) && text.charAt(p) != '('
                            && text.charAt(p) != ')') {
                        p++;
                    }
                    tokens.add(text.substring(start, p));
                    positions.add(start);
                }
            }
        }

        Condition parse() {
            if (tokens.isEmpty()) {
                throw error("empty condition");
            }
            Condition c = or();
            if (i < tokens.size()) {
                throw error("unexpected \"" + tokens.get(i) + "\"");
            }
            return c;
        }

        private boolean peek(String word) {
            return i < tokens.size() && tokens.get(i).equalsIgnoreCase(word);
        }

        private Condition or() {
            List<Condition> parts = new ArrayList<>(List.of(and()));
            while (peek("or")) {
                i++;
                parts.add(and());
            }
            return parts.size() == 1 ? parts.get(0) : new Or(parts);
        }

        private Condition and() {
            List<Condition> parts = new ArrayList<>(List.of(not()));
            while (peek("and")) {
                i++;
                parts.add(not());
            }
            return parts.size() == 1 ? parts.get(0) : new And(parts);
        }

        private Condition not() {
            if (peek("not")) {
                i++;
                if (++depth > 100) {
                    throw error("nested deeper than 100 levels");
                }
                Condition inner = not();
                depth--;
                return Not.of(inner, identifiers);
            }
            return primary();
        }

        private Condition primary() {
            if (i >= tokens.size()) {
                throw error("the condition ends where a search identifier, 'not', 'N of' or '(' was expected");
            }
            String t = tokens.get(i);
            if (t.equals("(")) {
                i++;
                if (++depth > 100) {
                    throw error("nested deeper than 100 levels");
                }
                Condition inner = or();
                depth--;
                if (!peek(")")) {
                    throw error("expected ')'");
                }
                i++;
                return inner;
            }
            if ((t.matches("\\d+") || t.equalsIgnoreCase("all") || t.equalsIgnoreCase("any"))
                    && i + 1 < tokens.size() && tokens.get(i + 1).equalsIgnoreCase("of")) {
                int atLeast = t.equalsIgnoreCase("all") ? 0 : t.equalsIgnoreCase("any") ? 1 : Integer.parseInt(t);
                if (!t.equalsIgnoreCase("all") && atLeast < 1) {
                    throw error("\"" + t + " of\" must count at least 1");
                }
                i += 2;
                if (i >= tokens.size()) {
                    throw error("'" + t + " of' needs 'them' or a search identifier pattern");
                }
                String pattern = tokens.get(i++);
                List<String> names = expand(pattern);
                return new Of(atLeast, names, names.stream().map(identifiers::get).toList());
            }
            if (t.equals(")") || t.equalsIgnoreCase("and") || t.equalsIgnoreCase("or") || t.equalsIgnoreCase("of")) {
                throw error("unexpected \"" + t + "\"");
            }
            if (!identifiers.containsKey(t)) {
                throw error("\"" + t + "\" is not a search identifier of this rule; it has "
                        + identifiers.keySet());
            }
            i++;
            return new Ref(t, identifiers.get(t));
        }

        private List<String> expand(String pattern) {
            Predicate<String> matches;
            if (pattern.equalsIgnoreCase("them")) {
                matches = n -> !n.startsWith("_");
            } else {
                StringBuilder re = new StringBuilder();
                for (String part : pattern.split("\\*", -1)) {
                    if (re.length() > 0) {
                        re.append(".*");
                    }
                    re.append(Pattern.quote(part));
                }
                Pattern p = Pattern.compile(re.toString());
                matches = n -> p.matcher(n).matches() && (!n.startsWith("_") || pattern.startsWith("_"));
            }
            List<String> names = identifiers.keySet().stream().filter(matches).sorted().toList();
            if (names.isEmpty()) {
                i--;
                throw error("\"" + pattern + "\" matches no search identifier (identifiers: " + identifiers.keySet()
                        + ")");
            }
            return names;
        }
    }

}
