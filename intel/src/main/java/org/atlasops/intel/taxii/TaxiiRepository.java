package org.atlasops.intel.taxii;

import java.time.Instant;
import java.util.List;
import java.util.Optional;

/** Where team collections, their objects with every version, and status resources are kept (the store). */
public interface TaxiiRepository {
    List<TeamCollection> collections();

    Optional<TeamCollection> collection(String id);

    /** Keeps a new collection and writes an audit entry for it, in one transaction. */
    void create(TeamCollection collection, String actor);

    /** Every version of every object in the collection. */
    List<ObjectVersion> versions(String collectionId);

    /**
     * Adds the versions the collection does not hold yet (by ID and version), in one transaction.
     *
     * @return for each version given, true when it was added, false when the collection held it already
     */
    List<Boolean> add(String collectionId, List<ObjectVersion> versions);

    /** Removes these versions of one object and writes the audit entry, in one transaction; the number removed. */
    int delete(String collectionId, String objectId, List<Instant> versions, String actor);

    void saveStatus(StoredStatus status);

    Optional<StoredStatus> status(String id);
}
