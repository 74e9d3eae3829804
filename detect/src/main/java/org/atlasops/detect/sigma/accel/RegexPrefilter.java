package org.atlasops.detect.sigma.accel;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * Literals a regular expression cannot match without: a set of strings such that every match contains at least
 * one of them (compared ignoring case). Checking them with {@code regionMatches} first lets most texts skip the
 * regex engine. Covers the common shapes (literal runs, alternations, groups, quantifiers, classes); anything it
 * does not understand yields no prefilter, never a wrong one.
 */
public final class RegexPrefilter {
    private final String re;
    private int pos;

    private RegexPrefilter(String re) {
        this.re = re;
    }

    /** The any-of literals (lower case, at least 2 characters each), or null when none can be derived. */
    public static List<String> of(String regex) {
        try {
            RegexPrefilter p = new RegexPrefilter(regex);
            Set<String> r = p.alternation().need;
            if (p.pos != regex.length() || r == null || r.isEmpty()) {
                return null;
            }
            Set<String> heads = new LinkedHashSet<>();
            for (String s : r) {
                if (s.length() < 2) {
                    return null;
                }
                heads.add(s.substring(0, Math.min(s.length(), MAX_LITERAL)));
            }
            return List.copyOf(minimal(heads));
        } catch (RuntimeException e) {
            return null;
        }
    }

    /**
     * Literals are cut to their first characters: that many already rule out almost every text, and each further
     * character is one more state in the shared automaton.
     */
    private static final int MAX_LITERAL = 8;

    /** Sets of exact strings larger than this are not multiplied out (an alternation of alternations). */
    private static final int MAX_EXACT = 64;

    /**
     * What a part of the regex requires: {@code need}, strings one of which every match contains (null: nothing
     * known); {@code exact}, when the part can only match a few fixed strings, all of them (else null). Exact parts
     * side by side multiply out: {@code read_(mail|inbox)} needs "read_mail" or "read_inbox", not just "read_".
     */
    private record Req(Set<String> need, Set<String> exact) {}

    /** alternation := sequence ('|' sequence)* ; its requirement is the union of each branch's. */
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
            if (branch.exact == null || exact == null || exact.size() + branch.exact.size() > MAX_EXACT) {
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

    /**
     * sequence := atom* ; the requirement is the best of: each maximal chain of mandatory exact parts (literal
     * characters, optional ones, groups of fixed strings) multiplied out, and each mandatory group's own
     * requirement. Best = the one whose shortest literal is longest.
     */
    private Req sequence() {
        List<Set<String>> options = new ArrayList<>();
        Set<String> chain = Set.of("");
        boolean exact = true;
        while (pos < re.length() && re.charAt(pos) != '|' && re.charAt(pos) != ')') {
            char c = re.charAt(pos);
            Req group = null;
            String literal = null;
            boolean atom = true;
            if (c == '(') {
                pos++;
                boolean capture = true;
                if (re.startsWith("?:", pos)) {
                    pos += 2;
                } else if (re.startsWith("?=", pos)
                        || re.startsWith("?!", pos)
                        || re.startsWith("?<", pos)
                        || re.startsWith("?>", pos)) {
                    capture = false;
                    pos += re.startsWith("?<=", pos) || re.startsWith("?<!", pos) ? 3 : 2;
                } else if (re.charAt(pos) == '?') {
                    throw new IllegalArgumentException("inline flags");
                }
                Req inner = alternation();
                pos = RegexText.expect(re, pos, ')');
                group = capture ? inner : null;
                atom = capture;
            } else if (c == '[') {
                pos = RegexText.skipClass(re, pos);
            } else if (c == '\\') {
                pos++;
                char e = re.charAt(pos++);
                if ("dDwWsSbBAzZGRhHvVXkpPQEx0123456789uc".indexOf(e) >= 0) {
                    if (e == 'p' || e == 'P' || e == 'x' || e == 'k') {
                        pos = RegexText.skipBraced(re, pos);
                    }
                    if (e == 'Q' || e == 'E' || e == 'u' || e == 'c' || Character.isDigit(e)) {
                        throw new IllegalArgumentException("unsupported escape");
                    }
                    atom = !(e == 'b' || e == 'B' || e == 'A' || e == 'z' || e == 'Z' || e == 'G');
                } else {
                    literal = String.valueOf(e == 't' ? '\t' : e == 'n' ? '\n' : e == 'r' ? '\r' : e == 'f' ? '\f' : e);
                }
            } else if (c == '^' || c == '$') {
                pos++;
                atom = false;
            } else if (c == '.') {
                pos++;
            } else if ("*+?{".indexOf(c) >= 0) {
                throw new IllegalArgumentException("dangling quantifier");
            } else {
                pos++;
                literal = String.valueOf(c);
            }
            Quantifier q = quantifier();
            Set<String> fixed =
                    literal != null ? Set.of(literal.toLowerCase(Locale.ROOT)) : group != null ? group.exact : null;
            if (!atom) {
                // an anchor or lookaround matches no characters: what comes before and after need not touch
                exact = false;
                chain = flush(chain, options);
                continue;
            }
            if (fixed != null && (q.min == 1 && q.max == 1 || q.min == 0 && q.max == 1)) {
                Set<String> part = fixed;
                if (q.min == 0) {
                    part = new LinkedHashSet<>(fixed);
                    part.add("");
                }
                if ((long) chain.size() * part.size() > MAX_EXACT) {
                    // too many strings to multiply out: a new chain starts with this part, so the chain no longer
                    // spans the whole sequence and cannot stand for what the sequence matches
                    exact = false;
                    chain = flush(chain, options);
                }
                chain = times(chain, part);
                continue;
            }
            exact = false;
            if (fixed != null && q.min >= 1) {
                // the first repetition joins the chain; what follows it varies
                if ((long) chain.size() * fixed.size() > MAX_EXACT) {
                    chain = flush(chain, options);
                }
                chain = flush(times(chain, fixed), options);
            } else {
                chain = flush(chain, options);
                if (group != null && q.min >= 1 && group.need != null) {
                    options.add(group.need);
                }
            }
        }
        Set<String> whole = exact ? chain : null;
        flush(chain, options);
        Set<String> best = null;
        int bestScore = -1;
        for (Set<String> o : options) {
            int score = o.stream().mapToInt(String::length).min().orElse(0);
            if (score > bestScore) {
                best = o;
                bestScore = score;
            }
        }
        return new Req(best, whole);
    }

    /** The chain followed by one of {@code part}; the caller keeps the product at most {@link #MAX_EXACT}. */
    private static Set<String> times(Set<String> chain, Set<String> part) {
        Set<String> out = new LinkedHashSet<>();
        for (String a : chain) {
            for (String b : part) {
                out.add(a + b);
            }
        }
        return out;
    }

    /** Ends a chain: it becomes an option; returns the empty chain. */
    private static Set<String> flush(Set<String> chain, List<Set<String>> options) {
        options.add(minimal(chain));
        return Set.of("");
    }

    /** Drops strings that contain another of the set: a text holding the longer one holds the shorter too. */
    private static Set<String> minimal(Set<String> strings) {
        Set<String> out = new LinkedHashSet<>();
        for (String s : strings) {
            boolean redundant = false;
            for (String t : strings) {
                if (!t.equals(s) && s.contains(t)) {
                    redundant = true;
                    break;
                }
            }
            if (!redundant) {
                out.add(s);
            }
        }
        return out;
    }

    private record Quantifier(int min, int max) {}

    private Quantifier quantifier() {
        if (pos >= re.length()) {
            return new Quantifier(1, 1);
        }
        char c = re.charAt(pos);
        Quantifier q;
        if (c == '*') {
            pos++;
            q = new Quantifier(0, -1);
        } else if (c == '+') {
            pos++;
            q = new Quantifier(1, -1);
        } else if (c == '?') {
            pos++;
            q = new Quantifier(0, 1);
        } else if (c == '{' && pos + 1 < re.length() && Character.isDigit(re.charAt(pos + 1))) {
            int close = re.indexOf('}', pos);
            String[] parts = re.substring(pos + 1, close).split(",", -1);
            int min = Integer.parseInt(parts[0].strip());
            int max = parts.length == 1 ? min : parts[1].isBlank() ? -1 : Integer.parseInt(parts[1].strip());
            pos = close + 1;
            q = new Quantifier(min, max);
        } else {
            return new Quantifier(1, 1);
        }
        if (pos < re.length() && (re.charAt(pos) == '?' || re.charAt(pos) == '+')) {
            pos++; // lazy or possessive: the same requirement
        }
        return q;
    }
}
