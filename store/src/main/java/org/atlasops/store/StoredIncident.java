package org.atlasops.store;

import java.time.Instant;
import java.util.Objects;
import org.atlasops.intel.incident.Incident;

/** An incident of the register as stored: its number, revision, who created it and when it last changed. */
public record StoredIncident(
        long id, int revision, Incident incident, String createdBy, Instant createdAt, Instant updatedAt) {
    public StoredIncident {
        Objects.requireNonNull(incident, "incident");
        Objects.requireNonNull(createdBy, "createdBy");
        Objects.requireNonNull(createdAt, "createdAt");
        Objects.requireNonNull(updatedAt, "updatedAt");
    }

    /** {@code INC-12}: how people and the risk index name it. */
    public String label() {
        return "INC-" + id;
    }
}
