package org.atlasops.detect.event;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.BigIntegerNode;
import com.fasterxml.jackson.databind.node.BooleanNode;
import com.fasterxml.jackson.databind.node.DoubleNode;
import com.fasterxml.jackson.databind.node.IntNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.LongNode;
import com.fasterxml.jackson.databind.node.NullNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.node.TextNode;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.LinkedHashMap;

/**
 * Reads one event (a JSON object on one line) into the same tree Jackson's {@code readTree} makes: the same node
 * types (int, long or big integer by size; double for fractions and exponents), the last of duplicate keys winning in
 * the first one's place, field names interned. It is strict JSON (RFC 8259): no comments, no trailing commas, no
 * leading zeros, nothing after the value. It exists for speed: it reads the line's string in place, without
 * Jackson's per-parse set-up (context, buffers, token state), and compares each field name with the names seen at
 * the same place in earlier events before hashing it, as events of one kind repeat their names in order. On AI
 * telemetry it reads events in about half of Jackson's time (docs/benchmarks.md). Not thread-safe (it keeps the field
 * names it has seen): one per reader.
 */
public final class EventJson {
    /** Deeper nesting is refused (as with Jackson's limit), so a hostile line cannot exhaust the stack. */
    public static final int MAX_DEPTH = 100;
    /** Longer numbers are refused, as big-integer parsing grows with the square of the length. */
    static final int MAX_NUMBER_LENGTH = 1000;

    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

    /**
     * A line that is not one JSON object: the rule broken and the 1-based column where it was found, or (when
     * {@link #notAnObject}) a well-formed JSON value of another kind.
     */
    public static final class MalformedJson extends Exception {
        private final int column;
        private final boolean notAnObject;

        MalformedJson(String problem, int column, boolean notAnObject) {
            super(notAnObject ? problem : problem + " at column " + column);
            this.column = column;
            this.notAnObject = notAnObject;
        }

        public int column() {
            return column;
        }

        /** True when the line is JSON, but an array, string, number, boolean or null rather than an object. */
        public boolean notAnObject() {
            return notAnObject;
        }
    }

    private final FieldNames names = new FieldNames();
    /** The id of the field name just read, or -1. */
    private int nameId;

    private String text;
    private int at;
    private int end;
    /**
     * By the id of the name an object or array is the value of (plus one; 0 for the top and for names without an
     * id), the size of the last one read there: the next is allocated at that size, since events of one kind
     * repeat their shape. Allocation costs more than it seems here: it pushes detection state out of the cache.
     * A map made too small grows as usual, so a wrong guess costs what no guess costs.
     */
    private final byte[] objectSizes = new byte[FieldNames.MAX + 1];

    private final byte[] arraySizes = new byte[FieldNames.MAX + 1];

    /** The object a line holds; throws when the line is not exactly one JSON object (blanks around it allowed). */
    public ObjectNode parseObject(String line) throws MalformedJson {
        text = line;
        at = 0;
        end = line.length();
        try {
            skipBlanks();
            if (at >= end) {
                throw fail("no JSON value");
            }
            JsonNode value = value(0, FieldNames.TOP);
            skipBlanks();
            if (at < end) {
                throw fail("unexpected '" + printable(text.charAt(at)) + "' after the JSON value (one event per line)");
            }
            if (!(value instanceof ObjectNode object)) {
                throw new MalformedJson("not a JSON object (events are objects, one per line)", 1, true);
            }
            return object;
        } finally {
            text = null;
        }
    }

    /** @param parent the id of the field this object is the value of (or an element of), for guessing names */
    private ObjectNode object(int depth, int parent) throws MalformedJson {
        open(depth);
        int place = parent + 1;
        // sized so that the expected entries need no resize (a HashMap resizes beyond three quarters full)
        LinkedHashMap<String, JsonNode> children = new LinkedHashMap<>((4 * objectSizes[place] + 2) / 3);
        if (at < end && text.charAt(at) == '}') {
            at++;
            return new ObjectNode(NODES, children);
        }
        int context = names.firstIn(parent);
        while (true) {
            if (at >= end || text.charAt(at) != '"') {
                throw fail(at >= end ? "object not closed" : "expected a field name in double quotes");
            }
            String name = fieldName(context);
            int id = nameId;
            if (name == null) {
                // escaped: made by the string reader, and neither guessed nor a place for guesses (guesses are
                // compared with the line as written)
                String read = string();
                int known = names.id(read);
                name = known < 0 ? read : names.name(known);
                id = -1;
            }
            context = names.after(id);
            skipBlanks();
            if (at >= end || text.charAt(at) != ':') {
                throw fail("expected ':' after field name \"" + name + "\"");
            }
            at++;
            skipBlanks();
            children.put(name, value(depth, id));
            if (closesAfterMember('}', "object")) {
                objectSizes[place] = (byte) Math.min(children.size(), 96);
                return new ObjectNode(NODES, children);
            }
        }
    }

    private ArrayNode array(int depth, int parent) throws MalformedJson {
        open(depth);
        int place = parent + 1;
        ArrayList<JsonNode> elements = new ArrayList<>(Math.max(1, arraySizes[place]));
        if (at < end && text.charAt(at) == ']') {
            at++;
            return new ArrayNode(NODES, elements);
        }
        while (true) {
            elements.add(value(depth, parent));
            if (closesAfterMember(']', "array")) {
                arraySizes[place] = (byte) Math.min(elements.size(), 96);
                return new ArrayNode(NODES, elements);
            }
        }
    }

    /** Steps over the '{' or '[' of a container at this depth, and the blanks after it; too deep is an error. */
    private void open(int depth) throws MalformedJson {
        if (depth > MAX_DEPTH) {
            throw fail("nesting deeper than " + MAX_DEPTH + " levels");
        }
        at++;
        skipBlanks();
    }

    /**
     * After a member of an object or array: true when the container closes here, false after a comma (and the
     * blanks after it); anything else is an error.
     */
    private boolean closesAfterMember(char closer, String container) throws MalformedJson {
        skipBlanks();
        if (at >= end) {
            throw fail(container + " not closed");
        }
        char c = text.charAt(at++);
        if (c == closer) {
            return true;
        }
        if (c != ',') {
            at--;
            throw fail("expected ',' or '" + closer + "' in an " + container + ", found '" + printable(c) + "'");
        }
        skipBlanks();
        return false;
    }

    private JsonNode value(int depth, int parent) throws MalformedJson {
        if (at >= end) {
            throw fail("value missing");
        }
        char c = text.charAt(at);
        switch (c) {
            case '"':
                return TextNode.valueOf(string());
            case '{':
                return object(depth + 1, parent);
            case '[':
                return array(depth + 1, parent);
            case 't':
                word("true");
                return BooleanNode.TRUE;
            case 'f':
                word("false");
                return BooleanNode.FALSE;
            case 'n':
                word("null");
                return NullNode.instance;
            default:
                if (c == '-' || c >= '0' && c <= '9') {
                    return number();
                }
                throw fail("unexpected '" + printable(c) + "' where a value should start");
        }
    }

    private void word(String w) throws MalformedJson {
        if (!text.startsWith(w, at)) {
            throw fail("unknown word (values are strings, numbers, objects, arrays, true, false or null)");
        }
        at += w.length();
    }

    /** A number as JSON writes it: -?(0|[1-9][0-9]*)(.[0-9]+)?([eE][+-]?[0-9]+)?. */
    private JsonNode number() throws MalformedJson {
        int start = at;
        if (text.charAt(at) == '-') {
            at++;
        }
        int intStart = at;
        int digits = digits();
        if (digits == 0) {
            throw fail("a digit must follow '-'");
        }
        if (digits > 1 && text.charAt(intStart) == '0') {
            throw failAt("leading zeros are not allowed in numbers", intStart);
        }
        boolean integral = true;
        if (at < end && text.charAt(at) == '.') {
            at++;
            integral = false;
            if (digits() == 0) {
                throw fail("a digit must follow the decimal point");
            }
        }
        if (at < end && (text.charAt(at) == 'e' || text.charAt(at) == 'E')) {
            at++;
            integral = false;
            if (at < end && (text.charAt(at) == '+' || text.charAt(at) == '-')) {
                at++;
            }
            if (digits() == 0) {
                throw fail("a digit must follow the exponent mark");
            }
        }
        if (at - start > MAX_NUMBER_LENGTH) {
            throw failAt("number longer than " + MAX_NUMBER_LENGTH + " characters", start);
        }
        if (!integral) {
            return DoubleNode.valueOf(Double.parseDouble(text.substring(start, at)));
        }
        if (digits <= 18) {
            long v = 0;
            for (int i = intStart; i < at; i++) {
                v = v * 10 + (text.charAt(i) - '0');
            }
            if (intStart > start) {
                v = -v;
            }
            return v == (int) v ? IntNode.valueOf((int) v) : LongNode.valueOf(v);
        }
        BigInteger big = new BigInteger(text.substring(start, at));
        return big.bitLength() < 64 ? LongNode.valueOf(big.longValue()) : BigIntegerNode.valueOf(big);
    }

    private int digits() {
        int from = at;
        while (at < end) {
            char c = text.charAt(at);
            if (c < '0' || c > '9') {
                break;
            }
            at++;
        }
        return at - from;
    }

    /**
     * A field name: the same instance for the same text, as Jackson interns them; its id (or -1) in {@link #nameId}.
     * Events of one kind list the same names in the same order, so the names that followed the previous one (or
     * began an object in the same place) before are tried first. Null for a name with escapes, which the caller
     * reads as a string.
     */
    private String fieldName(int context) {
        int start = at + 1;
        for (int k = 0; k < FieldNames.GUESSES; k++) {
            int guess = names.guess(context, k);
            if (guess < 0) {
                break;
            }
            String name = names.name(guess);
            int close = start + name.length();
            if (close < end && text.charAt(close) == '"' && sameChars(start, name)) {
                at = close + 1;
                nameId = guess;
                return name;
            }
        }
        int h = 0;
        for (int i = start; i < end; i++) {
            char c = text.charAt(i);
            if (c == '"') {
                at = i + 1;
                int id = names.id(text, start, i, h);
                nameId = id;
                names.remember(context, id);
                return id >= 0 ? names.name(id) : text.substring(start, i);
            }
            if (c == '\\' || c < 0x20) {
                break;
            }
            h = 31 * h + c;
        }
        return null;
    }

    private boolean sameChars(int from, String s) {
        for (int i = 0, n = s.length(); i < n; i++) {
            if (text.charAt(from + i) != s.charAt(i)) {
                return false;
            }
        }
        return true;
    }

    /** A string value; {@code at} is on its opening quote and ends after the closing one. */
    private String string() throws MalformedJson {
        int start = at + 1;
        int close = plainStringEnd(start);
        if (close >= 0) {
            at = close + 1;
            return text.substring(start, close);
        }
        StringBuilder out = new StringBuilder();
        int i = start;
        while (true) {
            if (i >= end) {
                throw failAt("string not closed", start - 1);
            }
            char c = text.charAt(i);
            if (c == '"') {
                at = i + 1;
                return out.toString();
            }
            if (c < 0x20) {
                throw failAt("control character U+" + hex4(c) + " in a string (write it as an escape)", i);
            }
            if (c != '\\') {
                out.append(c);
                i++;
                continue;
            }
            if (i + 1 >= end) {
                throw failAt("string not closed", start - 1);
            }
            char e = text.charAt(i + 1);
            i += 2;
            switch (e) {
                case '"', '\\', '/' -> out.append(e);
                case 'b' -> out.append('\b');
                case 'f' -> out.append('\f');
                case 'n' -> out.append('\n');
                case 'r' -> out.append('\r');
                case 't' -> out.append('\t');
                case 'u' -> {
                    if (i + 4 > end) {
                        throw failAt("\\u needs four hex digits", i - 2);
                    }
                    int code = 0;
                    for (int k = 0; k < 4; k++) {
                        int d = Character.digit(text.charAt(i + k), 16);
                        if (d < 0) {
                            throw failAt("\\u needs four hex digits", i - 2);
                        }
                        code = code * 16 + d;
                    }
                    out.append((char) code);
                    i += 4;
                }
                default ->
                    throw failAt(
                            "unknown escape '\\" + printable(e) + "' (allowed: \\\" \\\\ \\/ \\b \\f \\n "
                                    + "\\r \\t \\uXXXX)",
                            i - 2);
            }
        }
    }

    /** Where a string starting at {@code from} closes when it has no escapes and no control characters, else -1. */
    private int plainStringEnd(int from) {
        for (int i = from; i < end; i++) {
            char c = text.charAt(i);
            if (c == '"') {
                return i;
            }
            if (c == '\\' || c < 0x20) {
                return -1;
            }
        }
        return -1;
    }

    private void skipBlanks() {
        while (at < end) {
            char c = text.charAt(at);
            if (c != ' ' && c != '\t' && c != '\n' && c != '\r') {
                return;
            }
            at++;
        }
    }

    private MalformedJson fail(String problem) {
        return failAt(problem, at);
    }

    private static MalformedJson failAt(String problem, int index) {
        return new MalformedJson(problem, index + 1, false);
    }

    private static String printable(char c) {
        return c < 0x20 || c == 0x7f ? "U+" + hex4(c) : String.valueOf(c);
    }

    private static String hex4(char c) {
        return String.format("%04X", (int) c);
    }

    /**
     * Field names seen so far, interned and numbered, found by their characters without making a string, and for
     * each place in an event (after a name, or first in an object under a name) the names seen there most recently.
     * Bounded: beyond {@link #MAX} names, new ones are made afresh and not remembered, so a stream of made-up names
     * costs strings rather than memory.
     */
    private static final class FieldNames {
        static final int MAX = 4096;
        /** Names remembered per place: AI telemetry interleaves a few kinds of event, each with its own order. */
        static final int GUESSES = 4;
        /** The parent of a top-level object. */
        static final int TOP = -1;

        private final String[] byId = new String[MAX];
        private int count;
        /** Open addressing by hash: id + 1 (0 empty). */
        private int[] slots = new int[64];
        /** Per place ({@link #after}, {@link #firstIn}), the ids seen there, newest first; -1 none. */
        private final int[] seen = new int[(2 * MAX + 2) * GUESSES];

        FieldNames() {
            java.util.Arrays.fill(seen, -1);
        }

        String name(int id) {
            return byId[id];
        }

        /** The place after the name with this id; -1 (no place) for a name without one. */
        int after(int id) {
            return id < 0 ? -1 : 2 * id + 2;
        }

        /** The place of the first name in an object under the name with this id (or at the top, {@link #TOP}). */
        int firstIn(int parent) {
            return parent == TOP ? 0 : parent < 0 ? -1 : 2 * parent + 3;
        }

        /** The k-th most recent name id seen at a place, or -1. */
        int guess(int place, int k) {
            return place < 0 ? -1 : seen[place * GUESSES + k];
        }

        /** Notes a name seen at a place, newest first; the oldest of a full place is forgotten. */
        void remember(int place, int id) {
            if (place < 0 || id < 0) {
                return;
            }
            int base = place * GUESSES;
            int k = 0;
            while (k < GUESSES - 1 && seen[base + k] != id) {
                k++;
            }
            System.arraycopy(seen, base, seen, base + 1, k);
            seen[base] = id;
        }

        /** The id of the name in line[from, to) (whose hash is h), numbering it when new; -1 beyond {@link #MAX}. */
        int id(String line, int from, int to, int h) {
            int mask = slots.length - 1;
            for (int i = spread(h) & mask; ; i = (i + 1) & mask) {
                int id = slots[i] - 1;
                if (id < 0) {
                    return add(line.substring(from, to), i);
                }
                String known = byId[id];
                if (known.hashCode() == h
                        && known.length() == to - from
                        && line.regionMatches(from, known, 0, to - from)) {
                    return id;
                }
            }
        }

        /** The id of a name, numbering it when new; -1 beyond {@link #MAX}. */
        int id(String name) {
            int h = name.hashCode();
            int mask = slots.length - 1;
            for (int i = spread(h) & mask; ; i = (i + 1) & mask) {
                int id = slots[i] - 1;
                if (id < 0) {
                    return add(name, i);
                }
                if (byId[id].equals(name)) {
                    return id;
                }
            }
        }

        private int add(String name, int slot) {
            if (count >= MAX) {
                return -1;
            }
            int id = count++;
            byId[id] = name.intern();
            slots[slot] = id + 1;
            if (count * 2 > slots.length) {
                int[] larger = new int[slots.length * 2];
                int mask = larger.length - 1;
                for (int k = 0; k < count; k++) {
                    int i = spread(byId[k].hashCode()) & mask;
                    while (larger[i] != 0) {
                        i = (i + 1) & mask;
                    }
                    larger[i] = k + 1;
                }
                slots = larger;
            }
            return id;
        }

        private static int spread(int h) {
            return h ^ (h >>> 16);
        }
    }
}
