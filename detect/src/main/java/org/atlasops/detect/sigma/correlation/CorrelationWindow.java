package org.atlasops.detect.sigma.correlation;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.time.Instant;
import java.util.List;
import org.atlasops.detect.event.Event;
import org.atlasops.detect.sigma.match.ValuePredicate;

/**
 * One correlation group's sliding window, oldest entry first, with its aggregates kept up to date on every add and
 * eviction. Entries live interleaved in one {@code long[]} used as a ring: time, source line, and what the
 * correlation type needs (a rule index for temporal types, a 64-bit fingerprint of the value's text for distinct
 * counts, the value's bits for sums). Windows hold thousands of entries and thousands of windows are live, so the
 * engine waits on memory more than it computes: an add touches one place of the ring, not one per column. The
 * newest {@link #CONTRIBUTORS} entries, with their source and line, are the contributing events of an alert.
 */
final class CorrelationWindow {
    /** Contributing events kept for alerts, newest last. */
    static final int CONTRIBUTORS = CorrelationEngine.MAX_EVENTS_IN_MATCH;

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final int FORMAT = 3;
    private static final int TIME = 0;
    private static final int LINE = 1;
    private static final int PAYLOAD = 2;

    /** Longs per entry: time and line, plus the payload for types that need one. */
    private final int width;

    private long[] ring;
    /** Index of the oldest entry's first long; the ring holds {@code ring.length / width} entries. */
    private int head;

    private int size;
    /** Entries older than this have left the window: the highest eviction bound so far. */
    private long bound = Long.MIN_VALUE;
    /** The source every entry came from, until a second one shows up; then {@link #sources}, a ring beside. */
    private String source;

    private String[] sources;

    /** Whether entries carry a value fingerprint (distinct counts, percentiles). */
    private final boolean countValues;
    /** Entries per value, made on first need from the ring and kept up to date from then on; null until then. */
    private ValueCounts counts;

    private final boolean sums;
    private final int[] ruleCounts;
    private double sum;
    private int numbered;
    private int negatives;

    CorrelationWindow(CorrelationRule.Type type, int ruleCount) {
        boolean countValues = type == CorrelationRule.Type.VALUE_COUNT || type == CorrelationRule.Type.VALUE_PERCENTILE;
        this.countValues = countValues;
        sums = type == CorrelationRule.Type.VALUE_SUM || type == CorrelationRule.Type.VALUE_AVG;
        boolean temporal = type == CorrelationRule.Type.TEMPORAL || type == CorrelationRule.Type.TEMPORAL_ORDERED;
        ruleCounts = temporal ? new int[Math.max(1, ruleCount)] : null;
        width = countValues || sums || temporal ? 3 : 2;
        ring = new long[4 * width];
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
        add(time, rule, value, source, line, Long.MIN_VALUE);
    }

    /**
     * Adds an entry in time order; when the ring is full, entries older than {@code oldest} (which have left the
     * window) are evicted to make room before it grows.
     */
    void add(long time, int rule, JsonNode value, String source, long line, long oldest) {
        long payload =
                countValues ? keyOf(value) : sums ? Double.doubleToRawLongBits(ValuePredicate.numberOf(value)) : rule;
        bound = Math.max(bound, oldest);
        if (size * width == ring.length) {
            evict(bound, Integer.MAX_VALUE);
        }
        insert(time, line, payload, source);
    }

    /** True when no entry holds a negative value, so evicting entries can only lower the sum. */
    boolean noNegativeValues() {
        return negatives == 0;
    }

    private void insert(long time, long line, long payload, String from) {
        if (size * width == ring.length) {
            grow();
        }
        int at = size;
        while (at > 0 && ring[slot(at - 1)] > time) {
            at--;
        }
        for (int i = size; i > at; i--) {
            int to = slot(i);
            int fromSlot = slot(i - 1);
            System.arraycopy(ring, fromSlot, ring, to, width);
            if (sources != null) {
                sources[to / width] = sources[fromSlot / width];
            }
        }
        int s = slot(at);
        ring[s + TIME] = time;
        ring[s + LINE] = line;
        if (width > PAYLOAD) {
            ring[s + PAYLOAD] = payload;
        }
        placeSource(s, from);
        size++;
        account(s, 1);
    }

    /** Keeps one source for the window until a second appears; from then on, one per entry. */
    private void placeSource(int s, String from) {
        if (sources == null) {
            if (size == 0 || java.util.Objects.equals(source, from)) {
                source = from;
                return;
            }
            sources = new String[ring.length / width];
            java.util.Arrays.fill(sources, source);
        }
        sources[s / width] = from;
    }

    private String sourceAt(int s) {
        return sources == null ? source : sources[s / width];
    }

    /**
     * Drops entries older than {@code oldest} (or than any earlier bound: a late event does not bring back what the
     * window's newest events pushed out), then the oldest beyond {@code max}; returns how many beyond max.
     */
    int evict(long oldest, int max) {
        bound = Math.max(bound, oldest);
        while (size > 0 && ring[head] < bound) {
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
        head += width;
        if (head == ring.length) {
            head = 0;
        }
        size--;
    }

    private void account(int s, int sign) {
        if (width == PAYLOAD) {
            return;
        }
        long payload = ring[s + PAYLOAD];
        if (countValues) {
            if (payload != 0 && counts != null) {
                counts.add(payload, sign);
            }
        } else if (sums) {
            double n = Double.longBitsToDouble(payload);
            if (!Double.isNaN(n)) {
                sum += sign * n;
                numbered += sign;
                if (n < 0) {
                    negatives += sign;
                }
            }
        } else if (payload >= 0 && payload < ruleCounts.length) {
            ruleCounts[(int) payload] += sign;
        }
    }

    /** Where the entry at this index (0 = oldest) starts in the ring. */
    private int slot(int index) {
        int s = head + index * width;
        return s >= ring.length ? s - ring.length : s;
    }

    private void grow() {
        long[] larger = new long[ring.length * 2];
        int first = Math.min(size * width, ring.length - head);
        System.arraycopy(ring, head, larger, 0, first);
        System.arraycopy(ring, 0, larger, first, size * width - first);
        if (sources != null) {
            String[] more = new String[larger.length / width];
            for (int i = 0; i < size; i++) {
                more[i] = sources[slot(i) / width];
            }
            sources = more;
        }
        ring = larger;
        head = 0;
    }

    /** Distinct values in the window. */
    int distinctValues() {
        return countValues ? counts().size() : 0;
    }

    /** How many entries in the window have this value. */
    int countOf(JsonNode value) {
        return countValues ? counts().get(keyOf(value)) : 0;
    }

    /**
     * The counts per value, made from the entries when first asked for: a group whose window holds fewer entries
     * than a distinct count needs never pays for them (see CorrelationEngine.State#leastEntries).
     */
    private ValueCounts counts() {
        if (counts == null) {
            counts = new ValueCounts();
            for (int i = 0; i < size; i++) {
                long key = ring[slot(i) + PAYLOAD];
                if (key != 0) {
                    counts.add(key, 1);
                }
            }
        }
        return counts;
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
            if (ring[slot(i) + PAYLOAD] == next) {
                next++;
            }
        }
        return next;
    }

    private boolean hasEntries(int rule) {
        return rule < ruleCounts.length && ruleCounts[rule] > 0;
    }

    /**
     * The newest entries (at most {@link #CONTRIBUTORS}), oldest first, as events with their source, line and time.
     * The events are made only when read, since most results are counted rather than printed.
     */
    List<Event> newest() {
        int count = Math.min(size, CONTRIBUTORS);
        long[] t = new long[count];
        String[] s = new String[count];
        long[] l = new long[count];
        for (int i = 0; i < count; i++) {
            int at = slot(size - count + i);
            t[i] = ring[at + TIME];
            s[i] = sourceAt(at);
            l[i] = ring[at + LINE];
        }
        return new java.util.AbstractList<>() {
            @Override
            public Event get(int i) {
                ObjectNode stub = JsonNodeFactory.instance
                        .objectNode()
                        .put("@timestamp", Instant.ofEpochMilli(t[i]).toString());
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
        ObjectNode root =
                JsonNodeFactory.instance.objectNode().put("format", FORMAT).put("bound", bound);
        ArrayNode a = root.putArray("entries");
        for (int i = 0; i < size; i++) {
            int at = slot(i);
            ObjectNode n = a.addObject().put("t", ring[at + TIME]).put("l", ring[at + LINE]);
            if (i == 0 || sources != null && !java.util.Objects.equals(sourceAt(at), sourceAt(slot(i - 1)))) {
                n.put("s", sourceAt(at)); // only where it changes
            }
            if (width > PAYLOAD) {
                n.put("p", ring[at + PAYLOAD]);
            }
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
            w.bound = root.path("bound").asLong(Long.MIN_VALUE);
            String from = null;
            for (JsonNode n : root.path("entries")) {
                from = n.has("s") ? n.path("s").asText() : from;
                w.insert(n.path("t").asLong(), n.path("l").asLong(), n.path("p").asLong(), from);
            }
        } catch (IOException e) {
            return new CorrelationWindow(type, ruleCount);
        }
        return w;
    }

    /**
     * Counts per value key: open addressing over longs (key 0 = empty), each key beside its count so a look-up
     * touches one place; deletion by shifting back.
     */
    static final class ValueCounts {
        private long[] table = new long[16];
        private int size;

        int size() {
            return size;
        }

        int get(long key) {
            int mask = table.length - 2;
            for (int i = index(key, mask); table[i] != 0; i = (i + 2) & mask) {
                if (table[i] == key) {
                    return (int) table[i + 1];
                }
            }
            return 0;
        }

        void add(long key, int delta) {
            int mask = table.length - 2;
            int i = index(key, mask);
            while (table[i] != 0 && table[i] != key) {
                i = (i + 2) & mask;
            }
            if (table[i] == 0) {
                if (delta <= 0) {
                    return;
                }
                table[i] = key;
                table[i + 1] = delta;
                if (++size * 4 > table.length) {
                    rehash(table.length * 2);
                }
                return;
            }
            table[i + 1] += delta;
            if (table[i + 1] <= 0) {
                delete(i);
            }
        }

        private void delete(int hole) {
            int mask = table.length - 2;
            table[hole] = 0;
            size--;
            for (int i = (hole + 2) & mask; table[i] != 0; i = (i + 2) & mask) {
                int home = index(table[i], mask);
                // move the entry into the hole when its home is not between the hole and it (cyclically)
                if (((i - home) & mask) >= ((i - hole) & mask)) {
                    table[hole] = table[i];
                    table[hole + 1] = table[i + 1];
                    table[i] = 0;
                    hole = i;
                }
            }
        }

        private void rehash(int length) {
            long[] old = table;
            table = new long[length];
            size = 0;
            for (int i = 0; i < old.length; i += 2) {
                if (old[i] != 0) {
                    add(old[i], (int) old[i + 1]);
                }
            }
        }

        /** The even index where a key's search starts ({@code mask} is the table length minus 2). */
        private static int index(long key, int mask) {
            return (int) (key ^ (key >>> 32)) << 1 & mask;
        }
    }
}
