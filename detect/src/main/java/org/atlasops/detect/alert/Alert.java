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
        String ruleFile) {

    /** An ATLAS ID with its name (empty when the release does not have it). */
    public record Named(AtlasId id, String name) {
        public Named {
            Objects.requireNonNull(id, "id");
            Objects.requireNonNull(name, "name");
        }
    }

    /** Where an event came from. */
    public record Source(String file, long line) {}

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
    }
}
