package org.atlasops.store;

import java.sql.Connection;
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
    private static final String USER_COLUMNS = "u.id, u.name, u.role, u.created_at, u.disabled_at";
    private static final String LIVE = "u.deleted_at IS NULL";

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
            Optional<Boolean> deleted = Jdbc.one(
                    c, rs -> rs.getObject("deleted_at") != null, "SELECT deleted_at FROM users WHERE name = ?", name);
            if (deleted.isPresent()) {
                throw new ConflictException(
                        deleted.get()
                                ? "a user named '" + name
                                        + "' existed and was deleted; names are not given again, so the "
                                        + "audit log and layer history keep meaning one person: pick another name"
                                : "a user named '" + name + "' already exists");
            }
            Instant now = clock.instant();
            long id = Jdbc.insert(
                    c, "INSERT INTO users (name, role, created_at) VALUES (?, ?, ?)", name, role.label(), now);
            return new User(id, name, role, now, Optional.empty());
        });
    }

    /** Every user ever made, deleted ones included (a fresh database has none). */
    public long count() {
        return jdbc.transaction(c ->
                Jdbc.one(c, rs -> rs.getLong(1), "SELECT COUNT(*) FROM users").orElse(0L));
    }

    /** The users that are not deleted, by name. */
    public List<User> list() {
        return jdbc.transaction(c -> Jdbc.list(
                c, UserStore::user, "SELECT " + USER_COLUMNS + " FROM users u WHERE " + LIVE + " ORDER BY u.name"));
    }

    /** The user of this name unless deleted; a disabled user is found (and says so). */
    public Optional<User> find(String name) {
        return jdbc.transaction(c -> find(c, name));
    }

    /** Changes a role; taking the role from the last enabled admin is refused (a team always keeps one). */
    public User setRole(String name, Role role) {
        return jdbc.transaction(c -> {
            User user = find(c, name).orElseThrow(() -> notFound(name));
            if (role != Role.ADMIN) {
                keepAnAdmin(c, user, "taking the admin role from them");
            }
            Jdbc.update(c, "UPDATE users SET role = ? WHERE id = ?", role.label(), user.id());
            return find(c, name).orElseThrow();
        });
    }

    /**
     * Disables a user: none of their credentials is accepted from now on, and their sessions and sign-in links are
     * ended (their API tokens are kept, and work again if they are enabled). The last enabled admin cannot be.
     */
    public User disable(String name) {
        return jdbc.transaction(c -> {
            User user = find(c, name).orElseThrow(() -> notFound(name));
            keepAnAdmin(c, user, "disabling them");
            if (!user.disabled()) {
                Jdbc.update(c, "UPDATE users SET disabled_at = ? WHERE id = ?", clock.instant(), user.id());
            }
            Jdbc.update(
                    c,
                    "DELETE FROM credentials WHERE user_id = ? AND kind <> ?",
                    user.id(),
                    Credential.Kind.API_TOKEN.column());
            return find(c, name).orElseThrow();
        });
    }

    public User enable(String name) {
        return jdbc.transaction(c -> {
            User user = find(c, name).orElseThrow(() -> notFound(name));
            Jdbc.update(c, "UPDATE users SET disabled_at = NULL WHERE id = ?", user.id());
            return find(c, name).orElseThrow();
        });
    }

    /**
     * Deletes a user: their password and every credential go, and they are no longer listed or found. Their row stays
     * (without secrets) because layers and their history name them; the name is not given again. The last enabled
     * admin cannot be deleted.
     */
    public void delete(String name) {
        jdbc.transaction(c -> {
            User user = find(c, name).orElseThrow(() -> notFound(name));
            keepAnAdmin(c, user, "deleting them");
            Instant now = clock.instant();
            Jdbc.update(c, "DELETE FROM credentials WHERE user_id = ?", user.id());
            Jdbc.update(
                    c,
                    "UPDATE users SET password_hash = NULL, deleted_at = ?, "
                            + "disabled_at = COALESCE(disabled_at, ?) WHERE id = ?",
                    now,
                    now,
                    user.id());
            return null;
        });
    }

    /** Sets a password (the rules of {@link PasswordRules}) and ends every session of the user. */
    public void setPassword(String name, String password) {
        changePassword(name, password, Optional.empty(), false);
    }

    /** What a password change ended besides the old password. */
    public record PasswordChange(int sessionsEnded, int tokensRevoked) {}

    /**
     * Sets a password that {@link PasswordRules} accepts, and ends every session of the user but {@code keepSession}
     * (the one that made the change), so whoever knew the old password is signed out; with {@code revokeTokens}, their
     * API tokens are revoked too.
     */
    public PasswordChange changePassword(
            String name, String password, Optional<Long> keepSession, boolean revokeTokens) {
        PasswordRules.check(name, password);
        String hash = Secrets.hashPassword(password);
        return jdbc.transaction(c -> {
            User user = find(c, name).orElseThrow(() -> notFound(name));
            Jdbc.update(c, "UPDATE users SET password_hash = ? WHERE id = ?", hash, user.id());
            int sessions = Jdbc.update(
                    c,
                    "DELETE FROM credentials WHERE user_id = ? AND kind = ? AND id <> ?",
                    user.id(),
                    Credential.Kind.SESSION.column(),
                    keepSession.orElse(-1L));
            int tokens = revokeTokens
                    ? Jdbc.update(
                            c,
                            "DELETE FROM credentials WHERE user_id = ? AND kind = ?",
                            user.id(),
                            Credential.Kind.API_TOKEN.column())
                    : 0;
            return new PasswordChange(sessions, tokens);
        });
    }

    /**
     * The user when the password is theirs and they are not disabled; the same empty answer, after the same work,
     * for an unknown or disabled user, a user without a password and a wrong password.
     */
    public Optional<User> checkPassword(String name, String password) {
        record Row(User user, String hash) {}
        Optional<Row> row = jdbc.transaction(c -> Jdbc.one(
                c,
                rs -> new Row(user(rs), rs.getString("password_hash")),
                "SELECT " + USER_COLUMNS + ", u.password_hash FROM users u WHERE u.name = ? AND u.disabled_at IS NULL",
                name));
        // the hash runs for unknown names and users without a password too, so timing does not tell them apart
        boolean matches = Secrets.passwordMatches(password, row.map(Row::hash));
        return matches ? row.map(Row::user) : Optional.empty();
    }

    /** Issues a credential; {@code ttl} empty means it does not expire (the server gives API tokens a lifetime). */
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
                            + " WHERE c.secret_hash = ? AND c.kind = ? AND u.disabled_at IS NULL",
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

    /** Revokes every credential of this kind the user has; returns how many there were. */
    public int revokeAll(User user, Credential.Kind kind) {
        return jdbc.transaction(c ->
                Jdbc.update(c, "DELETE FROM credentials WHERE user_id = ? AND kind = ?", user.id(), kind.column()));
    }

    /** How many live (unexpired) credentials of this kind the user has. */
    public int countLive(User user, Credential.Kind kind) {
        return jdbc.transaction(c -> Jdbc.one(
                        c,
                        rs -> rs.getInt(1),
                        "SELECT COUNT(*) FROM credentials WHERE user_id = ? AND kind = ? "
                                + "AND (expires_at IS NULL OR expires_at > ?)",
                        user.id(),
                        kind.column(),
                        clock.instant())
                .orElse(0));
    }

    private static Optional<User> find(Connection c, String name) throws SQLException {
        return Jdbc.one(
                c, UserStore::user, "SELECT " + USER_COLUMNS + " FROM users u WHERE u.name = ? AND " + LIVE, name);
    }

    /**
     * Refuses to leave the team without an enabled admin. The enabled admins' rows are locked first, so two admins
     * demoting each other at once cannot both pass.
     */
    private static void keepAnAdmin(Connection c, User user, String doing) throws SQLException {
        List<String> admins = Jdbc.list(
                c,
                rs -> rs.getString(1),
                "SELECT name FROM users WHERE role = ? AND disabled_at IS NULL AND deleted_at IS NULL FOR UPDATE",
                Role.ADMIN.label());
        if (admins.size() == 1 && admins.get(0).equals(user.name())) {
            throw new ConflictException(user.name() + " is the last enabled admin, and " + doing + " would leave "
                    + "the team without one: make another user admin first");
        }
    }

    private static NotFoundException notFound(String name) {
        return new NotFoundException("no user named '" + name + "'");
    }

    private static User user(ResultSet rs) throws SQLException {
        return new User(
                rs.getLong("id"),
                rs.getString("name"),
                Role.parse(rs.getString("role")).orElse(Role.VIEWER),
                Jdbc.instant(rs, "created_at"),
                Optional.ofNullable(Jdbc.instant(rs, "disabled_at")));
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
