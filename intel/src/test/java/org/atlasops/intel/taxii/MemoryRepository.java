package org.atlasops.intel.taxii;

import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** A repository in memory, for the service's tests; records deletions as the store's audit log would. */
final class MemoryRepository implements TaxiiRepository {
    final Map<String, TeamCollection> collections = new LinkedHashMap<>();
    final Map<String, List<ObjectVersion>> objects = new LinkedHashMap<>();
    final Map<String, StoredStatus> statuses = new LinkedHashMap<>();
    final List<String> audit = new ArrayList<>();

    @Override
    public List<TeamCollection> collections() {
        return List.copyOf(collections.values());
    }

    @Override
    public Optional<TeamCollection> collection(String id) {
        return Optional.ofNullable(collections.get(id));
    }

    @Override
    public void create(TeamCollection collection, String actor) {
        collections.put(collection.id(), collection);
        audit.add(actor + " created " + collection.id());
    }

    @Override
    public List<ObjectVersion> versions(String collectionId) {
        return List.copyOf(objects.getOrDefault(collectionId, List.of()));
    }

    @Override
    public List<Boolean> add(String collectionId, List<ObjectVersion> versions) {
        List<ObjectVersion> held = objects.computeIfAbsent(collectionId, k -> new ArrayList<>());
        List<Boolean> out = new ArrayList<>();
        for (ObjectVersion v : versions) {
            boolean fresh = held.stream()
                    .noneMatch(h -> h.id().equals(v.id()) && h.version().equals(v.version()));
            if (fresh) {
                held.add(v);
            }
            out.add(fresh);
        }
        return out;
    }

    @Override
    public int delete(String collectionId, String objectId, List<Instant> versions, String actor) {
        List<ObjectVersion> held = objects.getOrDefault(collectionId, new ArrayList<>());
        int before = held.size();
        held.removeIf(v -> v.id().equals(objectId) && versions.contains(v.version()));
        audit.add(actor + " deleted " + objectId);
        return before - held.size();
    }

    @Override
    public void saveStatus(StoredStatus status) {
        statuses.put(status.id(), status);
    }

    @Override
    public Optional<StoredStatus> status(String id) {
        return Optional.ofNullable(statuses.get(id));
    }
}
