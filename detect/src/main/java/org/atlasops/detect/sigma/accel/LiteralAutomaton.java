package org.atlasops.detect.sigma.accel;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.stream.IntStream;

/**
 * Aho-Corasick over the literals of a rule set (compared ignoring case): one pass over a text finds all the
 * literals it contains, so a regex, keyword or rule only runs when one of its literals is present. Transitions are
 * a dense table over the characters that occur in literals; other characters go to class 0. Made by a
 * {@link Builder} (every literal added, then built once); immutable, so it may be shared between threads.
 */
public final class LiteralAutomaton {
    /** The literals a state ends when it ends none (declared before {@link #EMPTY}, which needs it). */
    private static final int[] NONE = {};

    /** An automaton without literals, for events that no rule set's literals are asked of. */
    public static final LiteralAutomaton EMPTY = new Builder().build();

    /** Plain values are found by a window of this many characters: enough to rule events out, and a small table. */
    static final int VALUE_WINDOW = 8;

    /** Registers literals (each gets its id at once) and builds the automaton. Used by one thread. */
    public static final class Builder {
        private final Map<String, Integer> ids = new LinkedHashMap<>();
        private int nextId;
        private int nonAscii = -1;
        private int memoSlots;
        private Builder values;
        /** Literals longer than this are found by one window of this many characters; 0: whole. */
        private final int window;

        public Builder() {
            this(0);
        }

        private Builder(int window) {
            this.window = window;
        }

        /**
         * The builder of the companion automaton for plain field values. Their literals are many (one per value
         * of a large rule set) and are asked only of the fields their rules read, so they are kept apart from the
         * regex and keyword literals: scans for those stay on a small table.
         */
        public Builder values() {
            if (values == null) {
                values = new Builder(VALUE_WINDOW);
            }
            return values;
        }

        /** The id of a literal (compared ignoring case), registering it. */
        public int add(String literal) {
            StringBuilder folded = new StringBuilder(literal.length());
            for (int i = 0; i < literal.length(); i++) {
                folded.append(fold(literal.charAt(i)));
            }
            return ids.computeIfAbsent(folded.toString(), l -> nextId++);
        }

        /**
         * The id of a literal that every text equal to, or containing, a value contains, registering it; -1 when
         * there is none. An ASCII value is its own literal. A value with characters outside ASCII (kept out of the
         * table, which has a column per character) is represented by {@link #nonAscii} when none of those characters
         * equals an ASCII one ignoring case (emoji, Cyrillic lookalikes; not the Kelvin sign, equal to "k").
         */
        public int addValue(String value) {
            if (value.chars().allMatch(c -> c < 128)) {
                return add(value);
            }
            return value.chars().allMatch(c -> c < 128 || fold((char) c) >= 128) ? nonAscii() : -1;
        }

        /**
         * The id of "the text holds a character outside ASCII", registering it: a regex that cannot match without
         * one (Unicode tag characters, bidi controls) is then ruled out by the scan that the other rules need anyway.
         */
        public int nonAscii() {
            if (nonAscii < 0) {
                nonAscii = nextId++;
            }
            return nonAscii;
        }

        /**
         * A new slot for a {@link ShortTextMemo} of the rule set's regexes: the detector keeps one memo per slot of
         * the automaton its rules were compiled with.
         */
        public int memoSlot() {
            return memoSlots++;
        }

        /** The automaton of every literal added so far; the builder may go on adding for a larger one. */
        public LiteralAutomaton build() {
            return new LiteralAutomaton(
                    window == 0 ? List.copyOf(ids.entrySet()) : windows(),
                    nextId,
                    nonAscii,
                    memoSlots,
                    values == null ? null : values.build());
        }

        /**
         * Each literal with the window of it that the fewest literals share (the last of equals): a text without the
         * window cannot contain the literal, and a window many values share ("imphash=", "c:\\windo") would let
         * every event through. Chosen from the rule set's own values, so no traffic is needed to choose.
         */
        private List<Map.Entry<String, Integer>> windows() {
            Map<String, Integer> shared = new HashMap<>();
            for (String l : ids.keySet()) {
                Set<String> own = new HashSet<>();
                for (int at = 0; at + Math.min(window, l.length()) <= l.length(); at++) {
                    own.add(l.substring(at, at + Math.min(window, l.length())));
                }
                own.forEach(w -> shared.merge(w, 1, Integer::sum));
            }
            List<Map.Entry<String, Integer>> out = new ArrayList<>(ids.size());
            for (Map.Entry<String, Integer> e : ids.entrySet()) {
                String l = e.getKey();
                String best = l;
                if (l.length() > window) {
                    int fewest = Integer.MAX_VALUE;
                    for (int at = 0; at + window <= l.length(); at++) {
                        String w = l.substring(at, at + window);
                        int n = shared.get(w);
                        if (n <= fewest) {
                            fewest = n;
                            best = w;
                        }
                    }
                }
                out.add(Map.entry(best, e.getValue()));
            }
            return out;
        }
    }

    private final int size;
    private final int nonAscii;
    private final int memoSlots;
    private final char[] classOf = new char[Character.MAX_VALUE + 1];
    private final int classes;
    /**
     * The transition table flattened: entry {@code state * classes + class} holds the next state premultiplied by
     * {@code classes} (so the scan loop has no multiply), negated when that state ends a literal.
     */
    private final int[] table;

    /** Per state, the ids of the literals it ends (null for none). */
    private final int[][] emits;
    /** The class of each ASCII character, case folded, so the common case needs one lookup. */
    private final char[] asciiClass = new char[128];

    private final int words;
    /** The automaton of plain values' literals (see {@link Builder#values}); null when there are none. */
    private final LiteralAutomaton values;

    /**
     * One case for every character: two characters equal ignoring case (as {@link String#regionMatches} and
     * case-insensitive regexes compare them) fold to the same one.
     */
    static char fold(char c) {
        if (c < 128) {
            return c >= 'A' && c <= 'Z' ? (char) (c + 32) : c;
        }
        return Character.toLowerCase(Character.toUpperCase(c));
    }

    /** The sorted ids of both, without repeats. */
    private static int[] union(int[] a, int[] b) {
        if (b.length == 0) {
            return a;
        }
        if (a.length == 0) {
            return b;
        }
        return IntStream.concat(Arrays.stream(a), Arrays.stream(b))
                .distinct()
                .sorted()
                .toArray();
    }

    /** How many literal ids there are (the bits of a scan). */
    public int size() {
        return size;
    }

    /** How many regex memo slots the rule set compiled with this automaton uses. */
    public int memoSlots() {
        return memoSlots;
    }

    /** The length of a scan's bit set. */
    public int words() {
        return words;
    }

    /** The automaton of plain values' literals, whose ids value prerequisites hold; empty when there are none. */
    public LiteralAutomaton values() {
        return values == null ? EMPTY : values;
    }

    /** @param ids each text to find with the id it reports (one id may have several texts, one text several ids) */
    private LiteralAutomaton(
            List<Map.Entry<String, Integer>> ids, int size, int nonAscii, int memoSlots, LiteralAutomaton values) {
        this.values = values;
        this.size = size;
        this.nonAscii = nonAscii;
        this.memoSlots = memoSlots;
        words = (size + 63) / 64;
        int classes = 1;
        for (Map.Entry<String, Integer> e : ids) {
            for (char c : e.getKey().toCharArray()) {
                if (classOf[c] == 0) {
                    classOf[c] = (char) classes++;
                }
            }
        }
        this.classes = classes;
        List<int[]> trans = new ArrayList<>();
        // per state, the ids of the literals it ends (sorted, no repeats); most states end none
        List<int[]> out = new ArrayList<>();
        trans.add(new int[classes]);
        out.add(NONE);
        for (Map.Entry<String, Integer> e : ids) {
            int state = 0;
            for (char c : e.getKey().toCharArray()) {
                int cls = classOf[c];
                if (trans.get(state)[cls] == 0) {
                    trans.get(state)[cls] = trans.size();
                    trans.add(new int[classes]);
                    out.add(NONE);
                }
                state = trans.get(state)[cls];
            }
            out.set(state, union(out.get(state), new int[] {e.getValue()}));
        }
        int[] fail = new int[trans.size()];
        ArrayDeque<Integer> queue = new ArrayDeque<>();
        for (int cls = 0; cls < classes; cls++) {
            int s = trans.get(0)[cls];
            if (s != 0) {
                queue.add(s);
            }
        }
        while (!queue.isEmpty()) {
            int s = queue.poll();
            for (int cls = 0; cls < classes; cls++) {
                int t = trans.get(s)[cls];
                if (t != 0) {
                    queue.add(t);
                    int f = trans.get(fail[s])[cls];
                    fail[t] = f;
                    out.set(t, union(out.get(t), out.get(f)));
                } else {
                    trans.get(s)[cls] = trans.get(fail[s])[cls];
                }
            }
        }
        int[][] next = trans.toArray(int[][]::new);
        int[][] emits = new int[next.length][];
        for (int st = 0; st < next.length; st++) {
            emits[st] = out.get(st).length == 0 ? null : out.get(st);
        }
        int[] table = new int[next.length * classes];
        for (int st = 0; st < next.length; st++) {
            for (int cls = 0; cls < classes; cls++) {
                int to = next[st][cls];
                table[st * classes + cls] = emits[to] == null ? to * classes : -(to * classes) - 1;
            }
        }
        for (char c = 0; c < 128; c++) {
            asciiClass[c] = classOf[fold(c)];
        }
        this.emits = emits;
        this.table = table;
    }

    /** The literals found in a text, as a bit set over literal ids. */
    public long[] scan(String text) {
        long[] found = new long[words];
        scanInto(text, found);
        return found;
    }

    /** Adds the literals found in a text to a bit set of {@link #words} longs. */
    public void scanInto(String text, long[] found) {
        int at = 0;
        int[] t = table;
        char[] ascii = asciiClass;
        for (int i = 0, n = text.length(); i < n; i++) {
            char c = text.charAt(i);
            int cls;
            if (c < 128) {
                cls = ascii[c];
            } else {
                cls = classOf[fold(c)];
                if (nonAscii >= 0) {
                    found[nonAscii >>> 6] |= 1L << nonAscii;
                }
            }
            int next = t[at + cls];
            if (next < 0) {
                at = -next - 1;
                for (int id : emits[at / classes]) {
                    found[id >>> 6] |= 1L << id;
                }
            } else {
                at = next;
            }
        }
    }

    /** True when the bit set of a scan holds the literal. */
    public static boolean has(long[] found, int literalId) {
        return (found[literalId >>> 6] & (1L << (literalId & 63))) != 0;
    }

    /**
     * Literal ids as (word index, bits) pairs for {@link #anyIn}: a rule registers its literals together, so dozens
     * of them share a word or two, and a text with none of them is ruled out in one or two tests instead of one per
     * literal.
     */
    public static long[] wordsOf(int[] literalIds) {
        TreeMap<Integer, Long> words = new TreeMap<>();
        for (int id : literalIds) {
            words.merge(id >>> 6, 1L << (id & 63), (x, y) -> x | y);
        }
        long[] out = new long[words.size() * 2];
        int i = 0;
        for (Map.Entry<Integer, Long> w : words.entrySet()) {
            out[i++] = w.getKey();
            out[i++] = w.getValue();
        }
        return out;
    }

    /** True when the bit set holds one of the literals given as {@link #wordsOf} pairs. */
    public static boolean anyIn(long[] found, long[] words) {
        for (int i = 0; i < words.length; i += 2) {
            if ((found[(int) words[i]] & words[i + 1]) != 0) {
                return true;
            }
        }
        return false;
    }

    @Override
    public String toString() {
        return size + " literals, " + emits.length + " states, " + classes + " classes";
    }
}
