package org.atlasops.store;

import java.time.Instant;
import java.util.Objects;

/** One entry of a layer's history: who saved which revision, when, and a summary of the change. */
public record LayerRevision(long layerId, int revision, String author, String summary, Instant createdAt) {
    public LayerRevision {
        Objects.requireNonNull(author, "author");
        Objects.requireNonNull(summary, "summary");
        Objects.requireNonNull(createdAt, "createdAt");
    }
}
