package org.atlasops.detect.sigma;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.atlasops.detect.sigma.YamlNode.Mapping;
import org.atlasops.detect.sigma.YamlNode.Scalar;
import org.atlasops.detect.sigma.YamlNode.Sequence;
import org.atlasops.detect.sigma.accel.LiteralAutomaton;
import org.atlasops.detect.sigma.compile.DetectionCompiler;
import org.atlasops.detect.sigma.correlation.CorrelationRule;
import org.atlasops.detect.sigma.match.EventPredicate;

/**
 * Loads Sigma files: every YAML document is a detection rule, a filter or a correlation. A document with a problem
 * is reported ({@link Problem}: file, line, what is wrong and what is allowed) and left out; the other documents
 * of the file and the other files still load.
 */
public final class RuleLoader {
    static final Set<String> LEVELS = Set.of("informational", "low", "medium", "high", "critical");
    static final Set<String> STATUSES = Set.of("stable", "test", "experimental", "deprecated", "unsupported");
    private static final Pattern TIMESPAN = Pattern.compile("(\\d+)([smhdwMy])");

    /** A rule as compiled, waiting for {@link #build} to give it its filters and the rule set's automaton. */
    private record Compiled(
            SigmaRule.Meta meta,
            Logsource logsource,
            DetectionCompiler.Compiled detection,
            List<EventPredicate> logsourceConditions) {}

    /** A document that could not be loaded. */
    public record Problem(String file, int line, String message) {
        @Override
        public String toString() {
            return file + ":" + line + ": " + message;
        }
    }

    private final Map<String, List<String>> placeholders;
    private final Pipeline pipeline;
    /** Every rule set this loader builds shares its literal ids: the compiler registers them here. */
    private final LiteralAutomaton.Builder automaton = new LiteralAutomaton.Builder();

    private final List<Compiled> rules = new ArrayList<>();
    private final List<SigmaFilter> filters = new ArrayList<>();
    private final List<CorrelationRule> correlations = new ArrayList<>();
    private final List<Problem> problems = new ArrayList<>();
    private int documents;

    /**
     * @param placeholders values for {@code %name%} placeholders of {@code |expand} values
     * @param pipeline field mappings and logsource conditions applied while compiling
     */
    public RuleLoader(Map<String, List<String>> placeholders, Pipeline pipeline) {
        this.placeholders = Map.copyOf(placeholders);
        this.pipeline = pipeline;
    }

    public RuleLoader(Map<String, List<String>> placeholders) {
        this(placeholders, Pipeline.NONE);
    }

    public RuleLoader() {
        this(Map.of(), Pipeline.NONE);
    }

    /** Loads one file, or every {@code .yml}/{@code .yaml} file under a folder (in the order of their paths). */
    public RuleLoader load(Path path) {
        if (Files.isDirectory(path)) {
            try (Stream<Path> files = Files.walk(path)) {
                load(files.filter(Files::isRegularFile)
                        .filter(RuleLoader::isRuleFile)
                        .sorted()
                        .toList());
            } catch (IOException e) {
                problems.add(new Problem(path.toString(), 0, "cannot read: " + e.getMessage()));
            }
        } else {
            load(List.of(path));
        }
        return this;
    }

    /**
     * Loads files in the order given. They are read and parsed in parallel (most of the time of a large rule
     * folder goes to YAML) and compiled one after another, so rules, problems and literal ids come out as if loaded
     * one by one.
     */
    public RuleLoader load(List<Path> files) {
        List<Parsed> parsed = (files.size() > 1 ? files.parallelStream() : files.stream())
                .map(RuleLoader::parse)
                .toList();
        parsed.forEach(this::add);
        return this;
    }

    /** A parsed file's documents compiled, or its problem kept. */
    private void add(Parsed p) {
        if (p.problem().isPresent()) {
            problems.add(p.problem().get());
        } else {
            compile(p.documents(), p.file());
        }
    }

    /** The documents of one file, or why it has none. */
    private record Parsed(String file, List<YamlNode> documents, Optional<Problem> problem) {}

    private static Parsed parse(Path file) {
        String name = file.toString();
        try {
            if (Files.size(file) > SigmaYaml.MAX_CHARS) {
                return failed(new Problem(name, 1, "larger than " + SigmaYaml.MAX_CHARS + " bytes"));
            }
            return parse(Files.readString(file, StandardCharsets.UTF_8), name);
        } catch (IOException e) {
            return failed(new Problem(name, 0, "cannot read: " + e.getMessage()));
        }
    }

    private static Parsed parse(String yaml, String file) {
        try {
            List<YamlNode> docs = SigmaYaml.parseAll(yaml, file);
            return docs.isEmpty()
                    ? failed(new Problem(file, 1, "no YAML document"))
                    : new Parsed(file, docs, Optional.empty());
        } catch (SigmaException e) {
            return failed(new Problem(e.file(), e.line(), e.problem()));
        } catch (StackOverflowError e) {
            // the YAML library recurses on nesting before our depth limit is checked; one file, not the whole batch
            return failed(new Problem(
                    file, 1, "nested too deeply to read; Sigma rules need at most " + SigmaYaml.MAX_DEPTH + " levels"));
        }
    }

    private static Parsed failed(Problem p) {
        return new Parsed(p.file(), List.of(), Optional.of(p));
    }

    /** {@code .yml}/{@code .yaml} files, except rule tests ({@code *.tests.yml}) and pipelines. */
    public static boolean isRuleFile(Path p) {
        String n = p.getFileName().toString();
        return (n.endsWith(".yml") || n.endsWith(".yaml")) && !n.contains(".tests.");
    }

    /** Loads the documents of one text. */
    public RuleLoader load(String yaml, String file) {
        add(parse(yaml, file));
        return this;
    }

    private void compile(List<YamlNode> docs, String file) {
        for (YamlNode doc : docs) {
            documents++;
            try {
                document(doc, file);
            } catch (SigmaException e) {
                problems.add(new Problem(e.file(), e.line(), e.problem()));
            }
        }
    }

    /**
     * Builds the literal automaton of every regular expression and keyword compiled so far, attaches filters to the
     * rules they name, and returns everything loaded.
     */
    public RuleSet build() {
        LiteralAutomaton built = automaton.build();
        List<SigmaRule> out = new ArrayList<>();
        for (Compiled r : rules) {
            List<SigmaFilter> applicable = filters.stream()
                    .filter(f -> f.appliesTo(r.meta(), r.logsource()))
                    .toList();
            out.add(new SigmaRule(r.meta(), r.logsource(), r.detection(), applicable, r.logsourceConditions(), built));
        }
        return new RuleSet(out, filters, correlations, problems, documents);
    }

    private void document(YamlNode doc, String file) {
        if (!(doc instanceof Mapping m)) {
            throw new SigmaException(
                    file,
                    doc.line(),
                    "a Sigma document is a map with title, logsource and " + "detection; this one is " + doc.kind());
        }
        if (m.get("action") != null) {
            throw new SigmaException(
                    file,
                    m.lineOf("action"),
                    "'action' (Sigma 1 rule collections) is not Sigma 2; " + "split the file into complete rules");
        }
        if (m.get("correlation") != null) {
            correlations.add(correlation(m, file));
        } else if (m.get("filter") != null) {
            filters.add(filter(m, file));
        } else {
            rules.add(rule(m, file));
        }
    }

    private Compiled rule(Mapping m, String file) {
        SigmaRule.Meta meta = meta(m, file);
        YamlNode logsource = m.get("logsource");
        if (logsource == null) {
            throw new SigmaException(
                    file,
                    m.line(),
                    "the rule has no 'logsource'; add e.g. 'logsource: {product: " + "openai, category: llm}'");
        }
        YamlNode detection = m.get("detection");
        if (!(detection instanceof Mapping d)) {
            throw new SigmaException(
                    file,
                    detection == null ? m.line() : detection.line(),
                    detection == null
                            ? "the rule has no 'detection'"
                            : "'detection' is " + detection.kind() + "; it is a map of "
                                    + "search identifiers and a condition");
        }
        DetectionCompiler.Compiled compiled = compiler(file).compile(d, "condition");
        Logsource ls = logsource(logsource, file);
        return new Compiled(meta, ls, compiled, pipeline.conditionsFor(ls));
    }

    private DetectionCompiler compiler(String file) {
        return new DetectionCompiler(file, placeholders, pipeline, Optional.of(automaton));
    }

    private SigmaFilter filter(Mapping m, String file) {
        String title = string(m, "title", file)
                .orElseThrow(() -> new SigmaException(file, m.line(), "the filter has no 'title'"));
        YamlNode f = m.get("filter");
        if (!(f instanceof Mapping fm)) {
            throw new SigmaException(
                    file,
                    f.line(),
                    "'filter' is " + f.kind() + "; it holds rules, search " + "identifiers and a condition");
        }
        List<String> refs = strings(fm, "rules", file);
        Logsource ls = m.get("logsource") == null ? Logsource.ANY : logsource(m.get("logsource"), file);
        DetectionCompiler.Compiled compiled = compiler(file).compile(fm, "condition");
        return new SigmaFilter(title, string(m, "id", file).orElse(null), refs, ls, compiled, file, m.line());
    }

    private CorrelationRule correlation(Mapping m, String file) {
        SigmaRule.Meta meta = meta(m, file);
        YamlNode c = m.get("correlation");
        if (!(c instanceof Mapping cm)) {
            throw new SigmaException(
                    file,
                    c.line(),
                    "'correlation' is " + c.kind() + "; it is a map with type, "
                            + "rules, group-by, timespan and condition");
        }
        String typeText = string(cm, "type", file)
                .orElseThrow(() -> new SigmaException(
                        file,
                        cm.line(),
                        "the correlation has no 'type'; use event_count, value_count, temporal, temporal_ordered, "
                                + "value_sum, value_avg or value_percentile"));
        CorrelationRule.Type type;
        try {
            type = CorrelationRule.Type.valueOf(typeText.toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new SigmaException(
                    file,
                    cm.lineOf("type"),
                    "correlation type '" + typeText + "' is not one of "
                            + "event_count, value_count, temporal, temporal_ordered, value_sum, value_avg, value_percentile");
        }
        List<String> refs = strings(cm, "rules", file);
        if (refs.isEmpty()) {
            throw new SigmaException(file, cm.lineOf("rules"), "the correlation names no 'rules'");
        }
        List<String> groupBy = cm.get("group-by") == null ? List.of() : strings(cm, "group-by", file);
        String span = string(cm, "timespan", file)
                .orElseThrow(() -> new SigmaException(
                        file, cm.line(), "the correlation has no 'timespan'; write e.g. '5m' (s, m, h, d)"));
        Duration timespan = timespan(span, file, cm.lineOf("timespan"));
        Map<String, Double> condition = new LinkedHashMap<>();
        Optional<String> field = Optional.empty();
        YamlNode cond = cm.get("condition");
        boolean temporal = type == CorrelationRule.Type.TEMPORAL || type == CorrelationRule.Type.TEMPORAL_ORDERED;
        if (cond instanceof Mapping condMap) {
            for (Map.Entry<String, YamlNode> e : condMap.entries().entrySet()) {
                String key = e.getKey();
                if (key.equals("field")) {
                    field = Optional.of(scalarText(e.getValue(), file));
                } else if (Set.of("gt", "gte", "lt", "lte", "eq", "neq").contains(key)) {
                    try {
                        condition.put(key, Double.parseDouble(scalarText(e.getValue(), file)));
                    } catch (NumberFormatException ex) {
                        throw new SigmaException(file, condMap.lineOf(key), "condition '" + key + "' takes a number");
                    }
                } else {
                    throw new SigmaException(
                            file,
                            condMap.lineOf(key),
                            "unknown condition key '" + key + "'; use " + "gt, gte, lt, lte, eq, neq (and field)");
                }
            }
        } else if (cond != null) {
            throw new SigmaException(file, cond.line(), "the correlation condition is a map such as {gte: 10}");
        }
        if (condition.isEmpty()) {
            if (!temporal) {
                throw new SigmaException(
                        file, cm.line(), type.sigmaName() + " needs a condition such as " + "'condition: {gte: 10}'");
            }
            condition.put("gte", (double) refs.size());
        }
        boolean needsField = type == CorrelationRule.Type.VALUE_COUNT
                || type == CorrelationRule.Type.VALUE_SUM
                || type == CorrelationRule.Type.VALUE_AVG
                || type == CorrelationRule.Type.VALUE_PERCENTILE;
        if (needsField && field.isEmpty()) {
            throw new SigmaException(
                    file,
                    cm.lineOf("condition"),
                    type.sigmaName() + " needs 'field' in its "
                            + "condition: the field whose values are counted or summed");
        }
        Map<String, Map<String, String>> aliases = new LinkedHashMap<>();
        if (cm.get("aliases") instanceof Mapping am) {
            for (Map.Entry<String, YamlNode> e : am.entries().entrySet()) {
                if (!(e.getValue() instanceof Mapping per)) {
                    throw new SigmaException(
                            file,
                            am.lineOf(e.getKey()),
                            "alias '" + e.getKey() + "' maps rule " + "names to field names");
                }
                Map<String, String> fields = new LinkedHashMap<>();
                per.entries().forEach((rule, f) -> fields.put(rule, scalarText(f, file)));
                aliases.put(e.getKey(), fields);
            }
        }
        boolean generate = cm.get("generate") instanceof Scalar g && g.text().equalsIgnoreCase("true")
                || m.get("generate") instanceof Scalar g2 && g2.text().equalsIgnoreCase("true");
        return new CorrelationRule(meta, type, refs, groupBy, timespan, condition, field, aliases, generate);
    }

    static Duration timespan(String text, String file, int line) {
        Matcher mt = TIMESPAN.matcher(text.strip());
        if (!mt.matches()) {
            throw new SigmaException(
                    file, line, "timespan '" + text + "' is not a number and a unit, e.g. 30s, " + "5m, 1h, 1d");
        }
        long n = Long.parseLong(mt.group(1));
        return switch (mt.group(2)) {
            case "s" -> Duration.ofSeconds(n);
            case "m" -> Duration.ofMinutes(n);
            case "h" -> Duration.ofHours(n);
            case "d" -> Duration.ofDays(n);
            case "w" -> Duration.ofDays(7 * n);
            case "M" -> Duration.ofDays(30 * n);
            default -> Duration.ofDays(365 * n);
        };
    }

    private SigmaRule.Meta meta(Mapping m, String file) {
        String title = string(m, "title", file)
                .filter(t -> !t.isBlank())
                .orElseThrow(() -> new SigmaException(
                        file,
                        m.line(),
                        "the rule has no 'title'; every Sigma rule needs one (at most 256 characters)"));
        Optional<String> level = string(m, "level", file);
        if (level.isPresent() && !LEVELS.contains(level.get())) {
            throw new SigmaException(
                    file,
                    m.lineOf("level"),
                    "level '" + level.get() + "' is not one of " + "informational, low, medium, high, critical");
        }
        Optional<String> status = string(m, "status", file);
        if (status.isPresent() && !STATUSES.contains(status.get())) {
            throw new SigmaException(
                    file,
                    m.lineOf("status"),
                    "status '" + status.get() + "' is not one of "
                            + "stable, test, experimental, deprecated, unsupported");
        }
        String author = m.get("author") instanceof Sequence
                ? String.join(", ", strings(m, "author", file))
                : string(m, "author", file).orElse(null);
        return new SigmaRule.Meta(
                string(m, "id", file).orElse(null),
                string(m, "name", file).orElse(null),
                title,
                status.orElse(null),
                level.orElse(null),
                string(m, "description", file).orElse(""),
                author,
                strings(m, "tags", file),
                strings(m, "references", file),
                strings(m, "falsepositives", file),
                strings(m, "fields", file),
                file,
                m.line());
    }

    private Logsource logsource(YamlNode n, String file) {
        if (!(n instanceof Mapping m)) {
            throw new SigmaException(
                    file,
                    n.line(),
                    "'logsource' is " + n.kind() + "; it is a map of category, " + "product and service");
        }
        return new Logsource(string(m, "category", file), string(m, "product", file), string(m, "service", file));
    }

    private static Optional<String> string(Mapping m, String key, String file) {
        YamlNode v = m.get(key);
        if (v == null || v instanceof Scalar s && s.type() == Scalar.Type.NULL) {
            return Optional.empty();
        }
        if (v instanceof Scalar s) {
            return Optional.of(s.text());
        }
        throw new SigmaException(file, m.lineOf(key), "'" + key + "' is " + v.kind() + "; expected a string");
    }

    private static List<String> strings(Mapping m, String key, String file) {
        YamlNode v = m.get(key);
        if (v == null || v instanceof Scalar s && s.type() == Scalar.Type.NULL) {
            return List.of();
        }
        if (v instanceof Scalar s) {
            return List.of(s.text());
        }
        if (v instanceof Sequence seq) {
            List<String> out = new ArrayList<>();
            for (YamlNode item : seq.items()) {
                if (!(item instanceof Scalar s)) {
                    throw new SigmaException(file, item.line(), "'" + key + "' holds strings, not " + item.kind());
                }
                out.add(s.text());
            }
            return out;
        }
        throw new SigmaException(
                file, m.lineOf(key), "'" + key + "' is " + v.kind() + "; expected a list of " + "strings");
    }

    private static String scalarText(YamlNode n, String file) {
        if (n instanceof Scalar s) {
            return s.text();
        }
        throw new SigmaException(file, n.line(), "expected a plain value, found " + n.kind());
    }
}
