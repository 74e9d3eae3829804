package org.atlasops.detect.sigma;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.atlasops.detect.event.Event;
import org.atlasops.detect.sigma.correlation.CorrelationEngine;
import org.atlasops.detect.sigma.correlation.CorrelationRule;

/** What the engine found: one rule on one event, or a correlation over several events. */
public sealed interface Match permits Match.RuleMatch, Match.CorrelationMatch {
    Instant time();

    /**
     * A detection rule matched an event.
     *
     * @param alerting false when the rule only feeds a correlation (the correlation does not ask to generate it)
     */
    record RuleMatch(SigmaRule rule, Event event, List<String> matchedFields, Instant time, boolean alerting)
            implements Match {
        public RuleMatch {
            matchedFields = List.copyOf(matchedFields);
        }
    }

    /**
     * A correlation's condition held at {@code time} for one group.
     *
     * @param value the aggregated value the condition was checked on (count, distinct values, sum, …)
     * @param events the contributing events in the window, oldest first (at most {@link CorrelationEngine#MAX_EVENTS_IN_MATCH})
     */
    record CorrelationMatch(
            CorrelationRule rule,
            Map<String, String> groupKey,
            double value,
            List<Event> events,
            Instant time,
            boolean alerting)
            implements Match {
        public CorrelationMatch {
            groupKey = Map.copyOf(groupKey);
            // not copied: the engine hands over a list that makes its events when read
            events = java.util.Collections.unmodifiableList(events);
        }
    }
}
