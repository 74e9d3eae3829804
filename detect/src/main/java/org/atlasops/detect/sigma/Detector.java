package org.atlasops.detect.sigma;

import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import org.atlasops.detect.event.Event;
import org.atlasops.detect.sigma.accel.CandidateIndex;
import org.atlasops.detect.sigma.accel.EvaluationContext;
import org.atlasops.detect.sigma.accel.LiteralAutomaton;
import org.atlasops.detect.sigma.accel.Prerequisite;
import org.atlasops.detect.sigma.accel.ShortTextMemo;
import org.atlasops.detect.sigma.correlation.CorrelationEngine;
import org.atlasops.detect.sigma.correlation.CorrelationState;
import org.atlasops.detect.sigma.match.EventPredicate;

/**
 * Runs a {@link RuleSet} over events: every rule that could match the event (its logsource conditions hold and the
 * event has what it needs), correlations fed with the rule matches (and with each other's results, for chains).
 * For each event it makes an {@link EvaluationContext} that holds what is worked out once for all rules (field
 * values, literals found); across events it keeps only the regex memos and the correlation windows. Not
 * thread-safe: one detector per stream of events.
 */
public final class Detector {
    private final RuleSet rules;
    private final CorrelationEngine correlations;
    private final Optional<String> timeField;
    /** The automaton the rules were compiled with, and the memo of each of its regexes (made on first use). */
    private final LiteralAutomaton automaton;

    private final ShortTextMemo[] regexMemos;
    /** Rules grouped by their logsource conditions, so each condition is checked once per event. */
    private final Group[] groups;

    /** Rules that share logsource conditions, indexed by the literals or top-level event keys they need. */
    private static final class Group {
        final List<EventPredicate> conditions;
        final List<SigmaRule> rules;
        final List<CorrelationEngine.Feed> feeds;
        final boolean[] alerting;
        /** Per rule: what an event needs for it to be able to match, or null. */
        final Prerequisite[] prerequisites;

        final CandidateIndex index;
        /** Candidates of the current event, as a bit set over rule indices. */
        final long[] marks;

        Group(
                List<EventPredicate> conditions,
                List<SigmaRule> rules,
                List<CorrelationEngine.Feed> feeds,
                boolean[] alerting,
                LiteralAutomaton automaton) {
            this.conditions = conditions;
            this.rules = rules;
            this.feeds = feeds;
            this.alerting = alerting;
            this.prerequisites =
                    rules.stream().map(r -> r.prerequisite().orElse(null)).toArray(Prerequisite[]::new);
            this.index = new CandidateIndex(
                    prerequisites,
                    rules.stream().map(SigmaRule::automaton).toArray(LiteralAutomaton[]::new),
                    automaton);
            this.marks = new long[index.words()];
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
        this.automaton = rules.rules().isEmpty()
                ? LiteralAutomaton.EMPTY
                : rules.rules().get(0).automaton();
        this.regexMemos = new ShortTextMemo[automaton.memoSlots()];
        Map<List<EventPredicate>, List<SigmaRule>> byConditions = new LinkedHashMap<>();
        for (SigmaRule r : rules.rules()) {
            byConditions
                    .computeIfAbsent(r.logsourceConditions(), k -> new ArrayList<>())
                    .add(r);
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
                alert[i] = !correlations.onlyFeedsCorrelations(
                        r.meta().id(), r.meta().name());
            }
            g.add(new Group(conditions, members, feeds, alert, automaton));
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
        EvaluationContext context = new EvaluationContext(e, automaton, regexMemos);
        List<Match> out = null;
        for (Group g : groups) { // an array: no iterator per event
            if (!holds(g.conditions, context)) {
                continue;
            }
            g.index.candidates(context, g.marks);
            long[] marks = g.marks;
            for (int w = 0; w < marks.length; w++) {
                for (long bits = marks[w]; bits != 0; bits &= bits - 1) {
                    out = evaluate(g, (w << 6) + Long.numberOfTrailingZeros(bits), context, time, out);
                }
            }
        }
        return out == null ? List.of() : out;
    }

    /** One candidate rule on the event: its match, and what its match completes in correlations, added to out. */
    private List<Match> evaluate(Group g, int i, EvaluationContext context, Instant time, List<Match> out) {
        SigmaRule r = g.rules.get(i);
        // a rule set put together from several loaders: a rule's literal ids are its own automaton's
        EvaluationContext c =
                r.automaton() == automaton ? context : new EvaluationContext(context.event(), r.automaton(), null);
        Prerequisite needs = g.prerequisites[i];
        if (needs != null && !needs.holds(c) || !r.matchesDetection(c)) {
            return out;
        }
        if (out == null) {
            out = new ArrayList<>(4);
        }
        boolean alert = g.alerting[i];
        // matched fields are only worth computing for a rule that alerts on its own
        out.add(new Match.RuleMatch(r, c.event(), alert ? r.matchedFields(c) : List.of(), time, alert));
        CorrelationEngine.Feed feed = g.feeds.get(i);
        if (!feed.isEmpty()) {
            List<Match.CorrelationMatch> completed = correlations.onMatch(feed, c, time);
            if (!completed.isEmpty()) {
                out.addAll(completed);
            }
        }
        return out;
    }

    private static boolean holds(List<EventPredicate> conditions, EvaluationContext e) {
        for (int i = 0, n = conditions.size(); i < n; i++) {
            if (!conditions.get(i).test(e)) {
                return false;
            }
        }
        return true;
    }
}
