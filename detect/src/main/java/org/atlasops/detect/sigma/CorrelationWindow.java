package org.atlasops.detect.sigma;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.time.Instant;
import java.util.List;
import org.atlasops.detect.event.Event;

/**
 * One correlation group's sliding window, oldest entry first, with its aggregates kept up to date on every add and
 * eviction. Entries live in primitive arrays used as a ring, holding only what the correlation type needs (times;
 * rule indices for temporal types; a 64-bit fingerprint of the value's text for distinct counts; the value as a
 * number for sums): windows hold thousands of entries, and the engine waits on memory more than it computes.
 * Where the newest events came from (source and line, for alerts) is kept for the last {@link #CONTRIBUTORS} only.
 */
final class CorrelationWindow {
    /** Contributing events kept for alerts, newest last. */
    static final int CONTRIBUTORS = CorrelationEngine.MAX_EVENTS_IN_MATCH;
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final int FORMAT = 2;

    private long[] times = new long[4];
    private int[] rules;
    private long[] keys;
    private double[] numbers;
    private int head;
    private int size;

    /** The last contributions' sources, lines and times, as a ring in arrival order. */
    private final String[] sources = new String[CONTRIBUTORS];
    private final long[] lines = new long[CONTRIBUTORS];
    private final long[] arrived = new long[CONTRIBUTORS];
    private int contributions;

    private final ValueCounts counts;
    private final boolean sums;
    private final int[] ruleCounts;
    private double sum;
    private int numbered;
    /** When the group was last added to, for dropping the least recently used groups. */
    long lastUsed;

    CorrelationWindow(CorrelationRule.Type type, int ruleCount) {
        boolean countValues = type == CorrelationRule.Type.VALUE_COUNT
                || type == CorrelationRule.Type.VALUE_PERCENTILE;
        counts = countValues ? new ValueCounts() : null;
        keys = countValues ? new long[4] : null;
        sums = type == CorrelationRule.Type.VALUE_SUM || type == CorrelationRule.Type.VALUE_AVG;
        numbers = sums ? new double[4] : null;
        boolean temporal = type == CorrelationRule.Type.TEMPORAL || type == CorrelationRule.Type.TEMPORAL_ORDERED;
        rules = temporal ? new int[4] : null;
        ruleCounts = temporal ? new int[Math.max(1, ruleCount)] : null;
    }

    int size() {
        return size;
    }

    boolean isEmpty() {
        return size == 0;
    }

    /** The key a value is counted by: a 64-bit fingerprint of its text; 0 for none. */
    static long keyOf(JsonNode value) {
        if (value == null || value.isNull()) {
            return 0;
        }
        String t = value.asText();
        long h = 0xcbf29ce484222325L;
        for (int i = 0; i < t.length(); i++) {
            h = (h ^ t.charAt(i)) * 0x100000001b3L;
        }
        h ^= h >>> 29;
        h *= 0xbf58476d1ce4e5b9L;
        h ^= h >>> 32;
        return h == 0 ? 1 : h;
    }

    /** The number a value sums as, or NaN. */
    static double numberOf(JsonNode value) {
        EventTest.OptionalNumber n = EventTest.OptionalNumber.of(value);
        return n.present ? n.value : Double.NaN;
    }

    /** Milliseconds since the epoch, saturated for times beyond what a long holds. */
    static long millis(Instant t) {
        try {
            return t.toEpochMilli();
        } catch (ArithmeticException e) {
            return t.isBefore(Instant.EPOCH) ? Long.MIN_VALUE : Long.MAX_VALUE;
        }
    }

    /** Adds an entry in time order (late arrivals are placed among the others). */
    void add(long time, int rule, JsonNode value, String source, long line) {
        insert(time, rule, keys != null ? keyOf(value) : 0, sums ? numberOf(value) : Double.NaN);
        int c = contributions++ % CONTRIBUTORS;
        sources[c] = source;
        lines[c] = line;
        arrived[c] = time;
        lastUsed = time;
    }

    private void insert(long time, int rule, long key, double number) {
        if (size == times.length) {
            grow();
        }
        int at = size;
        while (at > 0 && times[slot(at - 1)] > time) {
            at--;
        }
        for (int i = size; i > at; i--) {
            move(slot(i - 1), slot(i));
        }
        int s = slot(at);
        times[s] = time;
        if (rules != null) {
            rules[s] = rule;
        }
        if (keys != null) {
            keys[s] = key;
        }
        if (numbers != null) {
            numbers[s] = number;
        }
        size++;
        account(s, 1);
    }

    /** Drops entries older than {@code oldest}, then the oldest beyond {@code max}; returns how many beyond max. */
    int evict(long oldest, int max) {
        while (size > 0 && times[head] < oldest) {
            removeFirst();
        }
        int over = 0;
        while (size > max) {
            removeFirst();
            over++;
        }
        return over;
    }

    private void removeFirst() {
        account(head, -1);
        head = head + 1 == times.length ? 0 : head + 1;
        size--;
    }

    private void account(int s, int sign) {
        if (counts != null && keys[s] != 0) {
            counts.add(keys[s], sign);
        }
        if (sums && !Double.isNaN(numbers[s])) {
            sum += sign * numbers[s];
            numbered += sign;
        }
        if (ruleCounts != null && rules[s] >= 0 && rules[s] < ruleCounts.length) {
            ruleCounts[rules[s]] += sign;
        }
    }

    private int slot(int index) {
        int s = head + index;
        return s >= times.length ? s - times.length : s;
    }

    private void move(int from, int to) {
        times[to] = times[from];
        if (rules != null) {
            rules[to] = rules[from];
        }
        if (keys != null) {
            keys[to] = keys[from];
        }
        if (numbers != null) {
            numbers[to] = numbers[from];
        }
    }

    private void grow() {
        int n = times.length * 2;
        times = unrolled(times, new long[n]);
        rules = rules == null ? null : unrolled(rules, new int[n]);
        keys = keys == null ? null : unrolled(keys, new long[n]);
        numbers = numbers == null ? null : unrolled(numbers, new double[n]);
        head = 0;
    }

    /** The ring's entries copied to the start of a larger array, oldest first. */
    private <T> T unrolled(T ring, T into) {
        int length = java.lang.reflect.Array.getLength(ring);
        int first = Math.min(size, length - head);
        System.arraycopy(ring, head, into, 0, first);
        System.arraycopy(ring, 0, into, first, size - first);
        return into;
    }

    /** Distinct values in the window. */
    int distinctValues() {
        return counts == null ? 0 : counts.size();
    }

    /** How many entries in the window have this value. */
    int countOf(JsonNode value) {
        return counts == null ? 0 : counts.get(keyOf(value));
    }

    double sum() {
        return sum;
    }

    double average() {
        return numbered == 0 ? 0 : sum / numbered;
    }

    /** How many of the referenced rules have at least one entry. */
    int distinctRules() {
        int distinct = 0;
        for (int n : ruleCounts) {
            if (n > 0) {
                distinct++;
            }
        }
        return distinct;
    }

    /** How many of {@code ruleCount} rules were seen in their order (rule 0, later rule 1, …). */
    int rulesInOrder(int ruleCount) {
        int next = 0;
        // a rule with no entry in the window ends the sequence without a scan for it
        for (int i = 0; i < size && next < ruleCount && hasEntries(next); i++) {
            if (rules[slot(i)] == next) {
                next++;
            }
        }
        return next;
    }

    private boolean hasEntries(int rule) {
        return rule < ruleCounts.length && ruleCounts[rule] > 0;
    }

    /**
     * The newest contributing events still in the window (at most {@link #CONTRIBUTORS}), oldest first, as their
     * source, line and time. They are copied; the events are made only when read, since most results are counted
     * rather than printed.
     */
    List<Event> newest() {
        long oldest = size == 0 ? Long.MAX_VALUE : times[head];
        int kept = Math.min(contributions, CONTRIBUTORS);
        List<Integer> inWindow = new java.util.ArrayList<>(kept);
        for (int back = kept; back >= 1; back--) {
            int c = Math.floorMod(contributions - back, CONTRIBUTORS);
            if (arrived[c] >= oldest) {
                inWindow.add(c);
            }
        }
        inWindow.sort(java.util.Comparator.comparingLong(c -> arrived[c]));
        List<Integer> picked = inWindow.subList(Math.max(0, inWindow.size() - size), inWindow.size());
        int count = picked.size();
        long[] t = new long[count];
        String[] s = new String[count];
        long[] l = new long[count];
        for (int i = 0; i < count; i++) {
            t[i] = arrived[picked.get(i)];
            s[i] = sources[picked.get(i)];
            l[i] = lines[picked.get(i)];
        }
        return new java.util.AbstractList<>() {
            @Override
            public Event get(int i) {
                ObjectNode stub = JsonNodeFactory.instance.objectNode().put("@timestamp",
                        Instant.ofEpochMilli(t[i]).toString());
                return new Event(stub, s[i], l[i]);
            }

            @Override
            public int size() {
                return count;
            }
        };
    }

    /** The window as JSON, for state kept outside the process. */
    String serialize() {
        ObjectNode root = JsonNodeFactory.instance.objectNode().put("format", FORMAT);
        ArrayNode a = root.putArray("entries");
        for (int i = 0; i < size; i++) {
            int s = slot(i);
            ObjectNode n = a.addObject().put("t", times[s]);
            if (rules != null) {
                n.put("r", rules[s]);
            }
            if (keys != null) {
                n.put("k", keys[s]);
            }
            if (numbers != null && !Double.isNaN(numbers[s])) {
                n.put("n", numbers[s]);
            }
        }
        ArrayNode c = root.putArray("contributors");
        int kept = Math.min(contributions, CONTRIBUTORS);
        for (int back = kept; back >= 1; back--) {
            int i = Math.floorMod(contributions - back, CONTRIBUTORS);
            c.addObject().put("s", sources[i]).put("l", lines[i]).put("t", arrived[i]);
        }
        return root.toString();
    }

    /** A window read back; text in another format (or unreadable) gives an empty window, rebuilt as events come. */
    static CorrelationWindow deserialize(String text, CorrelationRule.Type type, int ruleCount) {
        CorrelationWindow w = new CorrelationWindow(type, ruleCount);
        try {
            JsonNode root = JSON.readTree(text);
            if (root == null || root.path("format").asInt() != FORMAT) {
                return w;
            }
            for (JsonNode n : root.path("entries")) {
                w.insert(n.path("t").asLong(), n.path("r").asInt(), n.path("k").asLong(),
                        n.has("n") ? n.path("n").asDouble() : Double.NaN);
            }
            for (JsonNode n : root.path("contributors")) {
                int c = w.contributions++ % CONTRIBUTORS;
                w.sources[c] = n.path("s").asText("");
                w.lines[c] = n.path("l").asLong();
                w.arrived[c] = n.path("t").asLong();
                w.lastUsed = Math.max(w.lastUsed, w.arrived[c]);
            }
        } catch (IOException e) {
            return new CorrelationWindow(type, ruleCount);
        }
        return w;
    }

    /** Counts per value key: open addressing over longs (0 = empty), deletion by shifting back. */
    static final class ValueCounts {
        private long[] keys = new long[8];
        private int[] values = new int[8];
        private int size;

        int size() {
            return size;
        }

        int get(long key) {
            int mask = keys.length - 1;
            for (int i = index(key, mask); keys[i] != 0; i = (i + 1) & mask) {
                if (keys[i] == key) {
                    return values[i];
                }
            }
            return 0;
        }

        void add(long key, int delta) {
            int mask = keys.length - 1;
            int i = index(key, mask);
            while (keys[i] != 0 && keys[i] != key) {
                i = (i + 1) & mask;
            }
            if (keys[i] == 0) {
                if (delta <= 0) {
                    return;
                }
                keys[i] = key;
                values[i] = delta;
                if (++size * 2 > keys.length) {
                    rehash(keys.length * 2);
                }
                return;
            }
            values[i] += delta;
            if (values[i] <= 0) {
                delete(i);
            }
        }

        private void delete(int hole) {
            int mask = keys.length - 1;
            keys[hole] = 0;
            size--;
            for (int i = (hole + 1) & mask; keys[i] != 0; i = (i + 1) & mask) {
                int home = index(keys[i], mask);
                // move the entry into the hole when its home is not between the hole and it (cyclically)
                if (((i - home) & mask) >= ((i - hole) & mask)) {
                    keys[hole] = keys[i];
                    values[hole] = values[i];
                    keys[i] = 0;
                    hole = i;
                }
            }
        }

        private void rehash(int capacity) {
            long[] oldKeys = keys;
            int[] oldValues = values;
            keys = new long[capacity];
            values = new int[capacity];
            size = 0;
            for (int i = 0; i < oldKeys.length; i++) {
                if (oldKeys[i] != 0) {
                    add(oldKeys[i], oldValues[i]);
                }
            }
        }

        private static int index(long key, int mask) {
            return (int) (key ^ (key >>> 32)) & mask;
        }
    }
}
