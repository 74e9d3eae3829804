package org.atlasops.intel.taxii;

import java.time.Instant;
import java.util.Objects;

/**
 * One version of one STIX object in one collection: its ID, type, version (the object's {@code modified}, else
 * {@code created}, else when it was added), STIX spec version, when the collection received it, and the object's JSON.
 */
public record ObjectVersion(
        String id, String type, Instant version, String specVersion, Instant dateAdded, String json) {
    public ObjectVersion {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(type, "type");
        Objects.requireNonNull(version, "version");
        Objects.requireNonNull(specVersion, "specVersion");
        Objects.requireNonNull(dateAdded, "dateAdded");
        Objects.requireNonNull(json, "json");
        if (!id.startsWith(type + "--")) {
            throw new IllegalArgumentException("STIX ID " + id + " does not start with its type " + type + "--");
        }
    }

    /** The order of every listing: date added, then ID, then version; a total order, so paging never skips a tie. */
    static int compare(ObjectVersion a, ObjectVersion b) {
        int c = a.dateAdded.compareTo(b.dateAdded);
        if (c == 0) {
            c = a.id.compareTo(b.id);
        }
        return c != 0 ? c : a.version.compareTo(b.version);
    }
}
