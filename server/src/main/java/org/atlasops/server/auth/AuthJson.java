package org.atlasops.server.auth;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import java.math.BigInteger;
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

            @JsonPropertyDescription("lifetime in whole days, 1 to 3650; the server's default (90 days unless "
                    + "configured) when absent")
            Optional<BigInteger> days) {
        NewToken {
            Objects.requireNonNull(label, "label");
            Objects.requireNonNull(days, "days");
            if (label.map(String::length).orElse(0) > 128) {
                throw new BadInputException("the label is longer than 128 characters");
            }
            // read as a big integer, so a huge number is refused by this rule and not by an overflow
            if (days.isPresent()
                    && (days.get().compareTo(BigInteger.ONE) < 0
                            || days.get().compareTo(BigInteger.valueOf(3650)) > 0)) {
                throw new BadInputException("days must be a whole number from 1 to 3650");
            }
        }
    }

    /** {@code PUT /api/v1/me/password}. */
    record NewPassword(
            @JsonPropertyDescription("12 characters or more, not a common password, a repeat or the user name")
            String password,

            @JsonProperty("revoke_tokens")
            @JsonPropertyDescription("also revoke every API token of the caller (default false)")
            Optional<Boolean> revokeTokens) {
        NewPassword {
            JsonBody.required(password, "password");
            Objects.requireNonNull(revokeTokens, "revokeTokens");
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
            @JsonProperty("created_at") Instant createdAt,

            @JsonPropertyDescription("no credential of a disabled user is accepted")
            boolean disabled) {
        static UserRow of(User u) {
            return new UserRow(u.name(), u.role().label(), u.createdAt(), u.disabled());
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

    /** How many credentials a revocation ended. */
    record Revoked(int revoked) {}

    /** What a password change ended besides the old password. */
    record PasswordSet(
            @JsonProperty("sessions_ended") int sessionsEnded,
            @JsonProperty("tokens_revoked") int tokensRevoked) {}

    /** A new one-time sign-in link for a user. */
    record LoginLink(
            String name, @JsonProperty("login_link") String loginLink, String note) {}

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
