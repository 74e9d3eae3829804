package org.atlasops.assess.dettect;

import java.time.LocalDate;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * One detection or visibility object of a technique: what it applies to, where the detection lives, and its scores
 * over time.
 */
public record ScoreObject(List<String> applicableTo, List<String> location, String comment, List<ScoreEntry> logbook) {
    public ScoreObject {
        applicableTo = List.copyOf(applicableTo);
        location = List.copyOf(location);
        comment = Objects.requireNonNullElse(comment, "");
        logbook =
                logbook.stream().sorted(Comparator.comparing(ScoreEntry::date)).toList();
    }

    /** The latest score on or before the date. */
    public Optional<ScoreEntry> asOf(LocalDate date) {
        ScoreEntry last = null;
        for (ScoreEntry e : logbook) {
            if (!e.date().isAfter(date)) {
                last = e;
            }
        }
        return Optional.ofNullable(last);
    }

    public Optional<ScoreEntry> latest() {
        return logbook.isEmpty() ? Optional.empty() : Optional.of(logbook.get(logbook.size() - 1));
    }

    public ScoreObject withLogbook(List<ScoreEntry> entries) {
        return new ScoreObject(applicableTo, location, comment, entries);
    }
}
