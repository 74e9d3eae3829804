package org.atlasops.store;

import java.time.Instant;

/**
 * A row of the layer list: a readable layer ({@link StoredLayer}) or one whose stored content no longer reads
 * ({@link UnreadableLayer}), so one bad row is reported instead of failing the whole list.
 */
public sealed interface ListedLayer permits StoredLayer, UnreadableLayer {
    long id();

    String name();

    String owner();

    int revision();

    Instant createdAt();

    Instant updatedAt();
}
