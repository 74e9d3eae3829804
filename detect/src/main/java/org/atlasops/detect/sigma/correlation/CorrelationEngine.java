package org.atlasops.detect.sigma.correlation;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.atlasops.detect.event.Event;
import org.atlasops.detect.event.FieldPath;
import org.atlasops.detect.sigma.Match;
import org.atlasops.detect.sigma.accel.EvaluationContext;

/**
 * Sliding-window state for correlation rules. Each contributing match (a rule match, or a result of a chained
 * correlation) is added to its group's window; the condition is checked on every addition, so a result is emitted
 * for every event at which it holds. State is bounded: at most {@link #MAX_EVENTS_PER_GROUP} entries per group and
 * {@link #MAX_GROUPS} groups per set of group-by fields (beyond that, the tenth used longest ago is dropped, with the
 * windows of every correlation grouped by those fields); drops are counted.
 */
public final class CorrelationEngine {
    static final int MAX_EVENTS_PER_GROUP = 10_000;
    static final int MAX_GROUPS = 100_000;
    static final int MAX_EVENTS_IN_MATCH = 100;
    private static final int MAX_CHAIN = 10;

    private final class State {
        final CorrelationRule rule;
        /** Group-by fields as read from each contributing rule's events (aliases applied), by its references. */
        final Map<List<String>, FieldPath[]> groupFields = new HashMap<>();

        final FieldPath valueField;
        final long spanMillis;
        /** In-memory windows, shared with the correlations grouped by the same fields; this one's slot in them. */
        GroupTable table;

        int slot;

        /** Where this correlation's own results go (chaining), worked out on first use. */
        Feed chained;
        /** False when a correlation uses this one and does not ask for its own alerts; set once all are known. */
        boolean alerting = true;

        /** The condition's comparisons, unpacked once: checked on every addition. */
        private final String[] operators;

        private final double[] limits;
        /**
         * True when entries that have left the window can only make the aggregate larger (counts, distinct values,
         * rules seen; sums of values that are not negative) and the condition only asks for larger values (gt,
         * gte): then a condition that fails with them fails without them, and they can be evicted later, in bulk,
         * instead of on every addition.
         */
        final boolean evictLazily;

        State(CorrelationRule rule) {
            this.rule = rule;
            this.valueField = rule.field().map(FieldPath::of).orElse(null);
            this.spanMillis = rule.timespan().toMillis();
            this.operators = rule.condition().keySet().toArray(String[]::new);
            this.limits = java.util.Arrays.stream(operators)
                    .mapToDouble(o -> rule.condition().get(o))
                    .toArray();
            boolean growing = switch (rule.type()) {
                case EVENT_COUNT, VALUE_COUNT, TEMPORAL, TEMPORAL_ORDERED, VALUE_SUM -> true;
                case VALUE_AVG, VALUE_PERCENTILE -> false;
            };
            this.evictLazily =
                    growing && java.util.Arrays.stream(operators).allMatch(o -> o.equals("gt") || o.equals("gte"));
            int least = 0;
            if (evictLazily && rule.type() != CorrelationRule.Type.VALUE_SUM) {
                for (int i = 0; i < operators.length; i++) {
                    double l = operators[i].equals("gt") ? Math.floor(limits[i]) + 1 : Math.ceil(limits[i]);
                    least = (int) Math.max(least, Math.min(l, Integer.MAX_VALUE));
                }
            }
            this.leastEntries = least;
        }

        /**
         * For conditions met by counting alone (counts, distinct values, rules seen; gt and gte): the entries a
         * window needs before the condition can hold, since none of these aggregates exceeds the window's size.
         * Below it, a check costs nothing, and distinct values are not even counted.
         */
        final int leastEntries;

        /** {@link CorrelationRule#holds} without iterating a map. */
        boolean holds(double value) {
            for (int i = 0; i < operators.length; i++) {
                if (!CorrelationRule.compare(operators[i], value, limits[i])) {
                    return false;
                }
            }
            return true;
        }

        String storeKey(String groupKey) {
            return rule.reference().orElse(rule.meta().title()) + "\u0000" + groupKey;
        }

        CorrelationWindow load(String groupKey, long time) {
            if (external == null) {
                return table.window(groupKey, slot, rule, time);
            }
            return external.get(storeKey(groupKey))
                    .map(t -> CorrelationWindow.deserialize(
                            t, rule.type(), rule.rules().size()))
                    .orElseGet(() ->
                            new CorrelationWindow(rule.type(), rule.rules().size()));
        }

        void save(String groupKey, CorrelationWindow w) {
            if (external != null) {
                if (w.isEmpty()) {
                    external.delete(storeKey(groupKey));
                } else {
                    external.put(storeKey(groupKey), w.serialize());
                }
            }
        }

        FieldPath[] groupFields(List<String> references) {
            return groupFields.computeIfAbsent(references, refs -> {
                FieldPath[] paths = new FieldPath[rule.groupBy().size()];
                for (int i = 0; i < paths.length; i++) {
                    // an alias names the field per rule (by the rule's name or id)
                    String g = rule.groupBy().get(i);
                    String field = g;
                    Map<String, String> alias = rule.aliases().get(g);
                    if (alias != null) {
                        for (String ref : refs) {
                            if (ref != null && alias.containsKey(ref)) {
                                field = alias.get(ref);
                            }
                        }
                    }
                    paths[i] = FieldPath.of(field);
                }
                return paths;
            });
        }
    }

    private final List<State> states = new ArrayList<>();
    /** Reference (id or name of a rule or correlation) → states of the correlations that use it. */
    private final Map<String, List<State>> byReference = new HashMap<>();

    private final Set<String> referenced = new HashSet<>();
    private final List<GroupTable> tables = new ArrayList<>();
    private long dropped;

    /** Windows kept outside the process (a Kafka Streams store), or null for in-memory windows. */
    private final CorrelationState external;

    public CorrelationEngine(List<CorrelationRule> correlations, CorrelationState external) {
        this.external = external;
        for (CorrelationRule c : correlations) {
            State s = new State(c);
            states.add(s);
            for (String ref : c.rules()) {
                byReference.computeIfAbsent(ref, k -> new ArrayList<>()).add(s);
                if (!c.generate()) {
                    referenced.add(ref);
                }
            }
        }
        Map<List<String>, List<State>> byGroupBy = new LinkedHashMap<>();
        for (State s : states) {
            s.alerting =
                    !onlyFeedsCorrelations(s.rule.meta().id(), s.rule.meta().name());
            byGroupBy.computeIfAbsent(s.rule.groupBy(), k -> new ArrayList<>()).add(s);
        }
        for (List<State> sharing : byGroupBy.values()) {
            GroupTable table = new GroupTable(sharing.size(), MAX_GROUPS);
            tables.add(table);
            for (int i = 0; i < sharing.size(); i++) {
                sharing.get(i).table = table;
                sharing.get(i).slot = i;
            }
        }
    }

    /** True when some correlation uses the rule and does not ask for its own alerts. */
    public boolean onlyFeedsCorrelations(String... references) {
        for (String r : references) {
            if (r != null && referenced.contains(r)) {
                return true;
            }
        }
        return false;
    }

    public long dropped() {
        long fromTables = 0;
        for (GroupTable t : tables) {
            fromTables += t.dropped();
        }
        return dropped + fromTables;
    }

    /**
     * Where the matches of one rule (known by these references: id and name) go: every correlation that uses it,
     * with the rule's index in it and the fields it groups by, worked out once instead of per match.
     */
    public final class Feed {
        private final State[] states;
        private final int[] ruleIndices;
        private final FieldPath[][] groupFields;

        private Feed(List<String> references) {
            List<State> targets = new ArrayList<>();
            for (String ref : references) {
                if (ref != null) {
                    for (State s : byReference.getOrDefault(ref, List.of())) {
                        if (!targets.contains(s)) {
                            targets.add(s);
                        }
                    }
                }
            }
            states = targets.toArray(State[]::new);
            ruleIndices = new int[states.length];
            groupFields = new FieldPath[states.length][];
            for (int i = 0; i < states.length; i++) {
                ruleIndices[i] = indexOf(states[i].rule, references);
                groupFields[i] = states[i].groupFields(references);
            }
        }

        public boolean isEmpty() {
            return states.length == 0;
        }
    }

    /** The feed for a rule's references; empty when no correlation uses the rule. */
    public Feed feed(List<String> references) {
        return new Feed(references);
    }

    /** A rule matched; returns the correlation results it completes (an immutable empty list when none). */
    public List<Match.CorrelationMatch> onMatch(Feed feed, EvaluationContext event, Instant time) {
        List<Match.CorrelationMatch> out = null;
        for (int i = 0; i < feed.states.length; i++) {
            Match.CorrelationMatch m = add(feed.states[i], feed.ruleIndices[i], feed.groupFields[i], event, time);
            if (m != null) {
                if (out == null) {
                    out = new ArrayList<>(2);
                }
                out.add(m);
                chain(feed.states[i], m, time, out, 1);
            }
        }
        return out == null ? List.of() : out;
    }

    /** Chaining: a result counts as a match of its correlation for the correlations that use that one. */
    private void chain(State s, Match.CorrelationMatch m, Instant time, List<Match.CorrelationMatch> out, int depth) {
        if (depth > MAX_CHAIN) {
            return;
        }
        Feed next = s.chained;
        if (next == null) {
            List<String> refs = new ArrayList<>();
            s.rule.reference().ifPresent(refs::add);
            if (s.rule.meta().id() != null) {
                refs.add(s.rule.meta().id());
            }
            next = feed(refs);
            s.chained = next;
        }
        if (next.isEmpty()) {
            return;
        }
        ObjectNode synthetic = JsonNodeFactory.instance.objectNode();
        m.groupKey().forEach(synthetic::put);
        EvaluationContext event = EvaluationContext.of(
                new Event(synthetic, "correlation:" + s.rule.meta().title(), 0));
        for (int i = 0; i < next.states.length; i++) {
            Match.CorrelationMatch r = add(next.states[i], next.ruleIndices[i], next.groupFields[i], event, time);
            if (r != null) {
                out.add(r);
                chain(next.states[i], r, time, out, depth + 1);
            }
        }
    }

    private static int indexOf(CorrelationRule rule, List<String> references) {
        for (int i = 0; i < rule.rules().size(); i++) {
            if (references.contains(rule.rules().get(i))) {
                return i;
            }
        }
        return -1;
    }

    /** Adds a contribution to its group's window; the correlation's result when its condition now holds, or null. */
    private Match.CorrelationMatch add(
            State s, int ruleIndex, FieldPath[] paths, EvaluationContext event, Instant time) {
        CorrelationRule c = s.rule;
        String groupKey;
        if (paths.length == 1) {
            groupKey = firstText(event, paths[0]);
        } else {
            StringBuilder key = new StringBuilder();
            for (FieldPath path : paths) {
                String part = firstText(event, path);
                key.append(part.length()).append(':').append(part);
            }
            groupKey = key.toString();
        }
        JsonNode value = null;
        if (s.valueField != null) {
            List<JsonNode> v = event.values(s.valueField);
            value = v.isEmpty() ? null : v.get(0);
        }
        long now = CorrelationWindow.millis(time);
        CorrelationWindow w = s.load(groupKey, now);
        long span = s.spanMillis;
        long oldest = now < Long.MIN_VALUE + span ? Long.MIN_VALUE : now - span;
        w.add(now, ruleIndex, value, event.event().source(), event.event().line(), oldest);
        if (s.evictLazily
                && external == null
                && w.size() <= MAX_EVENTS_PER_GROUP
                && (c.type() != CorrelationRule.Type.VALUE_SUM || w.noNegativeValues())
                && (w.size() < s.leastEntries || !s.holds(aggregate(c, w, value)))) {
            return null; // fails even with the entries that have left the window (see State.evictLazily)
        }
        dropped += w.evict(oldest, MAX_EVENTS_PER_GROUP);
        s.save(groupKey, w);
        double aggregated = aggregate(c, w, value);
        if (!s.holds(aggregated)) {
            return null;
        }
        List<Event> events = w.newest();
        Map<String, String> key = new LinkedHashMap<>();
        for (int i = 0; i < paths.length; i++) {
            key.put(c.groupBy().get(i), firstText(event, paths[i]));
        }
        return new Match.CorrelationMatch(c, key, aggregated, events, time, s.alerting);
    }

    /** The first value of a group-by field as text; "" when the event lacks it. */
    private static String firstText(EvaluationContext event, FieldPath path) {
        List<JsonNode> values = event.values(path);
        if (values.isEmpty()) {
            return "";
        }
        JsonNode first = values.get(0);
        return first.isNull() ? "" : first.asText();
    }

    private static double aggregate(CorrelationRule c, CorrelationWindow w, JsonNode current) {
        return switch (c.type()) {
            case EVENT_COUNT -> w.size();
            case VALUE_COUNT -> w.distinctValues();
            case VALUE_SUM -> w.sum();
            case VALUE_AVG -> w.average();
            // the share (0..100) of the window's events whose value equals this event's: how common it is
            case VALUE_PERCENTILE -> current == null || current.isNull() ? 100 : 100.0 * w.countOf(current) / w.size();
            case TEMPORAL -> w.distinctRules();
            case TEMPORAL_ORDERED -> w.rulesInOrder(c.rules().size());
        };
    }
}
