package org.atlasops.store;

import java.time.Instant;
import java.util.Objects;

/** A stored layer whose current content cannot be read back; {@code problem} says why. It can still be deleted. */
public record UnreadableLayer(
        long id, String name, String owner, int revision, Instant createdAt, Instant updatedAt, String problem)
        implements ListedLayer {
    public UnreadableLayer {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(owner, "owner");
        Objects.requireNonNull(createdAt, "createdAt");
        Objects.requireNonNull(updatedAt, "updatedAt");
        Objects.requireNonNull(problem, "problem");
    }
}
