package org.atlasops.detect.sigma;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import org.atlasops.detect.event.Event;

/**
 * Runs a {@link RuleSet} over events: every rule on every event, correlations fed with the rule matches (and with
 * each other's results, for chains). Not thread-safe: one detector per stream of events.
 */
public final class Detector {
    private final RuleSet rules;
    private final CorrelationEngine correlations;
    private final Optional<String> timeField;

    /** @param timeField the event field holding its time; empty: the usual ones ({@link Event#TIME_FIELDS}) */
    public Detector(RuleSet rules, Optional<String> timeField) {
        this.rules = Objects.requireNonNull(rules, "rules");
        this.correlations = new CorrelationEngine(rules.correlations());
        this.timeField = timeField;
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
        List<Match> out = new ArrayList<>(2);
        for (SigmaRule r : rules.rules()) {
            if (!r.matches(e)) {
                continue;
            }
            boolean alerting = !correlations.onlyFeedsCorrelations(r.meta().id(), r.meta().name());
            out.add(new Match.RuleMatch(r, e, r.matchedFields(e), time, alerting));
            List<String> refs = new ArrayList<>(3);
            if (r.meta().id() != null) {
                refs.add(r.meta().id());
            }
            if (r.meta().name() != null) {
                refs.add(r.meta().name());
            }
            out.addAll(correlations.onMatch(refs, e, time));
        }
        return out;
    }
}
