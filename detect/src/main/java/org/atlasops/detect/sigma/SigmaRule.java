package org.atlasops.detect.sigma;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Predicate;
import org.atlasops.detect.event.Event;
import org.atlasops.detect.event.FieldPath;
import org.atlasops.detect.sigma.accel.EvaluationContext;
import org.atlasops.detect.sigma.accel.LiteralAutomaton;
import org.atlasops.detect.sigma.accel.Prerequisite;
import org.atlasops.detect.sigma.compile.DetectionCompiler;
import org.atlasops.detect.sigma.compile.Prerequisites;
import org.atlasops.detect.sigma.match.Condition;
import org.atlasops.detect.sigma.match.EventPredicate;
import org.atlasops.kb.AtlasId;

/**
 * A compiled Sigma detection rule with the metadata alerts carry: an immutable plan whose predicates and condition
 * were bound by the compiler, with the literal automaton of the rule set it was built in. {@link #matches}
 * evaluates the detection (and the filters attached to the rule) on one event.
 */
public final class SigmaRule {
    private final Meta meta;
    private final Logsource logsource;
    private final Map<String, EventPredicate> identifiers;
    private final Condition condition;
    private final List<String> conditionText;
    private final List<SigmaFilter> filters;
    private final List<EventPredicate> logsourceConditions;
    private final LiteralAutomaton automaton;
    private final Optional<Prerequisite> prerequisite;
    /** The search identifiers the condition reads, with the fields they test: for {@link #matchedFields}. */
    private final List<Reported> reported;

    /** What a rule says about itself. */
    public record Meta(
            String id,
            String name,
            String title,
            String status,
            String level,
            String description,
            String author,
            List<String> tags,
            List<String> references,
            List<String> falsePositives,
            List<String> fields,
            String file,
            int line) {
        public Meta {
            Objects.requireNonNull(title, "title");
            tags = List.copyOf(tags);
            references = List.copyOf(references);
            falsePositives = List.copyOf(falsePositives);
            fields = List.copyOf(fields);
        }
    }

    /**
     * @param automaton the automaton built from the literals the rule's (and its filters') predicates registered
     *     while compiling
     */
    SigmaRule(
            Meta meta,
            Logsource logsource,
            DetectionCompiler.Compiled detection,
            List<SigmaFilter> filters,
            List<EventPredicate> logsourceConditions,
            LiteralAutomaton automaton) {
        this.meta = Objects.requireNonNull(meta, "meta");
        this.logsourceConditions = List.copyOf(logsourceConditions);
        this.logsource = logsource;
        this.identifiers = detection.identifiers();
        this.condition = detection.condition();
        this.conditionText = detection.conditionText();
        this.filters = List.copyOf(filters);
        this.automaton = Objects.requireNonNull(automaton, "automaton");
        this.prerequisite = Prerequisites.of(condition, identifiers);
        this.reported = reportedFields();
    }

    /** What an event needs for the rule to be able to match (see {@link Prerequisite}); empty: anything. */
    Optional<Prerequisite> prerequisite() {
        return prerequisite;
    }

    /** The automaton the rule's literal ids belong to: evaluate it in a context made with this one. */
    LiteralAutomaton automaton() {
        return automaton;
    }

    List<EventPredicate> logsourceConditions() {
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
     * attached filter lets it through. Evaluated on its own, without a detector's memos.
     */
    public boolean matches(Event e) {
        EvaluationContext c = new EvaluationContext(e, automaton, null);
        for (EventPredicate t : logsourceConditions) {
            if (!t.test(c)) {
                return false;
            }
        }
        return matchesDetection(c);
    }

    /** The detection and filters only, for callers that checked the logsource conditions already. */
    boolean matchesDetection(EvaluationContext e) {
        if (!condition.eval(e)) {
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
        return matchedFields(new EvaluationContext(e, automaton, null));
    }

    List<String> matchedFields(EvaluationContext e) {
        List<String> fields = new ArrayList<>();
        for (Reported r : reported) {
            if (r.test().test(e)) {
                for (int i = 0; i < r.fields().size(); i++) {
                    if (!fields.contains(r.fields().get(i)) && e.has(r.paths().get(i))) {
                        fields.add(r.fields().get(i));
                    }
                }
            }
        }
        return fields;
    }

    /** A search identifier the condition reads, with the fields it tests. */
    private record Reported(EventPredicate test, List<String> fields, List<FieldPath> paths) {}

    private List<Reported> reportedFields() {
        List<String> names = new ArrayList<>();
        condition.collect(names);
        List<Reported> plan = new ArrayList<>();
        for (String n : names.stream().distinct().toList()) {
            EventPredicate t = identifiers.get(n);
            if (t != null) {
                List<String> fields = t.fields();
                plan.add(new Reported(
                        t,
                        List.copyOf(fields),
                        fields.stream().map(FieldPath::of).toList()));
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
        return tags.stream()
                .flatMap(t -> AtlasId.fromSigmaTag(t).stream())
                .filter(kind)
                .toList();
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
