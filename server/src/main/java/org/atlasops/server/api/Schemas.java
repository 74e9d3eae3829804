package org.atlasops.server.api;

import com.fasterxml.jackson.annotation.JsonRootName;
import com.fasterxml.jackson.databind.BeanDescription;
import com.fasterxml.jackson.databind.JavaType;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.introspect.AnnotatedMember;
import com.fasterxml.jackson.databind.introspect.BeanPropertyDefinition;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.OptionalInt;
import java.util.OptionalLong;
import java.util.Set;

/**
 * The {@code components/schemas} of the OpenAPI document. A record's schema is generated from the type as Jackson
 * writes and reads it (the same mapper, so the names, the left-out empty {@code Optional}s and the enum values are
 * the wire's): its properties, required unless {@code Optional}, no others; nested records by {@code $ref}; a sealed
 * interface of records as {@code oneOf} them. The schema is named after the type, or its {@link JsonRootName}. The
 * one answer not built from records yet (a Navigator layer, whose format is open) is described by hand in
 * {@code schemas.json} beside this class.
 */
final class Schemas {
    private static final JsonNodeFactory F = JsonNodeFactory.instance;
    private static final String REF = "#/components/schemas/";
    private static final Set<Class<?>> INTEGERS = Set.of(
            int.class,
            Integer.class,
            long.class,
            Long.class,
            short.class,
            Short.class,
            byte.class,
            Byte.class,
            BigInteger.class,
            OptionalInt.class,
            OptionalLong.class);
    private static final Set<Class<?>> NUMBERS =
            Set.of(double.class, Double.class, float.class, Float.class, BigDecimal.class, OptionalDouble.class);

    private final ObjectMapper mapper;
    private final ObjectNode written;
    private final ObjectNode defs = F.objectNode();
    private final Map<String, Class<?>> named = new HashMap<>();

    Schemas(ObjectMapper mapper) {
        this.mapper = mapper;
        try (InputStream in = Schemas.class.getResourceAsStream("schemas.json")) {
            if (in == null) {
                throw new IllegalStateException("schemas.json is missing beside " + Schemas.class.getName());
            }
            this.written = (ObjectNode) mapper.readTree(in);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** A {@code $ref} to the schema of this shape, defined in {@link #components()} from now on. */
    ObjectNode ref(Endpoint.Shape shape) {
        if (shape instanceof Endpoint.Shape.Type t) {
            return schemaOf(mapper.constructType(t.type()));
        }
        String name = ((Endpoint.Shape.Named) shape).name();
        addWritten(name);
        return F.objectNode().put("$ref", REF + name);
    }

    /** A schema of schemas.json, with the ones it refers to. */
    private void addWritten(String name) {
        if (defs.has(name)) {
            return;
        }
        JsonNode schema = written.get(name);
        if (schema == null) {
            throw new IllegalArgumentException("no schema '" + name + "' in schemas.json");
        }
        defs.set(name, schema.deepCopy());
        for (JsonNode ref : schema.findValues("$ref")) {
            addWritten(ref.asText().substring(REF.length()));
        }
    }

    /** Every schema referred to so far. */
    ObjectNode components() {
        ObjectNode out = F.objectNode();
        List<String> sorted = new ArrayList<>();
        defs.fieldNames().forEachRemaining(sorted::add);
        sorted.sort(null);
        sorted.forEach(n -> out.set(n, defs.get(n)));
        return out;
    }

    private ObjectNode schemaOf(JavaType t) {
        Class<?> raw = t.getRawClass();
        if (t.isReferenceType()) { // Optional<T>: the value when present; absence is handled by "required"
            return schemaOf(t.getContentType());
        }
        if (raw == String.class || raw == Character.class || raw == char.class) {
            return type("string");
        }
        if (INTEGERS.contains(raw)) {
            return type("integer");
        }
        if (NUMBERS.contains(raw)) {
            return type("number");
        }
        if (raw == boolean.class || raw == Boolean.class) {
            return type("boolean");
        }
        if (raw == Instant.class) {
            return type("string").put("format", "date-time");
        }
        if (raw == LocalDate.class) {
            return type("string").put("format", "date");
        }
        if (t.isCollectionLikeType() || t.isArrayType()) {
            ObjectNode s = type("array");
            s.set("items", schemaOf(t.getContentType()));
            return s;
        }
        if (t.isMapLikeType()) {
            ObjectNode s = type("object");
            s.set("additionalProperties", schemaOf(t.getContentType()));
            return s;
        }
        if (ObjectNode.class.isAssignableFrom(raw)) {
            return type("object");
        }
        if (ArrayNode.class.isAssignableFrom(raw)) {
            return type("array");
        }
        if (JsonNode.class.isAssignableFrom(raw)) {
            return F.objectNode(); // any JSON value
        }
        if (raw.isEnum()) {
            ObjectNode s = type("string");
            ArrayNode values = s.putArray("enum");
            for (Object c : raw.getEnumConstants()) {
                values.add(mapper.valueToTree(c).asText());
            }
            return s;
        }
        if (raw.isInterface() && raw.isSealed()) { // one of its records, each written as itself
            return F.objectNode().put("$ref", REF + defineOneOf(raw));
        }
        BeanDescription d = mapper.getSerializationConfig().introspect(t);
        AnnotatedMember value = d.findJsonValueAccessor();
        if (value != null) { // a value type written as one value (an ID written as its text)
            return schemaOf(value.getType());
        }
        if (raw.isRecord()) {
            return F.objectNode().put("$ref", REF + define(raw, d));
        }
        throw new IllegalArgumentException(raw.getName() + " has no JSON schema: use a record, a JSON value type, "
                + "an enum, a collection or a map of them");
    }

    private String defineOneOf(Class<?> raw) {
        String name = nameOf(raw);
        if (!claim(name, raw)) {
            return name;
        }
        ObjectNode s = F.objectNode();
        defs.set(name, s);
        ArrayNode oneOf = s.putArray("oneOf");
        for (Class<?> c : raw.getPermittedSubclasses()) {
            oneOf.add(schemaOf(mapper.constructType(c)));
        }
        return name;
    }

    private static String nameOf(Class<?> raw) {
        JsonRootName root = raw.getAnnotation(JsonRootName.class);
        return root != null ? root.value() : raw.getSimpleName();
    }

    /** Whether the name is new (false: this type has it already). */
    private boolean claim(String name, Class<?> raw) {
        Class<?> before = named.putIfAbsent(name, raw);
        if (before != null && before != raw) {
            throw new IllegalStateException("two API types are both named " + name + ": " + before.getName() + " and "
                    + raw.getName() + "; rename one or give it @JsonRootName");
        }
        return before == null;
    }

    private String define(Class<?> raw, BeanDescription d) {
        String name = nameOf(raw);
        if (!claim(name, raw)) {
            return name;
        }
        ObjectNode s = type("object");
        defs.set(name, s); // before the properties, so that a record that contains itself refers to this
        ObjectNode properties = s.putObject("properties");
        ArrayNode required = F.arrayNode();
        for (BeanPropertyDefinition p : d.findProperties()) {
            if (!p.couldSerialize()) {
                continue;
            }
            ObjectNode ps = schemaOf(p.getPrimaryType());
            String description = p.getMetadata().getDescription();
            if (description != null && !description.isEmpty()) {
                ps.put("description", description); // beside a $ref too: OpenAPI 3.1 allows it
            }
            properties.set(p.getName(), ps);
            if (!optional(p.getPrimaryType().getRawClass())) {
                required.add(p.getName());
            }
        }
        if (!required.isEmpty()) {
            s.set("required", required);
        }
        s.put("additionalProperties", false);
        return name;
    }

    private static boolean optional(Class<?> raw) {
        return raw == Optional.class
                || raw == OptionalInt.class
                || raw == OptionalLong.class
                || raw == OptionalDouble.class;
    }

    private static ObjectNode type(String type) {
        return F.objectNode().put("type", type);
    }
}
