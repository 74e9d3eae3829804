package org.atlasops.assess.metrics;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import org.atlasops.kb.AtlasId;

/**
 * One incident's timeline: when the attack's earliest evidence is dated, when it was detected (the first alert or
 * report), and when the response contained it.
 */
public record IncidentTimeline(
        String id,
        String system,
        List<AtlasId> techniques,
        Instant started,
        Optional<Instant> detected,
        Optional<Instant> responded,
        int line) {
    public IncidentTimeline {
        Objects.requireNonNull(id, "id");
        system = Objects.requireNonNullElse(system, "");
        techniques = List.copyOf(techniques);
        Objects.requireNonNull(started, "started");
        Objects.requireNonNull(detected, "detected");
        Objects.requireNonNull(responded, "responded");
    }

    public Optional<Duration> timeToDetect() {
        return detected.map(d -> Duration.between(started, d));
    }

    public Optional<Duration> timeToRespond() {
        return detected.flatMap(d -> responded.map(r -> Duration.between(d, r)));
    }
}
