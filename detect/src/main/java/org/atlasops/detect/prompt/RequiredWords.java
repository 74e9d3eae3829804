package org.atlasops.detect.prompt;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * The words a regular expression cannot match without: a set such that every match contains at least one of them,
 * compared exactly (the cues run case-sensitively on lower-cased text). A cue's pattern is worth running only when
 * one of its words is in the text, so the words are derived from the pattern instead of written beside it.
 *
 * <p>The derivation, bottom up:
 * <ul>
 *   <li>a run of literal characters that every match of a sequence passes through gives that run as a word;
 *       zero-width parts ({@code \b}, {@code ^}, {@code $}, lookarounds) consume nothing and do not break a run;
 *       a class, {@code .}, or an optional or repeated part ends it;</li>
 *   <li>a mandatory group that can only match a few fixed strings (an alternation of plain words) continues the
 *       run with each of them: {@code from (?:now|this) on} gives "from now on" and "from this on"; past
 *       {@value #MAX_EXACT} strings the run ends and restarts, and the group no longer counts as fixed strings;</li>
 *   <li>any other group that must occur (no {@code ?}, {@code *} or {@code {0,n}}) gives its alternation's set;</li>
 *   <li>a sequence keeps the best of those sets: the one whose shortest word is longest, then the smallest;</li>
 *   <li>an alternation gives the union of its branches' sets; if one branch gives nothing, so does it;</li>
 *   <li>optional parts and lookarounds give nothing.</li>
 * </ul>
 * A pattern that gives nothing (only classes, or a construct this reader does not know) has no required word: its
 * cue is always tried. The result is therefore never wrong, only sometimes less selective than it could be.
 */
final class RequiredWords {
    private final String re;
    private int pos;

    private RequiredWords(String re) {
        this.re = re;
    }

    /** The words one of which every match of the regex contains, or empty when no such word is known. */
    static Optional<Set<String>> of(String regex) {
        try {
            RequiredWords r = new RequiredWords(regex);
            Set<String> words = r.alternation().need;
            if (r.pos != regex.length() || words == null) {
                return Optional.empty();
            }
            return Optional.of(Set.copyOf(words));
        } catch (IllegalArgumentException | IndexOutOfBoundsException e) {
            return Optional.empty(); // a construct not handled here: no words, the cue is always tried
        }
    }

    /** More fixed strings than this are not multiplied out: the run ends there instead. */
    private static final int MAX_EXACT = 32;

    /**
     * What a part requires: {@code need}, words one of which every match contains (null: none known); {@code exact},
     * every string the part can match when it can only match a few fixed ones (else null).
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
                if (re.startsWith("?:", pos)) {
                    pos += 2;
                    group = alternation();
                } else if (re.startsWith("?=", pos) || re.startsWith("?!", pos)) {
                    pos += 2;
                    alternation();
                    zeroWidth = true;
                } else if (re.startsWith("?<=", pos) || re.startsWith("?<!", pos)) {
                    pos += 3;
                    alternation();
                    zeroWidth = true;
                } else if (re.charAt(pos) == '?') {
                    throw new IllegalArgumentException("named group, inline flag or atomic group");
                } else {
                    group = alternation();
                }
                expect(')');
            } else if (c == '[') {
                skipClass();
            } else if (c == '\\') {
                pos++;
                char e = re.charAt(pos++);
                if (e == 'b' || e == 'B') {
                    zeroWidth = true;
                } else if ("sSwWdDhHvR".indexOf(e) >= 0) {
                    // a class of characters
                } else if (e == 'x' && pos < re.length() && re.charAt(pos) == '{') {
                    int close = re.indexOf('}', pos);
                    literal = new String(Character.toChars(Integer.parseInt(re.substring(pos + 1, close), 16)));
                    pos = close + 1;
                } else if (e == 'u') {
                    literal = String.valueOf((char) Integer.parseInt(re.substring(pos, pos + 4), 16));
                    pos += 4;
                } else if (e == 'n' || e == 't' || e == 'r' || e == 'f') {
                    literal = String.valueOf(e == 'n' ? '\n' : e == 't' ? '\t' : e == 'r' ? '\r' : '\f');
                } else if (!Character.isLetterOrDigit(e)) {
                    literal = String.valueOf(e); // an escaped metacharacter stands for itself
                } else {
                    throw new IllegalArgumentException("escape \\" + e);
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
            int min = quantifierMin();
            if (zeroWidth) {
                continue;
            }
            Set<String> fixed = literal != null ? Set.of(literal) : group != null ? group.exact : null;
            if (fixed != null && min >= 1) {
                if (run.size() * fixed.size() > MAX_EXACT) {
                    // too many strings to multiply out: the run ends here and a new one starts with this part, so
                    // the run no longer spans the whole sequence and cannot stand for what the sequence matches
                    exact = false;
                    flush(run, options);
                    run = fixed;
                } else {
                    run = times(run, fixed);
                }
                if (max != 1) {
                    exact = false;
                    run = flush(run, options); // repetitions may follow the first one
                }
                continue;
            }
            exact = false;
            run = flush(run, options);
            if (group != null && min >= 1 && group.need != null) {
                options.add(group.need);
            }
        }
        Set<String> whole = exact ? run : null;
        flush(run, options);
        Set<String> best = null;
        for (Set<String> o : options) {
            if (best == null
                    || shortest(o) > shortest(best)
                    || shortest(o) == shortest(best) && o.size() < best.size()) {
                best = o;
            }
        }
        return new Req(best, whole);
    }

    /** The run continued by each of {@code part}; the caller keeps the product at most {@link #MAX_EXACT}. */
    private static Set<String> times(Set<String> run, Set<String> part) {
        Set<String> out = new LinkedHashSet<>();
        for (String a : run) {
            for (String b : part) {
                out.add(a + b);
            }
        }
        return out;
    }

    private static int shortest(Set<String> words) {
        return words.stream().mapToInt(String::length).min().orElse(0);
    }

    /** Ends a run: it becomes an option unless it may be empty. Returns a new, empty run. */
    private static Set<String> flush(Set<String> run, List<Set<String>> options) {
        if (!run.contains("")) {
            options.add(minimal(run));
        }
        return Set.of("");
    }

    /** Drops words that contain another of the set: a text holding the longer one holds the shorter too. */
    private static Set<String> minimal(Set<String> words) {
        Set<String> out = new LinkedHashSet<>();
        for (String s : words) {
            if (words.stream().noneMatch(t -> !t.equals(s) && s.contains(t))) {
                out.add(s);
            }
        }
        return out;
    }

    /** The upper bound of the last quantifier read: 1 for none, -1 for unbounded. */
    private int max;

    /** Reads a quantifier, if any (lazy and possessive forms included); returns its minimum, sets {@link #max}. */
    private int quantifierMin() {
        int min = 1;
        max = 1;
        if (pos < re.length()) {
            char c = re.charAt(pos);
            if (c == '*' || c == '+' || c == '?') {
                pos++;
                min = c == '+' ? 1 : 0;
                max = c == '?' ? 1 : -1;
            } else if (c == '{') {
                int close = re.indexOf('}', pos);
                String[] bounds = re.substring(pos + 1, close).split(",", -1);
                min = Integer.parseInt(bounds[0]);
                max = bounds.length == 1 ? min : bounds[1].isEmpty() ? -1 : Integer.parseInt(bounds[1]);
                pos = close + 1;
            } else {
                return 1;
            }
            if (pos < re.length() && (re.charAt(pos) == '?' || re.charAt(pos) == '+')) {
                pos++;
            }
        }
        return min;
    }

    /** Skips a character class {@code [...]}: one character of a set, never a literal here. */
    private void skipClass() {
        pos++;
        if (re.charAt(pos) == '^') {
            pos++;
        }
        if (re.charAt(pos) == ']') {
            pos++; // a ']' first is a member
        }
        while (re.charAt(pos) != ']') {
            if (re.charAt(pos) == '[') {
                throw new IllegalArgumentException("nested class");
            }
            pos += re.charAt(pos) == '\\' ? 2 : 1;
        }
        pos++;
    }

    private void expect(char c) {
        if (re.charAt(pos) != c) {
            throw new IllegalArgumentException("expected " + c + " at " + pos);
        }
        pos++;
    }
}
