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
import org.atlasops.detect.event.FieldPath;

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
        String text() {
            return value == null || value.isNull() ? null : value.asText();
        }
    }

    /** One group's window with its aggregates kept up to date on every add and eviction. */
    private static final com.fasterxml.jackson.databind.ObjectMapper JSON =
            new com.fasterxml.jackson.databind.ObjectMapper();

    private static final class Window {
        final ArrayDeque<Entry> entries = new ArrayDeque<>();
        final Map<String, Integer> valueCounts = new HashMap<>();
        final int[] ruleCounts;
        final boolean countValues;
        final boolean sumValues;
        double sum;
        int numbers;

        Window(CorrelationRule.Type type, int rules) {
            ruleCounts = new int[Math.max(1, rules)];
            countValues = type == CorrelationRule.Type.VALUE_COUNT || type == CorrelationRule.Type.VALUE_PERCENTILE;
            sumValues = type == CorrelationRule.Type.VALUE_SUM || type == CorrelationRule.Type.VALUE_AVG;
        }

        /** The entries as JSON: time, rule index, value, and where the event came from (not the event itself). */
        String serialize() {
            com.fasterxml.jackson.databind.node.ArrayNode a = JsonNodeFactory.instance.arrayNode();
            for (Entry e : entries) {
                ObjectNode n = a.addObject().put("t", e.time().toEpochMilli()).put("r", e.ruleIndex())
                        .put("s", e.event().source()).put("l", e.event().line());
                if (e.value() != null) {
                    n.set("v", e.value());
                }
            }
            return a.toString();
        }

        static Window deserialize(String text, CorrelationRule.Type type, int rules) {
            Window w = new Window(type, rules);
            try {
                for (JsonNode n : JSON.readTree(text)) {
                    Instant t = Instant.ofEpochMilli(n.path("t").asLong());
                    ObjectNode stub = JsonNodeFactory.instance.objectNode().put("@timestamp", t.toString());
                    Entry e = new Entry(t, n.path("r").asInt(), n.get("v"), new Event(stub, n.path("s").asText(""),
                            n.path("l").asLong()));
                    w.entries.addLast(e);
                    w.added(e);
                }
            } catch (java.io.IOException e) {
                // an unreadable window starts empty again; state is rebuilt as events arrive
            }
            return w;
        }

        void added(Entry e) {
            account(e, 1);
        }

        void removed(Entry e) {
            account(e, -1);
        }

        private void account(Entry e, int sign) {
            if (countValues) {
                String t = e.text();
                if (t != null) {
                    valueCounts.merge(t, sign, (a, b) -> a + b == 0 ? null : a + b);
                }
            }
            if (sumValues) {
                EventTest.OptionalNumber d = EventTest.OptionalNumber.of(e.value());
                if (d.present) {
                    sum += sign * d.value;
                    numbers += sign;
                }
            }
            if (e.ruleIndex() >= 0 && e.ruleIndex() < ruleCounts.length) {
                ruleCounts[e.ruleIndex()] += sign;
            }
        }
    }

    private final class State {
        final CorrelationRule rule;
        /** Group-by fields as read from each contributing rule's events (aliases applied), by its references. */
        final Map<List<String>, FieldPath[]> groupFields = new HashMap<>();
        final FieldPath valueField;
        final Map<String, Window> groups = new LinkedHashMap<>(16, 0.75f, true) {
            private static final long serialVersionUID = 1L;

            @Override
            protected boolean removeEldestEntry(Map.Entry<String, Window> eldest) {
                if (size() > MAX_GROUPS) {
                    dropped += eldest.getValue().entries.size();
                    return true;
                }
                return false;
            }
        };

        State(CorrelationRule rule) {
            this.rule = rule;
            this.valueField = rule.field().map(FieldPath::of).orElse(null);
        }

        String storeKey(String groupKey) {
            return rule.reference().orElse(rule.meta().title()) + "\u0000" + groupKey;
        }

        Window load(String groupKey) {
            if (external == null) {
                return groups.computeIfAbsent(groupKey, k -> new Window(rule.type(), rule.rules().size()));
            }
            return external.get(storeKey(groupKey)).map(t -> Window.deserialize(t, rule.type(), rule.rules().size()))
                    .orElseGet(() -> new Window(rule.type(), rule.rules().size()));
        }

        void save(String groupKey, Window w) {
            if (external != null) {
                if (w.entries.isEmpty()) {
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
    private long dropped;

    /** Windows kept outside the process (a Kafka Streams store), or null for in-memory windows. */
    private final CorrelationState external;

    CorrelationEngine(List<CorrelationRule> correlations, CorrelationState external) {
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
        List<State> seen = null;
        for (String ref : references) {
            if (ref == null) {
                continue;
            }
            for (State s : byReference.getOrDefault(ref, List.of())) {
                if (seen == null) {
                    seen = new ArrayList<>(2);
                } else if (seen.contains(s)) {
                    continue;
                }
                seen.add(s);
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
        FieldPath[] paths = s.groupFields(references);
        String[] parts = new String[paths.length];
        StringBuilder groupKey = new StringBuilder();
        for (int i = 0; i < paths.length; i++) {
            List<JsonNode> values = event.values(paths[i]);
            parts[i] = values.isEmpty() || values.get(0).isNull() ? "" : values.get(0).asText();
            groupKey.append(parts[i].length()).append(':').append(parts[i]);
        }
        JsonNode value = null;
        if (s.valueField != null) {
            List<JsonNode> v = event.values(s.valueField);
            value = v.isEmpty() ? null : v.get(0);
        }
        Window w = s.load(groupKey.toString());
        ArrayDeque<Entry> window = w.entries;
        Instant oldest = time.minus(c.timespan());
        // keep the window in time order even when events arrive slightly out of order
        Entry entry = new Entry(time, ruleIndex, value, event);
        if (window.isEmpty() || !window.peekLast().time().isAfter(time)) {
            window.addLast(entry);
        } else {
            ArrayDeque<Entry> later = new ArrayDeque<>();
            while (!window.isEmpty() && window.peekLast().time().isAfter(time)) {
                later.addFirst(window.pollLast());
            }
            window.addLast(entry);
            window.addAll(later);
        }
        w.added(entry);
        while (!window.isEmpty() && window.peekFirst().time().isBefore(oldest)) {
            w.removed(window.pollFirst());
        }
        while (window.size() > MAX_EVENTS_PER_GROUP) {
            w.removed(window.pollFirst());
            dropped++;
        }
        s.save(groupKey.toString(), w);
        double aggregated = aggregate(c, w, value);
        if (!c.holds(aggregated)) {
            return Optional.empty();
        }
        List<Event> events = new ArrayList<>(Math.min(window.size(), MAX_EVENTS_IN_MATCH));
        for (Iterator<Entry> it = window.descendingIterator(); it.hasNext() && events.size() < MAX_EVENTS_IN_MATCH;) {
            events.add(it.next().event());
        }
        java.util.Collections.reverse(events);
        Map<String, String> key = new LinkedHashMap<>();
        for (int i = 0; i < parts.length; i++) {
            key.put(c.groupBy().get(i), parts[i]);
        }
        boolean alerting = !onlyFeedsCorrelations(c.meta().id(), c.meta().name());
        return Optional.of(new Match.CorrelationMatch(c, key, aggregated, events, time, alerting));
    }

    private static double aggregate(CorrelationRule c, Window w, JsonNode current) {
        switch (c.type()) {
            case EVENT_COUNT:
                return w.entries.size();
            case VALUE_COUNT:
                return w.valueCounts.size();
            case VALUE_SUM:
                return w.sum;
            case VALUE_AVG:
                return w.numbers == 0 ? 0 : w.sum / w.numbers;
            case VALUE_PERCENTILE:
                // the share (0..100) of the window's events whose value equals this event's: how common it is
                if (current == null || current.isNull()) {
                    return 100;
                }
                return 100.0 * w.valueCounts.getOrDefault(current.asText(), 0) / w.entries.size();
            case TEMPORAL: {
                int distinct = 0;
                for (int n : w.ruleCounts) {
                    if (n > 0) {
                        distinct++;
                    }
                }
                return distinct;
            }
            default: {
                // temporal_ordered: how many of the rules were seen in order within the window
                int next = 0;
                for (Entry e : w.entries) {
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
}
