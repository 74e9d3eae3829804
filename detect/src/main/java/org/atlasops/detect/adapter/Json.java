package org.atlasops.detect.adapter;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.Optional;

/** Small helpers the adapters share: reading optional values and writing GenAI message parts. */
final class Json {
    static final JsonNodeFactory NODES = JsonNodeFactory.instance;
    private static final ObjectMapper MAPPER = new ObjectMapper();

    private Json() {}

    /** The text at a path of keys, when it is a non-empty scalar. */
    static Optional<String> text(JsonNode n, String... path) {
        JsonNode v = at(n, path);
        if (v == null || v.isNull() || v.isContainerNode()) {
            return Optional.empty();
        }
        String s = v.asText();
        return s.isEmpty() ? Optional.empty() : Optional.of(s);
    }

    static JsonNode at(JsonNode n, String... path) {
        JsonNode v = n;
        for (String key : path) {
            if (v == null || !v.isObject()) {
                return null;
            }
            v = v.get(key);
        }
        return v;
    }

    static Optional<Long> number(JsonNode n, String... path) {
        JsonNode v = at(n, path);
        if (v != null && v.isNumber()) {
            return Optional.of(v.asLong());
        }
        if (v != null && v.isTextual() && v.asText().matches("-?[0-9]{1,18}")) {
            return Optional.of(Long.parseLong(v.asText()));
        }
        return Optional.empty();
    }

    /** Epoch seconds (possibly fractional, as Python's time.time() writes them) as an ISO instant. */
    static String epochSeconds(JsonNode v) {
        BigDecimal s = v.decimalValue();
        long millis = s.movePointRight(3).longValue();
        return Instant.ofEpochMilli(millis).toString();
    }

    /** A time as the detector reads it: ISO text stays, epoch seconds become ISO. */
    static Optional<String> time(JsonNode v) {
        if (v == null || v.isNull()) {
            return Optional.empty();
        }
        if (v.isNumber()) {
            return Optional.of(epochSeconds(v));
        }
        return v.isTextual() && !v.asText().isEmpty() ? Optional.of(v.asText()) : Optional.empty();
    }

    static void putText(ObjectNode o, String field, Optional<String> value) {
        value.ifPresent(v -> o.put(field, v));
    }

    /** A text part {type: text, content}. */
    static ObjectNode textPart(String content) {
        ObjectNode p = NODES.objectNode();
        p.put("type", "text");
        p.put("content", content);
        return p;
    }

    /** A message {role, parts}. */
    static ObjectNode message(String role, ArrayNode parts) {
        ObjectNode m = NODES.objectNode();
        m.put("role", role);
        m.set("parts", parts);
        return m;
    }

    /** A value as text: strings as they are, anything else as compact JSON. */
    static String asText(JsonNode v) {
        if (v == null || v.isNull()) {
            return "";
        }
        if (v.isTextual()) {
            return v.asText();
        }
        try {
            return MAPPER.writeValueAsString(v);
        } catch (IOException e) {
            return v.toString();
        }
    }

    /** A JSON text parsed when it is an object (Azure's properties, OpenAI's tool arguments), else empty. */
    static Optional<ObjectNode> parseObject(String text) {
        try {
            JsonNode n = MAPPER.readTree(text);
            return n instanceof ObjectNode o ? Optional.of(o) : Optional.empty();
        } catch (IOException e) {
            return Optional.empty();
        }
    }
}
