package org.atlasops.server.web;

/**
 * Every kind of error the server answers, in one place: the slug of its type URI ({@code /problems/<slug>}), its
 * HTTP status, its title and when it happens. Call sites name a constant, never a string; docs/web.md lists them
 * all (a test checks it). A slug may serve two statuses (fetch-refused: a bad scheme is 400, an internal address 403),
 * each with its own constant.
 */
public enum ProblemType {
    BAD_REQUEST("bad-request", 400, "Bad request", "a missing or wrong parameter or field"),
    MALFORMED_JSON(
            "malformed-json",
            400,
            "Malformed JSON",
            "the body is not JSON (line and column given), has " + "duplicate keys or nests deeper than 64"),
    INVALID_LAYER(
            "invalid-layer",
            400,
            "Not a valid Navigator layer",
            "the body is JSON but not a Navigator layer " + "(each flaw with its place)"),
    BAD_EXPRESSION(
            "bad-expression",
            400,
            "Score expression not accepted",
            "a combine expression that does not " + "parse (the character is named)"),
    INVALID_INVENTORY(
            "invalid-inventory",
            400,
            "Not a valid system inventory",
            "an AI system inventory (YAML or JSON) with flaws, each named with its line, column and field"),
    FETCH_NOT_HTTPS("fetch-refused", 400, "URL not allowed", "an import URL that is not https"),
    UNAUTHORIZED("unauthorized", 401, "Authentication required", "no, unknown, revoked or expired credentials"),
    FORBIDDEN("forbidden", 403, "Not allowed", "the role is not enough"),
    CSRF(
            "csrf",
            403,
            "Cross-site request refused",
            "a change made with a browser session without its CSRF token; "
                    + "a cross-site sign-in (a foreign Origin, or an API sign-in that is not JSON)"),
    FETCH_REFUSED(
            "fetch-refused",
            403,
            "URL not allowed",
            "an import URL whose host is not a public (globally routable unicast) address"),
    NOT_FOUND("not-found", 404, "Not found", "an unknown release, object, layer, revision, token, user or path"),
    LOGIN_LINK("login-link", 404, "Sign-in link not valid", "a one-time sign-in link that was used or has expired"),
    METHOD_NOT_ALLOWED("method-not-allowed", 405, "Method not allowed", "a method the path does not take"),
    CONFLICT(
            "conflict",
            409,
            "Conflict",
            "a save based on an old revision; a user name taken (or once used by a deleted user); "
                    + "an inventory id already saved; "
                    + "nothing to undo; a change that would leave no enabled admin"),
    TOO_LARGE(
            "too-large",
            413,
            "Too large",
            "a request body or an imported layer file over 32 MiB; a layer with more than 10,000 entries"),
    TOO_MANY_SIGN_INS(
            "too-many-sign-ins",
            429,
            "Too many failed sign-ins",
            "a password sign-in while its name or " + "address must wait (Retry-After gives the seconds)"),
    INTERNAL("internal", 500, "Internal error", "a bug: the server log has the stack trace"),
    RELEASE_UNREADABLE(
            "release-unreadable",
            500,
            "Release cannot be read",
            "an imported ATLAS release whose files " + "no longer read"),
    FETCH_FAILED(
            "fetch-failed",
            502,
            "Fetch failed",
            "an import URL that answered something else than 200 " + "(redirects included) or not at all"),
    FETCH_INTERRUPTED("fetch-failed", 503, "Fetch failed", "the server stopped while fetching an import URL"),
    STORE_UNAVAILABLE(
            "store-unavailable",
            503,
            "Storage unavailable",
            "the database (or another service the " + "server needs) cannot be reached");

    private final String slug;
    private final int status;
    private final String title;
    private final String when;

    ProblemType(String slug, int status, String title, String when) {
        this.slug = slug;
        this.status = status;
        this.title = title;
        this.when = when;
    }

    /** The last segment of the type URI, stable across releases: clients may switch on it. */
    public String slug() {
        return slug;
    }

    public int status() {
        return status;
    }

    /** The same for every occurrence (RFC 9457); the occurrence's own words go in the detail. */
    public String title() {
        return title;
    }

    /** When this answer is given, as docs/web.md says. */
    public String when() {
        return when;
    }

    /** The {@code type} member of the answer. */
    public String uri() {
        return "/problems/" + slug;
    }

    /** Where the type is documented. */
    public String docs() {
        return "docs/web.md#problem-" + slug;
    }

    /** The type that answers a refusal of the HTTP layer with this status (no route, body too large, ...). */
    public static ProblemType forStatus(int status) {
        return switch (status) {
            case 401 -> UNAUTHORIZED;
            case 403 -> FORBIDDEN;
            case 404 -> NOT_FOUND;
            case 405 -> METHOD_NOT_ALLOWED;
            case 409 -> CONFLICT;
            case 413 -> TOO_LARGE;
            case 503 -> STORE_UNAVAILABLE;
            default -> status >= 400 && status < 500 ? BAD_REQUEST : INTERNAL;
        };
    }
}
