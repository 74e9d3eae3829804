package org.atlasops.store;

import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

/**
 * A person or service account. Passwords and secrets never leave the store. A disabled user keeps their name, role
 * and data but no credential of theirs is accepted until an admin enables them again.
 */
public record User(long id, String name, Role role, Instant createdAt, Optional<Instant> disabledAt) {
    public User {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(role, "role");
        Objects.requireNonNull(createdAt, "createdAt");
        Objects.requireNonNull(disabledAt, "disabledAt");
    }

    public boolean disabled() {
        return disabledAt.isPresent();
    }
}
