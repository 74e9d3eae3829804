package org.atlasops.server.auth;

import java.time.Duration;
import java.util.Objects;
import java.util.Optional;
import org.atlasops.kb.failure.BadInputException;
import org.atlasops.kb.failure.NotFoundException;
import org.atlasops.store.Credential;
import org.atlasops.store.Database;
import org.atlasops.store.Role;
import org.atlasops.store.User;
import org.atlasops.store.UserStore;

/**
 * What admins do to accounts, and users to their own, for the API and the pages alike: each change and its audit
 * entry in one transaction. The store keeps the rules (the last enabled admin stays one; deleted names are not given
 * again); this class names who did it.
 */
final class Accounts {
    private final Database db;
    private final Duration tokenLifetime;

    Accounts(Database db, Duration tokenLifetime) {
        this.db = Objects.requireNonNull(db, "db");
        this.tokenLifetime = Objects.requireNonNull(tokenLifetime, "tokenLifetime");
    }

    /** How long a token lives when its maker names no lifetime. */
    Duration tokenLifetime() {
        return tokenLifetime;
    }

    User create(User admin, String name, Role role) {
        return db.transaction(tx -> {
            User made = tx.users().create(name, role);
            tx.audit().record(admin.name(), "user.create", "user " + made.name(), role.label());
            return made;
        });
    }

    User setRole(User admin, String name, Role role) {
        return db.transaction(tx -> {
            User changed = tx.users().setRole(name, role);
            tx.audit().record(admin.name(), "user.role", "user " + changed.name(), role.label());
            return changed;
        });
    }

    User disable(User admin, String name) {
        return db.transaction(tx -> {
            User u = tx.users().disable(name);
            tx.audit().record(admin.name(), "user.disable", "user " + u.name(), "sessions and sign-in links ended");
            return u;
        });
    }

    User enable(User admin, String name) {
        return db.transaction(tx -> {
            User u = tx.users().enable(name);
            tx.audit().record(admin.name(), "user.enable", "user " + u.name(), "");
            return u;
        });
    }

    void delete(User admin, String name) {
        db.transaction(tx -> {
            tx.users().delete(name);
            tx.audit().record(admin.name(), "user.delete", "user " + name, "password and every credential removed");
            return null;
        });
    }

    /** Revokes every API token of the named user; how many there were. */
    int revokeTokens(User admin, String name) {
        return db.transaction(tx -> {
            User u = existing(tx.users(), name);
            int n = tx.users().revokeAll(u, Credential.Kind.API_TOKEN);
            tx.audit().record(admin.name(), "user.tokens.revoke", "user " + u.name(), n + " revoked");
            return n;
        });
    }

    /** Ends every browser session of the named user; how many there were. */
    int endSessions(User admin, String name) {
        return db.transaction(tx -> {
            User u = existing(tx.users(), name);
            int n = tx.users().revokeAll(u, Credential.Kind.SESSION);
            tx.audit().record(admin.name(), "user.sessions.end", "user " + u.name(), n + " ended");
            return n;
        });
    }

    /** Revokes one token of the named user (the caller's own or, for an admin, anybody's). */
    void revokeToken(User actor, String name, long id) {
        db.transaction(tx -> {
            User u = existing(tx.users(), name);
            if (tx.users().tokensOf(u).stream().noneMatch(c -> c.id() == id)
                    || !tx.users().revoke(u, id)) {
                throw new NotFoundException(u.name() + " has no token " + id);
            }
            tx.audit()
                    .record(
                            actor.name(),
                            "token.revoke",
                            "token " + id,
                            actor.name().equals(u.name()) ? "" : "of " + u.name());
            return null;
        });
    }

    /** A new API token; {@code days} empty means the server's default lifetime. */
    Credential.Issued createToken(User u, String label, Optional<? extends Number> days) {
        Duration ttl = days.map(d -> Duration.ofDays(d.longValue())).orElse(tokenLifetime);
        return db.transaction(tx -> {
            Credential.Issued issued = tx.users().issue(u, Credential.Kind.API_TOKEN, label, Optional.of(ttl));
            tx.audit()
                    .record(
                            u.name(),
                            "token.create",
                            "token " + issued.credential().id(),
                            label);
            return issued;
        });
    }

    /**
     * A user's new password: every other session of theirs ends (the one that made the change stays), and with
     * {@code revokeTokens} their API tokens are revoked.
     */
    UserStore.PasswordChange changePassword(Caller caller, String password, boolean revokeTokens) {
        User u = caller.user().orElseThrow();
        Optional<Long> keep = caller.viaSession() ? caller.credential().map(Credential::id) : Optional.empty();
        if (password == null) {
            throw new BadInputException("the field 'password' is missing");
        }
        return db.transaction(tx -> {
            UserStore.PasswordChange change = tx.users().changePassword(u.name(), password, keep, revokeTokens);
            tx.audit()
                    .record(
                            u.name(),
                            "user.password",
                            "user " + u.name(),
                            change.sessionsEnded() + " other sessions ended, " + change.tokensRevoked()
                                    + " tokens revoked");
            return change;
        });
    }

    /** Checks that a one-time link may be made for this user, and records who asked for it. */
    User linkFor(User admin, String name) {
        User u = existing(db.users(), name);
        if (u.disabled()) {
            throw new BadInputException(u.name() + " is disabled: enable them first, then make the sign-in link");
        }
        db.audit().record(admin.name(), "user.link", "user " + u.name(), "one-time sign-in link made");
        return u;
    }

    static User existing(UserStore users, String name) {
        return users.find(name).orElseThrow(() -> new NotFoundException("no user named '" + name + "'"));
    }
}
