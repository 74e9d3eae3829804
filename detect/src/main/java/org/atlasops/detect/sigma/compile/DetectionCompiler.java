package org.atlasops.detect.sigma.compile;

import java.time.temporal.ChronoField;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;
import org.atlasops.detect.sigma.Pipeline;
import org.atlasops.detect.sigma.SigmaException;
import org.atlasops.detect.sigma.YamlNode;
import org.atlasops.detect.sigma.YamlNode.Mapping;
import org.atlasops.detect.sigma.YamlNode.Scalar;
import org.atlasops.detect.sigma.YamlNode.Sequence;
import org.atlasops.detect.sigma.accel.LiteralAutomaton;
import org.atlasops.detect.sigma.accel.LiteralValues;
import org.atlasops.detect.sigma.match.CidrRange;
import org.atlasops.detect.sigma.match.Condition;
import org.atlasops.detect.sigma.match.EventPredicate;
import org.atlasops.detect.sigma.match.RegexMatch;
import org.atlasops.detect.sigma.match.SigmaString;
import org.atlasops.detect.sigma.match.TextPattern;
import org.atlasops.detect.sigma.match.TimePart;
import org.atlasops.detect.sigma.match.ValuePredicate;

/**
 * Compiles a {@code detection} section: each search identifier to an {@link EventPredicate}, every modifier of the
 * Sigma 2.1 appendix applied at compile time (encodings, wildcards and windash variants computed once), and the
 * condition to a {@link Condition}. Problems are {@link SigmaException}s naming the line and what is allowed.
 */
public final class DetectionCompiler {
    static final Set<String> MODIFIERS = Set.of(
            "all",
            "startswith",
            "endswith",
            "contains",
            "exists",
            "cased",
            "neq",
            "windash",
            "re",
            "i",
            "m",
            "s",
            "base64",
            "base64offset",
            "utf16le",
            "utf16be",
            "utf16",
            "wide",
            "lt",
            "lte",
            "gt",
            "gte",
            "minute",
            "hour",
            "day",
            "week",
            "month",
            "year",
            "cidr",
            "expand",
            "fieldref");
    private static final Set<String> TRANSFORMS = Set.of(
            "startswith",
            "endswith",
            "contains",
            "windash",
            "base64",
            "base64offset",
            "utf16le",
            "utf16be",
            "utf16",
            "wide");
    private static final Set<String> COMPARE = Set.of("lt", "lte", "gt", "gte");
    private static final Map<String, ChronoField> TIME_PARTS = Map.of(
            "minute",
            ChronoField.MINUTE_OF_HOUR,
            "hour",
            ChronoField.HOUR_OF_DAY,
            "day",
            ChronoField.DAY_OF_MONTH,
            "week",
            ChronoField.ALIGNED_WEEK_OF_YEAR,
            "month",
            ChronoField.MONTH_OF_YEAR,
            "year",
            ChronoField.YEAR);

    /** From this many plain values on, a field's values are matched in one pass (see {@link #grouped}). */
    public static final int GROUPED_VALUES = 8;

    private final String file;
    private final Map<String, List<String>> placeholders;
    private final Pipeline pipeline;
    private final Optional<LiteralAutomaton.Builder> automaton;

    /**
     * @param automaton the builder of the rule set's literal automaton: regexes and keywords register their
     *     literals there and are made with their ids (empty: predicates check their literals on their own)
     */
    public DetectionCompiler(
            String file,
            Map<String, List<String>> placeholders,
            Pipeline pipeline,
            Optional<LiteralAutomaton.Builder> automaton) {
        this.file = file;
        this.placeholders = placeholders;
        this.pipeline = pipeline;
        this.automaton = automaton;
    }

    /** A detection map on its own (pipeline logsource conditions). */
    public EventPredicate fieldMap(Mapping m) {
        return map(m);
    }

    /** The compiled identifiers and condition (bound to them) of a detection (or filter) section. */
    public record Compiled(Map<String, EventPredicate> identifiers, Condition condition, List<String> conditionText) {
        public Compiled {
            identifiers = Map.copyOf(identifiers);
            conditionText = List.copyOf(conditionText);
        }
    }

    public Compiled compile(Mapping detection, String conditionKey) {
        Map<String, EventPredicate> ids = new LinkedHashMap<>();
        List<String> conditions = new ArrayList<>();
        for (Map.Entry<String, YamlNode> e : detection.entries().entrySet()) {
            String name = e.getKey();
            if (name.equals(conditionKey)) {
                conditions.addAll(conditionList(e.getValue()));
            } else if (name.equals("timeframe")) {
                throw new SigmaException(
                        file,
                        detection.lineOf(name),
                        "'timeframe' is Sigma 1; use a correlation " + "rule with a timespan");
            } else if (!(conditionKey.equals("condition") && name.equals("rules"))) {
                ids.put(name, identifier(e.getValue(), name));
            }
        }
        if (conditions.isEmpty()) {
            throw new SigmaException(
                    file,
                    detection.line(),
                    "the detection has no '" + conditionKey + "'; add e.g. 'condition: selection'");
        }
        if (ids.isEmpty()) {
            throw new SigmaException(
                    file,
                    detection.line(),
                    "the detection has no search identifier; add one, " + "e.g. 'selection: {Field: value}'");
        }
        Condition c = ConditionParser.parse(conditions, ids, file, detection.lineOf(conditionKey));
        return new Compiled(Map.copyOf(ids), c, conditions);
    }

    private List<String> conditionList(YamlNode n) {
        if (n instanceof Scalar s && s.type() == Scalar.Type.STRING) {
            return List.of(s.text());
        }
        if (n instanceof Sequence seq && !seq.items().isEmpty()) {
            List<String> out = new ArrayList<>();
            for (YamlNode item : seq.items()) {
                if (!(item instanceof Scalar s)) {
                    throw new SigmaException(file, item.line(), "a condition list holds strings, not " + item.kind());
                }
                out.add(s.text());
            }
            return out;
        }
        throw new SigmaException(
                file,
                n.line(),
                "condition is " + n.kind() + "; write a string such as "
                        + "'selection and not filter' (or a list of them)");
    }

    private EventPredicate identifier(YamlNode n, String name) {
        if (n instanceof Mapping m) {
            return map(m);
        }
        if (n instanceof Sequence seq) {
            if (seq.items().isEmpty()) {
                throw new SigmaException(file, n.line(), "search identifier '" + name + "' is an empty list");
            }
            boolean allScalars = seq.items().stream().allMatch(i -> i instanceof Scalar);
            if (allScalars) {
                return keywords(seq.items(), false, List.of());
            }
            List<EventPredicate> alternatives = new ArrayList<>();
            for (YamlNode item : seq.items()) {
                if (item instanceof Mapping m) {
                    alternatives.add(map(m));
                } else if (item instanceof Scalar) {
                    alternatives.add(keywords(List.of(item), false, List.of()));
                } else {
                    throw new SigmaException(
                            file,
                            item.line(),
                            "a list in a search identifier holds maps or " + "keywords, not a nested list");
                }
            }
            return alternatives.size() == 1 ? alternatives.get(0) : new EventPredicate.AnyOf(alternatives);
        }
        if (n instanceof Scalar s && s.type() != Scalar.Type.NULL) {
            return keywords(List.of(s), false, List.of());
        }
        throw new SigmaException(
                file,
                n.line(),
                "search identifier '" + name + "' is " + n.kind() + "; write a map of fields or a list of keywords");
    }

    private EventPredicate map(Mapping m) {
        if (m.entries().isEmpty()) {
            throw new SigmaException(file, m.line(), "empty map in a search identifier");
        }
        List<EventPredicate> tests = new ArrayList<>();
        for (Map.Entry<String, YamlNode> e : m.entries().entrySet()) {
            tests.add(field(e.getKey(), e.getValue(), m.lineOf(e.getKey())));
        }
        return tests.size() == 1 ? tests.get(0) : new EventPredicate.AllOf(tests);
    }

    private EventPredicate field(String key, YamlNode value, int line) {
        String[] parts = key.split("\\|", -1);
        List<String> mapped = parts[0].isEmpty() ? List.of("") : pipeline.map(parts[0]);
        if (mapped.size() == 1) {
            return field(key, mapped.get(0), parts, value, line);
        }
        List<EventPredicate> any = new ArrayList<>();
        for (String f : mapped) {
            any.add(field(key, f, parts, value, line));
        }
        return new EventPredicate.AnyOf(any);
    }

    private EventPredicate field(String key, String field, String[] parts, YamlNode value, int line) {
        List<String> mods = new ArrayList<>();
        for (int i = 1; i < parts.length; i++) {
            String mod = parts[i].strip().toLowerCase(Locale.ROOT);
            if (!MODIFIERS.contains(mod)) {
                throw new SigmaException(
                        file,
                        line,
                        "unknown modifier '" + parts[i] + "' in '" + key + "'; Sigma 2.1 allows "
                                + new java.util.TreeSet<>(MODIFIERS));
            }
            mods.add(mod);
        }
        List<YamlNode> values = value instanceof Sequence s ? s.items() : List.of(value);
        if (values.isEmpty()) {
            throw new SigmaException(file, line, "'" + key + "' has an empty list of values");
        }
        for (YamlNode v : values) {
            if (!(v instanceof Scalar)) {
                throw new SigmaException(
                        file,
                        v.line(),
                        "a value of '" + key + "' is " + v.kind() + "; values are strings, numbers, booleans or null");
            }
        }
        if (field.isEmpty()) {
            return keywords(values, mods.contains("all"), mods);
        }
        boolean all = mods.contains("all");
        boolean negate = mods.contains("neq");
        if (mods.contains("exists")) {
            Scalar s = (Scalar) values.get(0);
            if (values.size() != 1
                    || !(s.type() == Scalar.Type.BOOLEAN || s.text().matches("(?i)true|false"))) {
                throw new SigmaException(file, line, "'" + key + "' takes true or false");
            }
            return new EventPredicate.Exists(
                    field, Boolean.parseBoolean(s.text().toLowerCase(Locale.ROOT)));
        }
        if (mods.contains("fieldref")) {
            EventPredicate.FieldRef.Kind kind = mods.contains("contains")
                    ? EventPredicate.FieldRef.Kind.CONTAINS
                    : mods.contains("startswith")
                            ? EventPredicate.FieldRef.Kind.STARTSWITH
                            : mods.contains("endswith")
                                    ? EventPredicate.FieldRef.Kind.ENDSWITH
                                    : EventPredicate.FieldRef.Kind.EQUALS;
            List<String> others = values.stream().map(v -> ((Scalar) v).text()).toList();
            return new EventPredicate.FieldRef(field, others, mods.contains("cased"), all, negate, kind);
        }
        // null: the field is absent or null; a null among other values is the spec's invalid case, accepted as OR
        List<EventPredicate> nullTests = new ArrayList<>();
        List<ValuePredicate> tests = new ArrayList<>();
        for (YamlNode v : values) {
            Scalar s = (Scalar) v;
            if (s.type() == Scalar.Type.NULL && mods.stream().noneMatch(TRANSFORMS::contains)) {
                nullTests.add(new EventPredicate.IsNull(field, false));
            } else {
                tests.addAll(values(s, mods, key, line));
            }
        }
        if (tests.isEmpty()) {
            return negate ? new EventPredicate.IsNull(field, true) : nullTests.get(0);
        }
        EventPredicate main = new EventPredicate.FieldValues(field, all ? tests : grouped(tests), all, negate);
        if (nullTests.isEmpty()) {
            return main;
        }
        List<EventPredicate> either = new ArrayList<>(nullTests);
        either.add(main);
        return new EventPredicate.AnyOf(either);
    }

    /**
     * A field's tests with its plain, case-insensitive values (equals, startswith, endswith, contains) put into one
     * {@link LiteralValues} when there are at least {@link #GROUPED_VALUES} of them: any of many values is then found
     * in one pass over the text instead of value by value. Only for "any value matches" (without {@code |all}).
     */
    static List<ValuePredicate> grouped(List<ValuePredicate> tests) {
        LiteralValues.Builder builder = new LiteralValues.Builder();
        List<TextPattern> plain = new ArrayList<>();
        List<Integer> ids = new ArrayList<>();
        List<ValuePredicate> rest = new ArrayList<>();
        for (ValuePredicate t : tests) {
            if (t instanceof ValuePredicate.TextMatch m && addPlain(m.pattern(), builder)) {
                plain.add(m.pattern());
                ids.add(m.literalId());
            } else {
                rest.add(t);
            }
        }
        if (builder.size() < GROUPED_VALUES) {
            return tests;
        }
        int[] literalIds = ids.contains(-1)
                ? new int[0]
                : ids.stream().mapToInt(Integer::intValue).toArray();
        rest.add(0, new ValuePredicate.AnyText(builder.build(), plain, literalIds));
        return rest;
    }

    /**
     * The id in the rule set's values automaton ({@link LiteralAutomaton.Builder#values}, apart from the regex and
     * keyword literals) of a text every match of the pattern contains, registering it; -1 when there is none (see
     * {@link LiteralAutomaton.Builder#addValue}; long lists of values outside ASCII are matched by
     * {@link LiteralValues}).
     */
    private int literalId(TextPattern p) {
        String l = p.requiredLiteral();
        return l == null || automaton.isEmpty() ? -1 : automaton.get().values().addValue(l);
    }

    /** Adds a plain case-insensitive value to the builder; false when the pattern is not one the automaton takes. */
    private static boolean addPlain(TextPattern p, LiteralValues.Builder builder) {
        String value;
        LiteralValues.Kind kind;
        boolean cased;
        if (p instanceof TextPattern.Exact x) {
            value = x.value();
            kind = LiteralValues.Kind.EQUALS;
            cased = x.cased();
        } else if (p instanceof TextPattern.Prefix x) {
            value = x.value();
            kind = LiteralValues.Kind.STARTSWITH;
            cased = x.cased();
        } else if (p instanceof TextPattern.Suffix x) {
            value = x.value();
            kind = LiteralValues.Kind.ENDSWITH;
            cased = x.cased();
        } else if (p instanceof TextPattern.Contains x) {
            value = x.value();
            kind = LiteralValues.Kind.CONTAINS;
            cased = x.cased();
        } else {
            return false;
        }
        if (cased || !LiteralValues.accepts(value)) {
            return false;
        }
        builder.add(value, kind);
        return true;
    }

    private List<ValuePredicate> values(Scalar s, List<String> mods, String key, int line) {
        String text = s.text();
        boolean cased = mods.contains("cased");
        if (mods.contains("re")) {
            int flags = 0;
            for (String m : mods) {
                flags |= switch (m) {
                    case "i" -> Pattern.CASE_INSENSITIVE | Pattern.UNICODE_CASE;
                    case "m" -> Pattern.MULTILINE;
                    case "s" -> Pattern.DOTALL;
                    default -> 0;
                };
            }
            try {
                return List.of(RegexMatch.of(Pattern.compile(text, flags), automaton));
            } catch (PatternSyntaxException e) {
                throw new SigmaException(
                        file,
                        s.line(),
                        "'" + key + "': not a valid regular expression: " + e.getDescription() + " near character "
                                + (e.getIndex() + 1));
            }
        }
        if (mods.contains("cidr")) {
            try {
                return List.of(CidrRange.parse(text.strip()));
            } catch (IllegalArgumentException e) {
                throw new SigmaException(file, s.line(), "'" + key + "': " + e.getMessage());
            }
        }
        String timePart =
                mods.stream().filter(TIME_PARTS::containsKey).findFirst().orElse(null);
        String compare = mods.stream().filter(COMPARE::contains).findFirst().orElse(null);
        if (compare != null || timePart != null) {
            double number;
            try {
                number = Double.parseDouble(text.strip());
            } catch (NumberFormatException e) {
                throw new SigmaException(
                        file, s.line(), "'" + key + "' compares numbers; \"" + text + "\" is not a number");
            }
            ValuePredicate t = compare != null
                    ? new ValuePredicate.Compare(compare, number)
                    : new ValuePredicate.NumberEquals(number, text.strip());
            return List.of(timePart == null ? t : new TimePart(TIME_PARTS.get(timePart), timePart.equals("week"), t));
        }
        boolean transformed = mods.stream().anyMatch(TRANSFORMS::contains) || mods.contains("expand");
        if (!transformed && !cased && (s.type() == Scalar.Type.INTEGER || s.type() == Scalar.Type.FLOAT)) {
            try {
                return List.of(new ValuePredicate.NumberEquals(Double.parseDouble(text.replace("_", "")), text));
            } catch (NumberFormatException e) {
                // 0x17 and friends compare as text
            }
        }
        if (!transformed && s.type() == Scalar.Type.BOOLEAN) {
            return List.of(new ValuePredicate.BooleanEquals(Boolean.parseBoolean(text.toLowerCase(Locale.ROOT))));
        }
        List<SigmaString> strings = new ArrayList<>();
        if (s.type() == Scalar.Type.NULL) {
            strings.add(SigmaString.literal(""));
        } else if (mods.contains("expand")) {
            List<String> missing = new ArrayList<>();
            strings.addAll(SigmaString.parse(text).expand(placeholders, missing::add));
            if (!missing.isEmpty()) {
                throw new SigmaException(
                        file,
                        s.line(),
                        "'" + key + "': placeholder(s) "
                                + missing.stream()
                                        .map(m -> "%" + m + "%")
                                        .distinct()
                                        .toList() + " have no values; define them in the "
                                + "placeholder file (--placeholders FILE) or leave the rule out");
            }
        } else {
            strings.add(SigmaString.parse(text));
        }
        for (String m : mods) {
            List<SigmaString> next = new ArrayList<>();
            for (SigmaString str : strings) {
                switch (m) {
                    case "contains" -> next.add(str.withStarBefore().withStarAfter());
                    case "startswith" -> next.add(str.withStarAfter());
                    case "endswith" -> next.add(str.withStarBefore());
                    case "windash" -> next.add(str.windash());
                    case "base64", "base64offset", "utf16le", "wide", "utf16be", "utf16" -> {
                        if (str.hasWildcards()) {
                            throw new SigmaException(
                                    file,
                                    s.line(),
                                    "'" + key + "': " + m + " cannot encode a "
                                            + "value with wildcards; escape them (\\*) or drop the modifier");
                        }
                        switch (m) {
                            case "base64" -> next.add(str.base64());
                            case "base64offset" -> next.addAll(str.base64Offsets());
                            case "utf16be" -> next.add(str.utf16(false, false));
                            case "utf16" -> next.add(str.utf16(true, true));
                            default -> next.add(str.utf16(true, false));
                        }
                    }
                    default -> next.add(str);
                }
            }
            strings = next;
        }
        List<ValuePredicate> out = new ArrayList<>();
        for (SigmaString str : strings) {
            TextPattern p = TextPattern.of(str, cased);
            out.add(new ValuePredicate.TextMatch(p, literalId(p)));
        }
        return out;
    }

    private EventPredicate keywords(List<YamlNode> values, boolean all, List<String> mods) {
        List<TextPattern> patterns = new ArrayList<>();
        for (YamlNode v : values) {
            Scalar s = (Scalar) v;
            SigmaString str = SigmaString.parse(s.text());
            if (mods.contains("re")) {
                try {
                    patterns.add(new TextPattern.Regex(Pattern.compile(s.text()), true));
                } catch (PatternSyntaxException e) {
                    throw new SigmaException(file, s.line(), "not a valid regular expression: " + e.getDescription());
                }
                continue;
            }
            // a keyword is searched anywhere in a value, as a full-text search does
            patterns.add(TextPattern.of(str.withStarBefore().withStarAfter(), mods.contains("cased")));
        }
        int[] ids = new int[patterns.size()];
        for (int i = 0; i < ids.length; i++) {
            String l = patterns.get(i).requiredLiteral();
            ids[i] = l == null || automaton.isEmpty() ? -1 : automaton.get().add(l);
        }
        return new EventPredicate.Keywords(patterns, ids, all);
    }
}
