package org.atlasops.detect.siem;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;

/** An {@link Expr} as query text, per target. */
final class Render {
    private Render() {}

    static String query(SiemExport.Target target, String source, Expr e) throws Sigma.Unsupported {
        return switch (target) {
            case SPLUNK -> splunk(source, e);
            case ESQL -> "FROM " + source + "\n| WHERE " + esql(e, false);
            case KQL -> source + "\n| where " + kql(e, false);
        };
    }

    // ---- Splunk SPL ----------------------------------------------------------------------------------------------

    /**
     * The search command for what it can say (case-insensitive, multi-value aware, as Sigma matches); regular
     * expressions that must all hold become {@code | regex} commands, and a condition with a regular expression
     * under {@code or} or {@code not} becomes one {@code | where} of {@code searchmatch} and {@code match}.
     */
    private static String splunk(String source, Expr e) throws Sigma.Unsupported {
        List<Expr> conjuncts = e instanceof Expr.And a ? a.parts() : List.of(e);
        List<String> search = new ArrayList<>();
        List<String> regexes = new ArrayList<>();
        boolean whereNeeded = false;
        for (Expr c : conjuncts) {
            if (c instanceof Expr.Test t && t.op() == Expr.Op.REGEX) {
                regexes.add("| regex " + splunkField(t.field()) + "=" + splRegex(splunkRegex(t)));
            } else if (hasRegex(c)) {
                whereNeeded = true;
            } else {
                search.add(splunkSearch(c, true));
            }
        }
        if (whereNeeded) {
            return source + " | where " + splunkWhere(e, false);
        }
        StringBuilder q = new StringBuilder(source);
        if (!search.isEmpty()) {
            q.append(' ').append(String.join(" ", search));
        }
        regexes.forEach(r -> q.append(' ').append(r));
        return q.toString();
    }

    private static boolean hasRegex(Expr e) {
        if (e instanceof Expr.And a) {
            return a.parts().stream().anyMatch(Render::hasRegex);
        }
        if (e instanceof Expr.Or o) {
            return o.parts().stream().anyMatch(Render::hasRegex);
        }
        if (e instanceof Expr.Not n) {
            return hasRegex(n.inner());
        }
        return e instanceof Expr.Test t && t.op() == Expr.Op.REGEX;
    }

    private static String splunkSearch(Expr e, boolean top) throws Sigma.Unsupported {
        if (e instanceof Expr.And a) {
            List<String> parts = new ArrayList<>();
            for (Expr p : a.parts()) {
                parts.add(splunkSearch(p, false));
            }
            return top ? String.join(" ", parts) : "(" + String.join(" ", parts) + ")";
        }
        if (e instanceof Expr.Or o) {
            List<String> parts = new ArrayList<>();
            for (Expr p : o.parts()) {
                parts.add(splunkSearch(p, false));
            }
            return "(" + String.join(" OR ", parts) + ")";
        }
        if (e instanceof Expr.Not n) {
            return "NOT " + splunkSearch(n.inner(), false);
        }
        if (e instanceof Expr.Keyword k) {
            return splQuote(splunkValue(k.value(), "", ""));
        }
        if (e instanceof Expr.Test t) {
            String f = splunkField(t.field());
            return switch (t.op()) {
                case EQUALS -> f + "=" + splQuote(splunkValue(t.value(), "", ""));
                case CONTAINS -> f + "=" + splQuote(splunkValue(t.value(), "*", "*"));
                case STARTS_WITH -> f + "=" + splQuote(splunkValue(t.value(), "", "*"));
                case ENDS_WITH -> f + "=" + splQuote(splunkValue(t.value(), "*", ""));
                case EXISTS -> f + "=*";
                case MISSING, IS_NULL -> "NOT " + f + "=*";
                case GT -> f + ">" + number(t);
                case GTE -> f + ">=" + number(t);
                case LT -> f + "<" + number(t);
                case LTE -> f + "<=" + number(t);
                case REGEX -> throw new IllegalStateException("regexes are rendered by the caller");
            };
        }
        throw new IllegalStateException("unknown expression " + e);
    }

    /** The where form: {@code searchmatch} keeps the search command's matching for everything but the regexes. */
    private static String splunkWhere(Expr e, boolean nested) throws Sigma.Unsupported {
        if (e instanceof Expr.And a) {
            List<String> parts = new ArrayList<>();
            for (Expr p : a.parts()) {
                parts.add(splunkWhere(p, true));
            }
            return wrap(String.join(" AND ", parts), nested);
        }
        if (e instanceof Expr.Or o) {
            List<String> parts = new ArrayList<>();
            for (Expr p : o.parts()) {
                parts.add(splunkWhere(p, true));
            }
            return wrap(String.join(" OR ", parts), nested);
        }
        if (e instanceof Expr.Not n) {
            return "NOT " + splunkWhere(n.inner(), true);
        }
        if (e instanceof Expr.Test t && t.op() == Expr.Op.REGEX) {
            return "match('" + splunkField(t.field()) + "', " + splRegex(splunkRegex(t)) + ")";
        }
        return "searchmatch(" + splQuote(splunkSearch(e, true)) + ")";
    }

    private static String splunkRegex(Expr.Test t) {
        return (t.ignoreCase() ? "(?i)" : "") + t.value();
    }

    private static String splunkField(String field) throws Sigma.Unsupported {
        if (Fields.isObject(field)) {
            throw new Sigma.Unsupported("Splunk: it tests the whole object '" + field + "', and Splunk's JSON "
                    + "extraction names only its leaves (" + field + ".*)");
        }
        return Fields.splunk(field);
    }

    /** A Sigma value as a search-command value: wildcards kept, {@code ?} and a literal {@code *} refused. */
    private static String splunkValue(String value, String before, String after) throws Sigma.Unsupported {
        StringBuilder out = new StringBuilder(before);
        for (Sigma.Piece p : Sigma.pieces(value)) {
            if (p.wildcard() == '*') {
                out.append('*');
            } else if (p.wildcard() == '?') {
                throw new Sigma.Unsupported(
                        "Splunk: the search command has no one-character wildcard ('?' in '" + value + "')");
            } else if (p.text().indexOf('*') >= 0) {
                throw new Sigma.Unsupported("Splunk: a literal '*' ('" + value + "') is always a wildcard in a search");
            } else {
                out.append(p.text());
            }
        }
        return out.append(after).toString();
    }

    /**
     * A regular expression as a double-quoted SPL string: quotes and backslash pairs escaped, other backslashes
     * ({@code \d}) kept single, as Splunk's own regex examples write them.
     */
    private static String splRegex(String re) {
        return '"' + re.replace("\\\\", "\\\\\\\\").replace("\"", "\\\"") + '"';
    }

    /** A double-quoted SPL string: backslashes and quotes escaped. */
    private static String splQuote(String s) {
        return '"' + s.replace("\\", "\\\\").replace("\"", "\\\"") + '"';
    }

    // ---- Elastic ES|QL -------------------------------------------------------------------------------------------

    private static String esql(Expr e, boolean nested) throws Sigma.Unsupported {
        if (e instanceof Expr.And a) {
            List<String> parts = new ArrayList<>();
            for (Expr p : a.parts()) {
                parts.add(esql(p, true));
            }
            return wrap(String.join(" AND ", parts), nested);
        }
        if (e instanceof Expr.Or o) {
            List<String> parts = new ArrayList<>();
            for (Expr p : o.parts()) {
                parts.add(esql(p, true));
            }
            return wrap(String.join(" OR ", parts), nested);
        }
        if (e instanceof Expr.Not n) {
            return "NOT (" + esql(n.inner(), false) + ")";
        }
        if (e instanceof Expr.Keyword k) {
            throw new Sigma.Unsupported(
                    "ES|QL: keywords ('" + k.value() + "') search every field, which a WHERE cannot");
        }
        if (e instanceof Expr.Test t) {
            if (Fields.isObject(t.field())) {
                throw new Sigma.Unsupported("ES|QL: it tests the whole object '" + t.field()
                        + "', which Elasticsearch indexes as separate leaf fields");
            }
            String f = esqlField(t.field());
            String text = Fields.inArray(t.field()) ? "MV_CONCAT(" + f + ", \"\\n\")" : f;
            String lower = "TO_LOWER(" + text + ")";
            return switch (t.op()) {
                case EQUALS ->
                    t.number()
                            ? f + " == " + t.value()
                            : t.wildcard()
                                    ? lower + " LIKE " + triple(likeValue(t.value(), "", ""))
                                    : lower + " == " + esqlString(t.value().toLowerCase(Locale.ROOT));
                case CONTAINS -> lower + " LIKE " + triple(likeValue(t.value(), "*", "*"));
                case STARTS_WITH -> lower + " LIKE " + triple(likeValue(t.value(), "", "*"));
                case ENDS_WITH -> lower + " LIKE " + triple(likeValue(t.value(), "*", ""));
                case REGEX ->
                    (t.ignoreCase() ? lower : text) + " RLIKE "
                            + triple(".*(" + Lucene.regex(t.value(), t.ignoreCase()) + ").*");
                case EXISTS -> f + " IS NOT NULL";
                case MISSING, IS_NULL -> f + " IS NULL";
                case GT -> f + " > " + number(t);
                case GTE -> f + " >= " + number(t);
                case LT -> f + " < " + number(t);
                case LTE -> f + " <= " + number(t);
            };
        }
        throw new IllegalStateException("unknown expression " + e);
    }

    private static final Pattern PLAIN_FIELD = Pattern.compile("[A-Za-z_@][A-Za-z0-9_.]*");

    private static String esqlField(String field) {
        return PLAIN_FIELD.matcher(field).matches() ? field : "`" + field.replace("`", "``") + "`";
    }

    /** A LIKE pattern (lower case): {@code *} any run, {@code ?} one character, literal ones escaped. */
    private static String likeValue(String value, String before, String after) {
        StringBuilder out = new StringBuilder(before);
        for (Sigma.Piece p : Sigma.pieces(value)) {
            if (p.wildcard() != '\0') {
                out.append(p.wildcard());
            } else {
                for (char c : p.text().toLowerCase(Locale.ROOT).toCharArray()) {
                    if (c == '*' || c == '?' || c == '\\') {
                        out.append('\\');
                    }
                    out.append(c);
                }
            }
        }
        return out.append(after).toString();
    }

    /** A triple-quoted ES|QL string: no escapes are processed inside. */
    private static String triple(String s) throws Sigma.Unsupported {
        if (s.contains("\"\"\"")) {
            throw new Sigma.Unsupported("ES|QL: a value holds three double quotes in a row");
        }
        return "\"\"\"" + s + "\"\"\"";
    }

    private static String esqlString(String s) {
        return '"' + s.replace("\\", "\\\\").replace("\"", "\\\"") + '"';
    }

    // ---- Microsoft Sentinel KQL ----------------------------------------------------------------------------------

    private static String kql(Expr e, boolean nested) throws Sigma.Unsupported {
        if (e instanceof Expr.And a) {
            List<String> parts = new ArrayList<>();
            for (Expr p : a.parts()) {
                parts.add(kql(p, true));
            }
            return wrap(String.join(" and ", parts), nested);
        }
        if (e instanceof Expr.Or o) {
            List<String> parts = new ArrayList<>();
            for (Expr p : o.parts()) {
                parts.add(kql(p, true));
            }
            return wrap(String.join(" or ", parts), nested);
        }
        if (e instanceof Expr.Not n) {
            return "not(" + kql(n.inner(), false) + ")";
        }
        if (e instanceof Expr.Keyword k) {
            throw new Sigma.Unsupported(
                    "KQL: keywords ('" + k.value() + "') search every column, which a where cannot say exactly");
        }
        if (e instanceof Expr.Test t) {
            String f = kqlField(t.field());
            return switch (t.op()) {
                case EQUALS ->
                    t.number()
                            ? f + " == " + t.value()
                            : t.wildcard()
                                    ? f + " matches regex " + verbatim("(?i)^" + wildcardRegex(t.value()) + "$")
                                    : f + " =~ " + verbatim(plain(t.value()));
                case CONTAINS -> f + " contains " + verbatim(plain(t.value()));
                case STARTS_WITH -> f + " startswith " + verbatim(plain(t.value()));
                case ENDS_WITH -> f + " endswith " + verbatim(plain(t.value()));
                case REGEX -> f + " matches regex " + verbatim(Re2.regex(t.value(), t.ignoreCase()));
                case EXISTS -> "isnotempty(" + f + ")";
                case MISSING -> "isempty(" + f + ")";
                case IS_NULL -> "isnull(" + f + ")";
                case GT -> "toreal(" + f + ") > " + number(t);
                case GTE -> "toreal(" + f + ") >= " + number(t);
                case LT -> "toreal(" + f + ") < " + number(t);
                case LTE -> "toreal(" + f + ") <= " + number(t);
            };
        }
        throw new IllegalStateException("unknown expression " + e);
    }

    /**
     * A column: {@code ['user.id']}; a field under an array or object key is tested on that key's JSON text
     * ({@code tostring(['gen_ai.input.messages'])}), and one under an object by its path inside.
     */
    private static String kqlField(String field) {
        return Fields.top(field)
                .map(top -> {
                    String rest = field.substring(top.length());
                    boolean objectPath = Fields.isObject(top) && !rest.isEmpty();
                    return "tostring(['" + top + "']" + (objectPath ? rest : "") + ")";
                })
                .orElse("['" + field.replace("'", "\\'") + "']");
    }

    /** A value with its wildcards as a regex (for KQL's matches regex). */
    private static String wildcardRegex(String value) {
        StringBuilder out = new StringBuilder();
        for (Sigma.Piece p : Sigma.pieces(value)) {
            out.append(p.wildcard() == '*' ? ".*" : p.wildcard() == '?' ? "." : Pattern.quote(p.text()));
        }
        return out.toString();
    }

    /** A value without wildcards, escapes resolved; wildcards inside contains/startswith/endswith are refused. */
    private static String plain(String value) throws Sigma.Unsupported {
        if (Sigma.hasWildcard(value)) {
            throw new Sigma.Unsupported("KQL: a wildcard inside contains/startswith/endswith ('" + value + "')");
        }
        StringBuilder out = new StringBuilder();
        Sigma.pieces(value).forEach(p -> out.append(p.text()));
        return out.toString();
    }

    /** A KQL verbatim string: {@code @"…"}, quotes doubled, backslashes as they are. */
    private static String verbatim(String s) {
        return "@\"" + s.replace("\"", "\"\"") + '"';
    }

    // ---- shared --------------------------------------------------------------------------------------------------

    private static String wrap(String s, boolean nested) {
        return nested ? "(" + s + ")" : s;
    }

    private static String number(Expr.Test t) throws Sigma.Unsupported {
        try {
            Double.parseDouble(t.value());
            return t.value();
        } catch (NumberFormatException e) {
            throw new Sigma.Unsupported("the comparison " + t.field() + " "
                    + t.op().name().toLowerCase(Locale.ROOT) + " '" + t.value() + "' is not with a number");
        }
    }
}
