package org.atlasops.server.api;

import io.javalin.http.Handler;
import java.util.List;
import java.util.Objects;
import org.atlasops.server.auth.Access;

/**
 * One API operation with what its OpenAPI entry says: method, path (with {@code {param}}), who may call it, a
 * summary, its query parameters, the request body it takes and the media types it answers.
 */
public record Endpoint(String method, String path, Access access, String tag, String summary,
                       List<Param> query, Body body, List<String> produces, Handler handler) {
    public record Param(String name, String description, boolean required) {
    }

    /** What the request body is; {@code NONE} when it takes none. */
    public record Body(String mediaType, String description) {
        public static final Body NONE = new Body("", "");
        public static Body json(String description) {
            return new Body("application/json", description);
        }
    }

    public Endpoint {
        Objects.requireNonNull(method, "method");
        Objects.requireNonNull(path, "path");
        Objects.requireNonNull(access, "access");
        query = List.copyOf(query);
        Objects.requireNonNull(body, "body");
        produces = List.copyOf(produces);
        Objects.requireNonNull(handler, "handler");
    }
}
