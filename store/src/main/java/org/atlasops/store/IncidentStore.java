package org.atlasops.store;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.atlasops.intel.incident.Incident;
import org.atlasops.intel.incident.IncidentJson;
import org.atlasops.kb.failure.ConflictException;
import org.atlasops.kb.failure.NotFoundException;

/**
 * The incident register with every saved state kept. Each change and each share writes its audit entry in the same
 * transaction as the change itself: there is no change without its entry, nor an entry without its change.
 */
public final class IncidentStore {
    /** The most incidents listed at once. */
    public static final int MAX_PAGE = 500;

    private static final String COLUMNS =
            "i.id, i.current_revision, i.created_by, i.created_at, i.updated_at, r.content";
    private static final String FROM = " FROM incidents i JOIN incident_revisions r ON r.incident_id = i.id "
            + "AND r.revision = i.current_revision";

    private final Jdbc jdbc;
    private final Clock clock;

    IncidentStore(Jdbc jdbc, Clock clock) {
        this.jdbc = jdbc;
        this.clock = clock;
    }

    public StoredIncident create(Incident incident, String actor, String how) {
        Instant now = clock.instant();
        String content = IncidentJson.text(incident);
        return jdbc.transaction(c -> {
            long id = Jdbc.insert(
                    c,
                    "INSERT INTO incidents (name, current_revision, created_by, created_at, updated_at) "
                            + "VALUES (?, 1, ?, ?, ?)",
                    name(incident),
                    actor,
                    now,
                    now);
            revision(c, id, 1, content, actor, how, now);
            audit(
                    c,
                    now,
                    actor,
                    "incident.create",
                    id,
                    how + ": " + incident.study().name());
            return current(c, id).orElseThrow();
        });
    }

    /** Saves a new revision; {@code basedOn}, when given, must be the current one or the save is a conflict. */
    public StoredIncident update(long id, Incident incident, Optional<Integer> basedOn, String actor) {
        Instant now = clock.instant();
        String content = IncidentJson.text(incident);
        return jdbc.transaction(c -> {
            int current = Jdbc.one(
                            c, rs -> rs.getInt(1), "SELECT current_revision FROM incidents WHERE id = ? FOR UPDATE", id)
                    .orElseThrow(() -> notFound(id));
            if (basedOn.isPresent() && basedOn.get() != current) {
                throw new ConflictException("incident INC-" + id + " is at revision " + current + ", not "
                        + basedOn.get() + ": someone saved it meanwhile; reload it and apply the change again");
            }
            revision(c, id, current + 1, content, actor, "updated", now);
            Jdbc.update(
                    c,
                    "UPDATE incidents SET name = ?, current_revision = ?, updated_at = ? WHERE id = ?",
                    name(incident),
                    current + 1,
                    now,
                    id);
            audit(
                    c,
                    now,
                    actor,
                    "incident.update",
                    id,
                    "revision " + (current + 1) + ": " + incident.study().name());
            return current(c, id).orElseThrow();
        });
    }

    public Optional<StoredIncident> find(long id) {
        return jdbc.transaction(c -> current(c, id));
    }

    public StoredIncident get(long id) {
        return find(id).orElseThrow(() -> notFound(id));
    }

    /** Newest change first. */
    public List<StoredIncident> list(int offset, int limit) {
        if (offset < 0 || limit < 0) {
            throw new IllegalArgumentException("offset and limit must not be negative");
        }
        return jdbc.transaction(c -> Jdbc.list(
                c,
                IncidentStore::read,
                "SELECT " + COLUMNS + FROM + " ORDER BY i.updated_at DESC, i.id DESC LIMIT ? OFFSET ?",
                Math.min(limit, MAX_PAGE),
                offset));
    }

    public long count() {
        return jdbc.transaction(c -> Jdbc.one(c, rs -> rs.getLong(1), "SELECT COUNT(*) FROM incidents")
                .orElse(0L));
    }

    public void delete(long id, String actor) {
        Instant now = clock.instant();
        jdbc.transaction(c -> {
            String name = Jdbc.one(c, rs -> rs.getString(1), "SELECT name FROM incidents WHERE id = ?", id)
                    .orElseThrow(() -> notFound(id));
            Jdbc.update(c, "DELETE FROM incidents WHERE id = ?", id);
            audit(c, now, actor, "incident.delete", id, name);
            return null;
        });
    }

    /**
     * Records that the anonymised form of an incident left the team: in what format, at what TLP, to where. The
     * incident must exist.
     */
    public void recordShare(long id, String actor, String detail) {
        Instant now = clock.instant();
        jdbc.transaction(c -> {
            Jdbc.one(c, rs -> rs.getLong(1), "SELECT id FROM incidents WHERE id = ?", id)
                    .orElseThrow(() -> notFound(id));
            audit(c, now, actor, "incident.share", id, detail);
            return null;
        });
    }

    private static void revision(
            Connection c, long id, int revision, String content, String actor, String summary, Instant now)
            throws SQLException {
        Jdbc.update(
                c,
                "INSERT INTO incident_revisions (incident_id, revision, content, author, summary, created_at) "
                        + "VALUES (?, ?, ?, ?, ?, ?)",
                id,
                revision,
                content,
                actor,
                summary.length() > 500 ? summary.substring(0, 499) + "…" : summary,
                now);
    }

    private static void audit(Connection c, Instant now, String actor, String action, long id, String detail)
            throws SQLException {
        String d = detail.length() > 2000 ? detail.substring(0, 1999) + "…" : detail;
        Jdbc.insert(
                c,
                "INSERT INTO audit_log (at, actor, action, target, detail) VALUES (?, ?, ?, ?, ?)",
                now,
                actor,
                action,
                "INC-" + id,
                d);
    }

    private static Optional<StoredIncident> current(Connection c, long id) throws SQLException {
        return Jdbc.one(c, IncidentStore::read, "SELECT " + COLUMNS + FROM + " WHERE i.id = ?", id);
    }

    private static StoredIncident read(ResultSet rs) throws SQLException {
        long id = rs.getLong("id");
        return new StoredIncident(
                id,
                rs.getInt("current_revision"),
                IncidentJson.parse(rs.getString("content"), "stored incident INC-" + id),
                rs.getString("created_by"),
                Jdbc.instant(rs, "created_at"),
                Jdbc.instant(rs, "updated_at"));
    }

    private static String name(Incident incident) {
        return incident.study().name();
    }

    private static NotFoundException notFound(long id) {
        return new NotFoundException("no incident INC-" + id + "; 'atlas-ops intel incident list' shows them");
    }
}
