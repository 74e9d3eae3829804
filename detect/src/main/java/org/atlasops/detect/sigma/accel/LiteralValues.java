package org.atlasops.detect.sigma.accel;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.function.Predicate;

/**
 * Many plain values of one field test (equals, startswith, endswith, contains; compared ignoring case) matched in
 * one pass over a text, instead of value by value. Aho-Corasick over the values case folded as
 * {@link LiteralAutomaton} folds them; each value found is checked against its kind (at the start, at the end, both
 * or anywhere) and then confirmed with {@link String#regionMatches(boolean, int, String, int, int)}, the comparison
 * the engine makes value by value, so the verdict is the same (a text with an unpaired surrogate is left to the values'
 * own tests). Transitions are sparse (sorted per state) with a
 * dense row for ASCII at the root: thousands of single emoji cost a few states each, not a row of every class.
 * Made by a {@link Builder}; immutable, so it may be shared between threads.
 */
public final class LiteralValues {
    /** Where a value must be found in the text. */
    public enum Kind {
        EQUALS,
        STARTSWITH,
        ENDSWITH,
        CONTAINS
    }

    /** Collects values, then builds once. Used by one thread. */
    public static final class Builder {
        private final List<String> values = new ArrayList<>();
        private final List<Kind> kinds = new ArrayList<>();

        /**
         * Adds a value; only values {@link #accepts accepted} may be added.
         *
         * @throws IllegalArgumentException for a value the automaton cannot compare as the engine does
         */
        public Builder add(String value, Kind kind) {
            if (!accepts(value)) {
                throw new IllegalArgumentException("not a value for the automaton: " + value);
            }
            values.add(value);
            kinds.add(Objects.requireNonNull(kind, "kind"));
            return this;
        }

        public int size() {
            return values.size();
        }

        public LiteralValues build() {
            return new LiteralValues(values, kinds);
        }
    }

    /**
     * True when the automaton compares a value exactly as {@code regionMatches(ignoreCase)} does: not empty, no
     * unpaired surrogate, and no supplementary character that has other cases ({@code regionMatches} folds those as
     * code points, the automaton folds chars). Such values stay with the value-by-value test.
     */
    public static boolean accepts(String value) {
        if (value.isEmpty()) {
            return false;
        }
        for (int i = 0, n = value.length(); i < n; i++) {
            char c = value.charAt(i);
            if (Character.isHighSurrogate(c)) {
                if (i + 1 >= n || !Character.isLowSurrogate(value.charAt(i + 1))) {
                    return false;
                }
                int cp = Character.toCodePoint(c, value.charAt(++i));
                int upper = Character.toUpperCase(cp);
                if (upper != cp || Character.toLowerCase(cp) != cp || Character.toLowerCase(upper) != cp) {
                    return false;
                }
            } else if (Character.isLowSurrogate(c)) {
                return false;
            }
        }
        return true;
    }

    private final String[] values;
    private final Kind[] kinds;
    /** The child of the root for each folded ASCII character (0: none). */
    private final int[] rootAscii = new int[128];
    /** Per state, its transitions: folded characters sorted in {@code keys[first[s]..first[s + 1])}. */
    private final int[] first;

    private final char[] keys;
    private final int[] targets;
    private final int[] fail;
    /** Per state, the values it ends (null: none), and the nearest state on its failure chain that ends some. */
    private final int[][] ends;

    private final int[] nextEnding;

    private LiteralValues(List<String> values, List<Kind> kinds) {
        this.values = values.toArray(String[]::new);
        this.kinds = kinds.toArray(Kind[]::new);
        // the trie, with each state's children in a map while building
        List<Map<Character, Integer>> children = new ArrayList<>();
        List<List<Integer>> ending = new ArrayList<>();
        children.add(new HashMap<>());
        ending.add(null);
        for (int v = 0; v < this.values.length; v++) {
            String value = this.values[v];
            int state = 0;
            for (int i = 0; i < value.length(); i++) {
                char c = LiteralAutomaton.fold(value.charAt(i));
                Integer next = children.get(state).get(c);
                if (next == null) {
                    next = children.size();
                    children.get(state).put(c, next);
                    children.add(new HashMap<>());
                    ending.add(null);
                }
                state = next;
            }
            if (ending.get(state) == null) {
                ending.set(state, new ArrayList<>());
            }
            ending.get(state).add(v);
        }
        int states = children.size();
        first = new int[states + 1];
        int edges = 0;
        for (int s = 0; s < states; s++) {
            first[s] = edges;
            edges += children.get(s).size();
        }
        first[states] = edges;
        keys = new char[edges];
        targets = new int[edges];
        ends = new int[states][];
        for (int s = 0; s < states; s++) {
            Character[] cs = children.get(s).keySet().toArray(Character[]::new);
            Arrays.sort(cs);
            for (int k = 0; k < cs.length; k++) {
                keys[first[s] + k] = cs[k];
                targets[first[s] + k] = children.get(s).get(cs[k]);
            }
            List<Integer> e = ending.get(s);
            ends[s] = e == null ? null : e.stream().mapToInt(Integer::intValue).toArray();
        }
        for (char c = 0; c < 128; c++) {
            rootAscii[c] = child(0, LiteralAutomaton.fold(c));
        }
        // failure links breadth first; nextEnding skips the states on the chain that end nothing
        fail = new int[states];
        nextEnding = new int[states];
        Arrays.fill(nextEnding, -1);
        ArrayDeque<Integer> queue = new ArrayDeque<>();
        for (int k = first[0]; k < first[1]; k++) {
            queue.add(targets[k]);
        }
        while (!queue.isEmpty()) {
            int s = queue.poll();
            for (int k = first[s]; k < first[s + 1]; k++) {
                int t = targets[k];
                int f = fail[s];
                int to;
                while ((to = child(f, keys[k])) == 0 && f != 0) {
                    f = fail[f];
                }
                fail[t] = to == t ? 0 : to;
                nextEnding[t] = ends[fail[t]] != null ? fail[t] : nextEnding[fail[t]];
                queue.add(t);
            }
        }
    }

    /** The child of a state on a folded character, or 0 (the root is nobody's child). */
    private int child(int state, char c) {
        int lo = first[state];
        int hi = first[state + 1] - 1;
        while (lo <= hi) {
            int mid = (lo + hi) >>> 1;
            char k = keys[mid];
            if (k < c) {
                lo = mid + 1;
            } else if (k > c) {
                hi = mid - 1;
            } else {
                return targets[mid];
            }
        }
        return 0;
    }

    /** How many values there are. */
    public int size() {
        return values.length;
    }

    /**
     * True when some value is found in the text where its kind says.
     *
     * @param valueByValue the values' own tests, for a text with an unpaired surrogate: {@code regionMatches}
     *     pairs halves across positions there in ways a char-by-char automaton cannot follow
     */
    public boolean anyMatch(String text, Predicate<String> valueByValue) {
        int n = text.length();
        int state = 0;
        for (int i = 0; i < n; i++) {
            char c = text.charAt(i);
            if (Character.isSurrogate(c) && unpaired(text, i)) {
                return valueByValue.test(text);
            }
            char f = LiteralAutomaton.fold(c);
            int next;
            if (state == 0) {
                next = f < 128 ? rootAscii[f] : child(0, f);
            } else {
                while ((next = child(state, f)) == 0 && state != 0) {
                    state = fail[state];
                }
            }
            state = next;
            for (int s = ends[state] != null ? state : nextEnding[state]; s > 0; s = nextEnding[s]) {
                for (int v : ends[s]) {
                    if (holds(v, text, i + 1)) {
                        return true;
                    }
                }
            }
        }
        return false;
    }

    /** True when the surrogate at i is not half of a pair. */
    private static boolean unpaired(String text, int i) {
        char c = text.charAt(i);
        return Character.isHighSurrogate(c)
                ? i + 1 >= text.length() || !Character.isLowSurrogate(text.charAt(i + 1))
                : i == 0 || !Character.isHighSurrogate(text.charAt(i - 1));
    }

    /** Whether value v, found ending at {@code end}, is where its kind says and equal ignoring case. */
    private boolean holds(int v, String text, int end) {
        String value = values[v];
        int start = end - value.length();
        boolean placed = switch (kinds[v]) {
            case EQUALS -> start == 0 && end == text.length();
            case STARTSWITH -> start == 0;
            case ENDSWITH -> end == text.length();
            case CONTAINS -> true;
        };
        return placed && text.regionMatches(true, start, value, 0, value.length());
    }

    @Override
    public String toString() {
        return values.length + " values, " + ends.length + " states";
    }
}
