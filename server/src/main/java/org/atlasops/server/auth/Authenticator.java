package org.atlasops.server.auth;

import io.javalin.http.Context;
import io.javalin.http.Cookie;
import io.javalin.http.SameSite;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Clock;
import java.time.Duration;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import org.atlasops.server.web.Problem;
import org.atlasops.server.web.ProblemType;
import org.atlasops.store.AuditLog;
import org.atlasops.store.Credential;
import org.atlasops.store.User;
import org.atlasops.store.UserStore;

/**
 * Finds the caller of each request and checks what it may do, following OWASP's session guidance: the session id is
 * a 256-bit random secret in an HttpOnly, SameSite=Strict cookie, stored hashed; state-changing requests made with a
 * session must carry its CSRF token; API tokens travel as {@code Authorization: Bearer} and need no CSRF token, since
 * a browser never attaches them by itself.
 */
public final class Authenticator {
    public static final String SESSION_COOKIE = "atlas_session";
    public static final String CSRF_HEADER = "X-CSRF-Token";
    public static final Duration SESSION_TTL = Duration.ofHours(12);
    private static final String CALLER = "atlas.caller";
    private static final Set<String> SAFE_METHODS = Set.of("GET", "HEAD", "OPTIONS");

    private final UserStore users;
    private final AuditLog audit;
    private final boolean anonymousTeamRead;
    private final SignInThrottle throttle;
    private final Optional<String> publicOrigin;

    public Authenticator(UserStore users, AuditLog audit, boolean anonymousTeamRead) {
        this(users, audit, anonymousTeamRead, Optional.empty());
    }

    /**
     * @param publicOrigin the configured public URL's origin ({@code https://atlas.corp.example}): sign-in links
     *     start with it, and sign-in requests may come from it
     */
    public Authenticator(UserStore users, AuditLog audit, boolean anonymousTeamRead, Optional<String> publicOrigin) {
        this(users, audit, anonymousTeamRead, publicOrigin, Clock.systemUTC());
    }

    /** As the others, with the clock that times the wait after failed sign-ins ({@link SignInThrottle}). */
    public Authenticator(
            UserStore users,
            AuditLog audit,
            boolean anonymousTeamRead,
            Optional<String> publicOrigin,
            Clock signInClock) {
        this.users = users;
        this.audit = audit;
        this.anonymousTeamRead = anonymousTeamRead;
        this.throttle = new SignInThrottle(signInClock);
        this.publicOrigin = publicOrigin.map(o -> o.toLowerCase(Locale.ROOT));
    }

    /**
     * Where links this server hands out (one-time sign-in links) point: the configured public URL, else the address
     * and port the request arrived at. Never the request's {@code Host} header, which the sender chooses.
     */
    public String siteUrl(Context ctx) {
        return publicOrigin.orElseGet(() -> {
            String address = ctx.req().getLocalAddr();
            String host = address.contains(":") ? "[" + address + "]" : address;
            return ctx.req().getScheme().toLowerCase(Locale.ROOT) + "://" + host + ":"
                    + ctx.req().getLocalPort();
        });
    }

    /**
     * Sign-in requests carry no session yet, so no CSRF token can guard them: one sent by another site's page (to
     * sign the victim in to the attacker's account) is refused by its {@code Origin} header, which browsers set on
     * every cross-origin POST. An origin is ours when it is the configured public URL or names the host and port
     * the request was sent to; {@code Origin: null} (a sandboxed or privacy-restricted page) is not.
     */
    public void checkSignInOrigin(Context ctx) {
        String origin = ctx.header("Origin");
        if (origin != null && !isOwnOrigin(origin, ctx)) {
            throw new Problem(
                    ProblemType.CSRF,
                    "sign-in requests must come from this server's own page (Origin " + origin + " is not "
                            + publicOrigin.orElse(ctx.host()) + ")");
        }
    }

    private boolean isOwnOrigin(String origin, Context ctx) {
        String o = origin.strip().toLowerCase(Locale.ROOT);
        if (publicOrigin.isPresent() && publicOrigin.get().equals(o)) {
            return true;
        }
        java.net.URI uri;
        try {
            uri = new java.net.URI(o);
        } catch (java.net.URISyntaxException e) {
            return false;
        }
        String scheme = uri.getScheme();
        if (!("http".equals(scheme) || "https".equals(scheme))
                || uri.getHost() == null
                || uri.getRawUserInfo() != null
                || !(uri.getRawPath() == null || uri.getRawPath().isEmpty())
                || uri.getRawQuery() != null
                || uri.getRawFragment() != null) {
            return false;
        }
        int defaultPort = scheme.equals("https") ? 443 : 80;
        String expected = ctx.host() == null ? "" : ctx.host().toLowerCase(Locale.ROOT);
        int colon = expected.lastIndexOf(':');
        boolean hostHasPort = colon > expected.lastIndexOf(']');
        String expectedHost = hostHasPort ? expected.substring(0, colon) : expected;
        int expectedPort;
        try {
            expectedPort = hostHasPort ? Integer.parseInt(expected.substring(colon + 1)) : defaultPort;
        } catch (NumberFormatException e) {
            return false;
        }
        String host = uri.getHost();
        int port = uri.getPort() < 0 ? defaultPort : uri.getPort();
        return host.equals(expectedHost) && port == expectedPort;
    }

    /**
     * A sign-in by name and password: the user, or empty when either is wrong (written to the audit log, as OWASP
     * asks for authentication failures). While this name or the caller's address has failed too often
     * ({@link SignInThrottle}), the attempt is refused with 429 and {@code Retry-After}, and the password is not
     * checked; the check and the count are one step, so concurrent attempts cannot all slip through.
     */
    public Optional<User> checkPassword(Context ctx, String name, String password) {
        String address = ctx.ip();
        Optional<Duration> wait = throttle.admit(name, address);
        if (wait.isPresent()) {
            long seconds = Math.max(1, (wait.get().toMillis() + 999) / 1000);
            ctx.header("Retry-After", String.valueOf(seconds));
            throw new Problem(
                    ProblemType.TOO_MANY_SIGN_INS,
                    "too many failed sign-ins for "
                            + "this name or from this address; try again in " + seconds + " s, or ask an admin for a "
                            + "one-time sign-in link");
        }
        Optional<User> user = users.checkPassword(name, password);
        if (user.isPresent()) {
            throttle.succeeded(name, address);
        } else {
            // a name that is no user may be a password typed in the wrong box: it is not kept
            String target = name != null && users.find(name).isPresent() ? "user " + name : "an unknown name";
            audit.record("anonymous", "session.refused", target, "wrong name or password, from " + address);
        }
        return user;
    }

    /** Runs before every request: finds the caller from the bearer token or the session cookie. */
    public void identify(Context ctx) {
        Caller caller = Caller.ANONYMOUS;
        String auth = ctx.header("Authorization");
        if (auth != null) {
            if (auth.regionMatches(true, 0, "Basic ", 0, 6) && ctx.path().startsWith("/taxii2")) {
                // TAXII clients that only speak Basic: the password is an API token, the name its user's
                caller = new Caller(Optional.of(basic(auth.substring(6).strip())));
            } else if (!auth.regionMatches(true, 0, "Bearer ", 0, 7)) {
                throw Problem.unauthorized("the Authorization header must be 'Bearer <token>'; create a token "
                        + "under POST /api/v1/tokens");
            } else {
                caller = new Caller(Optional.of(users.authenticate(
                                Credential.Kind.API_TOKEN, auth.substring(7).strip())
                        .orElseThrow(() -> Problem.unauthorized("the API token is unknown, revoked or expired"))));
            }
        } else {
            String session = ctx.cookie(SESSION_COOKIE);
            if (session != null) {
                Optional<Credential> c = users.authenticate(Credential.Kind.SESSION, session);
                if (c.isPresent()) {
                    caller = new Caller(c);
                } else {
                    ctx.removeCookie(SESSION_COOKIE, "/");
                }
            }
        }
        ctx.attribute(CALLER, caller);
    }

    private Credential basic(String encoded) {
        String pair;
        try {
            pair = new String(java.util.Base64.getDecoder().decode(encoded), StandardCharsets.UTF_8);
        } catch (IllegalArgumentException e) {
            throw Problem.unauthorized("the Basic credentials are not base64 of NAME:TOKEN");
        }
        int colon = pair.indexOf(':');
        if (colon < 0) {
            throw Problem.unauthorized("the Basic credentials must be NAME:TOKEN, the password being an API token");
        }
        String name = pair.substring(0, colon);
        Credential c = users.authenticate(Credential.Kind.API_TOKEN, pair.substring(colon + 1))
                .orElseThrow(() -> Problem.unauthorized("the password is not a known API token (Basic takes an API "
                        + "token as the password; create one under POST /api/v1/tokens)"));
        if (!name.isEmpty() && !name.equals(c.user().name())) {
            throw Problem.unauthorized("the Basic user name '" + name + "' is not the user of the token");
        }
        return c;
    }

    public static Caller caller(Context ctx) {
        Caller c = ctx.attribute(CALLER);
        return c == null ? Caller.ANONYMOUS : c;
    }

    /** The CSRF token of this request's browser session, empty without one (for {@code Html.csrfInput}). */
    public static String csrfToken(Context ctx) {
        return caller(ctx).credential().flatMap(Credential::csrfToken).orElse("");
    }

    /** Refuses the request unless the caller may do this; also checks the CSRF token of session-made changes. */
    public void require(Context ctx, Access access) {
        Caller caller = caller(ctx);
        if (caller.viaSession() && !SAFE_METHODS.contains(ctx.method().name())) {
            checkCsrf(ctx, caller);
        }
        if (access == Access.PUBLIC || (access == Access.TEAM_READ && anonymousTeamRead)) {
            return;
        }
        User user = caller.user()
                .orElseThrow(() -> Problem.unauthorized(
                        "sign in at /login, or send an API " + "token as 'Authorization: Bearer <token>'"));
        if (!user.role().allows(access.role().orElseThrow())) {
            throw Problem.forbidden(
                    "this needs the role " + access.role().orElseThrow().label() + "; " + user.name() + " is "
                            + user.role().label() + " (an admin can change roles)");
        }
    }

    private static void checkCsrf(Context ctx, Caller caller) {
        String expected = caller.credential().flatMap(Credential::csrfToken).orElse("");
        String given = ctx.header(CSRF_HEADER);
        if (given == null && (ctx.isFormUrlencoded() || ctx.isMultipartFormData())) {
            given = ctx.formParam("csrf");
        }
        if (given == null
                || expected.isEmpty()
                || !MessageDigest.isEqual(
                        given.getBytes(StandardCharsets.UTF_8), expected.getBytes(StandardCharsets.UTF_8))) {
            throw new Problem(
                    ProblemType.CSRF,
                    "changes made with a browser session need "
                            + "the session's CSRF token in the " + CSRF_HEADER + " header (or the csrf form field); "
                            + "reload the page to get it");
        }
    }

    /** Starts a browser session for this user and sets its cookie. */
    public void startSession(Context ctx, User user) {
        Credential.Issued s = users.issue(user, Credential.Kind.SESSION, null, Optional.of(SESSION_TTL));
        Cookie cookie = new Cookie(
                SESSION_COOKIE,
                s.secret(),
                "/",
                (int) SESSION_TTL.toSeconds(),
                secure(ctx),
                true,
                null,
                SameSite.STRICT);
        ctx.cookie(cookie);
        ctx.attribute(CALLER, new Caller(Optional.of(s.credential())));
    }

    public void endSession(Context ctx) {
        Caller caller = caller(ctx);
        if (caller.viaSession()) {
            caller.credential().ifPresent(c -> {
                if (users.revoke(c.user(), c.id())) {
                    audit.record(
                            c.user().name(), "session.end", "user " + c.user().name(), "signed out");
                }
            });
        }
        ctx.removeCookie(SESSION_COOKIE, "/");
        ctx.attribute(CALLER, Caller.ANONYMOUS);
    }

    private static boolean secure(Context ctx) {
        return "https".equalsIgnoreCase(ctx.scheme()) || "https".equalsIgnoreCase(ctx.header("X-Forwarded-Proto"));
    }
}
