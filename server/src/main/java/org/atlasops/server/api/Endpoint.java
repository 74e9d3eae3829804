package org.atlasops.server.api;

import io.javalin.http.Handler;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import org.atlasops.server.auth.Access;

/**
 * One API operation with what its OpenAPI entry says: method, path (with {@code {param}}), who may call it, a
 * summary, its query parameters, the request body it takes and the answer it gives on success. Errors are always
 * problem+json.
 */
public record Endpoint(
        String method,
        String path,
        Access access,
        String tag,
        String summary,
        List<Param> query,
        Body body,
        Answer answer,
        Handler handler) {
    public record Param(String name, String description, boolean required) {
        public Param {
            Objects.requireNonNull(name, "name");
            Objects.requireNonNull(description, "description");
        }
    }

    /**
     * The JSON of a request or an answer: a record type mapped by Jackson, its schema generated from the type; or a
     * schema by name from {@code schemas.json} beside this class, for answers not yet built from records.
     */
    public sealed interface Shape {
        record Type(Class<?> type) implements Shape {
            public Type {
                Objects.requireNonNull(type, "type");
            }
        }

        record Named(String name) implements Shape {
            public Named {
                Objects.requireNonNull(name, "name");
            }
        }
    }

    /** What the request body is; {@code NONE} when it takes none. */
    public record Body(String mediaType, String description, Optional<Shape> shape) {
        public static final Body NONE = new Body("", "", Optional.empty());

        public Body {
            Objects.requireNonNull(mediaType, "mediaType");
            Objects.requireNonNull(description, "description");
            Objects.requireNonNull(shape, "shape");
        }

        /** A JSON body mapped onto {@code type}. */
        public static Body json(Class<?> type, String description) {
            return new Body("application/json", description, Optional.of(new Shape.Type(type)));
        }

        /** A JSON body whose schema is named in schemas.json. */
        public static Body json(String schema, String description) {
            return new Body("application/json", description, Optional.of(new Shape.Named(schema)));
        }
    }

    /**
     * The answer on success: its status, the schema of its JSON (empty for 204) and other media types the caller
     * may get instead of JSON (downloads).
     */
    public record Answer(int status, Optional<Shape> json, List<String> otherMediaTypes) {
        public Answer {
            if (status < 200 || status > 299) {
                throw new IllegalArgumentException("a success status is 2xx, not " + status);
            }
            Objects.requireNonNull(json, "json");
            otherMediaTypes = List.copyOf(otherMediaTypes);
        }

        public static Answer json(Class<?> type) {
            return new Answer(200, Optional.of(new Shape.Type(type)), List.of());
        }

        public static Answer json(String schema) {
            return new Answer(200, Optional.of(new Shape.Named(schema)), List.of());
        }

        public static Answer created(Class<?> type) {
            return new Answer(201, Optional.of(new Shape.Type(type)), List.of());
        }

        public static Answer noContent() {
            return new Answer(204, Optional.empty(), List.of());
        }

        /** The same answer, which may also come as these media types. */
        public Answer or(String... mediaTypes) {
            return new Answer(status, json, List.of(mediaTypes));
        }
    }

    public Endpoint {
        Objects.requireNonNull(method, "method");
        Objects.requireNonNull(path, "path");
        Objects.requireNonNull(access, "access");
        Objects.requireNonNull(tag, "tag");
        Objects.requireNonNull(summary, "summary");
        query = List.copyOf(query);
        Objects.requireNonNull(body, "body");
        Objects.requireNonNull(answer, "answer");
        Objects.requireNonNull(handler, "handler");
    }
}
