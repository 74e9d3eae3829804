package org.atlasops.detect.event;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.node.BigIntegerNode;
import com.fasterxml.jackson.databind.node.DoubleNode;
import com.fasterxml.jackson.databind.node.IntNode;
import com.fasterxml.jackson.databind.node.LongNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.Iterator;
import java.util.Random;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * The event reader makes the tree Jackson makes from any JSON object line, and refuses (with the rule and column) every
 * line strict Jackson refuses. Random trees are written with random spacing and escapes; random edits of them make
 * malformed lines.
 */
class EventJsonTest {
    /** Jackson as strict as the reader: nothing after the value, the same nesting limit. */
    private static final JsonMapper STRICT = JsonMapper.builder()
            .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
            .build();

    static {
        STRICT.getFactory()
                .setStreamReadConstraints(StreamReadConstraints.builder()
                        .maxNestingDepth(EventJson.MAX_DEPTH)
                        .build());
    }

    private static final String NOISE = "{}[]\":,\\ 0-1.eE+tnfu\u0001x";

    @Property(tries = 500)
    void readsWhatJacksonReads(@ForAll long seed) throws Exception {
        Random random = new Random(seed);
        String line = write(randomObject(random, 0), random);
        ObjectNode ours = new EventJson().parseObject(line);
        assertThat(ours).as(line).isEqualTo(STRICT.readTree(line));
        assertSameNumberTypes(ours, STRICT.readTree(line));
    }

    /**
     * One reader for many lines, as a scan uses it: what it remembers from line to line (names by place, the sizes
     * of containers by place) changes how it reads, never what.
     */
    @Property(tries = 50)
    void oneReaderForManyLinesReadsEachAsJacksonDoes(@ForAll long seed) throws Exception {
        Random random = new Random(seed);
        EventJson reader = new EventJson();
        for (int i = 0; i < 40; i++) {
            String line = write(randomObject(random, 0), random);
            assertThat(reader.parseObject(line)).as(line).isEqualTo(STRICT.readTree(line));
        }
    }

    /** Edited lines: where strict Jackson reads an object, the same tree; else a MalformedJson, never another error. */
    @Property(tries = 2000)
    void refusesWhatJacksonRefuses(@ForAll long seed) throws Exception {
        Random random = new Random(seed);
        StringBuilder line = new StringBuilder(write(randomObject(random, 0), random));
        for (int edits = 1 + random.nextInt(3); edits > 0 && line.length() > 0; edits--) {
            int at = random.nextInt(line.length());
            String noise = String.valueOf(NOISE.charAt(random.nextInt(NOISE.length())));
            switch (random.nextInt(3)) {
                case 0 -> line.deleteCharAt(at);
                case 1 -> line.insert(at, noise);
                default -> line.replace(at, at + 1, noise);
            }
        }
        JsonNode jackson;
        try {
            jackson = STRICT.readTree(line.toString());
        } catch (JsonProcessingException e) {
            jackson = null;
        }
        EventJson reader = new EventJson();
        if (jackson instanceof ObjectNode) {
            assertThat(reader.parseObject(line.toString())).as(line.toString()).isEqualTo(jackson);
        } else {
            JsonNode refused = jackson;
            assertThatThrownBy(() -> reader.parseObject(line.toString()))
                    .as(line.toString())
                    .isInstanceOfSatisfying(
                            EventJson.MalformedJson.class,
                            e -> assertThat(e.notAnObject()).isEqualTo(refused != null && !refused.isMissingNode()));
        }
    }

    @ParameterizedTest
    @CsvSource(
            delimiter = '|',
            quoteCharacter = '`',
            value = {
                "{\"a\":1,}                 | expected a field name in double quotes at column 8",
                "{\"a\":01}                 | leading zeros are not allowed in numbers at column 6",
                "{\"a\":\"x                 | string not closed at column 6",
                "{\"a\":\"\\q\"}            | unknown escape '\\q'",
                "{\"a\":\"\\u12g4\"}        | \\u needs four hex digits at column 7",
                "{\"a\":tru}                | unknown word",
                "{\"a\":1} {\"b\":2}        | unexpected '{' after the JSON value (one event per line) at column 9",
                "{\"a\" 1}                  | expected ':' after field name \"a\" at column 6",
                "{\"a\":1                   | object not closed at column 7",
                "{\"a\":[1 2]}              | expected ',' or ']' in an array, found '2' at column 9",
                "{\"a\":-}                  | a digit must follow '-' at column 7",
                "{\"a\":1.}                 | a digit must follow the decimal point at column 8",
                "{\"a\":1e}                 | a digit must follow the exponent mark at column 8",
                "{'a':1}                    | expected a field name in double quotes at column 2",
                "`   `                      | no JSON value at column 4",
            })
    void namesTheRuleBrokenAndWhere(String line, String message) {
        assertThatThrownBy(() -> new EventJson().parseObject(line))
                .isInstanceOf(EventJson.MalformedJson.class)
                .hasMessageContaining(message);
    }

    @Test
    void aControlCharacterInAStringMustBeEscaped() {
        assertThatThrownBy(() -> new EventJson().parseObject("{\"a\":\"x\ty\"}"))
                .hasMessage("control character U+0009 in a string (write it as an escape) at column 8");
    }

    @Test
    void otherJsonValuesAreNotEvents() {
        for (String line : new String[] {"[1,2]", "\"text\"", "42", "true", "null"}) {
            assertThatThrownBy(() -> new EventJson().parseObject(line))
                    .as(line)
                    .isInstanceOfSatisfying(
                            EventJson.MalformedJson.class,
                            e -> assertThat(e.notAnObject()).isTrue())
                    .hasMessage("not a JSON object (events are objects, one per line)");
        }
    }

    @Test
    void nestingIsBounded() throws Exception {
        String deepest = "{\"a\":".repeat(EventJson.MAX_DEPTH - 1) + "[1]" + "}".repeat(EventJson.MAX_DEPTH - 1);
        assertThat(new EventJson().parseObject(deepest)).isEqualTo(STRICT.readTree(deepest));
        String deeper = "{\"a\":".repeat(EventJson.MAX_DEPTH) + "[1]" + "}".repeat(EventJson.MAX_DEPTH);
        assertThatThrownBy(() -> new EventJson().parseObject(deeper))
                .hasMessageContaining("nesting deeper than 100 levels");
        String hostile = "[".repeat(100_000);
        assertThatThrownBy(() -> new EventJson().parseObject(hostile))
                .hasMessageContaining("nesting deeper than 100 levels");
    }

    @Test
    void numbersGetJacksonsNodeTypes() throws Exception {
        ObjectNode n = new EventJson()
                .parseObject("{\"i\":-2147483648,\"l\":2147483648,\"m\":-9223372036854775808,"
                        + "\"b\":9223372036854775808,\"d\":1.5,\"e\":1E3,\"z\":-0}");
        assertThat(n.get("i")).isEqualTo(IntNode.valueOf(Integer.MIN_VALUE));
        assertThat(n.get("l")).isEqualTo(LongNode.valueOf(2147483648L));
        assertThat(n.get("m")).isEqualTo(LongNode.valueOf(Long.MIN_VALUE));
        assertThat(n.get("b")).isInstanceOf(BigIntegerNode.class);
        assertThat(n.get("d")).isEqualTo(DoubleNode.valueOf(1.5));
        assertThat(n.get("e")).isEqualTo(DoubleNode.valueOf(1000));
        assertThat(n.get("z")).isEqualTo(IntNode.valueOf(0));
        assertThatThrownBy(() -> new EventJson().parseObject("{\"x\":" + "9".repeat(1001) + "}"))
                .hasMessageContaining("number longer than 1000 characters");
    }

    @Test
    void theLastOfDuplicateKeysWinsInTheFirstOnesPlace() throws Exception {
        String line = "{\"a\":1,\"b\":2,\"a\":3}";
        ObjectNode n = new EventJson().parseObject(line);
        assertThat(n).isEqualTo(STRICT.readTree(line));
        assertThat(n.fieldNames()).toIterable().containsExactly("a", "b");
        assertThat(n.get("a").asInt()).isEqualTo(3);
    }

    /** Names are interned, as Jackson's are, so look-ups by the rules' interned paths compare by identity. */
    @Test
    void fieldNamesAreInternedAlsoWhenEscapedOrGuessed() throws Exception {
        EventJson reader = new EventJson();
        for (String line : new String[] {
            "{\"gen_ai.system\":1,\"user.id\":2}",
            "{\"gen_ai.system\":1,\"user.id\":2}",
            "{\"gen_ai.sys\\u0074em\":1,\"user.name\":2}"
        }) {
            Iterator<String> names = reader.parseObject(line).fieldNames();
            assertThat(names.next()).isSameAs("gen_ai.system");
            assertThat(names.next()).isSameAs(line.contains("user.id") ? "user.id" : "user.name");
        }
        // a name that only starts like the guess is not taken for it
        assertThat(reader.parseObject("{\"gen_ai.systemX\":1}").fieldNames().next())
                .isEqualTo("gen_ai.systemX");
        assertThat(reader.parseObject("{\"gen_ai\":1}").fieldNames().next()).isEqualTo("gen_ai");
    }

    private static void assertSameNumberTypes(JsonNode ours, JsonNode theirs) {
        assertThat(ours.getClass()).isEqualTo(theirs.getClass());
        if (ours.isContainerNode()) {
            Iterator<JsonNode> a = ours.elements();
            Iterator<JsonNode> b = theirs.elements();
            while (a.hasNext()) {
                assertSameNumberTypes(a.next(), b.next());
            }
        }
    }

    private static ObjectNode randomObject(Random random, int depth) {
        ObjectNode o = STRICT.createObjectNode();
        for (int n = random.nextInt(depth < 3 ? 6 : 2); n > 0; n--) {
            o.set(randomText(random), randomValue(random, depth + 1));
        }
        return o;
    }

    private static JsonNode randomValue(Random random, int depth) {
        int kind = random.nextInt(depth < 3 ? 10 : 8);
        return switch (kind) {
            case 0 -> STRICT.getNodeFactory().textNode(randomText(random));
            case 1 -> STRICT.getNodeFactory().numberNode(random.nextInt());
            case 2 -> STRICT.getNodeFactory().numberNode(random.nextLong());
            case 3 -> STRICT.getNodeFactory().numberNode(random.nextDouble() * Math.pow(10, random.nextInt(40) - 20));
            case 4 -> STRICT.getNodeFactory().numberNode(new java.math.BigInteger(70 + random.nextInt(40), random));
            case 5 -> STRICT.getNodeFactory().booleanNode(random.nextBoolean());
            case 6 -> STRICT.getNodeFactory().nullNode();
            case 7 -> STRICT.getNodeFactory().textNode("");
            case 8 -> randomObject(random, depth);
            default -> {
                var a = STRICT.createArrayNode();
                for (int n = random.nextInt(4); n > 0; n--) {
                    a.add(randomValue(random, depth + 1));
                }
                yield a;
            }
        };
    }

    /** Text with the characters JSON must escape, ones it may escape, and some beyond ASCII. */
    private static String randomText(Random random) {
        String alphabet = "ab.z_ \"\\/\n\t\u0001\u007f\u00e9\u4e2d\ud83d\ude00";
        StringBuilder s = new StringBuilder();
        for (int n = random.nextInt(8); n > 0; n--) {
            s.append(alphabet.charAt(random.nextInt(alphabet.length())));
        }
        return s.toString();
    }

    /** JSON text of a tree with random blanks between tokens and, at random, \\u escapes for any character. */
    private static String write(JsonNode node, Random random) {
        StringBuilder out = new StringBuilder();
        write(node, random, out);
        return blank(random) + out + blank(random);
    }

    private static void write(JsonNode node, Random random, StringBuilder out) {
        if (node.isObject()) {
            out.append('{');
            boolean first = true;
            for (Iterator<java.util.Map.Entry<String, JsonNode>> it = node.fields(); it.hasNext(); ) {
                var e = it.next();
                out.append(first ? "" : ",").append(blank(random));
                quote(e.getKey(), random, out);
                out.append(blank(random)).append(':').append(blank(random));
                write(e.getValue(), random, out);
                out.append(blank(random));
                first = false;
            }
            out.append('}');
        } else if (node.isArray()) {
            out.append('[').append(blank(random));
            for (int i = 0; i < node.size(); i++) {
                out.append(i == 0 ? "" : ",").append(blank(random));
                write(node.get(i), random, out);
            }
            out.append(']');
        } else if (node.isTextual()) {
            quote(node.asText(), random, out);
        } else {
            out.append(node);
        }
    }

    private static void quote(String text, Random random, StringBuilder out) {
        out.append('"');
        for (char c : text.toCharArray()) {
            if (c == '"' || c == '\\') {
                out.append('\\').append(c);
            } else if (c < 0x20 || random.nextInt(8) == 0) {
                out.append(String.format(random.nextBoolean() ? "\\u%04x" : "\\u%04X", (int) c));
            } else if (c == '/' && random.nextBoolean()) {
                out.append("\\/");
            } else {
                out.append(c);
            }
        }
        out.append('"');
    }

    private static String blank(Random random) {
        return " \t\r\n".substring(0, random.nextInt(4) == 0 ? random.nextInt(4) : 0);
    }
}
