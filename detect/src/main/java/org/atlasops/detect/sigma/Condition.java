package org.atlasops.detect.sigma;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;
import java.util.regex.Pattern;
import org.atlasops.detect.event.Event;
import org.atlasops.detect.event.FieldPath;

/**
 * A Sigma condition, parsed once: {@code or} < {@code and} < {@code not} < {@code 1 of}/{@code all of} <
 * parentheses. {@code them} and wildcard patterns expand to the search identifiers that do not start with
 * {@code _}. A condition given as a list is the {@code or} of its items.
 */
abstract class Condition {
    abstract boolean eval(Event e, Map<String, EventTest> ids);

    /** Search identifiers the condition reads. */
    abstract void collect(List<String> into);

    static Condition parse(List<String> conditions, java.util.Set<String> identifiers, String file, int line) {
        List<Condition> parts = new ArrayList<>();
        for (String c : conditions) {
            parts.add(new Parser(c, identifiers, file, line).parse());
        }
        return parts.size() == 1 ? parts.get(0) : new Or(parts);
    }

    static final class Ref extends Condition {
        final String name;
        /**
         * The identifier's test, looked up on first use (a condition belongs to one rule's identifiers); volatile,
         * as rules are shared between threads.
         */
        private volatile EventTest test;

        Ref(String name) {
            this.name = name;
        }

        @Override
        boolean eval(Event e, Map<String, EventTest> ids) {
            EventTest t = test;
            if (t == null) {
                t = ids.get(name);
                test = t;
            }
            return t.test(e);
        }

        @Override
        void collect(List<String> into) {
            into.add(name);
        }
    }

    static final class Not extends Condition {
        final Condition inner;

        Not(Condition inner) {
            this.inner = inner;
        }

        @Override
        boolean eval(Event e, Map<String, EventTest> ids) {
            if (inapplicable(e, ids)) {
                return false;
            }
            return !inner.eval(e, ids);
        }

        /**
         * A negation says nothing about an event that has none of the fields it tests: {@code not filter} on an
         * event without the filter's fields is false, as in engines with SQL-like null logic (and as the
         * conformance cases expect). Keyword tests read the whole event and are always applicable.
         */
        private boolean inapplicable(Event e, Map<String, EventTest> ids) {
            FieldPath[] paths = fields;
            if (paths == null) {
                List<String> names = new ArrayList<>();
                inner.collect(names);
                List<FieldPath> all = new ArrayList<>();
                boolean keywords = false;
                for (String n : names) {
                    List<String> f = ids.get(n).fields();
                    keywords |= f.isEmpty();
                    f.forEach(x -> all.add(FieldPath.of(x)));
                }
                paths = keywords ? READS_EVERYTHING : all.toArray(FieldPath[]::new);
                fields = paths;
            }
            if (paths == READS_EVERYTHING) {
                return false;
            }
            for (FieldPath p : paths) {
                if (e.has(p)) {
                    return false;
                }
            }
            return true;
        }

        /**
         * The fields the negated part reads, resolved on first use; keyword tests read the whole event. Volatile, as
         * rules are shared between threads and the array's elements must be seen with it.
         */
        private volatile FieldPath[] fields;
        private static final FieldPath[] READS_EVERYTHING = new FieldPath[0];

        @Override
        void collect(List<String> into) {
            inner.collect(into);
        }
    }

    static final class And extends Condition {
        final List<Condition> parts;
        /** The parts as an array: evaluation is hot, and a list's iterator is an allocation per call. */
        private final Condition[] array;

        And(List<Condition> parts) {
            this.parts = List.copyOf(parts);
            this.array = this.parts.toArray(Condition[]::new);
        }

        @Override
        boolean eval(Event e, Map<String, EventTest> ids) {
            for (Condition c : array) {
                if (!c.eval(e, ids)) {
                    return false;
                }
            }
            return true;
        }

        @Override
        void collect(List<String> into) {
            parts.forEach(p -> p.collect(into));
        }
    }

    static final class Or extends Condition {
        final List<Condition> parts;
        private final Condition[] array;

        Or(List<Condition> parts) {
            this.parts = List.copyOf(parts);
            this.array = this.parts.toArray(Condition[]::new);
        }

        @Override
        boolean eval(Event e, Map<String, EventTest> ids) {
            for (Condition c : array) {
                if (c.eval(e, ids)) {
                    return true;
                }
            }
            return false;
        }

        @Override
        void collect(List<String> into) {
            parts.forEach(p -> p.collect(into));
        }
    }

    /** {@code N of pattern}: at least N (or all) of the identifiers hold. */
    static final class Of extends Condition {
        final int atLeast; // 0 = all
        final List<String> names;

        Of(int atLeast, List<String> names) {
            this.atLeast = atLeast;
            this.names = List.copyOf(names);
        }

        /** The identifiers' tests, looked up on first use; volatile, as rules are shared between threads. */
        private volatile EventTest[] tests;

        @Override
        boolean eval(Event e, Map<String, EventTest> ids) {
            EventTest[] resolved = tests;
            if (resolved == null) {
                resolved = names.stream().map(ids::get).toArray(EventTest[]::new);
                tests = resolved;
            }
            int hits = 0;
            for (EventTest t : resolved) {
                if (t.test(e)) {
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
        void collect(List<String> into) {
            into.addAll(names);
        }
    }

    private static final class Parser {
        private final String text;
        private final java.util.Set<String> identifiers;
        private final String file;
        private final int line;
        private final List<String> tokens = new ArrayList<>();
        private final List<Integer> positions = new ArrayList<>();
        private int i;
        private int depth;

        Parser(String text, java.util.Set<String> identifiers, String file, int line) {
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
                return new Not(inner);
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
                return new Of(atLeast, names);
            }
            if (t.equals(")") || t.equalsIgnoreCase("and") || t.equalsIgnoreCase("or") || t.equalsIgnoreCase("of")) {
                throw error("unexpected \"" + t + "\"");
            }
            if (!identifiers.contains(t)) {
                throw error("\"" + t + "\" is not a search identifier of this rule; it has " + identifiers);
            }
            i++;
            return new Ref(t);
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
            List<String> names = identifiers.stream().filter(matches).sorted().toList();
            if (names.isEmpty()) {
                i--;
                throw error("\"" + pattern + "\" matches no search identifier (identifiers: " + identifiers + ")");
            }
            return names;
        }
    }

}
