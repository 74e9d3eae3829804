package org.atlasops.detect.sigma;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.atlasops.detect.event.Event;
import org.atlasops.detect.event.FieldPath;

/**
 * Aho-Corasick over the required literals of every regular expression of a rule set (lower case): one pass over a
 * text finds all literals it contains, so each regex only runs when one of its literals is present. Transitions are
 * a dense table over the characters that occur in literals; other characters go to class 0. Also used outside rule
 * sets (the prompt detector's anchor words): {@link #add} every literal, {@link #build} once, then {@link #scan}
 * from any thread.
 */
public final class LiteralAutomaton {
    private final Map<String, Integer> ids = new LinkedHashMap<>();
    private int nextId;
    /**
     * The id set when a text holds a character outside ASCII, or -1: a regex that cannot match without one (Unicode
     * tag characters, bidi controls) is then ruled out by the scan that the other rules need anyway.
     */
    private int nonAscii = -1;
    private final char[] classOf = new char[Character.MAX_VALUE + 1];
    private int classes = 1;
    /**
     * The transition table flattened: entry {@code state * classes + class} holds the next state premultiplied by
     * {@code classes} (so the scan loop has no multiply), negated when that state ends a literal. Per state, the
     * literals it ends.
     */
    private int[] table;
    private int[][] emits;
    /** The class of each ASCII character, case folded, so the common case needs one lookup. */
    private final char[] asciiClass = new char[128];
    private int words;
    /** The set of a field without values, shared by all events; made by {@link #build}. */
    private long[] nothingFound;
    private static final java.util.concurrent.atomic.AtomicLong SERIALS = new java.util.concurrent.atomic.AtomicLong();
    /**
     * Marks the sets this automaton keeps with events as its own: a set kept with an event has one word more than
     * the literals need, holding this number (several rule sets may read one event), so no wrapper object is made.
     */
    private final long serial = SERIALS.incrementAndGet();

    /** The id of a literal (compared ignoring case), registering it. */
    public int add(String literal) {
        StringBuilder folded = new StringBuilder(literal.length());
        for (int i = 0; i < literal.length(); i++) {
            folded.append(fold(literal.charAt(i)));
        }
        return ids.computeIfAbsent(folded.toString(), l -> nextId++);
    }

    /** The id of "the text holds a character outside ASCII", registering it. */
    int nonAscii() {
        if (nonAscii < 0) {
            nonAscii = nextId++;
        }
        return nonAscii;
    }

    /**
     * One case for every character: two characters equal ignoring case (as {@link String#regionMatches} and
     * case-insensitive regexes compare them) fold to the same one.
     */
    private static char fold(char c) {
        if (c < 128) {
            return c >= 'A' && c <= 'Z' ? (char) (c + 32) : c;
        }
        return Character.toLowerCase(Character.toUpperCase(c));
    }

    int size() {
        return nextId;
    }

    /** Builds the automaton from the registered literals; call once, after every add. */
    public void build() {
        words = (nextId + 63) / 64;
        nothingFound = keptSet();
        for (String l : ids.keySet()) {
            for (char c : l.toCharArray()) {
                if (classOf[c] == 0) {
                    classOf[c] = (char) classes++;
                }
            }
        }
        List<int[]> trans = new ArrayList<>();
        List<long[]> out = new ArrayList<>();
        trans.add(new int[classes]);
        out.add(new long[words]);
        for (Map.Entry<String, Integer> e : ids.entrySet()) {
            int state = 0;
            for (char c : e.getKey().toCharArray()) {
                int cls = classOf[c];
                if (trans.get(state)[cls] == 0) {
                    trans.get(state)[cls] = trans.size();
                    trans.add(new int[classes]);
                    out.add(new long[words]);
                }
                state = trans.get(state)[cls];
            }
            out.get(state)[e.getValue() >>> 6] |= 1L << (e.getValue() & 63);
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
                    long[] o = out.get(t);
                    long[] fo = out.get(f);
                    for (int w = 0; w < words; w++) {
                        o[w] |= fo[w];
                    }
                } else {
                    trans.get(s)[cls] = trans.get(fail[s])[cls];
                }
            }
        }
        int[][] next = trans.toArray(int[][]::new);
        long[][] output = out.toArray(long[][]::new);
        emits = new int[next.length][];
        for (int st = 0; st < next.length; st++) {
            emits[st] = java.util.BitSet.valueOf(output[st]).stream().toArray();
            if (emits[st].length == 0) {
                emits[st] = null;
            }
        }
        table = new int[next.length * classes];
        for (int st = 0; st < next.length; st++) {
            for (int cls = 0; cls < classes; cls++) {
                int to = next[st][cls];
                table[st * classes + cls] = emits[to] == null ? to * classes : -(to * classes) - 1;
            }
        }
        for (char c = 0; c < 128; c++) {
            asciiClass[c] = classOf[fold(c)];
        }
    }

    /** The literals found in a text, as a bit set over literal ids. */
    public long[] scan(String text) {
        long[] found = new long[words];
        scanInto(text, found);
        return found;
    }

    /** Adds the literals found in a text to a bit set. */
    private void scanInto(String text, long[] found) {
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

    public static boolean has(long[] found, int literalId) {
        return (found[literalId >>> 6] & (1L << (literalId & 63))) != 0;
    }

    /**
     * Literal ids as (word index, bits) pairs for {@link #anyIn}: a rule registers its literals together, so dozens
     * of them share a word or two, and a text with none of them is ruled out in one or two tests instead of one per
     * literal.
     */
    static long[] wordsOf(int[] literalIds) {
        java.util.TreeMap<Integer, Long> words = new java.util.TreeMap<>();
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
    static boolean anyIn(long[] found, long[] words) {
        for (int i = 0; i < words.length; i += 2) {
            if ((found[(int) words[i]] & words[i + 1]) != 0) {
                return true;
            }
        }
        return false;
    }

    /**
     * The scan of a text, reused while the same string is tested by other rules: the last few texts scanned on
     * this thread are remembered (by identity), since the rules of one event test a handful of its values in turn.
     * Read the result at once: it is overwritten once eight other texts have been scanned.
     */
    long[] scanCached(String text) {
        Recent r = RECENT.get();
        for (int i = 0; i < Recent.SLOTS; i++) {
            if (r.texts[i] == text && r.automata[i] == this) {
                return r.scans[i];
            }
        }
        int slot = r.next;
        // the slot's old set is reused: callers read a cached scan at once and do not keep it
        long[] found = r.automata[slot] == this ? r.scans[slot] : new long[words];
        java.util.Arrays.fill(found, 0);
        scanInto(text, found);
        r.next = (slot + 1) % Recent.SLOTS;
        r.texts[slot] = text;
        r.automata[slot] = this;
        r.scans[slot] = found;
        return found;
    }

    private static final class Recent {
        static final int SLOTS = 8;
        final String[] texts = new String[SLOTS];
        final LiteralAutomaton[] automata = new LiteralAutomaton[SLOTS];
        final long[][] scans = new long[SLOTS][];
        int next;
    }

    private static final ThreadLocal<Recent> RECENT = ThreadLocal.withInitial(Recent::new);

    /**
     * The literals in any value of a field of the event, found once per event (kept with the event's field memo)
     * for all the rules that ask.
     */
    long[] literalsIn(Event e, FieldPath field) {
        Object known = e.derived(field);
        if (isKept(known)) {
            return (long[]) known;
        }
        Object values = e.compactValues(field);
        int count = Event.count(values);
        if (count == 0) {
            // most rule fields are absent from most events: one shared empty set, nothing allocated
            e.derive(field, nothingFound);
            return nothingFound;
        }
        long[] found = keptSet();
        for (int i = 0; i < count; i++) {
            JsonNode v = Event.get(values, i);
            if (!v.isNull()) {
                add(v.asText(), found);
            }
        }
        e.derive(field, found);
        return found;
    }

    /**
     * The literals in any scalar value of the event (numbers and booleans as written), for keyword rules: found
     * once per event, walking its JSON without listing the values.
     */
    long[] literalsIn(Event e) {
        if (isKept(e.derivedFromAll())) {
            return (long[]) e.derivedFromAll();
        }
        long[] found = keptSet();
        e.forEachScalar(v -> add(v.asText(), found));
        e.deriveFromAll(found);
        return found;
    }

    /** An empty set of literals to keep with an event, marked as this automaton's. */
    private long[] keptSet() {
        long[] set = new long[words + 1];
        set[words] = serial;
        return set;
    }

    private boolean isKept(Object derived) {
        return derived instanceof long[] set && set.length == words + 1 && set[words] == serial;
    }

    /** Adds the literals of a text to a bit set: long texts through the per-thread cache, short ones in place. */
    private void add(String text, long[] found) {
        if (text.length() < SHARED_SCAN_LENGTH) {
            scanInto(text, found);
        } else {
            long[] one = scanCached(text);
            for (int w = 0; w < words; w++) {
                found[w] |= one[w];
            }
        }
    }

    /**
     * Texts this long are scanned through {@link #scanCached}, since field tests will likely ask about them too;
     * shorter ones (times, ids, names, numbers: most of an event's values) are scanned in place, which costs less
     * than remembering them.
     */
    private static final int SHARED_SCAN_LENGTH = 24;

    @Override
    public String toString() {
        return ids.size() + " literals, " + (emits == null ? 0 : emits.length) + " states, " + classes + " classes";
    }
}
