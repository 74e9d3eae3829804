package org.atlasops.assess.dettect;

import java.time.LocalDate;
import java.util.List;
import java.util.Objects;
import java.util.OptionalInt;
import org.atlasops.kb.AtlasId;

/** One technique of a techniques administration file. */
public record TechniqueScores(
        AtlasId id, String name, List<ScoreObject> detection, List<ScoreObject> visibility, int line) {
    public TechniqueScores {
        Objects.requireNonNull(id, "id");
        name = Objects.requireNonNullElse(name, "");
        detection = List.copyOf(detection);
        visibility = List.copyOf(visibility);
    }

    /** DeTT&CT's aggregate: the average of each object's latest score on or before the date, rounded. */
    public OptionalInt detectionAsOf(LocalDate date) {
        return average(detection, date);
    }

    public OptionalInt visibilityAsOf(LocalDate date) {
        return average(visibility, date);
    }

    private static OptionalInt average(List<ScoreObject> objects, LocalDate date) {
        int[] scores = objects.stream()
                .map(o -> o.asOf(date))
                .flatMap(java.util.Optional::stream)
                .mapToInt(ScoreEntry::score)
                .toArray();
        if (scores.length == 0) {
            return OptionalInt.empty();
        }
        return OptionalInt.of(
                (int) Math.round(java.util.Arrays.stream(scores).average().orElse(0)));
    }

    public TechniqueScores withId(AtlasId newId, String newName) {
        return new TechniqueScores(newId, newName, detection, visibility, line);
    }
}
