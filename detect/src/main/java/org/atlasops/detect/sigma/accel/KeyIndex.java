package org.atlasops.detect.sigma.accel;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Rules indexed by the top-level event keys they need (their {@link Prerequisite#keys}): an event is only checked
 * against the rules that could match given its keys, plus those without such a bound. Candidates are a bit set
 * over rule indices. Immutable.
 */
final class KeyIndex {
    private final int words;
    /** Rules that need none of the event's keys to be present. */
    private final long[] unbounded;
    /** Per key, the rules needing it; the same as two arrays, for events with more keys than the index. */
    private final Map<String, long[]> byKey = new HashMap<>();

    private final String[] keys;
    private final long[][] keyRules;

    /** @param keysPerRule per rule, the keys one of which an event needs for it to match; null: no bound */
    KeyIndex(List<Set<String>> keysPerRule) {
        words = (keysPerRule.size() + 63) / 64;
        unbounded = new long[words];
        for (int i = 0; i < keysPerRule.size(); i++) {
            Set<String> keys = keysPerRule.get(i);
            if (keys == null) {
                unbounded[i >>> 6] |= 1L << i;
            } else {
                for (String k : keys) {
                    byKey.computeIfAbsent(k.intern(), x -> new long[words])[i >>> 6] |= 1L << i;
                }
            }
        }
        keys = byKey.keySet().toArray(String[]::new);
        keyRules = byKey.values().toArray(long[][]::new);
    }

    /** The length of a candidate bit set. */
    int words() {
        return words;
    }

    /** Sets {@code marks} ({@link #words} longs) to the rules worth evaluating on this event. */
    void candidates(ObjectNode json, long[] marks) {
        System.arraycopy(unbounded, 0, marks, 0, words);
        if (keys.length <= json.size()) {
            // fewer keys than the event has: each looked up in the event (and no iterator made)
            for (int k = 0; k < keys.length; k++) {
                if (json.get(keys[k]) != null) {
                    mark(keyRules[k], marks);
                }
            }
            return;
        }
        for (Iterator<String> it = json.fieldNames(); it.hasNext(); ) {
            long[] rs = byKey.get(it.next());
            if (rs != null) {
                mark(rs, marks);
            }
        }
    }

    private static void mark(long[] rules, long[] marks) {
        for (int w = 0; w < rules.length; w++) {
            marks[w] |= rules[w];
        }
    }
}
