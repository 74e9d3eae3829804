package org.atlasops.intel.taxii;

import java.util.Objects;

/** A status resource as kept: its ID, the API root it belongs to, who made the request, and its JSON. */
public record StoredStatus(String id, String apiRoot, String owner, String json) {
    public StoredStatus {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(apiRoot, "apiRoot");
        Objects.requireNonNull(owner, "owner");
        Objects.requireNonNull(json, "json");
    }
}
