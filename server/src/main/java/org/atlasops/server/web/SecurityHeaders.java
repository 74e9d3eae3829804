package org.atlasops.server.web;

import java.util.Map;

/**
 * The headers every answer carries, the app's own and the web server's error pages alike: a Content-Security-Policy
 * that allows only our own scripts, no MIME sniffing, no framing, and no referrer to other sites.
 */
public final class SecurityHeaders {
    public static final String CSP = "default-src 'self'; img-src 'self' data:; style-src 'self' 'unsafe-inline'; "
            + "script-src 'self'; object-src 'none'; base-uri 'none'; frame-ancestors 'none'; form-action 'self'";

    /** Name to value, for every answer. */
    public static final Map<String, String> ALL = Map.of(
            "Content-Security-Policy", CSP,
            "X-Content-Type-Options", "nosniff",
            "Referrer-Policy", "same-origin",
            "X-Frame-Options", "DENY");

    /**
     * For answers that hold team data or anything about the caller (pages show the signed-in user and the CSRF
     * token): no browser or proxy may keep a copy.
     */
    public static final String NO_STORE = "no-store";

    private SecurityHeaders() {}
}
