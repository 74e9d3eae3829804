package org.atlasops.store;

import java.time.Instant;
import java.util.Objects;
import org.atlasops.navigator.Layer;

/** A layer kept on the server: its name, owner, current revision and content. */
public record StoredLayer(
        long id, String name, String owner, int revision, Instant createdAt, Instant updatedAt, Layer layer)
        implements ListedLayer {
    public StoredLayer {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(owner, "owner");
        Objects.requireNonNull(createdAt, "createdAt");
        Objects.requireNonNull(updatedAt, "updatedAt");
        Objects.requireNonNull(layer, "layer");
    }
}
