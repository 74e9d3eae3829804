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
 * Jackson's per-parse set-up (context, buffers, token state), and checks each field name against the one that
 * followed the previous name last time, as events of one kind repeat their names in order. On AI telemetry it reads
 * events in about 0.6 of Jackson's time (docs/benchmarks.md). Not thread-safe (it keeps the field names it has
 * seen): one per reader.
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
    private String text;
    private int at;
    private int end;

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
            JsonNode value = value(0);
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

    private ObjectNode object(int depth) throws MalformedJson {
        if (depth > MAX_DEPTH) {
            throw fail("nesting deeper than " + MAX_DEPTH + " levels");
        }
        at++; // '{'
        skipBlanks();
        LinkedHashMap<String, JsonNode> children = new LinkedHashMap<>();
        if (at < end && text.charAt(at) == '}') {
            at++;
            return new ObjectNode(NODES, children);
        }
        String name = null;
        while (true) {
            if (at >= end || text.charAt(at) != '"') {
                throw fail(at >= end ? "object not closed" : "expected a field name in double quotes");
            }
            name = fieldName(name);
            skipBlanks();
            if (at >= end || text.charAt(at) != ':') {
                throw fail("expected ':' after field name \"" + name + "\"");
            }
            at++;
            skipBlanks();
            children.put(name, value(depth));
            skipBlanks();
            if (at >= end) {
                throw fail("object not closed");
            }
            char c = text.charAt(at++);
            if (c == '}') {
                return new ObjectNode(NODES, children);
            }
            if (c != ',') {
                at--;
                throw fail("expected ',' or '}' in an object, found '" + printable(c) + "'");
            }
            skipBlanks();
        }
    }

    private ArrayNode array(int depth) throws MalformedJson {
        if (depth > MAX_DEPTH) {
            throw fail("nesting deeper than " + MAX_DEPTH + " levels");
        }
        at++; // '['
        skipBlanks();
        ArrayList<JsonNode> elements = new ArrayList<>(4);
        if (at < end && text.charAt(at) == ']') {
            at++;
            return new ArrayNode(NODES, elements);
        }
        while (true) {
            elements.add(value(depth));
            skipBlanks();
            if (at >= end) {
                throw fail("array not closed");
            }
            char c = text.charAt(at++);
            if (c == ']') {
                return new ArrayNode(NODES, elements);
            }
            if (c != ',') {
                at--;
                throw fail("expected ',' or ']' in an array, found '" + printable(c) + "'");
            }
            skipBlanks();
        }
    }

    private JsonNode value(int depth) throws MalformedJson {
        if (at >= end) {
            throw fail("value missing");
        }
        char c = text.charAt(at);
        switch (c) {
            case '"':
                return TextNode.valueOf(string());
            case '{':
                return object(depth + 1);
            case '[':
                return array(depth + 1);
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
     * A field name: the same instance for the same text, as Jackson interns them. Events of one kind list the same
     * names in the same order, so the name that followed this one's predecessor last time is tried first.
     */
    private String fieldName(String previous) throws MalformedJson {
        int start = at + 1;
        String guess = names.after(previous);
        if (guess != null) {
            int close = start + guess.length();
            if (close < end && text.charAt(close) == '"' && sameChars(start, guess)) {
                at = close + 1;
                return guess;
            }
        }
        int h = 0;
        for (int i = start; i < end; i++) {
            char c = text.charAt(i);
            if (c == '"') {
                at = i + 1;
                String name = names.canonical(text, start, i, h);
                names.follows(previous, name);
                return name;
            }
            if (c == '\\' || c < 0x20) {
                break;
            }
            h = 31 * h + c;
        }
        // not guessed next time: a guess is compared with the line as it is written, without escapes
        return names.canonical(string());
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
                default -> throw failAt("unknown escape '\\" + printable(e) + "' (allowed: \\\" \\\\ \\/ \\b \\f \\n "
                        + "\\r \\t \\uXXXX)", i - 2);
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
     * Field names seen so far, interned, found by their characters without making a string: events repeat a few
     * dozen names. Bounded, so that a stream of made-up names costs new strings rather than memory.
     */
    private static final class FieldNames {
        private static final int MAX = 4096;
        private String[] table = new String[64];
        private int size;
        /** The name that followed each one last time; by identity, as names are canonical. */
        private final java.util.IdentityHashMap<String, String> successors = new java.util.IdentityHashMap<>();
        private String first;

        String canonical(String line, int from, int to, int h) {
            int mask = table.length - 1;
            for (int i = spread(h) & mask; ; i = (i + 1) & mask) {
                String known = table[i];
                if (known == null) {
                    return add(line.substring(from, to), i);
                }
                if (known.hashCode() == h && known.length() == to - from && line.regionMatches(from, known, 0,
                        to - from)) {
                    return known;
                }
            }
        }

        /** The name that followed {@code name} (null: the first of an object) last time, or null. */
        String after(String name) {
            return name == null ? first : successors.get(name);
        }

        void follows(String previous, String name) {
            if (previous == null) {
                first = name;
            } else if (successors.size() < MAX || successors.containsKey(previous)) {
                successors.put(previous, name);
            }
        }

        String canonical(String name) {
            int h = name.hashCode();
            int mask = table.length - 1;
            for (int i = spread(h) & mask; ; i = (i + 1) & mask) {
                String known = table[i];
                if (known == null) {
                    return add(name, i);
                }
                if (known.hashCode() == h && known.equals(name)) {
                    return known;
                }
            }
        }

        private String add(String name, int slot) {
            if (size >= MAX) {
                return name;
            }
            String interned = name.intern();
            table[slot] = interned;
            if (++size * 2 > table.length) {
                String[] old = table;
                table = new String[old.length * 2];
                int mask = table.length - 1;
                for (String s : old) {
                    if (s != null) {
                        int i = spread(s.hashCode()) & mask;
                        while (table[i] != null) {
                            i = (i + 1) & mask;
                        }
                        table[i] = s;
                    }
                }
            }
            return interned;
        }

        private static int spread(int h) {
            return h ^ (h >>> 16);
        }
    }
}
