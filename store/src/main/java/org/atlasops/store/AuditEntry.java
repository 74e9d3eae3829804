package org.atlasops.store;

import java.time.Instant;
import java.util.Objects;

/** One change made through the server: who did what to which object. */
public record AuditEntry(long id, Instant at, String actor, String action, String target, String detail) {
    public AuditEntry {
        Objects.requireNonNull(at, "at");
        Objects.requireNonNull(actor, "actor");
        Objects.requireNonNull(action, "action");
        Objects.requireNonNull(target, "target");
        Objects.requireNonNull(detail, "detail");
    }
}
