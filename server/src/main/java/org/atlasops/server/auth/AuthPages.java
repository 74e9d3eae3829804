package org.atlasops.server.auth;

import io.javalin.http.Context;
import java.util.List;
import java.util.Optional;
import org.atlasops.kb.failure.BadInputException;
import org.atlasops.server.web.Frame;
import org.atlasops.server.web.Html;
import org.atlasops.server.web.Problem;
import org.atlasops.server.web.ProblemType;
import org.atlasops.store.Credential;
import org.atlasops.store.Database;
import org.atlasops.store.User;

/** Sign-in by password or one-time link, sign-out, and the account page (password, API tokens). */
public final class AuthPages {
    private final Database db;
    private final Authenticator auth;
    private final Frame frame;

    private final Accounts accounts;

    public AuthPages(Database db, Authenticator auth, Frame frame) {
        this(db, auth, frame, AuthApi.DEFAULT_TOKEN_LIFETIME);
    }

    /** {@code tokenLifetime}: how long a token made on the account page lives. */
    public AuthPages(Database db, Authenticator auth, Frame frame, java.time.Duration tokenLifetime) {
        this.db = db;
        this.auth = auth;
        this.frame = frame;
        this.accounts = new Accounts(db, tokenLifetime);
    }

    public void loginForm(Context ctx) {
        loginPage(ctx, "");
    }

    private void loginPage(Context ctx, String error) {
        String next = safeNext(ctx.queryParam("next"));
        String body = "<div class=\"narrow\"><h1>Sign in</h1>"
                + (error.isEmpty() ? "" : "<p class=\"error\" role=\"alert\">" + Html.esc(error) + "</p>")
                + "<form method=\"post\" action=\"/login?next=" + Html.url(next) + "\" class=\"stack\">"
                + "<label>Name <input name=\"name\" autocomplete=\"username\" required autofocus></label>"
                + "<label>Password <input type=\"password\" name=\"password\" autocomplete=\"current-password\" "
                + "required></label><button type=\"submit\">Sign in</button></form>"
                + "<p class=\"muted\">New here? An admin creates your account and gives you a one-time sign-in "
                + "link; on the first start, the server prints one for its admin.</p></div>";
        ctx.html(frame.render(ctx, "Sign in", "", body, List.of()));
    }

    public void login(Context ctx) {
        auth.checkSignInOrigin(ctx);
        Optional<User> user = auth.checkPassword(ctx, ctx.formParam("name"), ctx.formParam("password"));
        if (user.isEmpty()) {
            ctx.status(401);
            loginPage(ctx, "Name or password is wrong.");
            return;
        }
        auth.startSession(ctx, user.get());
        db.audit()
                .record(user.get().name(), "session.start", "user " + user.get().name(), "password");
        ctx.redirect(safeNext(ctx.queryParam("next")));
    }

    /** A one-time link: signs in, then offers to set a password. */
    public void loginLink(Context ctx) {
        Credential c = db.users()
                .authenticate(Credential.Kind.LOGIN_LINK, ctx.pathParam("secret"))
                .orElseThrow(() -> new Problem(
                        ProblemType.LOGIN_LINK,
                        "this sign-in link was " + "already used or has expired; ask an admin for a new one"));
        auth.startSession(ctx, c.user());
        db.audit().record(c.user().name(), "session.start", "user " + c.user().name(), "login link");
        ctx.redirect("/account?welcome=1");
    }

    public void logout(Context ctx) {
        auth.endSession(ctx);
        ctx.redirect("/");
    }

    public void account(Context ctx) {
        User u = Authenticator.caller(ctx).user().orElseThrow();
        StringBuilder b = new StringBuilder("<div class=\"narrow\"><h1>Account: ")
                .append(Html.esc(u.name()))
                .append("</h1><p>Role: <strong>")
                .append(u.role().label())
                .append("</strong></p>");
        if (ctx.queryParam("welcome") != null) {
            b.append("<p class=\"note\" role=\"status\">You are signed in. Set a password now, so you can sign in ")
                    .append("again after this session ends.</p>");
        }
        String flash = ctx.attribute("flash");
        if (flash != null) {
            b.append(flash);
        }
        String csrf = csrf(ctx);
        b.append("<h2>Password</h2><form method=\"post\" action=\"/account/password\" class=\"stack\">")
                .append(csrf)
                .append("<label>New password (12 characters or more) <input type=\"password\" ")
                .append("name=\"password\" minlength=\"12\" autocomplete=\"new-password\" required></label>")
                .append("<p class=\"muted\">Not one of the most common passwords, a repeat or your name. Your ")
                .append("other sessions end when it is set.</p>")
                .append("<label><input type=\"checkbox\" name=\"revoke_tokens\" value=\"1\"> Also revoke my API ")
                .append("tokens</label>")
                .append("<button type=\"submit\">Set password</button></form>")
                .append("<h2>API tokens</h2><table class=\"plain\"><tbody>");
        for (Credential t : db.users().tokensOf(u)) {
            b.append("<tr><td>")
                    .append(Html.esc(t.label().orElse("(no label)")))
                    .append("</td><td>created ")
                    .append(t.createdAt())
                    .append(t.expiresAt().map(e -> ", expires " + e).orElse(""))
                    .append("</td><td><form method=\"post\" action=\"/account/tokens/")
                    .append(t.id())
                    .append("/revoke\">")
                    .append(csrf)
                    .append("<button type=\"submit\">Revoke</button></form></td></tr>");
        }
        b.append("</tbody></table><form method=\"post\" action=\"/account/tokens\" class=\"inline\">")
                .append(csrf)
                .append("<label>Label <input name=\"label\" maxlength=\"128\"></label>")
                .append("<button type=\"submit\">Create token</button></form><p class=\"muted\">New tokens ")
                .append("expire after ")
                .append(accounts.tokenLifetime().toDays())
                .append(" days (the API takes another lifetime).</p></div>");
        ctx.html(frame.render(ctx, "Account", "", b.toString(), List.of()));
    }

    public void setPassword(Context ctx) {
        User u = Authenticator.caller(ctx).user().orElseThrow();
        try {
            var change = accounts.changePassword(
                    Authenticator.caller(ctx), ctx.formParam("password"), ctx.formParam("revoke_tokens") != null);
            ctx.attribute(
                    "flash",
                    "<p class=\"note\" role=\"status\">Password set. Other sessions ended: " + change.sessionsEnded()
                            + (change.tokensRevoked() > 0 ? "; API tokens revoked: " + change.tokensRevoked() : "")
                            + ".</p>");
        } catch (BadInputException e) {
            // only a password the rules refuse is the user's to fix; an outage goes to the server's failure handler
            ctx.status(400)
                    .attribute("flash", "<p class=\"error\" role=\"alert\">" + Html.esc(e.getMessage()) + "</p>");
        }
        account(ctx);
    }

    public void createToken(Context ctx) {
        User u = Authenticator.caller(ctx).user().orElseThrow();
        String label = Optional.ofNullable(ctx.formParam("label")).orElse("");
        Credential.Issued t =
                accounts.createToken(u, label.length() > 128 ? label.substring(0, 128) : label, Optional.empty());
        ctx.attribute(
                "flash",
                "<p class=\"note\" role=\"status\">New token (shown once, copy it now): <code " + "id=\"new-token\">"
                        + Html.esc(t.secret()) + "</code></p>");
        account(ctx);
    }

    public void revokeToken(Context ctx) {
        User u = Authenticator.caller(ctx).user().orElseThrow();
        long id = Problem.idParam(ctx, "id", "token");
        db.transaction(tx -> {
            if (tx.users().tokensOf(u).stream().anyMatch(c -> c.id() == id)
                    && tx.users().revoke(u, id)) {
                tx.audit().record(u.name(), "token.revoke", "token " + id, "");
            }
            return null;
        });
        ctx.redirect("/account");
    }

    private static String csrf(Context ctx) {
        return Html.csrfInput(Authenticator.csrfToken(ctx));
    }

    /** Only paths on this site ({@link Html#sitePath}), so the sign-in form cannot be used to send users elsewhere. */
    static String safeNext(String next) {
        return Html.sitePath(next).orElse("/");
    }
}
