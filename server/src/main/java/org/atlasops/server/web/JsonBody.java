package org.atlasops.server.web;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.javalin.http.Context;

/** Request bodies as JSON trees, within limits, with errors that point at the line and column. */
public final class JsonBody {
    private static final ObjectMapper MAPPER = new ObjectMapper(JsonFactory.builder()
            .streamReadConstraints(StreamReadConstraints.builder().maxNestingDepth(64)
                    .maxStringLength(32 * 1024 * 1024).build())
            .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
            .build());

    private JsonBody() {
    }

    public static ObjectMapper mapper() {
        return MAPPER;
    }

    /** The body as a JSON object; anything else is a 400 naming what was wrong. */
    public static ObjectNode object(Context ctx) {
        String body = ctx.body();
        if (body.isBlank()) {
            throw Problem.badRequest("the request body is empty; send a JSON object (Content-Type: application/json)");
        }
        JsonNode node;
        try {
            node = MAPPER.readTree(body);
        } catch (JsonProcessingException e) {
            String where = e.getLocation() == null ? "" : " at line " + e.getLocation().getLineNr() + ", column "
                    + e.getLocation().getColumnNr();
            throw new Problem(400, "malformed-json", "Malformed JSON", "the request body is not valid JSON" + where
                    + ": " + e.getOriginalMessage());
        }
        if (!(node instanceof ObjectNode o)) {
            throw Problem.badRequest("the request body must be a JSON object, not " + node.getNodeType()
                    .name().toLowerCase(java.util.Locale.ROOT));
        }
        return o;
    }

    public static String text(ObjectNode body, String field, boolean required) {
        JsonNode v = body.get(field);
        if (v == null || v.isNull()) {
            if (required) {
                throw Problem.badRequest("the field '" + field + "' is missing");
            }
            return null;
        }
        if (!v.isTextual()) {
            throw Problem.badRequest("the field '" + field + "' must be a string");
        }
        return v.asText();
    }
}
