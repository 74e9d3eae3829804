package org.atlasops.detect.event;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Consumer;

/**
 * One event: a JSON object and where it came from ({@code source} file and 1-based {@code line}; 0 when the event was
 * made in memory). Immutable as long as its JSON is not changed: whoever makes an event hands the object over. What
 * the rule engine works out about an event while evaluating it lives in the engine's own per-event context, not here.
 */
public final class Event {
    /** Fields tried, in order, for the event time when no time field is configured. */
    public static final List<String> TIME_FIELDS =
            List.of("@timestamp", "timestamp", "time", "ts", "TimeCreated", "event.created", "EventTime", "UtcTime");

    private final ObjectNode json;
    private final String source;
    private final long line;

    public Event(ObjectNode json, String source, long line) {
        this.json = Objects.requireNonNull(json, "json");
        this.source = Objects.requireNonNull(source, "source");
        this.line = line;
    }

    public static Event of(ObjectNode json) {
        return new Event(json, "", 0);
    }

    public ObjectNode json() {
        return json;
    }

    public String source() {
        return source;
    }

    public long line() {
        return line;
    }

    /** True when the field is present (even when its value is null or empty). */
    public boolean has(String field) {
        return has(FieldPath.of(field));
    }

    public boolean has(FieldPath field) {
        return find(json, field, 0) != null;
    }

    /**
     * The values at a field path: a literal key with dots wins over nesting ({@code "gen_ai.system"} as one key, or
     * {@code gen_ai → system}); arrays along the way contribute every element, and a field that holds an object or
     * array contributes every scalar inside it (nulls inside it excepted). Missing: empty. Looked up anew on every
     * call; the list is immutable.
     */
    public List<JsonNode> values(String field) {
        return values(FieldPath.of(field));
    }

    @SuppressWarnings("unchecked")
    public List<JsonNode> values(FieldPath field) {
        Object out = collect(json, field, 0, null);
        if (out == null) {
            return List.of();
        }
        if (out instanceof JsonNode one) {
            return List.of(one);
        }
        return Collections.unmodifiableList((List<JsonNode>) out);
    }

    /** The node a path names (first match, arrays not descended), or null. */
    private static JsonNode find(JsonNode node, FieldPath path, int from) {
        if (from == path.length()) {
            return node;
        }
        if (node.isArray()) {
            for (int i = 0, n = node.size(); i < n; i++) {
                JsonNode found = find(node.get(i), path, from);
                if (found != null) {
                    return found;
                }
            }
            return null;
        }
        if (!node.isObject()) {
            return null;
        }
        String[] keys = path.keys[from];
        for (int k = 0; k < keys.length; k++) {
            JsonNode child = node.get(keys[k]);
            if (child != null) {
                return find(child, path, path.ends[from][k]);
            }
        }
        return null;
    }

    /** Adds the values at a path to {@code out}: null (none yet), a node (one), or an ArrayList (more). */
    private static Object collect(JsonNode node, FieldPath path, int from, Object out) {
        if (from == path.length()) {
            if (!node.isContainerNode()) {
                // most fields hold one value: the node itself until a second one shows up
                if (out == null) {
                    return node;
                }
                List<JsonNode> more = growable(out);
                more.add(node);
                return more;
            }
            // a field that holds an object or array is searched value by value (tool arguments, messages)
            List<JsonNode> all = out == null ? new ArrayList<>(4) : growable(out);
            visit(node, all::add);
            return all;
        }
        if (node.isArray()) {
            for (int i = 0, n = node.size(); i < n; i++) {
                out = collect(node.get(i), path, from, out);
            }
            return out;
        }
        if (!node.isObject()) {
            return out;
        }
        // the longest literal key first: "gen_ai.request.model" before "gen_ai" → "request.model"
        String[] keys = path.keys[from];
        for (int k = 0; k < keys.length; k++) {
            JsonNode child = node.get(keys[k]);
            if (child != null) {
                return collect(child, path, path.ends[from][k], out);
            }
        }
        return out;
    }

    @SuppressWarnings("unchecked")
    private static List<JsonNode> growable(Object out) {
        if (out instanceof ArrayList) {
            return (ArrayList<JsonNode>) out;
        }
        ArrayList<JsonNode> list = new ArrayList<>(4);
        list.add((JsonNode) out);
        return list;
    }

    /** The text of every scalar value in the event (numbers and booleans as written), for keyword search. */
    public List<String> allScalarTexts() {
        List<String> texts = new ArrayList<>();
        forEachScalar(v -> texts.add(v.asText()));
        return Collections.unmodifiableList(texts);
    }

    /** Visits every scalar value of the event (null values excepted) without listing them. */
    public void forEachScalar(Consumer<JsonNode> visitor) {
        visit(json, visitor);
    }

    private static void visit(JsonNode node, Consumer<JsonNode> visitor) {
        if (node.isObject()) {
            for (java.util.Iterator<JsonNode> it = node.elements(); it.hasNext(); ) {
                visit(it.next(), visitor);
            }
        } else if (node.isArray()) {
            for (int i = 0, n = node.size(); i < n; i++) {
                visit(node.get(i), visitor);
            }
        } else if (!node.isNull()) {
            visitor.accept(node);
        }
    }

    /** The event time from a field: epoch seconds or milliseconds, or ISO 8601 with or without offset (UTC). */
    public Optional<Instant> time(String field) {
        for (JsonNode v : values(field)) {
            Optional<Instant> t = parseTime(v);
            if (t.isPresent()) {
                return t;
            }
        }
        return Optional.empty();
    }

    /** The first of {@link #TIME_FIELDS} that holds a time. */
    public Optional<Instant> time() {
        for (String f : TIME_FIELDS) {
            Optional<Instant> t = time(f);
            if (t.isPresent()) {
                return t;
            }
        }
        return Optional.empty();
    }

    /** A time from one JSON value: epoch seconds or milliseconds, or ISO 8601 (UTC when no offset). */
    public static Optional<Instant> parseTime(JsonNode v) {
        if (v.isNumber()) {
            double d = v.asDouble();
            // values past year 33658 in seconds are taken as milliseconds
            return Optional.of(
                    d > 1e12
                            ? Instant.ofEpochMilli((long) d)
                            : Instant.ofEpochSecond((long) Math.floor(d), (long) ((d - Math.floor(d)) * 1e9)));
        }
        if (!v.isTextual()) {
            return Optional.empty();
        }
        String s = v.asText().strip();
        Instant common = IsoTime.parse(s);
        return common != null ? Optional.of(common) : parseTimeText(s);
    }

    /** A time from text through {@code java.time}: ISO 8601 with an offset, without one (UTC), or an instant. */
    static Optional<Instant> parseTimeText(String s) {
        try {
            return Optional.of(OffsetDateTime.parse(s).toInstant());
        } catch (DateTimeParseException e) {
            // try without an offset
        }
        try {
            return Optional.of(LocalDateTime.parse(s.replace(' ', 'T')).toInstant(ZoneOffset.UTC));
        } catch (DateTimeParseException e) {
            // try epoch in text
        }
        try {
            return Optional.of(Instant.parse(s));
        } catch (DateTimeParseException e) {
            return Optional.empty();
        }
    }

    @Override
    public String toString() {
        return (source.isEmpty() ? "" : source + ":" + line + ": ") + json;
    }
}
