package org.atlasops.server.web;

import com.fasterxml.jackson.annotation.JsonRootName;
import java.util.Objects;
import org.atlasops.kb.failure.Failure;

/**
 * An error answered as RFC 9457 {@code application/problem+json}. Its type comes from the catalogue
 * ({@link ProblemType}: slug, status, title); {@code detail} says what was wrong in this request and how to fix it.
 * Failures of the modules ({@link Failure}) need not be turned into problems at the call site: the server maps
 * their kind through {@link #of(Failure)} in one exception handler.
 */
public final class Problem extends RuntimeException {
    private static final long serialVersionUID = 1L;
    private final ProblemType type;

    public Problem(ProblemType type, String detail) {
        super(Objects.requireNonNull(detail, "detail"));
        this.type = Objects.requireNonNull(type, "type");
    }

    /** What the answer's body holds: the RFC 9457 members. */
    @JsonRootName("Problem")
    public record Body(String type, String title, int status, String detail, String instance) {
        public Body {
            Objects.requireNonNull(type, "type");
            Objects.requireNonNull(title, "title");
            Objects.requireNonNull(detail, "detail");
            Objects.requireNonNull(instance, "instance");
        }
    }

    public static Problem badRequest(String detail) {
        return new Problem(ProblemType.BAD_REQUEST, detail);
    }

    public static Problem notFound(String detail) {
        return new Problem(ProblemType.NOT_FOUND, detail);
    }

    public static Problem conflict(String detail) {
        return new Problem(ProblemType.CONFLICT, detail);
    }

    public static Problem unauthorized(String detail) {
        return new Problem(ProblemType.UNAUTHORIZED, detail);
    }

    public static Problem forbidden(String detail) {
        return new Problem(ProblemType.FORBIDDEN, detail);
    }

    /** The problem that answers a failure of the given kind: 400, 404, 409 or 503. */
    public static Problem of(Failure e) {
        ProblemType type = switch (e.kind()) {
            case BAD_INPUT -> ProblemType.BAD_REQUEST;
            case NOT_FOUND -> ProblemType.NOT_FOUND;
            case CONFLICT -> ProblemType.CONFLICT;
            case UNAVAILABLE -> ProblemType.STORE_UNAVAILABLE;
        };
        return new Problem(type, e.getMessage());
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

    public ProblemType type() {
        return type;
    }

    public int status() {
        return type.status();
    }

    public String title() {
        return type.title();
    }

    public String detail() {
        return getMessage();
    }

    /** The answer's body for a request to {@code instance}. */
    public Body body(String instance) {
        return new Body(type.uri(), type.title(), type.status(), detail(), instance);
    }
}
