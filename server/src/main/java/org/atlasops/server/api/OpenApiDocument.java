package org.atlasops.server.api;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * The OpenAPI 3.1 document as records, the parts of the specification the catalogue uses. Schemas stay JSON trees:
 * JSON Schema is open-ended, and they are generated ({@link Schemas}). Maps keep their order (paths as registered).
 */
public record OpenApiDocument(
        String openapi, Info info, Map<String, Map<String, Operation>> paths, Components components) {
    public OpenApiDocument {
        Objects.requireNonNull(openapi, "openapi");
        Objects.requireNonNull(info, "info");
        paths = ordered(paths);
        Objects.requireNonNull(components, "components");
    }

    public record Info(String title, String version, String description) {}

    public record Operation(
            String summary,
            String operationId,
            List<String> tags,
            List<Parameter> parameters,
            Optional<RequestBody> requestBody,
            Optional<List<Map<String, List<String>>>> security,
            @JsonProperty("x-required-role") Optional<String> requiredRole,
            Map<String, Response> responses) {
        public Operation {
            tags = List.copyOf(tags);
            parameters = List.copyOf(parameters);
            responses = ordered(responses);
        }
    }

    /** A path or query parameter; its schema is always a string. */
    public record Parameter(
            String name, String in, boolean required, Optional<String> description, ObjectNode schema) {}

    public record RequestBody(boolean required, String description, Map<String, MediaType> content) {
        public RequestBody {
            content = ordered(content);
        }
    }

    /** A media type of a body; no schema for downloads such as images and spreadsheets. */
    public record MediaType(Optional<ObjectNode> schema) {}

    public record Response(String description, Optional<Map<String, MediaType>> content) {
        public Response {
            content = content.map(OpenApiDocument::ordered);
        }
    }

    public record Components(ObjectNode schemas, Map<String, SecurityScheme> securitySchemes) {
        public Components {
            Objects.requireNonNull(schemas, "schemas");
            securitySchemes = ordered(securitySchemes);
        }
    }

    public record SecurityScheme(String type, Optional<String> scheme, Optional<String> in, Optional<String> name) {}

    private static <V> Map<String, V> ordered(Map<String, V> map) {
        return Collections.unmodifiableMap(new LinkedHashMap<>(map));
    }
}
