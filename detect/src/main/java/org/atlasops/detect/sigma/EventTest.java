package org.atlasops.detect.sigma;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.temporal.ChronoField;
import java.time.temporal.IsoFields;
import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;
import org.atlasops.detect.event.Event;
import org.atlasops.detect.event.FieldPath;

/** A compiled test on an event: one search identifier, or one field of it. */
interface EventTest {
    boolean test(Event e);

    /** The fields this test reads (for alerts' matched_fields). */
    List<String> fields();

    /** A test of one event value. */
    interface ValueTest {
        boolean test(JsonNode v);
    }

    /** The text a scalar compares as, or null: null and containers never match a string. */
    static String text(JsonNode v) {
        return v == null || v.isNull() || v.isContainerNode() ? null : v.asText();
    }

    /** Field values against value tests: any value matching any test (or, with all, every test some value). */
    record FieldValues(String field, FieldPath path, List<ValueTest> tests, boolean all, boolean negate)
            implements EventTest {
        FieldValues(String field, List<ValueTest> tests, boolean all, boolean negate) {
            this(field, FieldPath.of(field), tests, all, negate);
        }

        @Override
        public boolean test(Event e) {
            Object values = e.compactValues(path);
            int count = Event.count(values);
            boolean result;
            if (all) {
                result = count > 0;
                for (int j = 0, m = tests.size(); j < m; j++) {
                    ValueTest t = tests.get(j);
                    boolean any = false;
                    for (int i = 0; i < count; i++) {
                        if (t.test(Event.get(values, i))) {
                            any = true;
                            break;
                        }
                    }
                    if (!any) {
                        result = false;
                        break;
                    }
                }
            } else {
                result = false;
                outer:
                for (int i = 0; i < count; i++) {
                    JsonNode v = Event.get(values, i);
                    for (int j = 0, m = tests.size(); j < m; j++) {
                        if (tests.get(j).test(v)) {
                            result = true;
                            break outer;
                        }
                    }
                }
            }
            return negate != result;
        }

        @Override
        public List<String> fields() {
            return List.of(field);
        }
    }

    /** {@code field: null}: the field is absent or null. */
    record IsNull(String field, FieldPath path, boolean negate) implements EventTest {
        IsNull(String field, boolean negate) {
            this(field, FieldPath.of(field), negate);
        }

        @Override
        public boolean test(Event e) {
            List<JsonNode> values = e.values(path);
            boolean isNull = values.isEmpty() || values.stream().allMatch(JsonNode::isNull);
            return negate != isNull;
        }

        @Override
        public List<String> fields() {
            return List.of(field);
        }
    }

    /** {@code field|exists: true|false}. */
    record Exists(String field, FieldPath path, boolean expected) implements EventTest {
        Exists(String field, boolean expected) {
            this(field, FieldPath.of(field), expected);
        }

        @Override
        public boolean test(Event e) {
            return e.has(path) == expected;
        }

        @Override
        public List<String> fields() {
            return List.of(field);
        }
    }

    /** {@code field|fieldref: other}: some value of the field equals some value of the other field. */
    record FieldRef(String field, List<String> others, boolean cased, boolean all, boolean negate,
            Kind kind) implements EventTest {
        enum Kind { EQUALS, STARTSWITH, ENDSWITH, CONTAINS }

        private static final java.util.Map<String, FieldPath> PATHS = new java.util.concurrent.ConcurrentHashMap<>();

        private static FieldPath path(String f) {
            return PATHS.computeIfAbsent(f, FieldPath::of);
        }

        @Override
        public boolean test(Event e) {
            boolean result = all;
            for (int i = 0, n = others.size(); i < n; i++) {
                boolean one = compare(e, others.get(i));
                if (all && !one) {
                    result = false;
                    break;
                }
                if (!all && one) {
                    result = true;
                    break;
                }
            }
            return negate != result;
        }

        private boolean compare(Event e, String other) {
            List<JsonNode> otherValues = e.values(path(other));
            if (otherValues.isEmpty()) {
                return false;
            }
            List<JsonNode> values = e.values(path(field));
            for (int i = 0, n = values.size(); i < n; i++) {
                String ta = text(values.get(i));
                if (ta == null) {
                    continue;
                }
                for (int j = 0, m = otherValues.size(); j < m; j++) {
                    String tb = text(otherValues.get(j));
                    if (tb != null && holds(ta, tb)) {
                        return true;
                    }
                }
            }
            return false;
        }

        private boolean holds(String a, String b) {
            String x = cased ? a : a.toLowerCase(java.util.Locale.ROOT);
            String y = cased ? b : b.toLowerCase(java.util.Locale.ROOT);
            return switch (kind) {
                case EQUALS -> x.equals(y);
                case STARTSWITH -> x.startsWith(y);
                case ENDSWITH -> x.endsWith(y);
                case CONTAINS -> x.contains(y);
            };
        }

        @Override
        public List<String> fields() {
            List<String> f = new java.util.ArrayList<>(List.of(field));
            f.addAll(others);
            return f;
        }
    }

    /**
     * Keywords: any scalar anywhere in the event matches (any keyword, or with all every keyword). Once the rule
     * set's literal automaton is installed, the event's texts are scanned once for all keyword rules, and a keyword
     * whose literal is absent is not compared value by value.
     */
    final class Keywords implements EventTest {
        final List<TextPattern> patterns;
        final boolean all;
        private LiteralAutomaton automaton;
        /** Per pattern: the id of its required literal in the automaton, or -1 when it has none. */
        private int[] literalIds;

        Keywords(List<TextPattern> patterns, boolean all) {
            this.patterns = List.copyOf(patterns);
            this.all = all;
        }

        /** Called once per rule set, before any event is tested. */
        void install(LiteralAutomaton shared) {
            int[] ids = new int[patterns.size()];
            for (int i = 0; i < ids.length; i++) {
                String l = patterns.get(i).requiredLiteral();
                ids[i] = l == null ? -1 : shared.add(l);
            }
            literalIds = ids;
            automaton = shared;
        }

        LiteralAutomaton automaton() {
            return automaton;
        }

        int[] literalIds() {
            return literalIds;
        }

        @Override
        public boolean test(Event e) {
            long[] found = automaton == null ? null : automaton.literalsIn(e);
            for (int i = 0; i < patterns.size(); i++) {
                boolean hit = (found == null || literalIds[i] < 0 || LiteralAutomaton.has(found, literalIds[i]))
                        && anyMatch(patterns.get(i), e.allScalarTexts());
                if (all && !hit) {
                    return false;
                }
                if (!all && hit) {
                    return true;
                }
            }
            return all;
        }

        private static boolean anyMatch(TextPattern p, List<String> texts) {
            for (String t : texts) {
                if (p.matches(t)) {
                    return true;
                }
            }
            return false;
        }

        @Override
        public List<String> fields() {
            return List.of();
        }
    }

    /** Every test must hold (a map). */
    record AllOf(List<EventTest> tests) implements EventTest {
        @Override
        public boolean test(Event e) {
            for (int i = 0, n = tests.size(); i < n; i++) {
                if (!tests.get(i).test(e)) {
                    return false;
                }
            }
            return true;
        }

        @Override
        public List<String> fields() {
            return tests.stream().flatMap(t -> t.fields().stream()).distinct().toList();
        }
    }

    /** Some test must hold (a list of maps). */
    record AnyOf(List<EventTest> tests) implements EventTest {
        @Override
        public boolean test(Event e) {
            for (int i = 0, n = tests.size(); i < n; i++) {
                if (tests.get(i).test(e)) {
                    return true;
                }
            }
            return false;
        }

        @Override
        public List<String> fields() {
            return tests.stream().flatMap(t -> t.fields().stream()).distinct().toList();
        }
    }

    // ---- value tests ----

    record TextTest(TextPattern pattern) implements ValueTest {
        @Override
        public boolean test(JsonNode v) {
            String t = text(v);
            return t != null && pattern.matches(t);
        }
    }

    /** A number written in the rule: equal as a number, or as text ("0x17" stays text). */
    record NumberEquals(double value, String text) implements ValueTest {
        @Override
        public boolean test(JsonNode v) {
            if (v.isNumber()) {
                return v.asDouble() == value;
            }
            String t = EventTest.text(v);
            if (t == null) {
                return false;
            }
            String s = t.strip();
            if (s.equalsIgnoreCase(text)) {
                return true;
            }
            try {
                return Double.parseDouble(s) == value;
            } catch (NumberFormatException e) {
                return false;
            }
        }
    }

    record BooleanEquals(boolean value) implements ValueTest {
        @Override
        public boolean test(JsonNode v) {
            String t = text(v);
            return v.isBoolean() ? v.asBoolean() == value : t != null && t.equalsIgnoreCase(String.valueOf(value));
        }
    }

    /** lt, lte, gt, gte against a number; values that are not numbers never match. */
    record Compare(String op, double value) implements ValueTest {
        @Override
        public boolean test(JsonNode v) {
            double n = numberOf(v);
            // NaN (not a number) compares false with everything
            return switch (op) {
                case "lt" -> n < value;
                case "lte" -> n <= value;
                case "gt" -> n > value;
                default -> n >= value;
            };
        }
    }

    /**
     * A number read from an event value: a number, or digits in a string; NaN for anything else (checked cheaply,
     * without an exception), so that no object is made per value.
     */
    static double numberOf(JsonNode v) {
        if (v == null) {
            return Double.NaN;
        }
        if (v.isNumber()) {
            return v.asDouble();
        }
        if (!v.isTextual()) {
            return Double.NaN;
        }
        String t = v.asText().strip();
        if (t.isEmpty() || !(Character.isDigit(t.charAt(0)) || "+-.".indexOf(t.charAt(0)) >= 0)) {
            return Double.NaN;
        }
        try {
            return Double.parseDouble(t);
        } catch (NumberFormatException e) {
            return Double.NaN;
        }
    }

    /** A part of a date (minute … year) compared by the inner test. */
    record TimePart(ChronoField part, boolean week, ValueTest inner) implements ValueTest {
        @Override
        public boolean test(JsonNode v) {
            Optional<Instant> t = Event.parseTime(v);
            if (t.isEmpty()) {
                return false;
            }
            ZonedDateTime z = t.get().atZone(ZoneOffset.UTC);
            int n = week ? z.get(IsoFields.WEEK_OF_WEEK_BASED_YEAR) : z.get(part);
            return inner.test(com.fasterxml.jackson.databind.node.IntNode.valueOf(n));
        }
    }

    /**
     * A regular expression, searched. Texts without any of its required literals skip the regex engine: checked
     * by the rule set's shared literal automaton once it is installed, else literal by literal. A regex without
     * literals may still need a run of certain characters ({@link CharRunPrefilter}), checked first.
     */
    final class RegexTest implements ValueTest {
        final Pattern pattern;
        final List<String> literals;
        private final List<TextPattern> prefilter;
        /** For a regex without required literals: a run of characters it needs, or null. */
        private final CharRunPrefilter runs;
        private LiteralAutomaton automaton;
        private int[] literalIds;
        private long[] literalWords;
        /** Results of searches on short values, which telemetry repeats. */
        private final ShortTextMemo memo = new ShortTextMemo();

        private RegexTest(Pattern pattern, List<String> literals) {
            this.pattern = pattern;
            this.literals = literals;
            this.prefilter = literals.stream().map(l -> (TextPattern) new TextPattern.Contains(l, false)).toList();
            this.runs = literals.isEmpty() ? CharRunPrefilter.of(pattern.pattern(), pattern.flags()) : null;
        }

        static RegexTest of(Pattern pattern) {
            List<String> literals = RegexPrefilter.of(pattern.pattern());
            return new RegexTest(pattern, literals == null ? List.of() : literals);
        }

        /** Called once per rule set, before any event is tested. */
        void install(LiteralAutomaton shared) {
            if (!literals.isEmpty()) {
                literalIds = literals.stream().mapToInt(shared::add).toArray();
                automaton = shared;
            } else if (runs != null && runs.needsNonAscii()) {
                literalIds = new int[] {shared.nonAscii()};
                automaton = shared;
            }
            literalWords = literalIds == null ? null : LiteralAutomaton.wordsOf(literalIds);
        }

        /** The automaton holding this regex's literals (or its need of a character outside ASCII), or null. */
        LiteralAutomaton automaton() {
            return automaton;
        }

        int[] literalIds() {
            return literalIds;
        }

        @Override
        public boolean test(JsonNode v) {
            String text = text(v);
            if (text == null) {
                return false;
            }
            if (!mayMatch(text)) {
                return false;
            }
            if (text.length() > ShortTextMemo.MAX_LENGTH) {
                return pattern.matcher(text).find();
            }
            // short values (paths, tool and model names, methods) repeat from event to event
            Boolean known = memo.get(text);
            if (known != null) {
                return known;
            }
            boolean found = pattern.matcher(text).find();
            memo.put(text, found);
            return found;
        }

        /** False when the text lacks what every match needs: one of the literals, or a run of characters. */
        private boolean mayMatch(String text) {
            if (automaton != null && !LiteralAutomaton.anyIn(automaton.scanCached(text), literalWords)) {
                return false;
            }
            if (automaton == null && !prefilter.isEmpty()) {
                for (TextPattern p : prefilter) {
                    if (p.matches(text)) {
                        return true;
                    }
                }
                return false;
            }
            return runs == null || runs.mayMatch(text);
        }
    }

    /** An IPv4 or IPv6 network. */
    record Cidr(byte[] network, int prefix) implements ValueTest {
        static Cidr parse(String cidr) {
            int slash = cidr.indexOf('/');
            String host = slash < 0 ? cidr : cidr.substring(0, slash);
            byte[] addr = address(host);
            if (addr == null) {
                throw new IllegalArgumentException("\"" + cidr + "\" is not a CIDR range such as 10.0.0.0/8");
            }
            int prefix;
            try {
                prefix = slash < 0 ? addr.length * 8 : Integer.parseInt(cidr.substring(slash + 1));
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException("\"" + cidr + "\" is not a CIDR range such as 10.0.0.0/8");
            }
            if (prefix < 0 || prefix > addr.length * 8) {
                throw new IllegalArgumentException("prefix /" + prefix + " is out of range in " + cidr);
            }
            return new Cidr(addr, prefix);
        }

        /**
         * The bytes of an IPv4 dotted quad or an IPv6 literal, or null. Never a host name: a value such as "cafe"
         * or "300.0.0.1" must not become a DNS lookup, and "5" is not the address 0.0.0.5.
         */
        static byte[] address(String text) {
            if (text.isEmpty()) {
                return null;
            }
            if (text.indexOf(':') >= 0) {
                // with a colon and a hex digit or colon first, InetAddress parses a literal and never looks it up
                if (!text.matches("[0-9a-fA-F:][0-9a-fA-F:.]*")) {
                    return null;
                }
                try {
                    return InetAddress.getByName(text).getAddress();
                } catch (UnknownHostException e) {
                    return null;
                }
            }
            String[] parts = text.split("\\.", -1);
            if (parts.length != 4) {
                return null;
            }
            byte[] out = new byte[4];
            for (int i = 0; i < 4; i++) {
                String p = parts[i];
                if (p.isEmpty() || p.length() > 3) {
                    return null;
                }
                int v = 0;
                for (int j = 0; j < p.length(); j++) {
                    char c = p.charAt(j);
                    if (c < '0' || c > '9') {
                        return null;
                    }
                    v = v * 10 + (c - '0');
                }
                if (v > 255) {
                    return null;
                }
                out[i] = (byte) v;
            }
            return out;
        }

        @Override
        public boolean test(JsonNode v) {
            String t = text(v);
            byte[] addr = t == null ? null : address(t.strip());
            if (addr == null || addr.length != network.length) {
                return false;
            }
            int full = prefix / 8;
            for (int i = 0; i < full; i++) {
                if (addr[i] != network[i]) {
                    return false;
                }
            }
            int rest = prefix % 8;
            if (rest == 0) {
                return true;
            }
            int mask = 0xff << (8 - rest) & 0xff;
            return (addr[full] & mask) == (network[full] & mask);
        }
    }
}
