package org.atlasops.detect.sigma.accel;

/**
 * The last results of an expensive text test for short texts, by value. Telemetry repeats its short values (URL
 * paths, tool, model and method names) from event to event, and a regex search costs far more than a hash and a
 * compare. Direct-mapped, so a burst of other values only costs misses. A detector keeps one per regex of its
 * rule set; each slot holds an immutable pair, written and read as one reference.
 */
public final class ShortTextMemo {
    /** Longer texts are mostly unique (prompts, documents), and hashing them costs like searching them. */
    public static final int MAX_LENGTH = 64;

    private static final int SLOTS = 32;

    private record Known(String text, boolean result) {}

    private final Known[] slots = new Known[SLOTS];

    /** The remembered result for this text, or null. */
    public Boolean get(String text) {
        Known k = slots[text.hashCode() & (SLOTS - 1)];
        return k != null && k.text.equals(text) ? k.result : null;
    }

    /** Remembers a result, replacing whatever the text's slot held. */
    public void put(String text, boolean result) {
        slots[text.hashCode() & (SLOTS - 1)] = new Known(text, result);
    }
}
