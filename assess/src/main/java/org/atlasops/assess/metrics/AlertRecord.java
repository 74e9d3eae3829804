package org.atlasops.assess.metrics;

import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import org.atlasops.kb.AtlasId;

/** One alert: when, which techniques, and the incident it became, if any. */
public record AlertRecord(String id, Instant time, String system, List<AtlasId> techniques, Optional<String> incident) {
    public AlertRecord {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(time, "time");
        system = Objects.requireNonNullElse(system, "");
        techniques = List.copyOf(techniques);
        Objects.requireNonNull(incident, "incident");
    }
}
