package org.atlasops.server.auth;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import org.atlasops.kb.failure.BadInputException;
import org.atlasops.server.web.JsonBody;
import org.atlasops.store.AuditEntry;
import org.atlasops.store.Credential;
import org.atlasops.store.User;

/** The access API's request and answer bodies, as records Jackson maps (the OpenAPI schemas come from them). */
final class AuthJson {
    private AuthJson() {}

    // ---- requests

    /** {@code POST /api/v1/session}. */
    record SignIn(String name, String password) {
        SignIn {
            JsonBody.required(name, "name");
            JsonBody.required(password, "password");
        }
    }

    /** {@code POST /api/v1/tokens}. */
    record NewToken(
            @JsonPropertyDescription("what the token is for, at most 128 characters")
            Optional<String> label,

            @JsonPropertyDescription("lifetime in days, 1 to 3650; no expiry when absent")
            Optional<Integer> days) {
        NewToken {
            Objects.requireNonNull(label, "label");
            Objects.requireNonNull(days, "days");
            if (label.map(String::length).orElse(0) > 128) {
                throw new BadInputException("the label is longer than 128 characters");
            }
            if (days.isPresent() && (days.get() < 1 || days.get() > 3650)) {
                throw new BadInputException("days must be a whole number from 1 to 3650");
            }
        }
    }

    /** {@code POST /api/v1/users}. */
    record NewUser(
            @JsonPropertyDescription("1 to 64 letters, digits, '.', '_', '@' or '-'")
            String name,

            @JsonPropertyDescription("viewer, analyst or admin")
            String role) {
        NewUser {
            JsonBody.required(name, "name");
            JsonBody.required(role, "role");
        }
    }

    /** {@code PUT /api/v1/users/{name}}. */
    record RoleChange(
            @JsonPropertyDescription("viewer, analyst or admin")
            String role) {
        RoleChange {
            JsonBody.required(role, "role");
        }
    }

    // ---- answers

    /** Who is calling; name, role and the CSRF token of the session when signed in. */
    record Me(
            @JsonProperty("signed_in") boolean signedIn,
            Optional<String> name,
            Optional<String> role,

            @JsonProperty("csrf_token")
            @JsonPropertyDescription("send it as X-CSRF-Token with changes made with " + "this session")
            Optional<String> csrfToken) {}

    record Token(
            long id,
            String label,
            @JsonProperty("created_at") Instant createdAt,
            @JsonProperty("expires_at") Optional<Instant> expiresAt) {
        static Token of(Credential c) {
            return new Token(c.id(), c.label().orElse(""), c.createdAt(), c.expiresAt());
        }
    }

    record Tokens(List<Token> tokens) {
        Tokens {
            tokens = List.copyOf(tokens);
        }
    }

    /** A new API token: the secret is in this answer only. */
    record IssuedToken(
            long id,
            String label,

            @JsonPropertyDescription("the secret, shown once")
            String token,

            String note,
            @JsonProperty("expires_at") Optional<Instant> expiresAt) {}

    record UserRow(
            String name,
            String role,
            @JsonProperty("created_at") Instant createdAt) {
        static UserRow of(User u) {
            return new UserRow(u.name(), u.role().label(), u.createdAt());
        }
    }

    record Users(List<UserRow> users) {
        Users {
            users = List.copyOf(users);
        }
    }

    /** A new user and the one-time link that signs them in. */
    record CreatedUser(
            String name,
            String role,
            @JsonProperty("login_link") String loginLink,
            String note) {}

    record RoleSet(String name, String role) {}

    record AuditRow(Instant at, String actor, String action, String target, String detail) {
        static AuditRow of(AuditEntry e) {
            return new AuditRow(e.at(), e.actor(), e.action(), e.target(), e.detail());
        }
    }

    record Audit(List<AuditRow> entries) {
        Audit {
            entries = List.copyOf(entries);
        }
    }
}
