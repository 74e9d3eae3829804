package org.atlasops.detect.sigma;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import org.atlasops.detect.event.Event;

/**
 * Runs a {@link RuleSet} over events: every rule that could match the event (its logsource conditions hold and the
 * event has a field it needs), correlations fed with the rule matches (and with each other's results, for chains).
 * Not thread-safe: one detector per stream of events.
 */
public final class Detector {
    private final RuleSet rules;
    private final CorrelationEngine correlations;
    private final Optional<String> timeField;
    /** Rules grouped by their logsource conditions, so each condition is checked once per event. */
    private final Group[] groups;

    /**
     * Rules that share logsource conditions, indexed by the top-level event keys they need: an event is only
     * checked against the rules that could match given its keys, plus those without such a bound.
     */
    private static final class Group {
        final List<EventTest> conditions;
        final List<SigmaRule> rules;
        final List<CorrelationEngine.Feed> feeds;
        final boolean[] alerting;
        /** Per rule: what an event needs for it to be able to match, or null. */
        final Prerequisite[] prerequisites;
        /** Rules that need none of the event's keys to be present, and the rules needing each key, as bit sets. */
        final long[] unbounded;
        final Map<String, long[]> byKey;
        /** The same, as arrays: the keys, and the rules needing each. */
        final String[] keys;
        final long[][] keyRules;
        /** Candidates of the current event, as a bit set over rule indices. */
        final long[] marks;

        Group(List<EventTest> conditions, List<SigmaRule> rules, List<CorrelationEngine.Feed> feeds,
                boolean[] alerting) {
            this.conditions = conditions;
            this.rules = rules;
            this.feeds = feeds;
            this.alerting = alerting;
            this.prerequisites = rules.stream().map(SigmaRule::prerequisite).toArray(Prerequisite[]::new);
            int words = (rules.size() + 63) / 64;
            this.unbounded = new long[words];
            this.byKey = new java.util.HashMap<>();
            for (int i = 0; i < rules.size(); i++) {
                java.util.Set<String> keys = prerequisites[i] == null ? null : prerequisites[i].keys();
                if (keys == null) {
                    unbounded[i >>> 6] |= 1L << i;
                } else {
                    for (String k : keys) {
                        byKey.computeIfAbsent(k.intern(), x -> new long[words])[i >>> 6] |= 1L << i;
                    }
                }
            }
            this.marks = new long[words];
            this.keys = byKey.keySet().toArray(String[]::new);
            this.keyRules = byKey.values().toArray(long[][]::new);
        }

        /** Marks the rules worth evaluating on this event in {@link #marks}. */
        void candidates(Event e) {
            System.arraycopy(unbounded, 0, marks, 0, marks.length);
            com.fasterxml.jackson.databind.node.ObjectNode json = e.json();
            if (keys.length <= json.size()) {
                // fewer keys than the event has: each looked up in the event (and no iterator made)
                for (int k = 0; k < keys.length; k++) {
                    if (json.get(keys[k]) != null) {
                        mark(keyRules[k]);
                    }
                }
                return;
            }
            for (java.util.Iterator<String> it = json.fieldNames(); it.hasNext();) {
                long[] rs = byKey.get(it.next());
                if (rs != null) {
                    mark(rs);
                }
            }
        }

        private void mark(long[] rules) {
            for (int w = 0; w < rules.length; w++) {
                marks[w] |= rules[w];
            }
        }
    }

    /** @param timeField the event field holding its time; empty: the usual ones ({@link Event#TIME_FIELDS}) */
    public Detector(RuleSet rules, Optional<String> timeField) {
        this(rules, timeField, null);
    }

    /**
     * A detector whose correlation windows live in {@code state} (serialized, one entry per correlation and group),
     * so they survive restarts and move with partitions; null keeps them in memory.
     */
    public Detector(RuleSet rules, Optional<String> timeField, CorrelationState state) {
        this.rules = Objects.requireNonNull(rules, "rules");
        this.correlations = new CorrelationEngine(rules.correlations(), state);
        this.timeField = timeField;
        java.util.Map<List<EventTest>, List<SigmaRule>> byConditions = new java.util.LinkedHashMap<>();
        for (SigmaRule r : rules.rules()) {
            byConditions.computeIfAbsent(r.logsourceConditions(), k -> new ArrayList<>()).add(r);
        }
        List<Group> g = new ArrayList<>();
        byConditions.forEach((conditions, members) -> {
            List<CorrelationEngine.Feed> feeds = new ArrayList<>();
            boolean[] alert = new boolean[members.size()];
            for (int i = 0; i < members.size(); i++) {
                SigmaRule r = members.get(i);
                List<String> ids = new ArrayList<>(2);
                if (r.meta().id() != null) {
                    ids.add(r.meta().id());
                }
                if (r.meta().name() != null) {
                    ids.add(r.meta().name());
                }
                feeds.add(correlations.feed(ids));
                alert[i] = !correlations.onlyFeedsCorrelations(r.meta().id(), r.meta().name());
            }
            g.add(new Group(conditions, members, feeds, alert));
        });
        this.groups = g.toArray(Group[]::new);
    }

    public Detector(RuleSet rules) {
        this(rules, Optional.empty());
    }

    public RuleSet rules() {
        return rules;
    }

    /** Correlation entries dropped to keep state bounded. */
    public long droppedCorrelationState() {
        return correlations.dropped();
    }

    /** The event time: its time field, else {@code fallback} (arrival time). */
    public Instant timeOf(Event e, Instant fallback) {
        return (timeField.isPresent() ? e.time(timeField.get()) : e.time()).orElse(fallback);
    }

    /** Evaluates one event, taking its time from the event (or now). */
    public List<Match> process(Event e) {
        return process(e, timeOf(e, Instant.now()));
    }

    /** Evaluates one event at a given time. */
    public List<Match> process(Event e, Instant time) {
        List<Match> out = null;
        for (Group g : groups) { // an array: no iterator per event
            if (!holds(g.conditions, e)) {
                continue;
            }
            g.candidates(e);
            long[] marks = g.marks;
            for (int w = 0; w < marks.length; w++) {
                for (long bits = marks[w]; bits != 0; bits &= bits - 1) {
                    out = evaluate(g, (w << 6) + Long.numberOfTrailingZeros(bits), e, time, out);
                }
            }
        }
        return out == null ? List.of() : out;
    }

    /** One candidate rule on the event: its match, and what its match completes in correlations, added to out. */
    private List<Match> evaluate(Group g, int i, Event e, Instant time, List<Match> out) {
        SigmaRule r = g.rules.get(i);
        Prerequisite needs = g.prerequisites[i];
        if (needs != null && !needs.holds(e) || !r.matchesDetection(e)) {
            return out;
        }
        if (out == null) {
            out = new ArrayList<>(4);
        }
        boolean alert = g.alerting[i];
        // matched fields are only worth computing for a rule that alerts on its own
        out.add(new Match.RuleMatch(r, e, alert ? r.matchedFields(e) : List.of(), time, alert));
        CorrelationEngine.Feed feed = g.feeds.get(i);
        if (!feed.isEmpty()) {
            List<Match.CorrelationMatch> completed = correlations.onMatch(feed, e, time);
            if (!completed.isEmpty()) {
                out.addAll(completed);
            }
        }
        return out;
    }

    private static boolean holds(List<EventTest> conditions, Event e) {
        for (int i = 0, n = conditions.size(); i < n; i++) {
            if (!conditions.get(i).test(e)) {
                return false;
            }
        }
        return true;
    }
}
