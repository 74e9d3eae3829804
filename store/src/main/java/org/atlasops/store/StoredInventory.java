package org.atlasops.store;

import java.time.Instant;
import java.util.Objects;

/**
 * An AI system inventory as the team saved it: the YAML text the CLI reads (docs/assess.md), the system's id and name
 * taken from it, its revision, and who created and last changed it when.
 *
 * @param systemId the inventory's {@code id}, unique in the team
 * @param yaml the saved text, validated by the caller before it was saved
 */
public record StoredInventory(
        String systemId,
        String name,
        int revision,
        String yaml,
        String createdBy,
        Instant createdAt,
        String updatedBy,
        Instant updatedAt) {
    public StoredInventory {
        Objects.requireNonNull(systemId, "systemId");
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(yaml, "yaml");
        Objects.requireNonNull(createdBy, "createdBy");
        Objects.requireNonNull(createdAt, "createdAt");
        Objects.requireNonNull(updatedBy, "updatedBy");
        Objects.requireNonNull(updatedAt, "updatedAt");
    }
}
