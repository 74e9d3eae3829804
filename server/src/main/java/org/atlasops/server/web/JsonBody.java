package org.atlasops.server.web;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.cfg.CoercionAction;
import com.fasterxml.jackson.databind.cfg.CoercionInputShape;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import com.fasterxml.jackson.databind.exc.ValueInstantiationException;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.module.SimpleModule;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.ser.std.ToStringSerializer;
import com.fasterxml.jackson.databind.type.LogicalType;
import com.fasterxml.jackson.datatype.jdk8.Jdk8Module;
import io.javalin.http.Context;
import java.time.Instant;
import java.time.LocalDate;
import java.util.Collection;
import java.util.Locale;
import java.util.Map;
import org.atlasops.kb.failure.BadInputException;
import org.atlasops.kb.failure.Failure;

/**
 * JSON in and out of the API. Request bodies are read as a tree within limits (errors point at the line and column),
 * then mapped onto the endpoint's request record, which validates itself; answers are records written by the same
 * mapper. Empty {@code Optional}s are left out of answers, instants and dates are ISO-8601 text, and a value of the wrong JSON
 * type is refused rather than coerced (a number is not a string).
 */
public final class JsonBody {
    private static final ObjectMapper MAPPER = JsonMapper.builder(JsonFactory.builder()
                    .streamReadConstraints(StreamReadConstraints.builder()
                            .maxNestingDepth(64)
                            .maxStringLength(32 * 1024 * 1024)
                            .build())
                    .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
                    .build())
            .addModule(new Jdk8Module())
            .addModule(new SimpleModule("time as text")
                    .addSerializer(Instant.class, ToStringSerializer.instance)
                    .addSerializer(LocalDate.class, ToStringSerializer.instance))
            .defaultPropertyInclusion(
                    JsonInclude.Value.construct(JsonInclude.Include.NON_ABSENT, JsonInclude.Include.NON_ABSENT))
            .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .enable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES)
            .withCoercionConfigDefaults(c -> c.setAcceptBlankAsEmpty(false))
            .withCoercionConfig(
                    LogicalType.Textual,
                    c -> c.setCoercion(CoercionInputShape.Integer, CoercionAction.Fail)
                            .setCoercion(CoercionInputShape.Float, CoercionAction.Fail)
                            .setCoercion(CoercionInputShape.Boolean, CoercionAction.Fail))
            .withCoercionConfig(
                    LogicalType.Integer,
                    c -> c.setCoercion(CoercionInputShape.String, CoercionAction.Fail)
                            .setCoercion(CoercionInputShape.Float, CoercionAction.Fail)
                            .setCoercion(CoercionInputShape.Boolean, CoercionAction.Fail))
            .withCoercionConfig(
                    LogicalType.Float,
                    c -> c.setCoercion(CoercionInputShape.String, CoercionAction.Fail)
                            .setCoercion(CoercionInputShape.Boolean, CoercionAction.Fail))
            .withCoercionConfig(
                    LogicalType.Boolean,
                    c -> c.setCoercion(CoercionInputShape.String, CoercionAction.Fail)
                            .setCoercion(CoercionInputShape.Integer, CoercionAction.Fail))
            .build();

    private JsonBody() {}

    public static ObjectMapper mapper() {
        return MAPPER;
    }

    /** A required field of a request record: present, or a 400 naming it. */
    public static <T> T required(T value, String field) {
        if (value == null) {
            throw new BadInputException("the field '" + field + "' is missing");
        }
        return value;
    }

    /** The body mapped onto {@code type}: malformed JSON, a wrong field or a refused value is a 400 naming it. */
    public static <T> T read(Context ctx, Class<T> type) {
        return read(object(ctx), type);
    }

    /** A JSON object mapped onto {@code type}, with the same refusals as {@link #read(Context, Class)}. */
    public static <T> T read(ObjectNode node, Class<T> type) {
        try {
            return MAPPER.treeToValue(node, type);
        } catch (ValueInstantiationException e) {
            // the record's own validation: its message is written for the user
            if (e.getCause() instanceof Failure f) {
                throw f;
            }
            if (e.getCause() instanceof Problem p) {
                throw p;
            }
            throw Problem.badRequest("the request body is not accepted: " + e.getOriginalMessage());
        } catch (MismatchedInputException e) {
            throw Problem.badRequest("the field '" + field(e) + "' must be " + expected(e.getTargetType()));
        } catch (JsonProcessingException e) {
            throw Problem.badRequest("the request body is not accepted: " + e.getOriginalMessage());
        }
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
            String where = e.getLocation() == null
                    ? ""
                    : " at line " + e.getLocation().getLineNr() + ", column "
                            + e.getLocation().getColumnNr();
            throw new Problem(
                    ProblemType.MALFORMED_JSON,
                    "the request body is not valid JSON" + where + ": " + e.getOriginalMessage());
        }
        if (!(node instanceof ObjectNode o)) {
            throw Problem.badRequest("the request body must be a JSON object, not "
                    + node.getNodeType().name().toLowerCase(Locale.ROOT));
        }
        return o;
    }

    /** The request's field a mapping error is about, as a dotted path ({@code layers[1]}). */
    private static String field(JsonMappingException e) {
        StringBuilder b = new StringBuilder();
        for (JsonMappingException.Reference r : e.getPath()) {
            if (r.getFieldName() != null) {
                b.append(b.length() == 0 ? "" : ".").append(r.getFieldName());
            } else if (r.getIndex() >= 0) {
                b.append('[').append(r.getIndex()).append(']');
            }
        }
        return b.length() == 0 ? "(the body)" : b.toString();
    }

    private static String expected(Class<?> type) {
        if (type == null) {
            return "of another type";
        }
        if (type == String.class || type.isEnum()) {
            return "a string";
        }
        if (type == Integer.class
                || type == int.class
                || type == Long.class
                || type == long.class
                || type == java.math.BigInteger.class) {
            return "a whole number";
        }
        if (type == Double.class || type == double.class) {
            return "a number";
        }
        if (type == Boolean.class || type == boolean.class) {
            return "true or false";
        }
        if (Collection.class.isAssignableFrom(type)) {
            return "an array";
        }
        if (Map.class.isAssignableFrom(type) || JsonNode.class.isAssignableFrom(type) || type.isRecord()) {
            return "an object";
        }
        return "of another type";
    }
}
