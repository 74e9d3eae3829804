package org.atlasops.server.web;

import java.util.Objects;
import java.util.function.Supplier;
import org.atlasops.kb.failure.Failure;

/**
 * An error answered as RFC 9457 {@code application/problem+json}. {@code type} is a stable slug; the full type URI
 * is {@code /problems/<slug>}, documented in docs/web.md. {@code detail} says what was wrong and how to fix it.
 */
public final class Problem extends RuntimeException {
    private final int status;
    private final String type;
    private final String title;

    public Problem(int status, String type, String title, String detail) {
        super(Objects.requireNonNull(detail, "detail"));
        this.status = status;
        this.type = Objects.requireNonNull(type, "type");
        this.title = Objects.requireNonNull(title, "title");
    }

    public static Problem badRequest(String detail) {
        return new Problem(400, "bad-request", "Bad request", detail);
    }

    public static Problem notFound(String detail) {
        return new Problem(404, "not-found", "Not found", detail);
    }

    public static Problem conflict(String detail) {
        return new Problem(409, "conflict", "Conflict", detail);
    }

    public static Problem unauthorized(String detail) {
        return new Problem(401, "unauthorized", "Authentication required", detail);
    }

    public static Problem forbidden(String detail) {
        return new Problem(403, "forbidden", "Not allowed", detail);
    }

    /** Runs a store call, turning its refusals into the matching problem (404, 409, 400, 503). */
    public static <T> T fromStore(Supplier<T> call) {
        try {
            return call.get();
        } catch (Failure e) {
            throw of(e);
        }
    }

    /** The problem that answers a failure of the given kind. */
    public static Problem of(Failure e) {
        return switch (e.kind()) {
            case BAD_INPUT -> badRequest(e.getMessage());
            case NOT_FOUND -> notFound(e.getMessage());
            case CONFLICT -> conflict(e.getMessage());
            case UNAVAILABLE -> new Problem(503, "store-unavailable", "Storage unavailable", e.getMessage());
        };
    }

    /** A numeric path parameter; anything else names no object, so it is a 404 for {@code what}. */
    public static long idParam(io.javalin.http.Context ctx, String name, String what) {
        String text = ctx.pathParam(name);
        try {
            return Long.parseLong(text);
        } catch (NumberFormatException e) {
            throw notFound("no " + what + " '" + text + "'; " + what + " ids are numbers");
        }
    }

    public int status() {
        return status;
    }

    public String type() {
        return type;
    }

    public String title() {
        return title;
    }

    public String detail() {
        return getMessage();
    }
}
