package org.atlasops.detect.sigma.correlation;

import java.util.HashMap;
import java.util.Iterator;
import java.util.Map;

/**
 * The in-memory windows of every correlation that groups by the same fields, by group key: one look-up finds the
 * windows of all of them. A model API log feeds five correlations, three grouped by client and two by address, so
 * an event costs two look-ups instead of five; the last key found is remembered for the next correlation of the
 * same event. Bounded: beyond {@link #maxGroups} keys, the tenth used longest ago is dropped, with all its windows.
 */
final class GroupTable {
    private final int correlations;
    private final int maxGroups;
    private final Map<String, Windows> groups = new HashMap<>();
    private String lastKey;
    private Windows last;
    private long dropped;

    /** One group key's windows, one per correlation of the table (null until it has one). */
    private static final class Windows {
        final CorrelationWindow[] byCorrelation;
        long lastUsed = Long.MIN_VALUE;

        Windows(int correlations) {
            byCorrelation = new CorrelationWindow[correlations];
        }
    }

    GroupTable(int correlations, int maxGroups) {
        this.correlations = correlations;
        this.maxGroups = maxGroups;
    }

    /**
     * The window of correlation {@code slot} for this group key, made (as {@code type} needs) when it has none;
     * {@code time} marks the group as used.
     */
    CorrelationWindow window(String key, int slot, CorrelationRule rule, long time) {
        Windows w;
        if (key.equals(lastKey)) {
            w = last;
        } else {
            w = groups.get(key);
            if (w == null) {
                if (groups.size() >= maxGroups) {
                    dropped += dropLeastRecentlyUsed();
                }
                w = new Windows(correlations);
                groups.put(key, w);
            }
            lastKey = key;
            last = w;
        }
        w.lastUsed = Math.max(w.lastUsed, time);
        CorrelationWindow window = w.byCorrelation[slot];
        if (window == null) {
            window = new CorrelationWindow(rule.type(), rule.rules().size());
            w.byCorrelation[slot] = window;
        }
        return window;
    }

    int size() {
        return groups.size();
    }

    /** Window entries dropped with their groups to keep the table bounded. */
    long dropped() {
        return dropped;
    }

    /** Drops the tenth of the groups used longest ago (all at once, so the cost is paid rarely); returns entries. */
    private long dropLeastRecentlyUsed() {
        long[] used =
                groups.values().stream().mapToLong(w -> w.lastUsed).sorted().toArray();
        long limit = used[Math.max(0, used.length / 10 - 1)];
        long entries = 0;
        for (Iterator<Windows> it = groups.values().iterator(); it.hasNext(); ) {
            Windows w = it.next();
            if (w.lastUsed <= limit) {
                for (CorrelationWindow c : w.byCorrelation) {
                    entries += c == null ? 0 : c.size();
                }
                it.remove();
            }
        }
        lastKey = null;
        last = null;
        return entries;
    }
}
