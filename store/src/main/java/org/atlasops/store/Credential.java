package org.atlasops.store;

import java.time.Instant;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;

/** A secret that proves who is calling: a browser session, an API token or a one-time login link. */
public record Credential(
        long id,
        User user,
        Kind kind,
        Optional<String> label,
        Optional<String> csrfToken,
        Instant createdAt,
        Optional<Instant> expiresAt) {
    public enum Kind {
        SESSION,
        API_TOKEN,
        LOGIN_LINK;

        String column() {
            return name().toLowerCase(Locale.ROOT);
        }

        static Kind of(String column) {
            return valueOf(column.toUpperCase(Locale.ROOT));
        }
    }

    public Credential {
        Objects.requireNonNull(user, "user");
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(label, "label");
        Objects.requireNonNull(csrfToken, "csrfToken");
        Objects.requireNonNull(createdAt, "createdAt");
        Objects.requireNonNull(expiresAt, "expiresAt");
    }

    /** A credential just made, with its secret: the only time the secret is known outside the caller's hands. */
    public record Issued(Credential credential, String secret) {}
}
