package org.atlasops.intel.taxii;

import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * One page of a listing: its versions in order, whether more follow and the token that fetches them, and the first
 * and last date added on the page (the {@code X-TAXII-Date-Added-First/Last} headers).
 */
public record Page(List<ObjectVersion> items, boolean more, Optional<String> next) {
    public Page {
        items = List.copyOf(items);
        Objects.requireNonNull(next, "next");
    }

    public Optional<Instant> firstAdded() {
        return items.isEmpty() ? Optional.empty() : Optional.of(items.get(0).dateAdded());
    }

    public Optional<Instant> lastAdded() {
        return items.isEmpty()
                ? Optional.empty()
                : Optional.of(items.get(items.size() - 1).dateAdded());
    }
}
