package org.atlasops.store;

import java.sql.Connection;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import org.atlasops.intel.taxii.ObjectVersion;
import org.atlasops.intel.taxii.StoredStatus;
import org.atlasops.intel.taxii.TaxiiRepository;
import org.atlasops.intel.taxii.TeamCollection;

/**
 * The team's TAXII collections, their grants, every version of their objects and the status resources. A deletion and
 * its audit entry are written in one transaction, as is the making of a collection.
 */
public final class TaxiiStore implements TaxiiRepository {
    private final Jdbc jdbc;
    private final Clock clock;

    TaxiiStore(Jdbc jdbc, Clock clock) {
        this.jdbc = jdbc;
        this.clock = clock;
    }

    @Override
    public List<TeamCollection> collections() {
        return jdbc.transaction(c -> {
            Map<String, Set<String>[]> grants = grants(c);
            return Jdbc.list(
                    c,
                    rs -> collection(rs, grants),
                    "SELECT id, title, description, alias FROM taxii_collections ORDER BY created_at, id");
        });
    }

    @Override
    public Optional<TeamCollection> collection(String id) {
        return collections().stream().filter(t -> t.id().equals(id)).findFirst();
    }

    @Override
    public void create(TeamCollection t, String actor) {
        jdbc.transaction(c -> {
            Jdbc.update(
                    c,
                    "INSERT INTO taxii_collections (id, title, description, alias, created_by, created_at) "
                            + "VALUES (?, ?, ?, ?, ?, ?)",
                    t.id(),
                    t.title(),
                    t.description(),
                    t.alias().orElse(null),
                    actor,
                    clock.instant());
            for (String g : t.readers()) {
                Jdbc.update(c, "INSERT INTO taxii_permissions VALUES (?, ?, 'read')", t.id(), g);
            }
            for (String g : t.writers()) {
                Jdbc.update(c, "INSERT INTO taxii_permissions VALUES (?, ?, 'write')", t.id(), g);
            }
            new AuditLog(Jdbc.joining(c), clock)
                    .record(
                            actor,
                            "taxii.collection.create",
                            "taxii collection " + t.id(),
                            t.title() + "; read: " + String.join(", ", new java.util.TreeSet<>(t.readers()))
                                    + "; write: " + String.join(", ", new java.util.TreeSet<>(t.writers())));
            return null;
        });
    }

    @Override
    public List<ObjectVersion> versions(String collectionId) {
        return jdbc.transaction(c -> Jdbc.list(
                c,
                rs -> new ObjectVersion(
                        rs.getString("object_id"),
                        rs.getString("object_type"),
                        Jdbc.instant(rs, "version"),
                        rs.getString("spec_version"),
                        Jdbc.instant(rs, "date_added"),
                        rs.getString("content")),
                "SELECT object_id, object_type, version, spec_version, date_added, content FROM taxii_objects "
                        + "WHERE collection_id = ? ORDER BY date_added, object_id, version",
                collectionId));
    }

    @Override
    public List<Boolean> add(String collectionId, List<ObjectVersion> versions) {
        return jdbc.transaction(c -> {
            List<Boolean> out = new ArrayList<>();
            Set<String> seen = new HashSet<>();
            for (ObjectVersion v : versions) {
                boolean held = !seen.add(v.id() + "@" + v.version())
                        || Jdbc.one(
                                        c,
                                        rs -> rs.getInt(1),
                                        "SELECT 1 FROM taxii_objects WHERE collection_id = ? AND object_id = ? AND "
                                                + "version = ?",
                                        collectionId,
                                        v.id(),
                                        v.version())
                                .isPresent();
                if (!held) {
                    Jdbc.update(
                            c,
                            "INSERT INTO taxii_objects (collection_id, object_id, version, object_type, spec_version, "
                                    + "date_added, content) VALUES (?, ?, ?, ?, ?, ?, ?)",
                            collectionId,
                            v.id(),
                            v.version(),
                            v.type(),
                            v.specVersion(),
                            v.dateAdded(),
                            v.json());
                }
                out.add(!held);
            }
            return out;
        });
    }

    @Override
    public int delete(String collectionId, String objectId, List<Instant> versions, String actor) {
        return jdbc.transaction(c -> {
            int n = 0;
            for (Instant v : versions) {
                n += Jdbc.update(
                        c,
                        "DELETE FROM taxii_objects WHERE collection_id = ? AND object_id = ? AND version = ?",
                        collectionId,
                        objectId,
                        v);
            }
            new AuditLog(Jdbc.joining(c), clock)
                    .record(
                            actor,
                            "taxii.object.delete",
                            "taxii object " + objectId,
                            "collection " + collectionId + "; " + n + " version(s): "
                                    + String.join(
                                            ", ",
                                            versions.stream()
                                                    .map(Instant::toString)
                                                    .toList()));
            return n;
        });
    }

    @Override
    public void saveStatus(StoredStatus s) {
        jdbc.transaction(c -> Jdbc.update(
                c,
                "INSERT INTO taxii_statuses (id, api_root, owner, created_at, content) VALUES (?, ?, ?, ?, ?)",
                s.id(),
                s.apiRoot(),
                s.owner(),
                clock.instant(),
                s.json()));
    }

    @Override
    public Optional<StoredStatus> status(String id) {
        return jdbc.transaction(c -> Jdbc.one(
                c,
                rs -> new StoredStatus(
                        rs.getString("id"), rs.getString("api_root"), rs.getString("owner"), rs.getString("content")),
                "SELECT id, api_root, owner, content FROM taxii_statuses WHERE id = ?",
                id));
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Set<String>[]> grants(Connection c) throws SQLException {
        Map<String, Set<String>[]> out = new TreeMap<>();
        Jdbc.list(
                        c,
                        rs -> new String[] {rs.getString(1), rs.getString(2), rs.getString(3)},
                        "SELECT collection_id, grantee, access FROM taxii_permissions")
                .forEach(row -> out
                        .computeIfAbsent(row[0], k -> new Set[] {new HashSet<>(), new HashSet<>()})[
                        row[2].equals("write") ? 1 : 0]
                        .add(row[1]));
        return out;
    }

    private static TeamCollection collection(java.sql.ResultSet rs, Map<String, Set<String>[]> grants)
            throws SQLException {
        String id = rs.getString("id");
        @SuppressWarnings("unchecked")
        Set<String>[] g = grants.getOrDefault(id, new Set[] {Set.of(), Set.of()});
        return new TeamCollection(
                id,
                rs.getString("title"),
                rs.getString("description"),
                Optional.ofNullable(rs.getString("alias")),
                g[0],
                g[1]);
    }
}
