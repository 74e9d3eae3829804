package org.atlasops.detect.alert;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import org.atlasops.detect.event.Event;

/**
 * Who and what an alert is about, taken from its event by the field names of the telemetry shapes atlas-ops reads
 * (OpenTelemetry GenAI {@code gen_ai.*}, {@code user.id}, {@code session.id}, {@code client.address},
 * {@code server.address}, the MCP fields of docs/telemetry.md): the first field of each {@link Kind} that holds one
 * non-empty scalar value wins.
 *
 * @param values by kind: the value and the field it came from
 */
public record Entities(Map<Kind, Value> values) {
    /** What the analyst pivots on, with the event fields tried in order. */
    public enum Kind {
        USER("user", "user.id", "user.name", "enduser.id", "client.id"),
        SESSION("session", "gen_ai.conversation.id", "session.id", "mcp.session.id"),
        CLIENT_ADDRESS("client_address", "client.address", "source.ip", "source.address"),
        SERVER_ADDRESS("server_address", "server.address"),
        MODEL("model", "gen_ai.response.model", "gen_ai.request.model", "model.name"),
        PROVIDER("provider", "gen_ai.provider.name", "gen_ai.system"),
        MCP_SERVER("mcp_server", "mcp.server.name"),
        TOOL("tool", "mcp.tool.name", "gen_ai.tool.name");

        private final String jsonName;
        private final List<String> fields;

        Kind(String jsonName, String... fields) {
            this.jsonName = jsonName;
            this.fields = List.of(fields);
        }

        /** The key in an alert's {@code entities} object. */
        public String jsonName() {
            return jsonName;
        }

        /** The event fields tried, first wins. */
        public List<String> fields() {
            return fields;
        }
    }

    /** An entity's value and the event field it was read from. */
    public record Value(String field, String value) {
        public Value {
            Objects.requireNonNull(field, "field");
            Objects.requireNonNull(value, "value");
        }
    }

    public static final Entities NONE = new Entities(Map.of());

    public Entities {
        EnumMap<Kind, Value> copy = new EnumMap<>(Kind.class);
        copy.putAll(values);
        values = java.util.Collections.unmodifiableMap(copy);
    }

    public Optional<Value> get(Kind kind) {
        return Optional.ofNullable(values.get(kind));
    }

    public boolean isEmpty() {
        return values.isEmpty();
    }

    /** The entities of one event. */
    public static Entities of(Event event) {
        Map<Kind, Value> found = new EnumMap<>(Kind.class);
        for (Kind k : Kind.values()) {
            for (String f : k.fields) {
                Optional<String> v = single(event, f);
                if (v.isPresent()) {
                    found.put(k, new Value(f, v.get()));
                    break;
                }
            }
        }
        return new Entities(found);
    }

    /**
     * The entities among a correlation's group-by values (the events themselves are not kept in its windows): a
     * correlation grouped by {@code user.id} is about that user.
     */
    public static Entities ofFields(Map<String, String> fields) {
        Map<Kind, Value> found = new EnumMap<>(Kind.class);
        for (Kind k : Kind.values()) {
            for (String f : k.fields) {
                String v = fields.get(f);
                if (v != null && !v.isBlank()) {
                    found.put(k, new Value(f, v));
                    break;
                }
            }
        }
        return new Entities(found);
    }

    /** What several entity sets share: a kind is kept when every set that has it has the same value. */
    public static Entities shared(List<Entities> sets) {
        Map<Kind, Value> shared = new EnumMap<>(Kind.class);
        java.util.Set<Kind> conflicting = java.util.EnumSet.noneOf(Kind.class);
        for (Entities e : sets) {
            for (Map.Entry<Kind, Value> v : e.values.entrySet()) {
                Value before = shared.putIfAbsent(v.getKey(), v.getValue());
                if (before != null && !before.value().equals(v.getValue().value())) {
                    conflicting.add(v.getKey());
                }
            }
        }
        conflicting.forEach(shared::remove);
        return new Entities(shared);
    }

    /** The entities by their JSON names, in {@link Kind} order. */
    public Map<String, String> byName() {
        Map<String, String> out = new LinkedHashMap<>();
        values.forEach((k, v) -> out.put(k.jsonName, v.value()));
        return out;
    }

    /**
     * The one entity repeats are counted for: the user, else the client address, else the session (empty when the
     * event names none of them).
     */
    public Optional<Map.Entry<Kind, Value>> actor() {
        for (Kind k : List.of(Kind.USER, Kind.CLIENT_ADDRESS, Kind.SESSION)) {
            Value v = values.get(k);
            if (v != null) {
                return Optional.of(Map.entry(k, v));
            }
        }
        return Optional.empty();
    }

    private static Optional<String> single(Event event, String field) {
        List<JsonNode> vs = event.values(field);
        List<String> texts = new ArrayList<>(1);
        for (JsonNode v : vs) {
            if (v.isValueNode() && !v.isNull() && !v.asText().isBlank()) {
                texts.add(v.asText());
            }
        }
        return texts.size() == 1 ? Optional.of(texts.get(0)) : Optional.empty();
    }
}
