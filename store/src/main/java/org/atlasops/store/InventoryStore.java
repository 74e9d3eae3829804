package org.atlasops.store;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;
import org.atlasops.kb.failure.BadInputException;
import org.atlasops.kb.failure.ConflictException;
import org.atlasops.kb.failure.NotFoundException;

/**
 * The team's AI system inventories, one per system id, with every saved state kept. The store keeps text: the caller
 * checks an inventory (assess's {@code InventoryReader}) before saving it. Each change writes its audit entry in the
 * same transaction as the change.
 */
public final class InventoryStore {
    /** The most inventories listed at once. */
    public static final int MAX_PAGE = 500;

    /** The inventory schema's rule for {@code id}. */
    private static final Pattern SYSTEM_ID = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._-]{0,63}");

    private static final String COLUMNS = "i.system_id, i.name, i.current_revision, i.created_by, i.created_at, "
            + "i.updated_by, i.updated_at, r.content";
    private static final String FROM = " FROM inventories i JOIN inventory_revisions r ON r.inventory_id = i.id "
            + "AND r.revision = i.current_revision";

    /** SQLSTATE of a unique constraint violation, on H2 and PostgreSQL alike. */
    private static final String UNIQUE_VIOLATION = "23505";

    private final Jdbc jdbc;
    private final Clock clock;

    InventoryStore(Jdbc jdbc, Clock clock) {
        this.jdbc = jdbc;
        this.clock = clock;
    }

    /** Saves a new inventory; a system id already saved is a conflict. */
    public StoredInventory create(String systemId, String name, String yaml, String actor) {
        checkId(systemId);
        Instant now = clock.instant();
        return jdbc.transaction(c -> {
            if (rowId(c, systemId, false).isPresent()) {
                throw new ConflictException("an inventory '" + systemId + "' is already saved: open it to change it, "
                        + "or give this system another id");
            }
            long id;
            try {
                id = Jdbc.insert(
                        c,
                        "INSERT INTO inventories (system_id, name, current_revision, created_by, created_at, "
                                + "updated_by, updated_at) VALUES (?, ?, 1, ?, ?, ?, ?)",
                        systemId,
                        cut(name, 200),
                        actor,
                        now,
                        actor,
                        now);
            } catch (SQLException e) {
                if (UNIQUE_VIOLATION.equals(e.getSQLState())) {
                    // saved by someone else between the check and the insert
                    throw new ConflictException("an inventory '" + systemId + "' was saved meanwhile: open it to "
                            + "change it, or give this system another id");
                }
                throw e;
            }
            revision(c, id, 1, yaml, actor, now);
            audit(c, now, actor, "inventory.create", systemId, "revision 1: " + name);
            return current(c, systemId).orElseThrow();
        });
    }

    /**
     * Saves a new revision of {@code systemId}; {@code basedOn}, when given, must be the current revision or the save
     * is a conflict. The text keeps the same system id (renaming is a new inventory).
     */
    public StoredInventory update(String systemId, String name, String yaml, Optional<Integer> basedOn, String actor) {
        Instant now = clock.instant();
        return jdbc.transaction(c -> {
            long id = rowId(c, systemId, true).orElseThrow(() -> notFound(systemId));
            int current = Jdbc.one(c, rs -> rs.getInt(1), "SELECT current_revision FROM inventories WHERE id = ?", id)
                    .orElseThrow();
            if (basedOn.isPresent() && basedOn.get() != current) {
                throw new ConflictException("the inventory '" + systemId + "' is at revision " + current + ", not "
                        + basedOn.get() + ": someone saved it meanwhile; reload it and apply the change again");
            }
            revision(c, id, current + 1, yaml, actor, now);
            Jdbc.update(
                    c,
                    "UPDATE inventories SET name = ?, current_revision = ?, updated_by = ?, updated_at = ? WHERE id = ?",
                    cut(name, 200),
                    current + 1,
                    actor,
                    now,
                    id);
            audit(c, now, actor, "inventory.update", systemId, "revision " + (current + 1) + ": " + name);
            return current(c, systemId).orElseThrow();
        });
    }

    public Optional<StoredInventory> find(String systemId) {
        return jdbc.transaction(c -> current(c, systemId));
    }

    public StoredInventory get(String systemId) {
        return find(systemId).orElseThrow(() -> notFound(systemId));
    }

    /** An earlier saved state; revisions count from 1. */
    public Optional<String> revision(String systemId, int revision) {
        return jdbc.transaction(c -> Jdbc.one(
                c,
                rs -> rs.getString(1),
                "SELECT r.content FROM inventory_revisions r JOIN inventories i ON i.id = r.inventory_id "
                        + "WHERE i.system_id = ? AND r.revision = ?",
                systemId,
                revision));
    }

    /** Newest change first. */
    public List<StoredInventory> list(int offset, int limit) {
        if (offset < 0 || limit < 0) {
            throw new IllegalArgumentException("offset and limit must not be negative");
        }
        return jdbc.transaction(c -> Jdbc.list(
                c,
                InventoryStore::read,
                "SELECT " + COLUMNS + FROM + " ORDER BY i.updated_at DESC, i.id DESC LIMIT ? OFFSET ?",
                Math.min(limit, MAX_PAGE),
                offset));
    }

    public long count() {
        return jdbc.transaction(c -> Jdbc.one(c, rs -> rs.getLong(1), "SELECT COUNT(*) FROM inventories")
                .orElse(0L));
    }

    /** Deletes the inventory with all its revisions. */
    public void delete(String systemId, String actor) {
        Instant now = clock.instant();
        jdbc.transaction(c -> {
            long id = rowId(c, systemId, true).orElseThrow(() -> notFound(systemId));
            Jdbc.update(c, "DELETE FROM inventories WHERE id = ?", id);
            audit(c, now, actor, "inventory.delete", systemId, "deleted");
            return null;
        });
    }

    private static void checkId(String systemId) {
        if (systemId == null || !SYSTEM_ID.matcher(systemId).matches()) {
            throw new BadInputException(
                    "'" + systemId + "' is not a system id: use letters, digits, '.', '_' and '-' " + "(up to 64)");
        }
    }

    private static Optional<Long> rowId(Connection c, String systemId, boolean lock) throws SQLException {
        return Jdbc.one(
                c,
                rs -> rs.getLong(1),
                "SELECT id FROM inventories WHERE system_id = ?" + (lock ? " FOR UPDATE" : ""),
                systemId);
    }

    private static void revision(Connection c, long id, int revision, String content, String actor, Instant now)
            throws SQLException {
        Jdbc.update(
                c,
                "INSERT INTO inventory_revisions (inventory_id, revision, content, author, created_at) "
                        + "VALUES (?, ?, ?, ?, ?)",
                id,
                revision,
                content,
                actor,
                now);
    }

    private static void audit(Connection c, Instant now, String actor, String action, String systemId, String detail)
            throws SQLException {
        Jdbc.insert(
                c,
                "INSERT INTO audit_log (at, actor, action, target, detail) VALUES (?, ?, ?, ?, ?)",
                now,
                actor,
                action,
                "inventory:" + systemId,
                cut(detail, 2000));
    }

    private static Optional<StoredInventory> current(Connection c, String systemId) throws SQLException {
        return Jdbc.one(c, InventoryStore::read, "SELECT " + COLUMNS + FROM + " WHERE i.system_id = ?", systemId);
    }

    private static StoredInventory read(ResultSet rs) throws SQLException {
        return new StoredInventory(
                rs.getString("system_id"),
                rs.getString("name"),
                rs.getInt("current_revision"),
                rs.getString("content"),
                rs.getString("created_by"),
                Jdbc.instant(rs, "created_at"),
                rs.getString("updated_by"),
                Jdbc.instant(rs, "updated_at"));
    }

    private static String cut(String text, int max) {
        return text.length() > max ? text.substring(0, max - 1) + "…" : text;
    }

    private static NotFoundException notFound(String systemId) {
        return new NotFoundException(
                "no inventory '" + systemId + "' is saved; /assess/inventories lists the team's inventories");
    }
}
