package org.atlasops.detect.sigma.compile;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;
import java.util.regex.Pattern;
import org.atlasops.detect.sigma.SigmaException;
import org.atlasops.detect.sigma.match.Condition;
import org.atlasops.detect.sigma.match.EventPredicate;

/** Parses one condition text into a {@link Condition} bound to the identifiers' predicates. */
final class ConditionParser {
    private final String text;
    private final Map<String, EventPredicate> identifiers;
    private final String file;
    private final int line;
    private final List<String> tokens = new ArrayList<>();
    private final List<Integer> positions = new ArrayList<>();
    private int i;
    private int depth;

    ConditionParser(String text, Map<String, EventPredicate> identifiers, String file, int line) {
        this.text = text;
        this.identifiers = identifiers;
        this.file = file;
        this.line = line;
        tokenize();
    }

    /** A condition given as a list is the {@code or} of its items. */
    static Condition parse(List<String> conditions, Map<String, EventPredicate> identifiers, String file, int line) {
        List<Condition> parts = new ArrayList<>();
        for (String c : conditions) {
            parts.add(new ConditionParser(c, identifiers, file, line).parse());
        }
        return parts.size() == 1 ? parts.get(0) : new Condition.Or(parts);
    }

    private SigmaException error(String problem) {
        int at = i < positions.size() ? positions.get(i) : text.length();
        return new SigmaException(
                file, line, "condition \"" + text + "\": " + problem + " (at character " + (at + 1) + ")");
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
                while (p < text.length()
                        && !Character.isWhitespace(text.charAt(p))
                        && text.charAt(p) != '('
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
        return parts.size() == 1 ? parts.get(0) : new Condition.Or(parts);
    }

    private Condition and() {
        List<Condition> parts = new ArrayList<>(List.of(not()));
        while (peek("and")) {
            i++;
            parts.add(not());
        }
        return parts.size() == 1 ? parts.get(0) : new Condition.And(parts);
    }

    private Condition not() {
        if (peek("not")) {
            i++;
            if (++depth > 100) {
                throw error("nested deeper than 100 levels");
            }
            Condition inner = not();
            depth--;
            return Condition.Not.of(inner, identifiers);
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
                && i + 1 < tokens.size()
                && tokens.get(i + 1).equalsIgnoreCase("of")) {
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
            return new Condition.Of(
                    atLeast, names, names.stream().map(identifiers::get).toList());
        }
        if (t.equals(")") || t.equalsIgnoreCase("and") || t.equalsIgnoreCase("or") || t.equalsIgnoreCase("of")) {
            throw error("unexpected \"" + t + "\"");
        }
        if (!identifiers.containsKey(t)) {
            throw error("\"" + t + "\" is not a search identifier of this rule; it has " + identifiers.keySet());
        }
        i++;
        return new Condition.Ref(t, identifiers.get(t));
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
        List<String> names =
                identifiers.keySet().stream().filter(matches).sorted().toList();
        if (names.isEmpty()) {
            i--;
            throw error("\"" + pattern + "\" matches no search identifier (identifiers: " + identifiers.keySet() + ")");
        }
        return names;
    }
}
