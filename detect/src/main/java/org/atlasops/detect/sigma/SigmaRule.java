package org.atlasops.detect.sigma;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Predicate;
import org.atlasops.detect.event.Event;
import org.atlasops.detect.event.FieldPath;
import org.atlasops.kb.AtlasId;

/**
 * A compiled Sigma detection rule with the metadata alerts carry. {@link #matches} evaluates the detection
 * (and the filters attached to the rule) on one event.
 */
public final class SigmaRule {
    private final Meta meta;
    private final Logsource logsource;
    private final Map<String, EventTest> identifiers;
    private final Condition condition;
    private final List<String> conditionText;
    private final List<SigmaFilter> filters;
    private final List<EventTest> logsourceConditions;

    /** What a rule says about itself. */
    public record Meta(String id, String name, String title, String status, String level, String description,
            String author, List<String> tags, List<String> references, List<String> falsePositives,
            List<String> fields, String file, int line) {
        public Meta {
            Objects.requireNonNull(title, "title");
            tags = List.copyOf(tags);
            references = List.copyOf(references);
            falsePositives = List.copyOf(falsePositives);
            fields = List.copyOf(fields);
        }
    }

    SigmaRule(Meta meta, Logsource logsource, DetectionCompiler.Compiled detection, List<SigmaFilter> filters,
            List<EventTest> logsourceConditions) {
        this.meta = meta;
        this.logsourceConditions = List.copyOf(logsourceConditions);
        this.logsource = logsource;
        this.identifiers = detection.identifiers();
        this.condition = detection.condition();
        this.conditionText = detection.conditionText();
        this.filters = List.copyOf(filters);
    }

    SigmaRule withFilters(List<SigmaFilter> more) {
        List<SigmaFilter> all = new ArrayList<>(filters);
        all.addAll(more);
        return new SigmaRule(meta, logsource, new DetectionCompiler.Compiled(identifiers, condition, conditionText),
                all, logsourceConditions);
    }

    /** What an event needs for the rule to be able to match, or null (see {@link Prerequisite}). */
    Prerequisite prerequisite() {
        return Prerequisite.of(condition, identifiers);
    }

    /** Every compiled test of the rule (for installing the shared literal automaton). */
    List<EventTest> tests() {
        List<EventTest> all = new ArrayList<>(identifiers.values());
        all.addAll(logsourceConditions);
        filters.forEach(f -> all.addAll(f.tests()));
        return all;
    }

    List<EventTest> logsourceConditions() {
        return logsourceConditions;
    }

    public Meta meta() {
        return meta;
    }

    public String id() {
        return meta.id();
    }

    public String title() {
        return meta.title();
    }

    public String level() {
        return meta.level();
    }

    public Logsource logsource() {
        return logsource;
    }

    public List<String> condition() {
        return conditionText;
    }

    public List<SigmaFilter> filters() {
        return filters;
    }

    /**
     * True when the event belongs to the rule's logsource (under the pipeline), the detection holds and every
     * attached filter lets it through.
     */
    public boolean matches(Event e) {
        for (EventTest t : logsourceConditions) {
            if (!t.test(e)) {
                return false;
            }
        }
        return matchesDetection(e);
    }

    /** The detection and filters only, for callers that checked the logsource conditions already. */
    boolean matchesDetection(Event e) {
        if (!condition.eval(e, identifiers)) {
            return false;
        }
        for (int i = 0, n = filters.size(); i < n; i++) {
            if (!filters.get(i).passes(e)) {
                return false;
            }
        }
        return true;
    }

    /** For a matching event: the fields of the search identifiers that held, with their values. */
    public List<String> matchedFields(Event e) {
        List<Reported> plan = reported;
        if (plan == null) {
            plan = reportedFields();
            reported = plan;
        }
        List<String> fields = new ArrayList<>();
        for (Reported r : plan) {
            if (r.test().test(e)) {
                for (int i = 0; i < r.fields().length; i++) {
                    if (!fields.contains(r.fields()[i]) && e.has(r.paths()[i])) {
                        fields.add(r.fields()[i]);
                    }
                }
            }
        }
        return fields;
    }

    /** A search identifier the condition reads, with the fields it tests. */
    private record Reported(EventTest test, String[] fields, FieldPath[] paths) {
    }

    /** What {@link #matchedFields} checks, worked out on first use: alerts are rare, rules are many. */
    private volatile List<Reported> reported;

    private List<Reported> reportedFields() {
        List<String> names = new ArrayList<>();
        condition.collect(names);
        List<Reported> plan = new ArrayList<>();
        for (String n : names.stream().distinct().toList()) {
            EventTest t = identifiers.get(n);
            if (t != null) {
                String[] fields = t.fields().toArray(String[]::new);
                plan.add(new Reported(t, fields, java.util.Arrays.stream(fields).map(FieldPath::of)
                        .toArray(FieldPath[]::new)));
            }
        }
        return List.copyOf(plan);
    }

    /** ATLAS technique and sub-technique IDs from tags {@code atlas.aml.t0051.000} → {@code AML.T0051.000}. */
    public List<AtlasId> atlasTechniques() {
        return techniqueIds(meta.tags());
    }

    /** ATLAS tactic IDs from tags {@code atlas.aml.ta0005}. */
    public List<AtlasId> atlasTactics() {
        return tacticIds(meta.tags());
    }

    /**
     * The technique and sub-technique IDs among Sigma tags (of a rule or a correlation), in tag order: tags of other
     * namespaces, other kinds of ATLAS object and {@code atlas.} tags that hold no ID are left out.
     */
    public static List<AtlasId> techniqueIds(List<String> tags) {
        return tagIds(tags, AtlasId::isTechnique);
    }

    /** The tactic IDs among Sigma tags, in tag order. */
    public static List<AtlasId> tacticIds(List<String> tags) {
        return tagIds(tags, AtlasId::isTactic);
    }

    private static List<AtlasId> tagIds(List<String> tags, Predicate<AtlasId> kind) {
        return tags.stream().flatMap(t -> AtlasId.fromSigmaTag(t).stream()).filter(kind).toList();
    }

    /** The name correlations refer to: {@code name}, else {@code id}. */
    public Optional<String> reference() {
        return Optional.ofNullable(meta.name()).or(() -> Optional.ofNullable(meta.id()));
    }

    @Override
    public String toString() {
        return meta.title() + (meta.id() != null ? " (" + meta.id() + ")" : "");
    }
}
