package org.atlasops.detect.prompt;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.BitSet;
import java.util.List;
import java.util.TreeSet;

/**
 * Finds which of a fixed list of words occur in a text, in one pass (Aho-Corasick), comparing characters exactly.
 * Immutable once built, so one instance serves every thread. The prompt detector uses it for its cues' required
 * words; it is small on purpose (no case folding, no memo): the text it scans is already lower-cased.
 */
final class WordFinder {
    private final List<String> words;
    /** The class of each ASCII character (0: in no word); other characters by binary search in {@link #wide}. */
    private final int[] asciiClass = new int[128];

    private final char[] wide;
    private final int[] wideClass;
    private final int classes;
    /** Transitions, {@code state * classes + class} → next state, already following failure links. */
    private final int[] next;
    /** Per state, the indexes of the words that end there (its own and through failure links); null for none. */
    private final int[][] ends;

    /** @param words distinct, non-empty words; their indexes in this list are what {@link #find} reports */
    WordFinder(List<String> words) {
        this.words = List.copyOf(words);
        if (this.words.stream().anyMatch(String::isEmpty)
                || this.words.stream().distinct().count() != words.size()) {
            throw new IllegalArgumentException("words must be distinct and non-empty: " + words);
        }
        TreeSet<Character> chars = new TreeSet<>();
        this.words.forEach(w -> w.chars().forEach(c -> chars.add((char) c)));
        List<Character> wideChars = new ArrayList<>();
        int cls = 1;
        for (char c : chars) {
            if (c < 128) {
                asciiClass[c] = cls++;
            } else {
                wideChars.add(c);
            }
        }
        wide = new char[wideChars.size()];
        wideClass = new int[wide.length];
        for (int i = 0; i < wide.length; i++) {
            wide[i] = wideChars.get(i);
            wideClass[i] = cls++;
        }
        classes = cls;

        // the trie, then failure links breadth first (the classic construction), folded into one table
        List<int[]> trie = new ArrayList<>();
        List<List<Integer>> out = new ArrayList<>();
        trie.add(new int[classes]);
        out.add(new ArrayList<>());
        for (int w = 0; w < this.words.size(); w++) {
            int s = 0;
            for (char c : this.words.get(w).toCharArray()) {
                int k = classOf(c);
                if (trie.get(s)[k] == 0) {
                    trie.get(s)[k] = trie.size();
                    trie.add(new int[classes]);
                    out.add(new ArrayList<>());
                }
                s = trie.get(s)[k];
            }
            out.get(s).add(w);
        }
        int[] fail = new int[trie.size()];
        ArrayDeque<Integer> queue = new ArrayDeque<>();
        for (int k = 0; k < classes; k++) {
            if (trie.get(0)[k] != 0) {
                queue.add(trie.get(0)[k]);
            }
        }
        while (!queue.isEmpty()) {
            int s = queue.poll();
            for (int k = 0; k < classes; k++) {
                int t = trie.get(s)[k];
                if (t == 0) {
                    trie.get(s)[k] = trie.get(fail[s])[k];
                } else {
                    fail[t] = trie.get(fail[s])[k];
                    out.get(t).addAll(out.get(fail[t])); // fail[t] is shallower: already complete
                    queue.add(t);
                }
            }
        }
        next = new int[trie.size() * classes];
        ends = new int[trie.size()][];
        for (int s = 0; s < trie.size(); s++) {
            System.arraycopy(trie.get(s), 0, next, s * classes, classes);
            ends[s] = out.get(s).isEmpty()
                    ? null
                    : out.get(s).stream().mapToInt(Integer::intValue).toArray();
        }
    }

    List<String> words() {
        return words;
    }

    /** The indexes of the words that occur in the text. */
    BitSet find(CharSequence text) {
        BitSet found = new BitSet(words.size());
        int s = 0;
        for (int i = 0, n = text.length(); i < n; i++) {
            s = next[s * classes + classOf(text.charAt(i))];
            int[] e = ends[s];
            if (e != null) {
                for (int w : e) {
                    found.set(w);
                }
            }
        }
        return found;
    }

    private int classOf(char c) {
        if (c < 128) {
            return asciiClass[c];
        }
        int i = Arrays.binarySearch(wide, c);
        return i < 0 ? 0 : wideClass[i];
    }

    @Override
    public String toString() {
        return words.size() + " words, " + ends.length + " states, " + classes + " classes";
    }
}
