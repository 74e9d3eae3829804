package org.atlasops.detect.sigma.accel;

import java.util.ArrayList;
import java.util.BitSet;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.atlasops.detect.text.RegexText;

/**
 * For regular expressions without a required literal ({@link RegexPrefilter}): a run of characters every match must
 * contain, such as 60 characters of {@code [A-Za-z0-9+/]} for a base64 blob, three digits for a card number, or two
 * punctuation marks in a row for an adversarial suffix. A text without such a run skips the regex engine. The
 * analysis follows the regex's structure (sequences, alternations, groups, lookaheads, quantifiers); character sets
 * are decided by {@link Pattern} itself, one character at a time, so classes, escapes and flags mean exactly what
 * they mean to the regex. Anything it does not understand yields no prefilter, never a wrong one.
 */
public final class CharRunPrefilter {
    /** Characters of the class, by UTF-16 unit; surrogates always count as members. */
    private final BitSet members;

    private final boolean[] ascii = new boolean[128];
    private final int minRun;

    private CharRunPrefilter(BitSet members, int minRun) {
        this.members = members;
        this.minRun = minRun;
        for (int c = 0; c < 128; c++) {
            ascii[c] = members.get(c);
        }
    }

    /** A filter for the regex (compiled with {@code flags}), or null when no useful run can be derived. */
    public static CharRunPrefilter of(String regex, int flags) {
        try {
            Analysis a = new Analysis(regex, flags);
            Run r = a.alternation();
            if (a.pos != regex.length() || r == null || r.score() <= 0) {
                return null;
            }
            return new CharRunPrefilter(r.members(), r.length());
        } catch (RuntimeException e) {
            return null;
        }
    }

    /** False when the text cannot match: it has no run of {@code minRun} member characters. */
    public boolean mayMatch(String text) {
        int run = 0;
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c < 128 ? ascii[c] : members.get(c)) {
                if (++run >= minRun) {
                    return true;
                }
            } else {
                run = 0;
            }
        }
        return false;
    }

    /** True when no ASCII character is a member: a text of ASCII alone cannot match. */
    public boolean needsNonAscii() {
        for (boolean member : ascii) {
            if (member) {
                return false;
            }
        }
        return true;
    }

    @Override
    public String toString() {
        return minRun + " of " + members.cardinality() + " characters";
    }

    /**
     * A necessary run: {@code length} consecutive characters from {@code members}. {@code whole}: every match of the
     * part is such a run and nothing else, so a quantified group of it multiplies the length.
     */
    private record Run(BitSet members, int length, boolean whole) {
        /** How much it rules out: its length times the share of printable ASCII outside the class. */
        double score() {
            int outside = 0;
            for (int c = 0x20; c < 0x7f; c++) {
                if (!members.get(c)) {
                    outside++;
                }
            }
            return length * outside / 95.0;
        }

        static Run union(Run a, Run b) {
            BitSet m = (BitSet) a.members.clone();
            m.or(b.members);
            return new Run(m, Math.min(a.length, b.length), a.whole && b.whole);
        }
    }

    private static final Map<String, BitSet> CLASSES = new ConcurrentHashMap<>();

    /** The UTF-16 units one single-character regex atom (a class, an escape, a literal) matches under the flags. */
    private static BitSet classOf(String atom, int flags) {
        return CLASSES.computeIfAbsent(flags + ":" + atom, k -> {
            Matcher m = Pattern.compile(atom, flags).matcher("");
            BitSet set = new BitSet(Character.MAX_VALUE + 1);
            char[] one = new char[1];
            java.nio.CharBuffer buffer = java.nio.CharBuffer.wrap(one);
            for (int c = 0; c <= Character.MAX_VALUE; c++) {
                if (Character.isSurrogate((char) c)) {
                    continue;
                }
                one[0] = (char) c;
                buffer.rewind();
                if (m.reset(buffer).matches()) {
                    set.set(c);
                }
            }
            // surrogates always count as members: a supplementary character's halves may be in the class
            set.set(Character.MIN_SURROGATE, Character.MAX_SURROGATE + 1);
            return set;
        });
    }

    /** A recursive walk over the regex text computing the best necessary run of each part. */
    private static final class Analysis {
        private final String re;
        private final int flags;
        int pos;

        Analysis(String re, int flags) {
            if (re.contains("(?") && re.matches("(?s).*\\(\\?[a-zA-Z-]+[:)].*")) {
                // inline flags change meaning part-way; not followed
                throw new IllegalArgumentException("inline flags");
            }
            this.re = re;
            this.flags = flags;
        }

        /** Every branch must supply a run; the union of their classes, at the shortest length, is necessary. */
        Run alternation() {
            Run all = sequence();
            boolean unknown = all == null;
            while (pos < re.length() && re.charAt(pos) == '|') {
                pos++;
                Run branch = sequence();
                if (branch == null) {
                    unknown = true;
                } else if (!unknown) {
                    all = Run.union(all, branch);
                }
            }
            return unknown ? null : all;
        }

        /** Consecutive mandatory single-character atoms form runs; mandatory groups and lookaheads offer theirs. */
        Run sequence() {
            List<Run> options = new ArrayList<>();
            BitSet runMembers = null;
            int runLength = 0;
            boolean broken = false;
            while (pos < re.length() && re.charAt(pos) != '|' && re.charAt(pos) != ')') {
                char c = re.charAt(pos);
                int start = pos;
                Run group = null;
                boolean zeroWidth = false;
                boolean character = true;
                if (c == '(') {
                    pos++;
                    boolean mandatory = true;
                    if (re.startsWith("?:", pos) || re.startsWith("?>", pos)) {
                        pos += 2;
                    } else if (re.startsWith("?=", pos)) {
                        pos += 2;
                        zeroWidth = true;
                    } else if (re.startsWith("?<=", pos)) {
                        pos += 3;
                        zeroWidth = true;
                    } else if (re.startsWith("?!", pos) || re.startsWith("?<!", pos)) {
                        pos += re.startsWith("?!", pos) ? 2 : 3;
                        zeroWidth = true;
                        mandatory = false;
                    } else if (re.startsWith("?<", pos)) {
                        pos = re.indexOf('>', pos) + 1; // named group
                    } else if (re.charAt(pos) == '?') {
                        throw new IllegalArgumentException("unsupported group");
                    }
                    Run inner = alternation();
                    pos = RegexText.expect(re, pos, ')');
                    group = mandatory ? inner : null;
                    character = false;
                } else if (c == '[') {
                    pos = RegexText.skipClass(re, pos);
                } else if (c == '\\') {
                    pos++;
                    char e = re.charAt(pos++);
                    if ("bBAzZG".indexOf(e) >= 0) {
                        zeroWidth = true;
                        character = false;
                    } else if (e == 'p' || e == 'P' || e == 'x') {
                        pos = RegexText.skipBraced(re, pos);
                    } else if ("QEkRXuc0123456789".indexOf(e) >= 0) {
                        throw new IllegalArgumentException("unsupported escape");
                    }
                } else if (c == '^' || c == '$') {
                    pos++;
                    zeroWidth = true;
                    character = false;
                } else if ("*+?{".indexOf(c) >= 0) {
                    throw new IllegalArgumentException("dangling quantifier");
                } else {
                    pos++;
                }
                String atom = re.substring(start, pos);
                int min = zeroWidth && group == null ? 1 : quantifierMin();
                if (zeroWidth && group == null) {
                    // \b, ^, $ and negative lookarounds consume nothing: the run goes on across them
                    continue;
                }
                BitSet cls = null;
                int length = 0;
                if (character && min >= 1) {
                    cls = classOf(atom, flags);
                    length = min;
                } else if (group != null && group.whole() && !zeroWidth && min >= 1) {
                    // a group that is nothing but a run (such as (?:[0-9a-f]{2}){40,}) extends the run min times
                    cls = group.members();
                    length = (int) Math.min(Integer.MAX_VALUE, (long) group.length() * min);
                }
                if (cls != null) {
                    if (runMembers == null) {
                        runMembers = (BitSet) cls.clone();
                    } else {
                        runMembers.or(cls);
                    }
                    runLength = (int) Math.min(Integer.MAX_VALUE, (long) runLength + length);
                    continue;
                }
                broken = true;
                if (runMembers != null) {
                    options.add(new Run(runMembers, runLength, false));
                    runMembers = null;
                    runLength = 0;
                }
                if (group != null && (zeroWidth || min >= 1)) {
                    options.add(new Run(group.members(), group.length(), false));
                }
            }
            if (runMembers != null) {
                if (!broken && options.isEmpty()) {
                    return new Run(runMembers, runLength, true);
                }
                options.add(new Run(runMembers, runLength, false));
            }
            Run best = null;
            for (Run o : options) {
                if (best == null || o.score() > best.score()) {
                    best = o;
                }
            }
            return best;
        }

        /** The minimum count of the quantifier after an atom (1 without one); consumes it. */
        private int quantifierMin() {
            if (pos >= re.length()) {
                return 1;
            }
            char c = re.charAt(pos);
            int min;
            if (c == '*' || c == '?') {
                pos++;
                min = 0;
            } else if (c == '+') {
                pos++;
                min = 1;
            } else if (c == '{' && pos + 1 < re.length() && Character.isDigit(re.charAt(pos + 1))) {
                int close = re.indexOf('}', pos);
                String[] parts = re.substring(pos + 1, close).split(",", -1);
                min = Integer.parseInt(parts[0].strip());
                pos = close + 1;
            } else {
                return 1;
            }
            if (pos < re.length() && (re.charAt(pos) == '?' || re.charAt(pos) == '+')) {
                pos++; // lazy or possessive
            }
            return min;
        }
    }
}
