package org.atlasops.detect.siem;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Reads a Sigma rule document's detection into an {@link Expr}, or says why it cannot. */
final class Sigma {
    /** Thrown when a rule uses what no target here converts. */
    static final class Unsupported extends Exception {
        private static final long serialVersionUID = 1L;

        Unsupported(String reason) {
            super(reason, null, false, false);
        }
    }

    private static final Set<String> KNOWN = Set.of(
            "contains", "startswith", "endswith", "re", "i", "m", "s", "all", "exists", "gt", "gte", "lt", "lte");

    private Sigma() {}

    static Expr detection(JsonNode detection) throws Unsupported {
        if (detection == null || !detection.isObject()) {
            throw new Unsupported("it has no detection");
        }
        JsonNode condition = detection.get("condition");
        if (condition == null) {
            throw new Unsupported("it has no condition");
        }
        if (condition.isArray()) {
            if (condition.size() != 1) {
                throw new Unsupported("it has several conditions (each alerts on its own)");
            }
            condition = condition.get(0);
        }
        Map<String, JsonNode> identifiers = new java.util.LinkedHashMap<>();
        for (Iterator<Map.Entry<String, JsonNode>> it = detection.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> e = it.next();
            if (!e.getKey().equals("condition") && !e.getKey().equals("timeframe")) {
                identifiers.put(e.getKey(), e.getValue());
            }
        }
        Map<String, Expr> searches = new java.util.LinkedHashMap<>();
        for (Map.Entry<String, JsonNode> e : identifiers.entrySet()) {
            searches.put(e.getKey(), search(e.getValue()));
        }
        return new Condition(condition.asText(), searches).parse();
    }

    private static Expr search(JsonNode node) throws Unsupported {
        if (node.isObject()) {
            return mapping(node);
        }
        if (node.isArray()) {
            List<Expr> any = new ArrayList<>();
            for (JsonNode item : node) {
                if (item.isObject()) {
                    any.add(mapping(item));
                } else if (item.isValueNode() && !item.isNull()) {
                    any.add(new Expr.Keyword(item.asText()));
                } else {
                    throw new Unsupported("a search list holds " + item.getNodeType());
                }
            }
            return Expr.or(any);
        }
        if (node.isValueNode() && !node.isNull()) {
            return new Expr.Keyword(node.asText());
        }
        throw new Unsupported("a search identifier is empty");
    }

    private static Expr mapping(JsonNode map) throws Unsupported {
        List<Expr> all = new ArrayList<>();
        for (Iterator<Map.Entry<String, JsonNode>> it = map.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> e = it.next();
            all.add(field(e.getKey(), e.getValue()));
        }
        return Expr.and(all);
    }

    private static Expr field(String key, JsonNode value) throws Unsupported {
        String[] parts = key.split("\\|", -1);
        String field = parts[0];
        if (field.isEmpty()) {
            throw new Unsupported("keywords with modifiers ('" + key + "')");
        }
        List<String> mods = new ArrayList<>();
        for (int i = 1; i < parts.length; i++) {
            String m = parts[i].toLowerCase(Locale.ROOT);
            if (!KNOWN.contains(m)) {
                throw new Unsupported("the modifier '" + m + "' (" + key + ")" + WHY.getOrDefault(m, ""));
            }
            mods.add(m);
        }
        boolean all = mods.remove("all");
        boolean ignoreCase = mods.remove("i");
        if (ignoreCase && !mods.contains("re")) {
            throw new Unsupported("the modifier 'i' without 're' (" + key + ")");
        }
        // multi-line and dot-all go into the regex as inline flags, which PCRE and RE2 read (Lucene refuses them)
        String inlineFlags = (mods.remove("m") ? "m" : "") + (mods.remove("s") ? "s" : "");
        if (!inlineFlags.isEmpty() && !mods.contains("re")) {
            throw new Unsupported("the modifier '" + inlineFlags.charAt(0) + "' without 're' (" + key + ")");
        }
        if (mods.size() > 1) {
            throw new Unsupported("the modifiers " + mods + " together (" + key + ")");
        }
        Expr.Op op = mods.isEmpty()
                ? Expr.Op.EQUALS
                : switch (mods.get(0)) {
                    case "contains" -> Expr.Op.CONTAINS;
                    case "startswith" -> Expr.Op.STARTS_WITH;
                    case "endswith" -> Expr.Op.ENDS_WITH;
                    case "re" -> Expr.Op.REGEX;
                    case "gt" -> Expr.Op.GT;
                    case "gte" -> Expr.Op.GTE;
                    case "lt" -> Expr.Op.LT;
                    case "lte" -> Expr.Op.LTE;
                    default -> Expr.Op.EXISTS;
                };
        List<JsonNode> values = new ArrayList<>();
        if (value.isArray()) {
            value.forEach(values::add);
        } else {
            values.add(value);
        }
        List<Expr> tests = new ArrayList<>();
        for (JsonNode v : values) {
            if (op == Expr.Op.EXISTS) {
                tests.add(new Expr.Test(field, v.asBoolean() ? Expr.Op.EXISTS : Expr.Op.MISSING, "", false, false));
            } else if (v.isNull()) {
                tests.add(new Expr.Test(field, Expr.Op.IS_NULL, "", false, false));
            } else if (v.isValueNode()) {
                String text = inlineFlags.isEmpty() ? v.asText() : "(?" + inlineFlags + ")" + v.asText();
                tests.add(new Expr.Test(field, op, text, ignoreCase, v.isNumber()));
            } else {
                throw new Unsupported("a value that is " + v.getNodeType() + " (" + key + ")");
            }
        }
        if (tests.isEmpty()) {
            throw new Unsupported("an empty value list (" + key + ")");
        }
        return all ? Expr.and(tests) : Expr.or(tests);
    }

    private static final Map<String, String> WHY = Map.of(
            "fieldref", ": it compares two fields of one event, which the exported queries do not",
            "cased", ": case-sensitive matching is not exported",
            "base64", ": encoded-value matching is not exported",
            "base64offset", ": encoded-value matching is not exported",
            "cidr", ": network ranges are not exported",
            "expand", ": placeholders are not exported");

    /** True when the Sigma value has an unescaped {@code *} or {@code ?}. */
    static boolean hasWildcard(String value) {
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            if (c == '\\' && i + 1 < value.length()) {
                i++;
            } else if (c == '*' || c == '?') {
                return true;
            }
        }
        return false;
    }

    /** A piece of a Sigma value: literal text, or a wildcard ({@code *} any run, {@code ?} one character). */
    record Piece(String text, char wildcard) {}

    /** The value cut at its wildcards; escapes ({@code \*}, {@code \?}, {@code \\}) resolved. */
    static List<Piece> pieces(String value) {
        List<Piece> out = new ArrayList<>();
        StringBuilder text = new StringBuilder();
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            if (c == '\\' && i + 1 < value.length() && "*?\\".indexOf(value.charAt(i + 1)) >= 0) {
                text.append(value.charAt(++i));
            } else if (c == '*' || c == '?') {
                if (text.length() > 0) {
                    out.add(new Piece(text.toString(), '\0'));
                    text.setLength(0);
                }
                out.add(new Piece("", c));
            } else {
                text.append(c);
            }
        }
        if (text.length() > 0) {
            out.add(new Piece(text.toString(), '\0'));
        }
        return out;
    }

    /** The Sigma condition grammar: {@code not} binds tighter than {@code and}, {@code and} than {@code or}. */
    private static final class Condition {
        private static final Pattern TOKEN = Pattern.compile("\\s*(\\(|\\)|\\|[^)]*|[A-Za-z0-9_*]+)");
        private final List<String> tokens = new ArrayList<>();
        private final Map<String, Expr> searches;
        private int at;

        Condition(String text, Map<String, Expr> searches) throws Unsupported {
            this.searches = searches;
            Matcher m = TOKEN.matcher(text);
            int end = 0;
            while (m.lookingAt()) {
                tokens.add(m.group(1));
                end = m.end();
                m.region(end, text.length());
            }
            if (!text.substring(end).isBlank()) {
                throw new Unsupported("its condition '" + text + "' is not understood here");
            }
        }

        Expr parse() throws Unsupported {
            Expr e = or();
            if (at < tokens.size()) {
                String t = tokens.get(at);
                throw new Unsupported(
                        t.startsWith("|")
                                ? "its condition aggregates ('" + t.strip() + "', Sigma 1); use a correlation rule"
                                : "its condition has '" + t + "' where it should end");
            }
            return e;
        }

        private Expr or() throws Unsupported {
            List<Expr> parts = new ArrayList<>(List.of(and()));
            while (peek("or")) {
                at++;
                parts.add(and());
            }
            return Expr.or(parts);
        }

        private Expr and() throws Unsupported {
            List<Expr> parts = new ArrayList<>(List.of(not()));
            while (peek("and")) {
                at++;
                parts.add(not());
            }
            return Expr.and(parts);
        }

        private Expr not() throws Unsupported {
            if (peek("not")) {
                at++;
                return new Expr.Not(not());
            }
            return primary();
        }

        private Expr primary() throws Unsupported {
            if (at >= tokens.size()) {
                throw new Unsupported("its condition ends too early");
            }
            String t = tokens.get(at++);
            if (t.equals("(")) {
                Expr e = or();
                if (!peek(")")) {
                    throw new Unsupported("its condition misses a ')'");
                }
                at++;
                return e;
            }
            if ((t.equals("1") || t.equalsIgnoreCase("all") || t.equalsIgnoreCase("any")) && peek("of")) {
                at++;
                if (at >= tokens.size()) {
                    throw new Unsupported("its condition ends after 'of'");
                }
                String pattern = tokens.get(at++);
                List<Expr> matched = new ArrayList<>();
                for (Map.Entry<String, Expr> s : searches.entrySet()) {
                    if (pattern.equals("them") ? !s.getKey().startsWith("_") : globMatches(pattern, s.getKey())) {
                        matched.add(s.getValue());
                    }
                }
                if (matched.isEmpty()) {
                    throw new Unsupported("'" + pattern + "' names no search identifier");
                }
                boolean every = t.equalsIgnoreCase("all");
                return every ? Expr.and(matched) : Expr.or(matched);
            }
            if (t.matches("[0-9]+") && peek("of")) {
                throw new Unsupported("'" + t + " of' (more than one of a set) is not exported");
            }
            Expr s = searches.get(t);
            if (s == null) {
                throw new Unsupported("its condition names '" + t + "', which is not a search identifier");
            }
            return s;
        }

        private boolean peek(String word) {
            return at < tokens.size() && tokens.get(at).equalsIgnoreCase(word);
        }

        private static boolean globMatches(String glob, String name) {
            return name.matches(Pattern.quote(glob).replace("*", "\\E.*\\Q"));
        }
    }
}
