package org.atlasops.server.auth;

import io.javalin.http.Context;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.function.Consumer;
import org.atlasops.server.api.Endpoint;
import org.atlasops.server.web.JsonBody;
import org.atlasops.server.web.Problem;
import org.atlasops.server.web.ProblemType;
import org.atlasops.store.Credential;
import org.atlasops.store.Database;
import org.atlasops.store.Role;
import org.atlasops.store.User;

/** Sessions, API tokens, users and the audit log, as API endpoints. */
public final class AuthApi {
    public static final Duration LOGIN_LINK_TTL = Duration.ofHours(24);
    private static final String TAG = "access";

    /** How long an API token lives when its maker names no lifetime, unless the server is told otherwise. */
    public static final Duration DEFAULT_TOKEN_LIFETIME = Duration.ofDays(90);

    private final Database db;
    private final Authenticator auth;
    private final Accounts accounts;

    public AuthApi(Database db, Authenticator auth) {
        this(db, auth, DEFAULT_TOKEN_LIFETIME);
    }

    /** {@code tokenLifetime}: how long a token lives when its maker names no lifetime. */
    public AuthApi(Database db, Authenticator auth, Duration tokenLifetime) {
        this.db = db;
        this.auth = auth;
        this.accounts = new Accounts(db, tokenLifetime);
    }

    Accounts accounts() {
        return accounts;
    }

    public void register(Consumer<Endpoint> api) {
        api.accept(op(
                "GET",
                "/api/v1/me",
                Access.PUBLIC,
                "Who the caller is (anonymous when not signed in)",
                Endpoint.Body.NONE,
                Endpoint.Answer.json(AuthJson.Me.class),
                this::me));
        api.accept(op(
                "POST",
                "/api/v1/session",
                Access.PUBLIC,
                "Sign in with name and password; sets the session " + "cookie and returns the CSRF token",
                Endpoint.Body.json(AuthJson.SignIn.class, "name and password"),
                Endpoint.Answer.json(AuthJson.Me.class),
                this::login));
        api.accept(op(
                "DELETE",
                "/api/v1/session",
                Access.PUBLIC,
                "Sign out",
                Endpoint.Body.NONE,
                Endpoint.Answer.noContent(),
                this::logout));
        api.accept(op(
                "GET",
                "/api/v1/tokens",
                Access.TEAM_READ,
                "The caller's API tokens (never their secrets)",
                Endpoint.Body.NONE,
                Endpoint.Answer.json(AuthJson.Tokens.class),
                this::tokens));
        api.accept(op(
                "POST",
                "/api/v1/tokens",
                Access.TEAM_READ,
                "Create an API token for the caller; the secret is shown once. Without days, it expires after the "
                        + "server's default lifetime (90 days unless serve --token-days says otherwise)",
                Endpoint.Body.json(AuthJson.NewToken.class, "a label and a lifetime"),
                Endpoint.Answer.created(AuthJson.IssuedToken.class),
                this::createToken));
        api.accept(op(
                "DELETE",
                "/api/v1/tokens/{id}",
                Access.TEAM_READ,
                "Revoke one of the caller's tokens",
                Endpoint.Body.NONE,
                Endpoint.Answer.noContent(),
                this::revokeToken));
        api.accept(op(
                "GET",
                "/api/v1/users",
                Access.ADMIN,
                "List users",
                Endpoint.Body.NONE,
                Endpoint.Answer.json(AuthJson.Users.class),
                this::users));
        api.accept(op(
                "POST",
                "/api/v1/users",
                Access.ADMIN,
                "Create a user; returns a one-time login link",
                Endpoint.Body.json(AuthJson.NewUser.class, "name and role"),
                Endpoint.Answer.created(AuthJson.CreatedUser.class),
                this::createUser));
        api.accept(op(
                "PUT",
                "/api/v1/users/{name}",
                Access.ADMIN,
                "Change a user's role (the last enabled admin keeps theirs: 409)",
                Endpoint.Body.json(AuthJson.RoleChange.class, "the new role"),
                Endpoint.Answer.json(AuthJson.RoleSet.class),
                this::setRole));
        api.accept(op(
                "PUT",
                "/api/v1/me/password",
                Access.TEAM_READ,
                "Set the caller's password; ends the caller's other sessions, and revokes their API tokens when "
                        + "revoke_tokens is true",
                Endpoint.Body.json(AuthJson.NewPassword.class, "the new password"),
                Endpoint.Answer.json(AuthJson.PasswordSet.class),
                this::setPassword));
        api.accept(op(
                "DELETE",
                "/api/v1/users/{name}",
                Access.ADMIN,
                "Delete a user: their password and credentials go; their layers stay, and the name is not given again",
                Endpoint.Body.NONE,
                Endpoint.Answer.noContent(),
                this::deleteUser));
        api.accept(op(
                "POST",
                "/api/v1/users/{name}/disable",
                Access.ADMIN,
                "Disable a user: none of their credentials is accepted, their sessions end",
                Endpoint.Body.NONE,
                Endpoint.Answer.json(AuthJson.UserRow.class),
                ctx -> ctx.json(AuthJson.UserRow.of(accounts.disable(user(ctx), ctx.pathParam("name"))))));
        api.accept(op(
                "POST",
                "/api/v1/users/{name}/enable",
                Access.ADMIN,
                "Enable a disabled user again (their API tokens work again; sessions do not come back)",
                Endpoint.Body.NONE,
                Endpoint.Answer.json(AuthJson.UserRow.class),
                ctx -> ctx.json(AuthJson.UserRow.of(accounts.enable(user(ctx), ctx.pathParam("name"))))));
        api.accept(op(
                "GET",
                "/api/v1/users/{name}/tokens",
                Access.ADMIN,
                "A user's API tokens (never their secrets)",
                Endpoint.Body.NONE,
                Endpoint.Answer.json(AuthJson.Tokens.class),
                ctx -> ctx.json(new AuthJson.Tokens(
                        db.users().tokensOf(Accounts.existing(db.users(), ctx.pathParam("name"))).stream()
                                .map(AuthJson.Token::of)
                                .toList()))));
        api.accept(op(
                "DELETE",
                "/api/v1/users/{name}/tokens",
                Access.ADMIN,
                "Revoke every API token of a user",
                Endpoint.Body.NONE,
                Endpoint.Answer.json(AuthJson.Revoked.class),
                ctx -> ctx.json(new AuthJson.Revoked(accounts.revokeTokens(user(ctx), ctx.pathParam("name"))))));
        api.accept(op(
                "DELETE",
                "/api/v1/users/{name}/tokens/{id}",
                Access.ADMIN,
                "Revoke one API token of a user",
                Endpoint.Body.NONE,
                Endpoint.Answer.noContent(),
                ctx -> {
                    accounts.revokeToken(user(ctx), ctx.pathParam("name"), Problem.idParam(ctx, "id", "token"));
                    ctx.status(204);
                }));
        api.accept(op(
                "DELETE",
                "/api/v1/users/{name}/sessions",
                Access.ADMIN,
                "End every browser session of a user",
                Endpoint.Body.NONE,
                Endpoint.Answer.json(AuthJson.Revoked.class),
                ctx -> ctx.json(new AuthJson.Revoked(accounts.endSessions(user(ctx), ctx.pathParam("name"))))));
        api.accept(op(
                "POST",
                "/api/v1/users/{name}/login-link",
                Access.ADMIN,
                "A new one-time sign-in link for a user (24 hours), e.g. when they lost their password",
                Endpoint.Body.NONE,
                Endpoint.Answer.created(AuthJson.LoginLink.class),
                this::newLink));
        api.accept(new Endpoint(
                "GET",
                "/api/v1/audit",
                Access.ADMIN,
                TAG,
                "The newest audit-log entries",
                List.of(new Endpoint.Param("limit", "at most this many entries (default 100, at most 1000)", false)),
                Endpoint.Body.NONE,
                Endpoint.Answer.json(AuthJson.Audit.class),
                this::audit));
    }

    private static Endpoint op(
            String method,
            String path,
            Access access,
            String summary,
            Endpoint.Body body,
            Endpoint.Answer answer,
            io.javalin.http.Handler h) {
        return new Endpoint(method, path, access, TAG, summary, List.of(), body, answer, h);
    }

    private void me(Context ctx) {
        Caller c = Authenticator.caller(ctx);
        ctx.json(new AuthJson.Me(
                c.user().isPresent(),
                c.user().map(User::name),
                c.user().map(u -> u.role().label()),
                c.credential().flatMap(Credential::csrfToken)));
    }

    /**
     * A sign-in by the API. A browser page of another site can send a cross-origin POST without asking first only
     * as a form or text/plain, so the body must be declared JSON, and an {@code Origin} header must be ours.
     */
    private void login(Context ctx) {
        String type = ctx.header("Content-Type");
        String media = type == null ? "" : type.split(";", 2)[0].strip().toLowerCase(Locale.ROOT);
        if (!media.equals("application/json")) {
            throw new Problem(
                    ProblemType.CSRF,
                    "signing in through the API needs Content-Type: application/json"
                            + " (a form or text/plain body is what another site's page could send)");
        }
        auth.checkSignInOrigin(ctx);
        AuthJson.SignIn body = JsonBody.read(ctx, AuthJson.SignIn.class);
        User user = auth.checkPassword(ctx, body.name(), body.password())
                .orElseThrow(() -> Problem.unauthorized("name or password is wrong"));
        auth.startSession(ctx, user);
        db.audit().record(user.name(), "session.start", "user " + user.name(), "password");
        me(ctx);
    }

    private void logout(Context ctx) {
        auth.endSession(ctx);
        ctx.status(204);
    }

    private void tokens(Context ctx) {
        User u = user(ctx);
        ctx.json(new AuthJson.Tokens(
                db.users().tokensOf(u).stream().map(AuthJson.Token::of).toList()));
    }

    private void createToken(Context ctx) {
        User u = user(ctx);
        AuthJson.NewToken body = JsonBody.read(ctx, AuthJson.NewToken.class);
        String label = body.label().orElse("");
        Credential.Issued t = accounts.createToken(u, label, body.days());
        ctx.status(201)
                .json(new AuthJson.IssuedToken(
                        t.credential().id(),
                        label,
                        t.secret(),
                        "shown once: keep it now; send it as Authorization: Bearer",
                        t.credential().expiresAt()));
    }

    private void revokeToken(Context ctx) {
        User u = user(ctx);
        accounts.revokeToken(u, u.name(), Problem.idParam(ctx, "id", "token"));
        ctx.status(204);
    }

    private void setPassword(Context ctx) {
        AuthJson.NewPassword body = JsonBody.read(ctx, AuthJson.NewPassword.class);
        var change = accounts.changePassword(
                Authenticator.caller(ctx), body.password(), body.revokeTokens().orElse(false));
        ctx.json(new AuthJson.PasswordSet(change.sessionsEnded(), change.tokensRevoked()));
    }

    private void deleteUser(Context ctx) {
        accounts.delete(user(ctx), ctx.pathParam("name"));
        ctx.status(204);
    }

    private void newLink(Context ctx) {
        User u = accounts.linkFor(user(ctx), ctx.pathParam("name"));
        ctx.status(201)
                .json(new AuthJson.LoginLink(
                        u.name(), loginLink(ctx, u), "the link signs the user in once, within 24 hours"));
    }

    private void users(Context ctx) {
        ctx.json(new AuthJson.Users(
                db.users().list().stream().map(AuthJson.UserRow::of).toList()));
    }

    private void createUser(Context ctx) {
        AuthJson.NewUser body = JsonBody.read(ctx, AuthJson.NewUser.class);
        Role role = role(body.role());
        User created = accounts.create(user(ctx), body.name(), role);
        String link = loginLink(ctx, created);
        ctx.status(201)
                .json(new AuthJson.CreatedUser(
                        created.name(),
                        role.label(),
                        link,
                        "the link signs the user in once, within 24 hours; they set a password there"));
    }

    private void setRole(Context ctx) {
        Role role = role(JsonBody.read(ctx, AuthJson.RoleChange.class).role());
        User u = accounts.setRole(user(ctx), ctx.pathParam("name"), role);
        ctx.json(new AuthJson.RoleSet(u.name(), u.role().label()));
    }

    private void audit(Context ctx) {
        int limit = 100;
        String l = ctx.queryParam("limit");
        if (l != null) {
            try {
                limit = Integer.parseInt(l);
            } catch (NumberFormatException e) {
                throw Problem.badRequest("limit must be a number");
            }
        }
        ctx.json(new AuthJson.Audit(
                db.audit().recent(limit).stream().map(AuthJson.AuditRow::of).toList()));
    }

    /** A one-time link that signs this user in, at the configured public URL (never the request's Host header). */
    public String loginLink(Context ctx, User user) {
        Credential.Issued link = db.users().issue(user, Credential.Kind.LOGIN_LINK, null, Optional.of(LOGIN_LINK_TTL));
        return auth.siteUrl(ctx) + "/login/" + link.secret();
    }

    private static Role role(String text) {
        return Role.parse(text)
                .orElseThrow(() -> Problem.badRequest("role '" + text + "' is not one of viewer, analyst, admin"));
    }

    private static User user(Context ctx) {
        return Authenticator.caller(ctx).user().orElseThrow(() -> Problem.unauthorized("sign in first"));
    }
}
