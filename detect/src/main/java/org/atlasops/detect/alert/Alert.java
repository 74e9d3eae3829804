package org.atlasops.detect.alert;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import org.atlasops.kb.AtlasId;

/**
 * One alert.
 *
 * @param kind "rule" for a detection rule on one event, "correlation" for a correlation over several
 * @param techniques ATLAS techniques from the rule's tags, with their names in {@code atlasRelease}
 * @param tactics ATLAS tactics: the rule's tactic tags, else every tactic of its techniques
 * @param matchedFields the fields of the search identifiers that held, with the event's values
 * @param sources file and 1-based line of every contributing event
 * @param eventTimes the contributing events' times
 * @param groupKey for a correlation: the group-by values
 * @param aggregatedValue for a correlation: the count, sum, … its condition held on
 * @param id a stable id: the same input gives the same id, so a repeat is recognisable (see {@link AlertIds})
 * @param entities who and what the alert is about, from its event(s)
 * @param reasons for an alert grouped from the alerts of one event ({@code kind} "event"): each of them
 * @param repeats for a summary of repeats ({@code kind} "summary"): how many, over which window
 */
public record Alert(
        String kind,
        String ruleId,
        String ruleTitle,
        String level,
        List<Named> techniques,
        List<Named> tactics,
        String atlasRelease,
        List<String> tags,
        Map<String, String> matchedFields,
        List<Source> sources,
        List<Instant> eventTimes,
        Instant time,
        Map<String, String> groupKey,
        Optional<Double> aggregatedValue,
        String ruleFile,
        String id,
        Entities entities,
        List<Reason> reasons,
        Optional<Repeats> repeats) {

    /** An ATLAS ID with its name (empty when the release does not have it). */
    public record Named(AtlasId id, String name) {
        public Named {
            Objects.requireNonNull(id, "id");
            Objects.requireNonNull(name, "name");
        }
    }

    /** Where an event came from. */
    public record Source(String file, long line) {}

    /** One of the alerts an event-grouped alert stands for. */
    public record Reason(
            String id,
            String kind,
            String ruleId,
            String ruleTitle,
            String level,
            List<Named> techniques,
            Map<String, String> matchedFields) {
        public Reason {
            Objects.requireNonNull(id, "id");
            Objects.requireNonNull(kind, "kind");
            Objects.requireNonNull(ruleTitle, "ruleTitle");
            Objects.requireNonNull(level, "level");
            techniques = List.copyOf(techniques);
            matchedFields = Map.copyOf(matchedFields);
        }
    }

    /**
     * The repeats a summary alert counts.
     *
     * @param count alerts held back in the window
     * @param windowStart the time of the alert that passed and opened the window
     * @param windowEnd {@code windowStart} plus the window
     * @param firstAlertId the id of the alert that passed
     * @param actor the entity the repeats were counted for ({@code user=alice}; empty: the rule alone)
     */
    public record Repeats(long count, Instant windowStart, Instant windowEnd, String firstAlertId, String actor) {
        public Repeats {
            Objects.requireNonNull(windowStart, "windowStart");
            Objects.requireNonNull(windowEnd, "windowEnd");
            Objects.requireNonNull(firstAlertId, "firstAlertId");
            Objects.requireNonNull(actor, "actor");
        }
    }

    public Alert {
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(ruleTitle, "ruleTitle");
        techniques = List.copyOf(techniques);
        tactics = List.copyOf(tactics);
        tags = List.copyOf(tags);
        matchedFields = Map.copyOf(matchedFields);
        sources = List.copyOf(sources);
        eventTimes = List.copyOf(eventTimes);
        groupKey = Map.copyOf(groupKey);
        Objects.requireNonNull(aggregatedValue, "aggregatedValue");
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(entities, "entities");
        reasons = List.copyOf(reasons);
        Objects.requireNonNull(repeats, "repeats");
    }

    /** The alert as one reason of an event-grouped alert. */
    public Reason asReason() {
        return new Reason(id, kind, ruleId, ruleTitle, level, techniques, matchedFields);
    }
}
