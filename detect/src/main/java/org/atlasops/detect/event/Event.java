package org.atlasops.detect.event;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Consumer;

/**
 * One event: a JSON object and where it came from ({@code source} file and 1-based {@code line}; 0 when the event was
 * made in memory). Field lookups are memoised, since rule after rule reads the same fields: the JSON must not change
 * once the event is made, and the lists returned must not be modified. Like a {@code Detector}, an event is used by
 * one thread at a time.
 */
public final class Event {
    /** Fields tried, in order, for the event time when no time field is configured. */
    public static final List<String> TIME_FIELDS = List.of("@timestamp", "timestamp", "time", "ts", "TimeCreated",
            "event.created", "EventTime", "UtcTime");

    private final ObjectNode json;
    private final String source;
    private final long line;
    /**
     * Memoised {@link #values(FieldPath)}: a small open-addressed table keyed by interned path, one array of
     * triples (path, its values, what a caller worked out from them: see {@link #derived}). It starts with room for
     * {@link #FIRST_MEMO_SLOTS} paths, enough for the fields the rules of one kind of event read, and doubles when
     * seven eighths full.
     */
    private Object[] memo;
    private int memoized;
    private Object derivedFromAll;
    private List<String> scalarTexts;
    private static final int FIRST_MEMO_SLOTS = 8;

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
     * array contributes every scalar inside it. Missing: empty.
     */
    public List<JsonNode> values(String field) {
        return values(FieldPath.of(field));
    }

    @SuppressWarnings("unchecked")
    public List<JsonNode> values(FieldPath field) {
        int at = slot(field); // first: it makes the memo
        Object v = memo[at + 1];
        if (v instanceof JsonNode one) {
            List<JsonNode> list = List.of(one);
            memo[at + 1] = list;
            return list;
        }
        return (List<JsonNode>) v;
    }

    /**
     * The values at a field path in the memo's compact form, read with {@link #count} and {@link #get}: for rule
     * tests, which read field after field of every event, since most fields hold one value and a list for it
     * would be the one allocation of the look-up.
     */
    public Object compactValues(FieldPath field) {
        int at = slot(field);
        return memo[at + 1];
    }

    /** How many values a {@link #compactValues} result holds. */
    public static int count(Object compactValues) {
        return compactValues instanceof JsonNode ? 1 : ((List<?>) compactValues).size();
    }

    /** The i-th value of a {@link #compactValues} result. */
    public static JsonNode get(Object compactValues, int i) {
        if (compactValues instanceof JsonNode one) {
            if (i != 0) {
                throw new IndexOutOfBoundsException(i);
            }
            return one;
        }
        return (JsonNode) ((List<?>) compactValues).get(i);
    }

    /**
     * What a caller stored for a field with {@link #derive} (such as the literals found in its texts), so that
     * rule after rule can reuse it; null when nothing was stored. Callers check the object is theirs.
     */
    public Object derived(FieldPath field) {
        int at = slot(field);
        return memo[at + 2];
    }

    public void derive(FieldPath field, Object value) {
        int at = slot(field);
        memo[at + 2] = value;
    }

    /** Like {@link #derived}, for what a caller worked out from all the event's values (as keyword search does). */
    public Object derivedFromAll() {
        return derivedFromAll;
    }

    public void deriveFromAll(Object value) {
        derivedFromAll = value;
    }

    /** Where a path's triple starts in the memo, its values looked up when new. */
    private int slot(FieldPath field) {
        Object[] m = memo;
        if (m == null) {
            m = memo = new Object[FIRST_MEMO_SLOTS * 3];
        }
        int mask = m.length / 3 - 1;
        for (int i = field.id & mask; ; i = (i + 1) & mask) {
            int at = i * 3;
            Object p = m[at];
            if (p == field) {
                return at;
            }
            if (p == null) {
                if ((memoized + 1) * 8 > (mask + 1) * 7) {
                    growMemo();
                    return slot(field);
                }
                m[at] = field;
                m[at + 1] = lookUp(field);
                memoized++;
                return at;
            }
        }
    }

    private void growMemo() {
        Object[] old = memo;
        Object[] m = new Object[old.length * 2];
        int mask = m.length / 3 - 1;
        for (int from = 0; from < old.length; from += 3) {
            if (old[from] != null) {
                int i = ((FieldPath) old[from]).id & mask;
                while (m[i * 3] != null) {
                    i = (i + 1) & mask;
                }
                System.arraycopy(old, from, m, i * 3, 3);
            }
        }
        memo = m;
    }

    /** The values at a path: none as an empty list, one as the node itself, more as a list. */
    private Object lookUp(FieldPath field) {
        Object out = collect(json, field, 0, null);
        return out == null ? List.of() : out;
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
        if (scalarTexts == null) {
            List<String> texts = new ArrayList<>();
            forEachScalar(v -> texts.add(v.asText()));
            scalarTexts = texts;
        }
        return scalarTexts;
    }

    /** Visits every scalar value of the event (null values excepted) without listing them. */
    public void forEachScalar(Consumer<JsonNode> visitor) {
        visit(json, visitor);
    }

    private static void visit(JsonNode node, Consumer<JsonNode> visitor) {
        if (node.isObject()) {
            for (java.util.Iterator<JsonNode> it = node.elements(); it.hasNext();) {
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
            return Optional.of(d > 1e12 ? Instant.ofEpochMilli((long) d)
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
