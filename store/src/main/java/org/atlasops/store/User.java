package org.atlasops.store;

import java.time.Instant;
import java.util.Objects;

/** A person or service account. Passwords and secrets never leave the store. */
public record User(long id, String name, Role role, Instant createdAt) {
    public User {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(role, "role");
        Objects.requireNonNull(createdAt, "createdAt");
    }
}
