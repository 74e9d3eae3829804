package org.atlasops.detect.sigma;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.atlasops.detect.event.Event;

/**
 * Sliding-window state for correlation rules. Each contributing match (a rule match, or a result of a chained
 * correlation) is added to its group's window; the condition is checked on every addition, so a result is emitted
 * for every event at which it holds. State is bounded: at most {@link #MAX_EVENTS_PER_GROUP} entries per group and
 * {@link #MAX_GROUPS} groups per correlation (the least recently used group is dropped); drops are counted.
 */
final class CorrelationEngine {
    static final int MAX_EVENTS_PER_GROUP = 10_000;
    static final int MAX_GROUPS = 100_000;
    static final int MAX_EVENTS_IN_MATCH = 100;
    private static final int MAX_CHAIN = 10;

    private record Entry(Instant time, int ruleIndex, JsonNode value, Event event) {
    }

    private final class State {
        final CorrelationRule rule;
        final Map<String, ArrayDeque<Entry>> groups = new LinkedHashMap<>(16, 0.75f, true) {
            private static final long serialVersionUID = 1L;

            @Override
            protected boolean removeEldestEntry(Map.Entry<String, ArrayDeque<Entry>> eldest) {
                if (size() > MAX_GROUPS) {
                    dropped += eldest.getValue().size();
                    return true;
                }
                return false;
            }
        };

        State(CorrelationRule rule) {
            this.rule = rule;
        }
    }

    private final List<State> states = new ArrayList<>();
    /** Reference (id or name of a rule or correlation) → states of the correlations that use it. */
    private final Map<String, List<State>> byReference = new HashMap<>();
    private final Set<String> referenced = new HashSet<>();
    private long dropped;

    CorrelationEngine(List<CorrelationRule> correlations) {
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
    }

    /** True when some correlation uses the rule and does not ask for its own alerts. */
    boolean onlyFeedsCorrelations(String... references) {
        for (String r : references) {
            if (r != null && referenced.contains(r)) {
                return true;
            }
        }
        return false;
    }

    long dropped() {
        return dropped;
    }

    /** A rule (known by these references: id and name) matched; returns the correlation results it completes. */
    List<Match.CorrelationMatch> onMatch(List<String> references, Event event, Instant time) {
        List<Match.CorrelationMatch> out = new ArrayList<>();
        feed(references, event, time, out, 0);
        return out;
    }

    private void feed(List<String> references, Event event, Instant time, List<Match.CorrelationMatch> out,
            int depth) {
        if (depth > MAX_CHAIN) {
            return;
        }
        Set<State> seen = new HashSet<>();
        for (String ref : references) {
            if (ref == null) {
                continue;
            }
            for (State s : byReference.getOrDefault(ref, List.of())) {
                if (!seen.add(s)) {
                    continue;
                }
                int ruleIndex = indexOf(s.rule, references);
                Optional<Match.CorrelationMatch> m = add(s, ruleIndex, references, event, time);
                if (m.isPresent()) {
                    out.add(m.get());
                    // chaining: the result counts as a match of this correlation for correlations that use it
                    ObjectNode synthetic = JsonNodeFactory.instance.objectNode();
                    m.get().groupKey().forEach(synthetic::put);
                    List<String> refs = new ArrayList<>();
                    s.rule.reference().ifPresent(refs::add);
                    if (s.rule.meta().id() != null) {
                        refs.add(s.rule.meta().id());
                    }
                    feed(refs, new Event(synthetic, "correlation:" + s.rule.meta().title(), 0), time, out,
                            depth + 1);
                }
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

    private Optional<Match.CorrelationMatch> add(State s, int ruleIndex, List<String> references, Event event,
            Instant time) {
        CorrelationRule c = s.rule;
        Map<String, String> key = new LinkedHashMap<>();
        for (String g : c.groupBy()) {
            // an alias names the field per rule (by the rule's name or id)
            String field = g;
            Map<String, String> alias = c.aliases().get(g);
            if (alias != null) {
                for (String ref : references) {
                    if (ref != null && alias.containsKey(ref)) {
                        field = alias.get(ref);
                    }
                }
            }
            List<JsonNode> values = event.values(field);
            key.put(g, values.isEmpty() || values.get(0).isNull() ? "" : values.get(0).asText());
        }
        String groupKey = key.toString();
        JsonNode value = c.field().map(f -> {
            List<JsonNode> v = event.values(f);
            return v.isEmpty() ? null : v.get(0);
        }).orElse(null);
        ArrayDeque<Entry> window = s.groups.computeIfAbsent(groupKey, k -> new ArrayDeque<>());
        Instant oldest = time.minus(c.timespan());
        // keep the window in time order even when events arrive slightly out of order
        Entry entry = new Entry(time, ruleIndex, value, event);
        if (window.isEmpty() || !window.peekLast().time().isAfter(time)) {
            window.addLast(entry);
        } else {
            List<Entry> tail = new ArrayList<>();
            while (!window.isEmpty() && window.peekLast().time().isAfter(time)) {
                tail.add(0, window.pollLast());
            }
            window.addLast(entry);
            tail.forEach(window::addLast);
        }
        while (!window.isEmpty() && window.peekFirst().time().isBefore(oldest)) {
            window.pollFirst();
        }
        while (window.size() > MAX_EVENTS_PER_GROUP) {
            window.pollFirst();
            dropped++;
        }
        double aggregated = aggregate(c, window, value);
        if (!c.holds(aggregated)) {
            return Optional.empty();
        }
        List<Event> events = new ArrayList<>();
        for (Iterator<Entry> it = window.descendingIterator(); it.hasNext() && events.size() < MAX_EVENTS_IN_MATCH;) {
            events.add(0, it.next().event());
        }
        boolean alerting = !onlyFeedsCorrelations(c.meta().id(), c.meta().name());
        return Optional.of(new Match.CorrelationMatch(c, key, aggregated, events, time, alerting));
    }

    private static double aggregate(CorrelationRule c, ArrayDeque<Entry> window, JsonNode current) {
        switch (c.type()) {
            case EVENT_COUNT:
                return window.size();
            case VALUE_COUNT: {
                Set<String> distinct = new HashSet<>();
                for (Entry e : window) {
                    if (e.value() != null && !e.value().isNull()) {
                        distinct.add(e.value().asText());
                    }
                }
                return distinct.size();
            }
            case VALUE_SUM:
            case VALUE_AVG: {
                double sum = 0;
                int n = 0;
                for (Entry e : window) {
                    Optional<Double> d = number(e.value());
                    if (d.isPresent()) {
                        sum += d.get();
                        n++;
                    }
                }
                return c.type() == CorrelationRule.Type.VALUE_SUM ? sum : n == 0 ? 0 : sum / n;
            }
            case VALUE_PERCENTILE: {
                // the share (0..100) of the window's events whose value equals this event's: how common it is
                if (current == null) {
                    return 100;
                }
                int same = 0;
                for (Entry e : window) {
                    if (e.value() != null && e.value().asText().equals(current.asText())) {
                        same++;
                    }
                }
                return 100.0 * same / window.size();
            }
            case TEMPORAL: {
                Set<Integer> rules = new HashSet<>();
                for (Entry e : window) {
                    rules.add(e.ruleIndex());
                }
                return rules.size();
            }
            default: {
                // temporal_ordered: how many of the rules were seen in order within the window
                int next = 0;
                for (Entry e : window) {
                    if (e.ruleIndex() == next) {
                        next++;
                        if (next == c.rules().size()) {
                            break;
                        }
                    }
                }
                return next;
            }
        }
    }

    private static Optional<Double> number(JsonNode v) {
        if (v == null) {
            return Optional.empty();
        }
        if (v.isNumber()) {
            return Optional.of(v.asDouble());
        }
        try {
            return Optional.of(Double.parseDouble(v.asText().strip()));
        } catch (NumberFormatException e) {
            return Optional.empty();
        }
    }
}
