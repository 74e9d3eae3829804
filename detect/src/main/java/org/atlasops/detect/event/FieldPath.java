package org.atlasops.detect.event;

import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A dotted field path split once: for every starting segment, the literal keys it may be written as, longest first
 * ({@code gen_ai.request.model}, then {@code gen_ai.request}, then {@code gen_ai}), so looking a field up in an
 * event allocates nothing.
 */
public final class FieldPath {
    /** Paths are interned: rules and events share one instance per text, so events can memoise lookups by it. */
    private static final ConcurrentHashMap<String, FieldPath> INTERNED = new ConcurrentHashMap<>();

    private static final AtomicInteger NEXT_ID = new AtomicInteger();
    /** Beyond this many distinct paths, new ones are made fresh instead of interned (hostile inputs stay bounded). */
    private static final int MAX_INTERNED = 100_000;

    private final String text;
    final int id;
    final String[][] keys;
    final int[][] ends;

    private FieldPath(String text) {
        this.text = text;
        this.id = NEXT_ID.getAndIncrement();
        String[] parts = text.split("\\.", -1);
        keys = new String[parts.length][];
        ends = new int[parts.length][];
        for (int from = 0; from < parts.length; from++) {
            int n = parts.length - from;
            keys[from] = new String[n];
            ends[from] = new int[n];
            StringBuilder sb = new StringBuilder();
            String[] prefixes = new String[n];
            for (int i = 0; i < n; i++) {
                if (i > 0) {
                    sb.append('.');
                }
                sb.append(parts[from + i]);
                prefixes[i] = sb.toString();
            }
            for (int i = 0; i < n; i++) {
                // interned like Jackson's field names, so a look-up in an event's object compares by identity
                keys[from][i] = prefixes[n - 1 - i].intern();
                ends[from][i] = from + n - i;
            }
        }
    }

    public static FieldPath of(String field) {
        Objects.requireNonNull(field, "field");
        FieldPath p = INTERNED.get(field);
        if (p != null) {
            return p;
        }
        if (INTERNED.size() >= MAX_INTERNED) {
            return new FieldPath(field);
        }
        return INTERNED.computeIfAbsent(field, FieldPath::new);
    }

    int length() {
        return keys.length;
    }

    @Override
    public String toString() {
        return text;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof FieldPath p && p.text.equals(text);
    }

    @Override
    public int hashCode() {
        return text.hashCode();
    }
}
