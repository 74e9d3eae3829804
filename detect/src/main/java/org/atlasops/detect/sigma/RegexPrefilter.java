package org.atlasops.detect.sigma;

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
final class RegexPrefilter {
    private final String re;
    private int pos;

    private RegexPrefilter(String re) {
        this.re = re;
    }

    /** The any-of literals (lower case, at least 2 characters each), or null when none can be derived. */
    static List<String> of(String regex) {
        try {
            RegexPrefilter p = new RegexPrefilter(regex);
            Set<String> r = p.alternation();
            if (p.pos != regex.length() || r == null || r.isEmpty()) {
                return null;
            }
            for (String s : r) {
                if (s.length() < 2) {
                    return null;
                }
            }
            return List.copyOf(r);
        } catch (RuntimeException e) {
            return null;
        }
    }

    /** alternation := sequence ('|' sequence)* ; its requirement is the union of each branch's. */
    private Set<String> alternation() {
        Set<String> all = new LinkedHashSet<>();
        while (true) {
            Set<String> branch = sequence();
            if (branch == null) {
                all = null;
            } else if (all != null) {
                all.addAll(branch);
            }
            if (pos < re.length() && re.charAt(pos) == '|') {
                pos++;
                continue;
            }
            return all;
        }
    }

    /**
     * sequence := atom* ; the requirement is the best of: each maximal run of mandatory literal characters, and each
     * mandatory group's own requirement. Best = the one whose shortest literal is longest.
     */
    private Set<String> sequence() {
        List<Set<String>> options = new ArrayList<>();
        StringBuilder run = new StringBuilder();
        while (pos < re.length() && re.charAt(pos) != '|' && re.charAt(pos) != ')') {
            char c = re.charAt(pos);
            Set<String> group = null;
            String literal = null;
            boolean atom = true;
            if (c == '(') {
                pos++;
                boolean capture = true;
                if (re.startsWith("?:", pos)) {
                    pos += 2;
                } else if (re.startsWith("?=", pos) || re.startsWith("?!", pos) || re.startsWith("?<", pos)
                        || re.startsWith("?>", pos)) {
                    capture = false;
                    pos += re.startsWith("?<=", pos) || re.startsWith("?<!", pos) ? 3 : 2;
                } else if (re.charAt(pos) == '?') {
                    throw new IllegalArgumentException("inline flags");
                }
                Set<String> inner = alternation();
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
                    literal = String.valueOf(e == 't' ? '\t' : e == 'n' ? '\n' : e == 'r' ? '\r' : e == 'f'
                            ? '\f' : e);
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
            if (!atom) {
                flush(run, options);
                continue;
            }
            if (literal != null && q.min >= 1) {
                run.append(literal);
                if (q.max != 1) {
                    flush(run, options);
                }
            } else {
                flush(run, options);
                if (group != null && q.min >= 1) {
                    options.add(group);
                }
            }
        }
        flush(run, options);
        Set<String> best = null;
        int bestScore = -1;
        for (Set<String> o : options) {
            int score = o.stream().mapToInt(String::length).min().orElse(0);
            if (score > bestScore) {
                best = o;
                bestScore = score;
            }
        }
        return best;
    }

    private static void flush(StringBuilder run, List<Set<String>> options) {
        if (run.length() > 0) {
            options.add(new LinkedHashSet<>(List.of(run.toString().toLowerCase(Locale.ROOT))));
            run.setLength(0);
        }
    }

    private record Quantifier(int min, int max) {
    }

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
