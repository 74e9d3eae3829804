package org.atlasops.server.auth;

import io.javalin.http.Context;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import org.atlasops.kb.failure.Failure;
import org.atlasops.server.web.Frame;
import org.atlasops.server.web.Html;
import org.atlasops.server.web.Problem;
import org.atlasops.store.Credential;
import org.atlasops.store.Database;
import org.atlasops.store.Role;
import org.atlasops.store.User;

/**
 * The admins' page of users ({@code /admin/users}): list, create, change role, disable or enable, delete, end
 * sessions, revoke tokens and make a new one-time sign-in link. Plain forms carrying the session's CSRF token, like
 * the account page; each change goes through {@link Accounts}, so it is audited as the API's are.
 */
public final class UserPages {
    private final Database db;
    private final AuthApi api;
    private final Frame frame;

    public UserPages(Database db, AuthApi api, Frame frame) {
        this.db = Objects.requireNonNull(db, "db");
        this.api = Objects.requireNonNull(api, "api");
        this.frame = Objects.requireNonNull(frame, "frame");
    }

    public void list(Context ctx) {
        show(ctx, "");
    }

    /** {@code POST /admin/users}: a new user, and their one-time link shown once. */
    public void create(Context ctx) {
        User admin = admin(ctx);
        String name = ctx.formParam("name");
        act(ctx, () -> {
            Role role = Role.parse(ctx.formParam("role"))
                    .orElseThrow(() -> Problem.badRequest(
                            "role '" + ctx.formParam("role") + "' is not one of viewer, analyst, admin"));
            User made = api.accounts().create(admin, name == null ? "" : name.strip(), role);
            return "Created " + made.name() + " (" + role.label() + "). Give them this one-time sign-in link "
                    + "(24 hours; shown once): " + api.loginLink(ctx, made);
        });
    }

    /** {@code POST /admin/users/{name}/{action}}. */
    public void act(Context ctx) {
        User admin = admin(ctx);
        String name = ctx.pathParam("name");
        String action = ctx.pathParam("action").toLowerCase(Locale.ROOT);
        Accounts accounts = api.accounts();
        act(ctx, () -> switch (action) {
            case "role" -> {
                Role role = Role.parse(ctx.formParam("role"))
                        .orElseThrow(() -> Problem.badRequest(
                                "role '" + ctx.formParam("role") + "' is not one of viewer, analyst, admin"));
                yield name + " is now "
                        + accounts.setRole(admin, name, role).role().label() + ".";
            }
            case "disable" -> {
                accounts.disable(admin, name);
                yield name + " is disabled: their sessions ended and none of their credentials is accepted.";
            }
            case "enable" -> {
                accounts.enable(admin, name);
                yield name + " is enabled again.";
            }
            case "delete" -> {
                if (ctx.formParam("confirm") == null) {
                    throw Problem.badRequest("tick the box to confirm that " + name + " is to be deleted");
                }
                accounts.delete(admin, name);
                yield name + " is deleted.";
            }
            case "sessions" -> "Sessions of " + name + " ended: " + accounts.endSessions(admin, name) + ".";
            case "tokens" -> "API tokens of " + name + " revoked: " + accounts.revokeTokens(admin, name) + ".";
            case "link" -> {
                User u = accounts.linkFor(admin, name);
                yield "One-time sign-in link for " + u.name() + " (24 hours; shown once): " + api.loginLink(ctx, u);
            }
            default -> throw Problem.notFound("nothing at " + ctx.path());
        });
    }

    private interface Action {
        String run();
    }

    /** Runs a change; what the admin can fix (a bad role, the last admin, an unknown name) is shown on the page. */
    private void act(Context ctx, Action action) {
        try {
            String done = action.run();
            show(ctx, "<p class=\"note\" role=\"status\" id=\"users-status\">" + Html.esc(done) + "</p>");
        } catch (Problem p) {
            if (p.status() >= 500) {
                throw p;
            }
            ctx.status(p.status());
            show(ctx, "<p class=\"error\" role=\"alert\">" + Html.esc(p.detail()) + "</p>");
        } catch (Failure f) {
            Problem p = Problem.of(f);
            if (p.status() >= 500) {
                throw f;
            }
            ctx.status(p.status());
            show(ctx, "<p class=\"error\" role=\"alert\">" + Html.esc(p.detail()) + "</p>");
        }
    }

    private void show(Context ctx, String flash) {
        String csrf = "<input type=\"hidden\" name=\"csrf\" value=\""
                + Html.esc(Authenticator.caller(ctx)
                        .credential()
                        .flatMap(Credential::csrfToken)
                        .orElse(""))
                + "\">";
        List<String> roles = List.of("viewer", "analyst", "admin");
        StringBuilder b = new StringBuilder("<h1>Users</h1>").append(flash);
        b.append("<table class=\"plain\" id=\"user-list\"><thead><tr><th>Name</th><th>Role</th><th>Status</th>")
                .append("<th>Created</th><th>Sessions</th><th>API tokens</th><th>Actions</th></tr></thead><tbody>");
        for (User u : db.users().list()) {
            String base = "/admin/users/" + Html.url(u.name());
            b.append("<tr><td>")
                    .append(Html.esc(u.name()))
                    .append("</td><td><form method=\"post\" class=\"inline\" action=\"")
                    .append(base)
                    .append("/role\">")
                    .append(csrf)
                    .append(Html.select("role", roles, u.role().label(), ""))
                    .append("<button type=\"submit\">Set role</button></form></td><td>")
                    .append(u.disabled() ? "disabled" : "enabled")
                    .append("</td><td>")
                    .append(u.createdAt())
                    .append("</td><td>")
                    .append(db.users().countLive(u, Credential.Kind.SESSION))
                    .append("</td><td>")
                    .append(db.users().countLive(u, Credential.Kind.API_TOKEN))
                    .append("</td><td>")
                    .append(button(
                            base + (u.disabled() ? "/enable" : "/disable"),
                            csrf,
                            u.disabled() ? "Enable" : "Disable",
                            ""))
                    .append(button(base + "/sessions", csrf, "End sessions", ""))
                    .append(button(base + "/tokens", csrf, "Revoke tokens", ""))
                    .append(button(base + "/link", csrf, "New sign-in link", ""))
                    .append(button(
                            base + "/delete",
                            csrf,
                            "Delete",
                            "<label><input type=\"checkbox\" name=\"confirm\" value=\"1\" required> sure</label>"))
                    .append("</td></tr>");
        }
        b.append("</tbody></table><h2>New user</h2><form method=\"post\" action=\"/admin/users\" class=\"inline\">")
                .append(csrf)
                .append("<label>Name <input name=\"name\" maxlength=\"64\" required></label><label>Role ")
                .append(Html.select("role", roles, "viewer", ""))
                .append("</label><button type=\"submit\">Create</button></form>")
                .append("<p class=\"muted\">A new user gets a one-time sign-in link to pass on; they set a password ")
                .append("there. A deleted user's layers stay, and their name is not given to anyone else. The ")
                .append("last enabled admin cannot lose the role, be disabled or be deleted.</p>");
        ctx.html(frame.render(ctx, "Users", "", b.toString(), List.of()));
    }

    private static String button(String action, String csrf, String label, String extra) {
        return "<form method=\"post\" class=\"inline\" action=\"" + action + "\">" + csrf + extra
                + "<button type=\"submit\">" + Html.esc(label) + "</button></form>";
    }

    private static User admin(Context ctx) {
        return Authenticator.caller(ctx).user().orElseThrow(() -> Problem.unauthorized("sign in first"));
    }
}
