package org.atlasops.detect.sigma;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Pattern;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import org.atlasops.detect.event.Event;
import org.atlasops.detect.event.EventReader;
import org.atlasops.detect.sigma.compile.DetectionCompiler;

/**
 * The engine agrees with a plain interpreter written here, which reads the same generated rule description the
 * YAML is written from and knows nothing of the engine's shortcuts (key index, prerequisites, literal automaton,
 * memos): on single events with a fresh detector, and on sequences of events through one long-lived detector whose
 * caches are warm, correlations included. Rules cover field values (equals, contains, startswith, endswith, all,
 * cased, wildcards; long lists, matched in one pass), keywords, regexes with and without literals, numbers, CIDR ranges, exists and null; events
 * have nested objects, arrays, multi-valued fields, numbers, booleans, nulls and text outside ASCII. And neither
 * random rule text nor random event lines make the engine throw: every problem names its file and line.
 */
class EnginePropertiesTest {
    /** Rule fields: plain, nested (written three ways), always an array, and the ones numbers and addresses use. */
    private static final String[] FIELDS = {"f1", "f2", "n.x", "tags", "num", "ip"};

    private static final String[] CONDITIONS = {
        "s1",
        "s1 and s2",
        "s1 or not s2",
        "(s1 or s2) and not s3",
        "1 of s*",
        "all of s*",
        "not s1 and not s2",
        "s1 and (s2 or s3)",
        "2 of s*",
        "not (s1 or s2)"
    };
    /** Regular expressions with literals and without (character classes, anchors, dots only). */
    private static final String[] REGEXES = {
        "ab",
        "a.b",
        "^a",
        "b$",
        "[aé]+b",
        "\\d",
        "^\\d+$",
        ".",
        "σ",
        "(ab|ba)",
        "^$",
        "Σ.?",
        "a{2}",
        "[^a]",
        "k",
        "\\s",
        "i",
        "s(?:(?:a|b|k|é|i|σ|s|5|ı)(?:a|b|k|é|i|σ|s|5|K))b",
        "(a(b|k)|s(é|σ))(i|s)?",
        "(?:(?:ab|ba)(?:k|s))+"
    };

    private static final String[] CIDRS = {"10.0.0.0/8", "192.168.1.0/24", "10.1.2.3/32", "0.0.0.0/0", "10.128.0.0/9"};
    private static final String[] ADDRESSES = {
        "10.1.2.3", "10.200.0.1", "192.168.1.7", "192.168.2.7", "11.0.0.1", "not-an-ip", "10.1.2.3 "
    };

    enum Kind {
        EQUALS(""),
        CONTAINS("|contains"),
        STARTSWITH("|startswith"),
        ENDSWITH("|endswith"),
        CONTAINS_ALL("|contains|all"),
        CONTAINS_CASED("|contains|cased"),
        NUMBER(""),
        LT("|lt"),
        GTE("|gte"),
        RE("|re"),
        RE_I("|re|i"),
        CIDR("|cidr"),
        EXISTS("|exists"),
        NULL("");

        final String modifiers;

        Kind(String modifiers) {
            this.modifiers = modifiers;
        }
    }

    /** One field test: field, kind, values (any, or with CONTAINS_ALL every one). */
    record Item(String field, Kind kind, List<Object> values) {
        String key() {
            return field + kind.modifiers;
        }
    }

    /** A search identifier: a map of field tests, or keywords (any, or every one). */
    record Selection(List<Item> items, List<String> keywords, boolean allKeywords) {
        boolean isKeywords() {
            return keywords != null;
        }
    }

    record RuleDesc(List<Selection> selections, String condition) {}

    /** An event: values per field (absent when missing), and how the nested field is written. */
    record EventDesc(Map<String, List<Object>> fields, int nesting, String group) {}

    // ---- generators ----

    private static Arbitrary<String> ruleWord() {
        return Arbitraries.strings().withChars("abkséiσΣ*?").ofMinLength(1).ofMaxLength(3);
    }

    /** Rule words and regex literals, which event texts are partly made of so that matches are common. */
    private static final String[] WORDS = {
        "a", "b", "k", "s", "é", "i", "σ", "Σ", "ab", "ba", "aa", "abk", "sak", "sé", "K", "ı"
    };

    /**
     * Pieces of the words of long value lists (and of some event texts): letters that fold specially, and emoji
     * (surrogate pairs), so that the one-pass matching of long lists meets what the value-by-value test meets.
     */
    private static final String[] PIECES = {
        "a",
        "b",
        "k",
        "K",
        "\u212a",
        "s",
        "S",
        "\u017f",
        "é",
        "É",
        "σ",
        "Σ",
        "ς",
        "i",
        "İ",
        "ı",
        "\ud83d\ude00",
        "\ud83d\udd25",
        "\ud83e\uddea"
    };

    /**
     * Beginnings that many long values share (as SigmaHQ's "imphash=" and "c:\\windows\\"), so values longer than
     * the values automaton's window are found by a window of their own, and events carry the shared part.
     */
    private static final String[] SHARED_STARTS = {"imphash=", "IMPHASH=", "c:\\windows\\", "C:\\Windows\\"};

    /** A value longer than the automaton's window: a shared beginning, then pieces, sometimes a shared ending. */
    private static Arbitrary<String> longValue() {
        return Combinators.combine(Arbitraries.of(SHARED_STARTS), pieces(1, 4), Arbitraries.of("", ".exe", "Key", "ſs"))
                .as((start, middle, end) -> start + middle + end);
    }

    private static Arbitrary<String> pieces(int min, int max) {
        return Arbitraries.of(PIECES).list().ofMinSize(min).ofMaxSize(max).map(l -> String.join("", l));
    }

    /** A value list long enough to be matched in one pass (see DetectionCompiler.GROUPED_VALUES). */
    private static Arbitrary<List<Object>> longList() {
        return pieces(1, 3)
                .map(w -> (Object) w)
                .list()
                .ofMinSize(DetectionCompiler.GROUPED_VALUES)
                .ofMaxSize(DetectionCompiler.GROUPED_VALUES + 6);
    }

    private static Arbitrary<Object> scalar() {
        return Arbitraries.frequencyOf(
                net.jqwik.api.Tuple.of(
                        4,
                        Arbitraries.of(WORDS).list().ofMinSize(1).ofMaxSize(3).map(w -> (Object) String.join("", w))),
                net.jqwik.api.Tuple.of(2, pieces(0, 5).map(s -> (Object) s)),
                net.jqwik.api.Tuple.of(1, longValue().map(s -> (Object) s)),
                net.jqwik.api.Tuple.of(
                        6,
                        Arbitraries.strings()
                                .withChars("abkKKsſSéÉσΣςİı 5")
                                .ofMaxLength(5)
                                .map(s -> (Object) s)),
                net.jqwik.api.Tuple.of(2, Arbitraries.integers().between(0, 12).map(i -> (Object) i)),
                net.jqwik.api.Tuple.of(1, Arbitraries.integers().between(0, 12).map(i -> (Object) (" " + i))),
                net.jqwik.api.Tuple.of(2, Arbitraries.of(ADDRESSES).map(s -> (Object) s)),
                net.jqwik.api.Tuple.of(1, Arbitraries.of(true, false).map(b -> (Object) b)),
                net.jqwik.api.Tuple.of(1, Arbitraries.just((Object) null)));
    }

    private static Arbitrary<List<Object>> valuesFor(Kind kind) {
        return switch (kind) {
            case EQUALS, CONTAINS, STARTSWITH, ENDSWITH ->
                Arbitraries.frequencyOf(
                        net.jqwik.api.Tuple.of(
                                3,
                                ruleWord()
                                        .map(w -> (Object) w)
                                        .list()
                                        .ofMinSize(1)
                                        .ofMaxSize(2)),
                        net.jqwik.api.Tuple.of(
                                2,
                                longValue()
                                        .map(w -> (Object) w)
                                        .list()
                                        .ofMinSize(1)
                                        .ofMaxSize(3)),
                        net.jqwik.api.Tuple.of(2, longList()));
            case CONTAINS_ALL, CONTAINS_CASED ->
                ruleWord().map(w -> (Object) w).list().ofMinSize(1).ofMaxSize(2);
            case NUMBER ->
                Arbitraries.integers()
                        .between(0, 12)
                        .map(i -> (Object) i)
                        .list()
                        .ofMinSize(1)
                        .ofMaxSize(2);
            case LT, GTE ->
                Arbitraries.integers()
                        .between(0, 12)
                        .map(i -> (Object) i)
                        .list()
                        .ofSize(1);
            case RE, RE_I ->
                Arbitraries.of(REGEXES).map(r -> (Object) r).list().ofMinSize(1).ofMaxSize(2);
            case CIDR ->
                Arbitraries.of(CIDRS).map(r -> (Object) r).list().ofMinSize(1).ofMaxSize(2);
            case EXISTS -> Arbitraries.of(true, false).map(b -> List.of((Object) b));
            case NULL -> Arbitraries.just(Arrays.asList((Object) null));
        };
    }

    private static Arbitrary<Selection> selection() {
        // regexes a little more often than the rest: they are where the engine's prefilters are
        Arbitrary<Kind> kinds = Arbitraries.frequencyOf(
                net.jqwik.api.Tuple.of(5, Arbitraries.of(Kind.values())),
                net.jqwik.api.Tuple.of(1, Arbitraries.of(Kind.RE, Kind.RE_I)));
        Arbitrary<Item> item = kinds.flatMap(kind ->
                Combinators.combine(Arbitraries.of(FIELDS), valuesFor(kind)).as((f, vs) -> new Item(f, kind, vs)));
        Arbitrary<Selection> map = item.list()
                .ofMinSize(1)
                .ofMaxSize(2)
                .uniqueElements(Item::key)
                .map(items -> new Selection(items, null, false));
        Arbitrary<Selection> keywords = Combinators.combine(
                        ruleWord().list().ofMinSize(1).ofMaxSize(2), Arbitraries.of(true, false))
                .as((k, all) -> new Selection(List.of(), k, all));
        return Arbitraries.frequencyOf(net.jqwik.api.Tuple.of(4, map), net.jqwik.api.Tuple.of(1, keywords));
    }

    private static Arbitrary<RuleDesc> rule() {
        return Combinators.combine(selection().list().ofSize(3), Arbitraries.of(CONDITIONS))
                .as(RuleDesc::new);
    }

    private static Arbitrary<EventDesc> event() {
        Arbitrary<Map<String, List<Object>>> fields = Arbitraries.maps(
                        Arbitraries.of(FIELDS), scalar().list().ofMinSize(1).ofMaxSize(3))
                .ofMaxSize(5);
        return Combinators.combine(fields, Arbitraries.integers().between(0, 2), Arbitraries.of("u1", "u2", ""))
                .as(EventDesc::new);
    }

    @Provide
    Arbitrary<RuleDesc> rules() {
        return rule();
    }

    @Provide
    Arbitrary<EventDesc> events() {
        return event();
    }

    // ---- the description written as YAML and JSON ----

    private static String yaml(RuleDesc r, String name) {
        StringBuilder y = new StringBuilder("title: ")
                .append(name)
                .append("\nname: ")
                .append(name)
                .append("\nlogsource: {}\ndetection:\n");
        for (int i = 0; i < r.selections().size(); i++) {
            Selection s = r.selections().get(i);
            y.append("  s").append(i + 1).append(":\n");
            if (s.isKeywords()) {
                String indent = "    ";
                if (s.allKeywords()) {
                    y.append("    '|all':\n");
                    indent = "      ";
                }
                for (String k : s.keywords()) {
                    y.append(indent).append("- '").append(k).append("'\n");
                }
                continue;
            }
            for (Item it : s.items()) {
                y.append("    ").append(it.key()).append(":\n");
                for (Object v : it.values()) {
                    y.append("      - ")
                            .append(v instanceof String t ? "'" + t + "'" : String.valueOf(v))
                            .append('\n');
                }
            }
        }
        return y.append("  condition: ").append(r.condition()).append('\n').toString();
    }

    private static JsonNode node(Object v) {
        JsonNodeFactory f = JsonNodeFactory.instance;
        if (v == null) {
            return f.nullNode();
        }
        if (v instanceof Integer i) {
            return f.numberNode(i);
        }
        if (v instanceof Boolean b) {
            return f.booleanNode(b);
        }
        return f.textNode((String) v);
    }

    private static JsonNode nodeOf(List<Object> values, boolean array) {
        if (values.size() == 1 && !array) {
            return node(values.get(0));
        }
        ArrayNode a = JsonNodeFactory.instance.arrayNode();
        values.forEach(v -> a.add(node(v)));
        return a;
    }

    private static ObjectNode json(EventDesc e) {
        ObjectNode json = JsonNodeFactory.instance.objectNode();
        e.fields().forEach((field, values) -> {
            if (!field.equals("n.x")) {
                json.set(field, nodeOf(values, field.equals("tags")));
            } else if (e.nesting() == 0) {
                json.set("n.x", nodeOf(values, false));
            } else if (e.nesting() == 1) {
                json.putObject("n").set("x", nodeOf(values, false));
            } else {
                ArrayNode objects = json.putArray("n");
                values.forEach(v -> objects.addObject().set("x", node(v)));
            }
        });
        if (!e.group().isEmpty()) {
            json.put("g", e.group());
        }
        return json;
    }

    // ---- the plain interpreter ----

    /** Whether the rule matches the event, read from the descriptions alone. */
    static boolean interpret(RuleDesc r, EventDesc e) {
        Map<String, Boolean> holds = new HashMap<>();
        Map<String, Boolean> applicable = new HashMap<>();
        for (int i = 0; i < 3; i++) {
            Selection s = r.selections().get(i);
            String name = "s" + (i + 1);
            if (s.isKeywords()) {
                holds.put(name, keywords(s, e));
                applicable.put(name, true); // keywords read the whole event
            } else {
                boolean all = true;
                boolean any = false;
                for (Item it : s.items()) {
                    all &= item(it, e);
                    any |= e.fields().containsKey(it.field());
                }
                holds.put(name, all);
                applicable.put(name, any);
            }
        }
        // a negation over identifiers whose fields are all absent does not hold (the engine's documented rule)
        java.util.function.Function<String, Boolean> not = s -> applicable.get(s) && !holds.get(s);
        boolean s1 = holds.get("s1");
        boolean s2 = holds.get("s2");
        boolean s3 = holds.get("s3");
        return switch (r.condition()) {
            case "s1" -> s1;
            case "s1 and s2" -> s1 && s2;
            case "s1 or not s2" -> s1 || not.apply("s2");
            case "(s1 or s2) and not s3" -> (s1 || s2) && not.apply("s3");
            case "1 of s*" -> s1 || s2 || s3;
            case "all of s*" -> s1 && s2 && s3;
            case "not s1 and not s2" -> not.apply("s1") && not.apply("s2");
            case "2 of s*" -> (s1 ? 1 : 0) + (s2 ? 1 : 0) + (s3 ? 1 : 0) >= 2;
            case "not (s1 or s2)" -> (applicable.get("s1") || applicable.get("s2")) && !(s1 || s2);
            default -> s1 && (s2 || s3);
        };
    }

    private static boolean keywords(Selection s, EventDesc e) {
        List<String> texts = new ArrayList<>();
        e.fields()
                .values()
                .forEach(vs -> vs.forEach(v -> {
                    if (v != null) {
                        texts.add(String.valueOf(v));
                    }
                }));
        if (!e.group().isEmpty()) {
            texts.add(e.group());
        }
        for (String k : s.keywords()) {
            boolean found = texts.stream().anyMatch(t -> glob(fold(t), fold("*" + k + "*")));
            if (s.allKeywords() && !found) {
                return false;
            }
            if (!s.allKeywords() && found) {
                return true;
            }
        }
        return s.allKeywords();
    }

    /**
     * The values of a field: a field that holds an array contributes the scalars in it (nulls are not scalars),
     * while arrays along the path (objects in an array) contribute each element's value, null or not.
     */
    static List<Object> values(EventDesc e, String field) {
        List<Object> values = e.fields().getOrDefault(field, List.of());
        boolean heldAsArray = field.equals("tags") || values.size() > 1 && !(field.equals("n.x") && e.nesting() == 2);
        return heldAsArray ? values.stream().filter(v -> v != null).toList() : values;
    }

    private static boolean item(Item it, EventDesc e) {
        List<Object> values = values(e, it.field());
        return switch (it.kind()) {
            case EXISTS ->
                e.fields().containsKey(it.field()) == (Boolean) it.values().get(0);
            case NULL -> values.stream().allMatch(v -> v == null);
            case CONTAINS_ALL ->
                !values.isEmpty()
                        && it.values().stream()
                                .allMatch(want -> values.stream()
                                        .anyMatch(v ->
                                                v != null && glob(fold(String.valueOf(v)), fold("*" + want + "*"))));
            default ->
                values.stream()
                        .anyMatch(v -> v != null && it.values().stream().anyMatch(want -> value(it.kind(), want, v)));
        };
    }

    private static boolean value(Kind kind, Object want, Object v) {
        String text = String.valueOf(v);
        return switch (kind) {
            case EQUALS -> glob(fold(text), fold((String) want));
            case CONTAINS -> glob(fold(text), fold("*" + want + "*"));
            case STARTSWITH -> glob(fold(text), fold(want + "*"));
            case ENDSWITH -> glob(fold(text), fold("*" + want));
            case CONTAINS_CASED -> glob(text, "*" + want + "*");
            case NUMBER ->
                v instanceof Integer i
                        ? i.equals(want)
                        : v instanceof String s
                                && (s.strip().equals(String.valueOf(want)) || number(s) == (Integer) want);
            case LT -> number(v) < (Integer) want;
            case GTE -> number(v) >= (Integer) want;
            case RE -> Pattern.compile((String) want).matcher(text).find();
            case RE_I ->
                Pattern.compile((String) want, Pattern.CASE_INSENSITIVE | Pattern.UNICODE_CASE)
                        .matcher(text)
                        .find();
            case CIDR -> v instanceof String s && inRange(s.strip(), (String) want);
            default -> throw new AssertionError(kind);
        };
    }

    /** Numbers, and text that is a number (here: digits with spaces around); NaN for the rest. */
    private static double number(Object v) {
        if (v instanceof Integer i) {
            return i;
        }
        if (v instanceof String s && s.strip().matches("\\d+")) {
            return Integer.parseInt(s.strip());
        }
        return Double.NaN;
    }

    private static boolean inRange(String address, String cidr) {
        long a = ipv4(address);
        String[] parts = cidr.split("/");
        int prefix = Integer.parseInt(parts[1]);
        long mask = prefix == 0 ? 0 : (0xffffffffL << (32 - prefix)) & 0xffffffffL;
        return a >= 0 && (a & mask) == (ipv4(parts[0]) & mask);
    }

    private static long ipv4(String s) {
        String[] q = s.split("\\.");
        if (q.length != 4 || !s.matches("[0-9.]+")) {
            return -1;
        }
        long a = 0;
        for (String part : q) {
            a = a << 8 | Integer.parseInt(part);
        }
        return a;
    }

    /** Case folded one character at a time, as Java compares strings ignoring case. */
    private static String fold(String s) {
        StringBuilder b = new StringBuilder(s.length());
        for (char c : s.toCharArray()) {
            b.append(Character.toLowerCase(Character.toUpperCase(c)));
        }
        return b.toString();
    }

    /** Sigma wildcards: {@code *} any run, {@code ?} one character. */
    private static boolean glob(String text, String pattern) {
        return glob(text, 0, pattern, 0);
    }

    private static boolean glob(String t, int i, String p, int j) {
        if (j == p.length()) {
            return i == t.length();
        }
        char c = p.charAt(j);
        if (c == '*') {
            for (int k = i; k <= t.length(); k++) {
                if (glob(t, k, p, j + 1)) {
                    return true;
                }
            }
            return false;
        }
        if (c == '?' && i < t.length()) {
            // one character: a surrogate pair is one, as a regex's dot takes it
            return glob(t, i + Character.charCount(t.codePointAt(i)), p, j + 1);
        }
        return i < t.length() && c == t.charAt(i) && glob(t, i + 1, p, j + 1);
    }

    // ---- properties ----

    @Property(tries = 400)
    void compiledEngineAgreesWithAPlainInterpreter(@ForAll("rules") RuleDesc r, @ForAll("events") EventDesc e) {
        String yaml = yaml(r, "r");
        RuleSet set = Sigma.rules(yaml);
        assertThat(set.problems()).as(yaml).isEmpty();
        ObjectNode json = json(e);
        boolean expected = interpret(r, e);
        // not vacuous: the rule often matches (regex matches are counted here and checked on sequences, which have
        // many more of them)
        net.jqwik.api.statistics.Statistics.label("rule matches")
                .collect(expected)
                .coverage(c -> c.check(true).percentage(p -> p >= 10));
        collectRegexMatches(r, e);
        assertThat(set.rules().get(0).matches(Event.of(json)))
                .as(yaml + "\n" + json)
                .isEqualTo(expected);
        // the detector's shortcuts (key index, prerequisites, literal automaton) never change the verdict
        boolean detector =
                !new Detector(set).process(Event.of(json), Instant.EPOCH).isEmpty();
        assertThat(detector).as("detector on " + yaml + "\n" + json).isEqualTo(expected);
    }

    /** For each value a rule's regex finds a match in: whether the regex has literals (the engine's prefilter). */
    private static void collectRegexMatches(RuleDesc r, EventDesc e) {
        for (Selection s : r.selections()) {
            for (Item it : s.items()) {
                if (it.kind() != Kind.RE && it.kind() != Kind.RE_I) {
                    continue;
                }
                for (Object want : it.values()) {
                    for (Object v : values(e, it.field())) {
                        if (v != null && value(it.kind(), want, v)) {
                            boolean literal = org.atlasops.detect.sigma.accel.RegexPrefilter.of((String) want) != null;
                            net.jqwik.api.statistics.Statistics.label("regex match through a literal")
                                    .collect(literal);
                        }
                    }
                }
            }
        }
    }

    /** Correlations over the first rule's matches: a count of events or of distinct values of f1, by group g. */
    record Correlation(boolean distinctValues, int atLeast) {
        String yaml() {
            return "title: c\nname: c\ncorrelation:\n  type: " + (distinctValues ? "value_count" : "event_count")
                    + "\n  rules: [r0]\n  group-by: [g]\n  timespan: 10s\n  condition: {gte: " + atLeast
                    + (distinctValues ? ", field: f1" : "") + "}\n";
        }
    }

    record Sequence(List<RuleDesc> rules, Correlation correlation, List<EventDesc> events, List<Integer> steps) {}

    @Provide
    Arbitrary<Sequence> sequences() {
        Arbitrary<Correlation> correlation = Combinators.combine(
                        Arbitraries.of(true, false), Arbitraries.integers().between(1, 3))
                .as(Correlation::new);
        return Combinators.combine(
                        rule().list().ofMinSize(1).ofMaxSize(4),
                        correlation,
                        event().list().ofMinSize(5).ofMaxSize(25),
                        Arbitraries.integers().between(0, 6).list().ofSize(25))
                .as(Sequence::new);
    }

    /**
     * One detector, kept for the whole sequence (so its memos and correlation windows carry over from event to
     * event), against the interpreter event by event: the rules that match and the correlation results with their
     * values.
     */
    @Property(tries = 240)
    void aLongLivedDetectorAgreesWithThePlainInterpreterOnASequence(@ForAll("sequences") Sequence s) {
        StringBuilder yaml = new StringBuilder();
        for (int i = 0; i < s.rules().size(); i++) {
            yaml.append(yaml(s.rules().get(i), "r" + i)).append("---\n");
        }
        yaml.append(s.correlation().yaml());
        RuleSet set = Sigma.rules(yaml.toString());
        assertThat(set.problems()).as(yaml.toString()).isEmpty();
        Detector detector = new Detector(set);
        // the interpreter's correlation state: per group, the times (and f1 texts) of r0's matches
        Map<String, List<long[]>> windows = new HashMap<>();
        Map<String, List<String>> windowValues = new HashMap<>();
        long time = 1_000_000;
        StringBuilder log = new StringBuilder();
        for (int n = 0; n < s.events().size(); n++) {
            EventDesc e = s.events().get(n);
            time += s.steps().get(n) * 1000L;
            Set<String> expected = new TreeSet<>();
            for (int i = 0; i < s.rules().size(); i++) {
                if (interpret(s.rules().get(i), e)) {
                    expected.add("rule r" + i);
                }
                collectRegexMatches(s.rules().get(i), e);
            }
            if (expected.contains("rule r0")) {
                List<long[]> w = windows.computeIfAbsent(e.group(), g -> new ArrayList<>());
                List<String> vs = windowValues.computeIfAbsent(e.group(), g -> new ArrayList<>());
                List<Object> f1 = values(e, "f1");
                w.add(new long[] {time});
                vs.add(f1.isEmpty() || f1.get(0) == null ? null : String.valueOf(f1.get(0)));
                // entries at least as new as time - timespan are in the window
                while (w.get(0)[0] < time - 10_000) {
                    w.remove(0);
                    vs.remove(0);
                }
                double value = s.correlation().distinctValues()
                        ? new HashSet<>(vs).stream().filter(v -> v != null).count()
                        : w.size();
                if (value >= s.correlation().atLeast()) {
                    expected.add("correlation c " + value);
                }
            }
            Event event = new Event(json(e), "seq.jsonl", n + 1);
            log.append(time).append(' ').append(event.json()).append('\n');
            Set<String> actual = new TreeSet<>();
            for (Match m : detector.process(event, Instant.ofEpochMilli(time))) {
                if (m instanceof Match.RuleMatch rm) {
                    actual.add("rule " + rm.rule().title());
                    assertThat(rm.event()).isSameAs(event);
                } else if (m instanceof Match.CorrelationMatch cm) {
                    actual.add("correlation " + cm.rule().meta().title() + " " + cm.value());
                }
            }
            assertThat(actual).as("event " + (n + 1) + " of\n" + log + yaml).isEqualTo(expected);
            // not vacuous: events often match some rule, and many regex matches go through a literal the engine
            // looks for first
            net.jqwik.api.statistics.Statistics.label("event matches some rule")
                    .collect(expected.stream().anyMatch(m -> m.startsWith("rule")))
                    .coverage(c -> c.check(true).percentage(p -> p >= 25));
            net.jqwik.api.statistics.Statistics.label("regex match through a literal")
                    .coverage(c -> {
                        c.check(true).count(k -> k >= 40);
                        c.check(true).percentage(p -> p >= 10);
                    });
        }
    }

    @Property(tries = 300)
    void randomRuleTextNeverThrowsAndEveryProblemNamesItsFileAndLine(@ForAll("ruleText") String text) {
        RuleSet set = new RuleLoader().load(text, "fuzz.yml").build();
        long lines = text.lines().count();
        assertThat(set.loaded()).isLessThanOrEqualTo(set.documents());
        for (RuleLoader.Problem p : set.problems()) {
            assertThat(p.file()).as(p.toString()).isEqualTo("fuzz.yml");
            assertThat(p.line()).as(p + " in\n" + text).isBetween(1, (int) lines + 1);
            assertThat(p.message()).as(p.toString()).isNotBlank();
        }
        // every document either loads or is reported
        assertThat(set.loaded() + set.problems().size()).as(text).isGreaterThanOrEqualTo(set.documents());
    }

    @Provide
    Arbitrary<String> ruleText() {
        List<String> pieces = new ArrayList<>(List.of(
                "title: x\n",
                "logsource: {}\n",
                "detection:\n",
                "  s:\n",
                "    F|contains: a\n",
                "    F|re: '('\n",
                "    F|base64offset|contains: ''\n",
                "  condition: s\n",
                "  condition: not (s\n",
                "  condition: 1 of *\n",
                "---\n",
                "correlation:\n",
                "  type: temporal\n",
                "  rules: [x]\n",
                "  timespan: 1m\n",
                "filter:\n",
                "  rules: []\n",
                "- a\n",
                "&a [*a]\n",
                "{",
                "]",
                "    F|cidr: 300.0.0.0/8\n",
                "    F|gt: x\n",
                "    F|exists: maybe\n",
                "\t",
                ": :\n",
                "!!python/object\n"));
        return Arbitraries.of(pieces).list().ofMaxSize(12).map(l -> String.join("", l));
    }

    /**
     * Random lines (JSON objects, other JSON, broken text, blank lines) read as a file and run through the rule
     * pack: every line that is not blank becomes an event or is reported as bad, with its own line number, and every
     * match is about the event it was found in.
     */
    @Property(tries = 200)
    void randomEventLinesNeverThrowAndBadOnesAreReportedWithTheirLine(@ForAll("lines") List<String> lines)
            throws IOException {
        Detector d = new Detector(PACK);
        Map<Long, String> seen = new LinkedHashMap<>();
        List<Event> events = new ArrayList<>();
        List<EventReader.BadLine> bad = new ArrayList<>();
        byte[] file = String.join("\n", lines).getBytes(StandardCharsets.UTF_8);
        try (EventReader reader = new EventReader(new ByteArrayInputStream(file), "events.jsonl")) {
            reader.forEach(
                    e -> {
                        events.add(e);
                        for (Match m : d.process(e, Instant.EPOCH)) {
                            if (m instanceof Match.RuleMatch rm) {
                                assertThat(rm.event()).isSameAs(e);
                            }
                        }
                    },
                    bad::add);
        }
        events.forEach(e -> assertThat(seen.put(e.line(), "event")).isNull());
        for (EventReader.BadLine b : bad) {
            assertThat(b.source()).isEqualTo("events.jsonl");
            assertThat(b.problem()).isNotBlank();
            assertThat(seen.put(b.line(), "bad"))
                    .as("line %d reported twice", b.line())
                    .isNull();
        }
        for (int i = 0; i < lines.size(); i++) {
            String line = lines.get(i);
            String expected = line.isBlank()
                    ? null
                    : line.strip().startsWith("{") && line.strip().endsWith("}") && !line.contains("\"broken")
                            ? "event"
                            : "bad";
            assertThat(seen.get(i + 1L)).as("line %d: %s", i + 1, line).isEqualTo(expected);
        }
    }

    private static final RuleSet PACK = org.atlasops.detect.pack.RulePack.loader(
                    Map.of(), org.atlasops.detect.pack.RulePack.pipeline())
            .build();

    @Provide
    Arbitrary<List<String>> lines() {
        Arbitrary<String> keys = Arbitraries.of(
                "gen_ai.operation.name",
                "mcp.direction",
                "url.path",
                "mcp.tool.arguments",
                "gen_ai.input.messages",
                "user.id",
                "x",
                "event.duration");
        Arbitrary<Object> values = Arbitraries.oneOf(
                Arbitraries.strings().ofMaxLength(30).map(s -> (Object) s),
                Arbitraries.integers().map(i -> (Object) i),
                Arbitraries.just((Object) null));
        Arbitrary<String> object = Arbitraries.maps(keys, values).ofMaxSize(6).map(m -> {
            ObjectNode n = JsonNodeFactory.instance.objectNode();
            m.forEach((k, v) -> {
                if (v == null) {
                    n.putNull(k);
                } else if (v instanceof Integer i) {
                    n.put(k, i);
                } else {
                    n.put(k, (String) v);
                }
            });
            n.putArray("arr").addObject().put("k", "v");
            return n.toString();
        });
        Arbitrary<String> other = Arbitraries.of(
                "[1, 2]",
                "\"text\"",
                "42",
                "{\"broken\": ",
                "{\"broken\" 1}",
                "not json at all",
                "",
                "   ",
                "{\"broken\": [}",
                "null");
        return Arbitraries.frequencyOf(net.jqwik.api.Tuple.of(3, object), net.jqwik.api.Tuple.of(2, other))
                .list()
                .ofMaxSize(8);
    }
}
