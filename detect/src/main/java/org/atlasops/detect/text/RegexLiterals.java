package org.atlasops.detect.text;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;

/**
 * The literals a regular expression cannot match without: a set of strings such that every match contains at least
 * one of them. A text holding none of them cannot match, so the regex need not run on it. One derivation serves the
 * prompt detector's cue anchors and the rule engine's regex prerequisites; a {@link Style} holds what they choose
 * differently (case folding, how far fixed strings multiply out, how a tie is broken, how long a literal is kept).
 *
 * <p>The derivation, bottom up:
 * <ul>
 *   <li>a run of literal characters that every match of a sequence passes through gives that run as a literal; a
 *       class, {@code .}, or a repeated part ends it (after its first repetition);</li>
 *   <li>a mandatory group that can only match a few fixed strings (an alternation of plain words) continues the run
 *       with each of them: {@code from (?:now|this) on} gives "from now on" and "from this on"; past
 *       {@link Style#maxExact} strings the run ends and restarts, and the group no longer counts as fixed strings;</li>
 *   <li>any other group that must occur gives its alternation's set;</li>
 *   <li>a sequence keeps the best of those sets: the one whose shortest literal is longest;</li>
 *   <li>an alternation gives the union of its branches' sets; if one branch gives nothing, so does it;</li>
 *   <li>optional parts and lookarounds give nothing of their own.</li>
 * </ul>
 * Anything this reader does not know (inline flags, back references, {@code \Q}) gives no set, never a wrong one.
 */
public final class RegexLiterals {
    /**
     * How the literals are derived and handed out.
     *
     * @param foldCase literals in lower case, for texts compared ignoring case; otherwise exact
     * @param maxExact how many fixed strings at most are multiplied out (an alternation of alternations)
     * @param optionalJoins whether an optional fixed part ({@code u?}) continues a run with and without itself
     *     rather than ending it
     * @param zeroWidthJoins whether a zero-width part ({@code \b}, {@code ^}, a lookaround) leaves a run whole
     *     rather than ending it
     * @param smallerOnTie between two sets whose shortest literals are as long, keep the smaller; otherwise the first
     * @param minLength a set with a literal shorter than this is no set
     * @param maxLength literals are cut to their first this many characters
     */
    public record Style(
            boolean foldCase,
            int maxExact,
            boolean optionalJoins,
            boolean zeroWidthJoins,
            boolean smallerOnTie,
            int minLength,
            int maxLength) {
        public Style {
            if (maxExact < 1 || minLength < 1 || maxLength < minLength) {
                throw new IllegalArgumentException("RegexLiterals.Style: maxExact >= 1 and 1 <= minLength <= "
                        + "maxLength required, got " + maxExact + ", " + minLength + ", " + maxLength);
            }
        }
    }

    private final String re;
    private final Style style;
    private int pos;

    private RegexLiterals(String re, Style style) {
        this.re = re;
        this.style = style;
    }

    /**
     * The literals one of which every match of the regex contains, in the order the regex gives them; empty when no
     * such set is known.
     */
    public static Optional<List<String>> of(String regex, Style style) {
        try {
            RegexLiterals r = new RegexLiterals(regex, style);
            Set<String> need = r.alternation().need;
            if (r.pos != regex.length() || need == null) {
                return Optional.empty();
            }
            Set<String> heads = new LinkedHashSet<>();
            for (String s : need) {
                if (s.length() < style.minLength) {
                    return Optional.empty();
                }
                heads.add(s.substring(0, Math.min(s.length(), style.maxLength)));
            }
            return Optional.of(List.copyOf(minimal(heads)));
        } catch (IllegalArgumentException | IndexOutOfBoundsException e) {
            return Optional.empty(); // a construct not handled here: no literals, the regex is always tried
        }
    }

    /**
     * What a part requires: {@code need}, literals one of which every match contains (null: none known);
     * {@code exact}, every string the part can match when it can only match a few fixed ones (else null).
     */
    private record Req(Set<String> need, Set<String> exact) {}

    /** alternation := sequence ('|' sequence)* */
    private Req alternation() {
        Set<String> all = new LinkedHashSet<>();
        Set<String> exact = new LinkedHashSet<>();
        while (true) {
            Req branch = sequence();
            if (branch.need == null) {
                all = null;
            } else if (all != null) {
                all.addAll(branch.need);
            }
            if (branch.exact == null || exact == null || exact.size() + branch.exact.size() > style.maxExact) {
                exact = null;
            } else {
                exact.addAll(branch.exact);
            }
            if (pos < re.length() && re.charAt(pos) == '|') {
                pos++;
                continue;
            }
            return new Req(all == null ? null : minimal(all), exact);
        }
    }

    /** sequence := (atom quantifier?)* ; the best set among its runs and mandatory groups, or null. */
    private Req sequence() {
        List<Set<String>> options = new ArrayList<>();
        Set<String> run = Set.of("");
        boolean exact = true;
        while (pos < re.length() && re.charAt(pos) != '|' && re.charAt(pos) != ')') {
            char c = re.charAt(pos);
            Req group = null;
            String literal = null;
            boolean zeroWidth = false;
            if (c == '(') {
                pos++;
                if (re.startsWith("?=", pos) || re.startsWith("?!", pos)) {
                    pos += 2;
                    alternation();
                    zeroWidth = true;
                } else if (re.startsWith("?<=", pos) || re.startsWith("?<!", pos)) {
                    pos += 3;
                    alternation();
                    zeroWidth = true;
                } else {
                    if (re.startsWith("?:", pos) || re.startsWith("?>", pos)) {
                        pos += 2; // non-capturing or atomic: what it matches is still one of its strings
                    } else if (re.startsWith("?<", pos)) {
                        int close = re.indexOf('>', pos);
                        if (close < 0) {
                            throw new IllegalArgumentException("unclosed group name");
                        }
                        pos = close + 1; // a named group
                    } else if (re.charAt(pos) == '?') {
                        throw new IllegalArgumentException("inline flag");
                    }
                    group = alternation();
                }
                expect(')');
            } else if (c == '[') {
                pos = RegexText.skipClass(re, pos);
            } else if (c == '\\') {
                pos++;
                char e = re.charAt(pos++);
                if ("bBAzZG".indexOf(e) >= 0) {
                    zeroWidth = true;
                } else if ("sSwWdDhHvVRX".indexOf(e) >= 0) {
                    // a class of characters
                } else if (e == 'p' || e == 'P') {
                    pos = re.charAt(pos) == '{' ? re.indexOf('}', pos) + 1 : pos + 1; // a Unicode class
                } else if (e == 'x' && re.charAt(pos) == '{') {
                    int close = re.indexOf('}', pos);
                    literal = new String(Character.toChars(Integer.parseInt(re.substring(pos + 1, close), 16)));
                    pos = close + 1;
                } else if (e == 'x' || e == 'u') {
                    int digits = e == 'x' ? 2 : 4;
                    literal = String.valueOf((char) Integer.parseInt(re.substring(pos, pos + digits), 16));
                    pos += digits;
                } else if (e == 'n' || e == 't' || e == 'r' || e == 'f') {
                    literal = String.valueOf(e == 'n' ? '\n' : e == 't' ? '\t' : e == 'r' ? '\r' : '\f');
                } else if (!Character.isLetterOrDigit(e)) {
                    literal = String.valueOf(e); // an escaped metacharacter stands for itself
                } else {
                    throw new IllegalArgumentException("escape \\" + e); // back references, \Q, \c, \e, ...
                }
            } else if (c == '^' || c == '$') {
                pos++;
                zeroWidth = true;
            } else if (c == '.') {
                pos++;
            } else if ("*+?{".indexOf(c) >= 0) {
                throw new IllegalArgumentException("quantifier without an atom");
            } else {
                pos++;
                literal = String.valueOf(c);
            }
            Quantifier q = quantifier();
            if (zeroWidth) {
                if (!style.zeroWidthJoins) {
                    // what comes before and after is then taken apart, as if something could lie between
                    exact = false;
                    run = flush(run, options);
                }
                continue;
            }
            if (literal != null && style.foldCase) {
                literal = literal.toLowerCase(Locale.ROOT);
            }
            Set<String> fixed = literal != null ? Set.of(literal) : group != null ? group.exact : null;
            if (fixed != null && q.max == 1 && (q.min == 1 || style.optionalJoins && q.min == 0)) {
                Set<String> part = fixed;
                if (q.min == 0) {
                    part = new LinkedHashSet<>(fixed);
                    part.add("");
                }
                run = join(run, part, options);
                if (run == null) {
                    exact = false;
                    run = part;
                }
                continue;
            }
            exact = false;
            if (fixed != null && q.min >= 1) {
                // the first repetition continues the run; what follows it varies
                Set<String> joined = join(run, fixed, options);
                run = flush(joined == null ? fixed : joined, options);
            } else {
                run = flush(run, options);
                if (group != null && q.min >= 1 && group.need != null) {
                    options.add(group.need);
                }
            }
        }
        Set<String> whole = exact ? run : null;
        flush(run, options);
        Set<String> best = null;
        for (Set<String> o : options) {
            if (best == null
                    || shortest(o) > shortest(best)
                    || style.smallerOnTie && shortest(o) == shortest(best) && o.size() < best.size()) {
                best = o;
            }
        }
        return new Req(best, whole);
    }

    /**
     * The run continued by each of {@code part}; null when that would exceed {@link Style#maxExact} strings, after
     * the run has ended (too many to multiply out: the run no longer spans the whole sequence).
     */
    private Set<String> join(Set<String> run, Set<String> part, List<Set<String>> options) {
        if ((long) run.size() * part.size() > style.maxExact) {
            flush(run, options);
            return null;
        }
        Set<String> out = new LinkedHashSet<>();
        for (String a : run) {
            for (String b : part) {
                out.add(a + b);
            }
        }
        return out;
    }

    private static int shortest(Set<String> strings) {
        return strings.stream().mapToInt(String::length).min().orElse(0);
    }

    /** Ends a run: it becomes an option unless it may be empty. Returns a new, empty run. */
    private static Set<String> flush(Set<String> run, List<Set<String>> options) {
        if (!run.contains("")) {
            options.add(minimal(run));
        }
        return Set.of("");
    }

    /** Drops strings that contain another of the set: a text holding the longer one holds the shorter too. */
    private static Set<String> minimal(Set<String> strings) {
        Set<String> out = new LinkedHashSet<>();
        for (String s : strings) {
            if (strings.stream().noneMatch(t -> !t.equals(s) && s.contains(t))) {
                out.add(s);
            }
        }
        return out;
    }

    private record Quantifier(int min, int max) {}

    /** Reads a quantifier, if any (lazy and possessive forms included); max -1 is unbounded. */
    private Quantifier quantifier() {
        if (pos >= re.length()) {
            return new Quantifier(1, 1);
        }
        char c = re.charAt(pos);
        Quantifier q;
        if (c == '*' || c == '+' || c == '?') {
            pos++;
            q = new Quantifier(c == '+' ? 1 : 0, c == '?' ? 1 : -1);
        } else if (c == '{' && pos + 1 < re.length() && Character.isDigit(re.charAt(pos + 1))) {
            int close = re.indexOf('}', pos);
            String[] bounds = re.substring(pos + 1, close).split(",", -1);
            int min = Integer.parseInt(bounds[0].strip());
            int max = bounds.length == 1 ? min : bounds[1].isBlank() ? -1 : Integer.parseInt(bounds[1].strip());
            pos = close + 1;
            q = new Quantifier(min, max);
        } else {
            return new Quantifier(1, 1);
        }
        if (pos < re.length() && (re.charAt(pos) == '?' || re.charAt(pos) == '+')) {
            pos++; // lazy or possessive: the same strings
        }
        return q;
    }

    private void expect(char c) {
        if (re.charAt(pos) != c) {
            throw new IllegalArgumentException("expected " + c + " at " + pos);
        }
        pos++;
    }
}
