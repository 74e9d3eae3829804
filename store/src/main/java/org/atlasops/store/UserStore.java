package org.atlasops.store;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;
import org.atlasops.kb.failure.BadInputException;
import org.atlasops.kb.failure.ConflictException;
import org.atlasops.kb.failure.NotFoundException;

/** Users and the credentials that prove who they are. Secrets are returned once, when issued, and stored hashed. */
public final class UserStore {
    private static final Pattern NAME = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._@-]{0,63}");
    private static final int MIN_PASSWORD = 12;
    private static final String USER_COLUMNS = "u.id, u.name, u.role, u.created_at";

    private final Jdbc jdbc;
    private final Clock clock;

    UserStore(Jdbc jdbc, Clock clock) {
        this.jdbc = jdbc;
        this.clock = clock;
    }

    public User create(String name, Role role) {
        if (name == null || !NAME.matcher(name).matches()) {
            throw new BadInputException("user name '" + name + "' is not allowed: use 1 to "
                    + "64 letters, digits, '.', '_', '@' or '-', starting with a letter or digit");
        }
        return jdbc.transaction(c -> {
            if (Jdbc.one(c, rs -> 1, "SELECT 1 FROM users WHERE name = ?", name).isPresent()) {
                throw new ConflictException("a user named '" + name + "' already exists");
            }
            Instant now = clock.instant();
            long id = Jdbc.insert(
                    c, "INSERT INTO users (name, role, created_at) VALUES (?, ?, ?)", name, role.label(), now);
            return new User(id, name, role, now);
        });
    }

    public long count() {
        return jdbc.transaction(c ->
                Jdbc.one(c, rs -> rs.getLong(1), "SELECT COUNT(*) FROM users").orElse(0L));
    }

    public List<User> list() {
        return jdbc.transaction(
                c -> Jdbc.list(c, UserStore::user, "SELECT " + USER_COLUMNS + " FROM users u ORDER BY u.name"));
    }

    public Optional<User> find(String name) {
        return jdbc.transaction(
                c -> Jdbc.one(c, UserStore::user, "SELECT " + USER_COLUMNS + " FROM users u WHERE u.name = ?", name));
    }

    public User setRole(String name, Role role) {
        return jdbc.transaction(c -> {
            if (Jdbc.update(c, "UPDATE users SET role = ? WHERE name = ?", role.label(), name) == 0) {
                throw notFound(name);
            }
            return Jdbc.one(c, UserStore::user, "SELECT " + USER_COLUMNS + " FROM users u WHERE u.name = ?", name)
                    .orElseThrow();
        });
    }

    public void setPassword(String name, String password) {
        if (password == null || password.length() < MIN_PASSWORD) {
            throw new BadInputException("the password is too short: use at least " + MIN_PASSWORD + " characters");
        }
        String hash = Secrets.hashPassword(password);
        jdbc.transaction(c -> {
            if (Jdbc.update(c, "UPDATE users SET password_hash = ? WHERE name = ?", hash, name) == 0) {
                throw notFound(name);
            }
            return null;
        });
    }

    /**
     * The user when the password is theirs; the same empty answer, after the same work, for an unknown user, a user
     * without a password and a wrong password.
     */
    public Optional<User> checkPassword(String name, String password) {
        record Row(User user, String hash) {}
        Optional<Row> row = jdbc.transaction(c -> Jdbc.one(
                c,
                rs -> new Row(user(rs), rs.getString("password_hash")),
                "SELECT " + USER_COLUMNS + ", u.password_hash FROM users u WHERE u.name = ?",
                name));
        // the hash runs for unknown names and users without a password too, so timing does not tell them apart
        boolean matches = Secrets.passwordMatches(password, row.map(Row::hash));
        return matches ? row.map(Row::user) : Optional.empty();
    }

    /** Issues a credential; {@code ttl} empty means it does not expire (API tokens until revoked). */
    public Credential.Issued issue(User user, Credential.Kind kind, String label, Optional<Duration> ttl) {
        String secret = Secrets.newSecret();
        String csrf = kind == Credential.Kind.SESSION ? Secrets.newSecret() : null;
        Instant now = clock.instant();
        Instant expires = ttl.map(now::plus).orElse(null);
        long id = jdbc.transaction(c -> Jdbc.insert(
                c,
                "INSERT INTO credentials (user_id, kind, secret_hash, label, "
                        + "csrf_token, created_at, expires_at) VALUES (?, ?, ?, ?, ?, ?, ?)",
                user.id(),
                kind.column(),
                Secrets.fingerprint(secret),
                label,
                csrf,
                now,
                expires));
        Credential credential = new Credential(
                id,
                user,
                kind,
                Optional.ofNullable(label),
                Optional.ofNullable(csrf),
                now,
                Optional.ofNullable(expires));
        return new Credential.Issued(credential, secret);
    }

    /** The live credential of this kind whose secret this is. A login link is used up by this call. */
    public Optional<Credential> authenticate(Credential.Kind kind, String secret) {
        if (secret == null || secret.isEmpty() || secret.length() > 200) {
            return Optional.empty();
        }
        Instant now = clock.instant();
        return jdbc.transaction(c -> {
            Optional<Credential> found = Jdbc.one(
                    c,
                    UserStore::credential,
                    "SELECT c.id AS cid, c.kind, c.label, "
                            + "c.csrf_token, c.created_at AS c_created, c.expires_at, " + USER_COLUMNS
                            + " FROM credentials c JOIN users u ON u.id = c.user_id"
                            + " WHERE c.secret_hash = ? AND c.kind = ?",
                    Secrets.fingerprint(secret),
                    kind.column());
            if (found.isEmpty()) {
                return found;
            }
            Credential cred = found.get();
            boolean expired = cred.expiresAt().map(e -> !now.isBefore(e)).orElse(false);
            if (expired || kind == Credential.Kind.LOGIN_LINK) {
                Jdbc.update(c, "DELETE FROM credentials WHERE id = ?", cred.id());
            }
            return expired ? Optional.<Credential>empty() : found;
        });
    }

    public List<Credential> tokensOf(User user) {
        return jdbc.transaction(c -> Jdbc.list(
                c,
                UserStore::credential,
                "SELECT c.id AS cid, c.kind, c.label, "
                        + "c.csrf_token, c.created_at AS c_created, c.expires_at, " + USER_COLUMNS
                        + " FROM credentials c JOIN users u ON u.id = c.user_id"
                        + " WHERE c.user_id = ? AND c.kind = ? ORDER BY c.id",
                user.id(),
                Credential.Kind.API_TOKEN.column()));
    }

    /** Revokes one credential of this user; false when there was none with that id. */
    public boolean revoke(User user, long credentialId) {
        return jdbc.transaction(c ->
                Jdbc.update(c, "DELETE FROM credentials WHERE id = ? AND user_id = ?", credentialId, user.id()) > 0);
    }

    private static NotFoundException notFound(String name) {
        return new NotFoundException("no user named '" + name + "'");
    }

    private static User user(ResultSet rs) throws SQLException {
        return new User(
                rs.getLong("id"),
                rs.getString("name"),
                Role.parse(rs.getString("role")).orElse(Role.VIEWER),
                Jdbc.instant(rs, "created_at"));
    }

    private static Credential credential(ResultSet rs) throws SQLException {
        return new Credential(
                rs.getLong("cid"),
                user(rs),
                Credential.Kind.of(rs.getString("kind")),
                Optional.ofNullable(rs.getString("label")),
                Optional.ofNullable(rs.getString("csrf_token")),
                Jdbc.instant(rs, "c_created"),
                Optional.ofNullable(Jdbc.instant(rs, "expires_at")));
    }
}
