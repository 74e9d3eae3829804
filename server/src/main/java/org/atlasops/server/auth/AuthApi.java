package org.atlasops.server.auth;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.javalin.http.Context;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.function.Consumer;
import org.atlasops.server.api.Endpoint;
import org.atlasops.server.web.JsonBody;
import org.atlasops.server.web.Problem;
import org.atlasops.store.AuditEntry;
import org.atlasops.store.Credential;
import org.atlasops.store.Database;
import org.atlasops.store.Role;
import org.atlasops.store.User;

/** Sessions, API tokens, users and the audit log, as API endpoints. */
public final class AuthApi {
    public static final Duration LOGIN_LINK_TTL = Duration.ofHours(24);
    private static final String JSON = "application/json";

    private final Database db;
    private final Authenticator auth;

    public AuthApi(Database db, Authenticator auth) {
        this.db = db;
        this.auth = auth;
    }

    public void register(Consumer<Endpoint> api) {
        api.accept(op("GET", "/api/v1/me", Access.PUBLIC, "Who the caller is (anonymous when not signed in)",
                Endpoint.Body.NONE, this::me));
        api.accept(op("POST", "/api/v1/session", Access.PUBLIC, "Sign in with name and password; sets the session "
                + "cookie and returns the CSRF token", Endpoint.Body.json("{\"name\", \"password\"}"), this::login));
        api.accept(op("DELETE", "/api/v1/session", Access.PUBLIC, "Sign out", Endpoint.Body.NONE, this::logout));
        api.accept(op("GET", "/api/v1/tokens", Access.TEAM_READ, "The caller's API tokens (never their secrets)",
                Endpoint.Body.NONE, this::tokens));
        api.accept(op("POST", "/api/v1/tokens", Access.TEAM_READ, "Create an API token for the caller; the secret is "
                + "shown once", Endpoint.Body.json("{\"label\", \"days\": lifetime, empty for no expiry}"),
                this::createToken));
        api.accept(op("DELETE", "/api/v1/tokens/{id}", Access.TEAM_READ, "Revoke one of the caller's tokens",
                Endpoint.Body.NONE, this::revokeToken));
        api.accept(op("GET", "/api/v1/users", Access.ADMIN, "List users", Endpoint.Body.NONE, this::users));
        api.accept(op("POST", "/api/v1/users", Access.ADMIN, "Create a user; returns a one-time login link",
                Endpoint.Body.json("{\"name\", \"role\": \"viewer|analyst|admin\"}"), this::createUser));
        api.accept(op("PUT", "/api/v1/users/{name}", Access.ADMIN, "Change a user's role",
                Endpoint.Body.json("{\"role\": \"viewer|analyst|admin\"}"), this::setRole));
        api.accept(op("GET", "/api/v1/audit", Access.ADMIN, "The newest audit-log entries",
                Endpoint.Body.NONE, this::audit));
    }

    private static Endpoint op(String method, String path, Access access, String summary, Endpoint.Body body,
                               io.javalin.http.Handler h) {
        return new Endpoint(method, path, access, "access", summary, List.of(), body, List.of(JSON), h);
    }

    private void me(Context ctx) {
        Caller c = Authenticator.caller(ctx);
        ObjectNode n = JsonNodeFactory.instance.objectNode().put("signed_in", c.user().isPresent());
        c.user().ifPresent(u -> n.put("name", u.name()).put("role", u.role().label()));
        c.credential().flatMap(Credential::csrfToken).ifPresent(t -> n.put("csrf_token", t));
        ctx.json(n);
    }

    private void login(Context ctx) {
        ObjectNode body = JsonBody.object(ctx);
        String name = JsonBody.text(body, "name", true);
        String password = JsonBody.text(body, "password", true);
        User user = auth.checkPassword(ctx, name, password).orElseThrow(() ->
                Problem.unauthorized("name or password is wrong"));
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
        ArrayNode a = JsonNodeFactory.instance.arrayNode();
        for (Credential c : db.users().tokensOf(u)) {
            ObjectNode t = a.addObject().put("id", c.id()).put("label", c.label().orElse(""))
                    .put("created_at", c.createdAt().toString());
            c.expiresAt().ifPresent(e -> t.put("expires_at", e.toString()));
        }
        ctx.json(JsonNodeFactory.instance.objectNode().set("tokens", a));
    }

    private void createToken(Context ctx) {
        User u = user(ctx);
        ObjectNode body = JsonBody.object(ctx);
        String label = Optional.ofNullable(JsonBody.text(body, "label", false)).orElse("");
        if (label.length() > 128) {
            throw Problem.badRequest("the label is longer than 128 characters");
        }
        Optional<Duration> ttl = Optional.empty();
        if (body.hasNonNull("days")) {
            int days = body.get("days").asInt(-1);
            if (days < 1 || days > 3650) {
                throw Problem.badRequest("days must be a whole number from 1 to 3650");
            }
            ttl = Optional.of(Duration.ofDays(days));
        }
        Credential.Issued t = db.users().issue(u, Credential.Kind.API_TOKEN, label, ttl);
        db.audit().record(u.name(), "token.create", "token " + t.credential().id(), label);
        ObjectNode n = JsonNodeFactory.instance.objectNode().put("id", t.credential().id()).put("label", label)
                .put("token", t.secret()).put("note", "shown once: keep it now; send it as Authorization: Bearer");
        t.credential().expiresAt().ifPresent(e -> n.put("expires_at", e.toString()));
        ctx.status(201).json(n);
    }

    private void revokeToken(Context ctx) {
        User u = user(ctx);
        long id = Problem.idParam(ctx, "id", "token");
        if (db.users().tokensOf(u).stream().noneMatch(c -> c.id() == id) || !db.users().revoke(u, id)) {
            throw Problem.notFound(u.name() + " has no token " + id);
        }
        db.audit().record(u.name(), "token.revoke", "token " + id, "");
        ctx.status(204);
    }

    private void users(Context ctx) {
        ArrayNode a = JsonNodeFactory.instance.arrayNode();
        for (User u : db.users().list()) {
            a.addObject().put("name", u.name()).put("role", u.role().label()).put("created_at",
                    u.createdAt().toString());
        }
        ctx.json(JsonNodeFactory.instance.objectNode().set("users", a));
    }

    private void createUser(Context ctx) {
        ObjectNode body = JsonBody.object(ctx);
        Role role = role(JsonBody.text(body, "role", true));
        User created = Problem.fromStore(() -> db.users().create(JsonBody.text(body, "name", true), role));
        String link = loginLink(ctx, created);
        db.audit().record(user(ctx).name(), "user.create", "user " + created.name(), role.label());
        ctx.status(201).json(JsonNodeFactory.instance.objectNode().put("name", created.name())
                .put("role", role.label()).put("login_link", link)
                .put("note", "the link signs the user in once, within 24 hours; they set a password there"));
    }

    private void setRole(Context ctx) {
        Role role = role(JsonBody.text(JsonBody.object(ctx), "role", true));
        User u = Problem.fromStore(() -> db.users().setRole(ctx.pathParam("name"), role));
        db.audit().record(user(ctx).name(), "user.role", "user " + u.name(), role.label());
        ctx.json(JsonNodeFactory.instance.objectNode().put("name", u.name()).put("role", u.role().label()));
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
        ArrayNode a = JsonNodeFactory.instance.arrayNode();
        for (AuditEntry e : db.audit().recent(limit)) {
            a.addObject().put("at", e.at().toString()).put("actor", e.actor()).put("action", e.action())
                    .put("target", e.target()).put("detail", e.detail());
        }
        ctx.json(JsonNodeFactory.instance.objectNode().set("entries", a));
    }

    /** A one-time link that signs this user in, for the address the caller used. */
    public String loginLink(Context ctx, User user) {
        Credential.Issued link = db.users().issue(user, Credential.Kind.LOGIN_LINK, null, Optional.of(LOGIN_LINK_TTL));
        return ctx.scheme() + "://" + ctx.host() + "/login/" + link.secret();
    }

    private static Role role(String text) {
        return Role.parse(text).orElseThrow(() -> Problem.badRequest("role '" + text
                + "' is not one of viewer, analyst, admin"));
    }

    private static User user(Context ctx) {
        return Authenticator.caller(ctx).user().orElseThrow(() -> Problem.unauthorized("sign in first"));
    }
}
