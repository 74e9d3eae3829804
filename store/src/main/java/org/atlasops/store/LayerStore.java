package org.atlasops.store;

import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.atlasops.kb.failure.BadInputException;
import org.atlasops.kb.failure.ConflictException;
import org.atlasops.kb.failure.NotFoundException;
import org.atlasops.navigator.Layer;
import org.atlasops.navigator.format.LayerReader;
import org.atlasops.navigator.format.LayerWriter;

/**
 * Layers with their whole history. Every save adds a revision; undo adds one too, with the content of the revision
 * before the current one, so nothing is ever lost. Saves may name the revision they were based on: a save based on an
 * older one is refused (someone else saved in between) instead of silently overwriting their work.
 */
public final class LayerStore {
    /**
     * The most technique entries a stored layer may have. The whole ATLAS matrix is a few hundred entries; a layer
     * far larger than that is a mistake or an attack, and every reader of the list would pay for it.
     */
    public static final int MAX_ENTRIES = 10_000;
    /**
     * The most bytes a layer may take once stored (as normalised Navigator JSON, every entry with its fields), half
     * the layer reader's own limit, so that whatever is stored can always be read back.
     */
    public static final long MAX_STORED_BYTES = LayerReader.MAX_BYTES / 2;

    private static final int MAX_NAME = 200;
    private static final int MAX_SUMMARY = 500;
    private static final String LAYER_COLUMNS =
            "l.id, l.name, u.name AS owner, l.current_revision, l.created_at, " + "l.updated_at";

    private final Jdbc jdbc;
    private final Clock clock;

    LayerStore(Jdbc jdbc, Clock clock) {
        this.jdbc = jdbc;
        this.clock = clock;
    }

    /**
     * Stores a new layer. The limits ({@link #MAX_ENTRIES}, {@link #MAX_STORED_BYTES}) are checked before anything is
     * written, and the layer is read back in the same transaction: a layer that would not read back is not kept.
     */
    public StoredLayer create(User owner, Layer layer) {
        String name = name(layer);
        String content = content(layer);
        Instant now = clock.instant();
        return jdbc.transaction(c -> {
            long layerId = Jdbc.insert(
                    c,
                    "INSERT INTO layers (name, owner_id, current_revision, created_at, "
                            + "updated_at) VALUES (?, ?, 1, ?, ?)",
                    name,
                    owner.id(),
                    now,
                    now);
            addRevision(c, layerId, 1, content, owner, "created", now);
            return current(c, layerId).orElseThrow();
        });
    }

    /**
     * {@code limit} layers from {@code offset} on, most recently updated first (ties: newest id first). A layer whose
     * content no longer reads is listed as an {@link UnreadableLayer}, so the rest of the list is still served.
     */
    public List<ListedLayer> list(int offset, int limit) {
        if (offset < 0 || limit < 0) {
            throw new IllegalArgumentException("offset and limit must not be negative");
        }
        return jdbc.transaction(c -> Jdbc.list(
                c,
                LayerStore::listed,
                "SELECT " + LAYER_COLUMNS
                        + ", r.content FROM layers l JOIN users u ON u.id = l.owner_id JOIN layer_revisions r"
                        + " ON r.layer_id = l.id AND r.revision = l.current_revision ORDER BY l.updated_at DESC, l.id DESC"
                        + " LIMIT ? OFFSET ?",
                limit,
                offset));
    }

    public long count() {
        return jdbc.transaction(c ->
                Jdbc.one(c, rs -> rs.getLong(1), "SELECT COUNT(*) FROM layers").orElse(0L));
    }

    public Optional<StoredLayer> find(long id) {
        return jdbc.transaction(c -> current(c, id));
    }

    public StoredLayer get(long id) {
        return find(id).orElseThrow(() -> notFound(id));
    }

    /**
     * The layer as the list shows it: readable or not. Unlike {@link #get}, a layer whose content does not read is
     * answered (as an {@link UnreadableLayer}), so that its owner or an admin can still see and delete it.
     */
    public ListedLayer describe(long id) {
        return jdbc.transaction(c -> Jdbc.one(
                        c,
                        LayerStore::listed,
                        "SELECT " + LAYER_COLUMNS + ", r.content FROM layers l "
                                + "JOIN users u ON u.id = l.owner_id JOIN layer_revisions r ON r.layer_id = l.id "
                                + "AND r.revision = l.current_revision WHERE l.id = ?",
                        id)
                .orElseThrow(() -> notFound(id)));
    }

    /**
     * Saves a new revision. {@code basedOn}, when given, must be the current revision, or the save is refused with
     * {@link ConflictException}.
     */
    public StoredLayer save(long id, Layer layer, Optional<Integer> basedOn, User author, String summary) {
        String name = name(layer);
        String content = content(layer);
        Instant now = clock.instant();
        return jdbc.transaction(c -> {
            int current = lockCurrentRevision(c, id);
            if (basedOn.isPresent() && basedOn.get() != current) {
                throw new ConflictException("layer " + id + " is at revision " + current + ", not " + basedOn.get()
                        + ": someone saved it meanwhile; reload it and apply the change again");
            }
            addRevision(c, id, current + 1, content, author, summary(summary), now);
            Jdbc.update(
                    c,
                    "UPDATE layers SET name = ?, current_revision = ?, updated_at = ? WHERE id = ?",
                    name,
                    current + 1,
                    now,
                    id);
            return current(c, id).orElseThrow();
        });
    }

    /** Makes the revision before the current one current again, as a new revision. */
    public StoredLayer undo(long id, User author) {
        Instant now = clock.instant();
        return jdbc.transaction(c -> {
            int current = lockCurrentRevision(c, id);
            if (current <= 1) {
                throw new ConflictException("layer " + id + " has no earlier revision to go back to");
            }
            String previous = Jdbc.one(
                            c,
                            rs -> rs.getString(1),
                            "SELECT content FROM layer_revisions " + "WHERE layer_id = ? AND revision = ?",
                            id,
                            current - 1)
                    .orElseThrow();
            Layer restored = parse(previous, id, current - 1);
            addRevision(c, id, current + 1, previous, author, "undo: back to revision " + (current - 1), now);
            Jdbc.update(
                    c,
                    "UPDATE layers SET name = ?, current_revision = ?, updated_at = ? WHERE id = ?",
                    name(restored),
                    current + 1,
                    now,
                    id);
            return current(c, id).orElseThrow();
        });
    }

    public List<LayerRevision> history(long id) {
        return jdbc.transaction(c -> {
            requireExists(c, id);
            return Jdbc.list(
                    c,
                    rs -> new LayerRevision(
                            rs.getLong("layer_id"),
                            rs.getInt("revision"),
                            rs.getString("author"),
                            rs.getString("summary"),
                            Jdbc.instant(rs, "created_at")),
                    "SELECT r.layer_id, r.revision, u.name AS author, r.summary, r.created_at FROM layer_revisions r "
                            + "JOIN users u ON u.id = r.author_id WHERE r.layer_id = ? ORDER BY r.revision DESC",
                    id);
        });
    }

    /** The content of one revision, for looking back before undoing. */
    public Layer revision(long id, int revision) {
        return jdbc.transaction(c -> Jdbc.one(
                        c,
                        rs -> rs.getString(1),
                        "SELECT content FROM layer_revisions " + "WHERE layer_id = ? AND revision = ?",
                        id,
                        revision)
                .map(json -> parse(json, id, revision))
                .orElseThrow(() -> new NotFoundException("layer " + id + " has no revision " + revision)));
    }

    public void delete(long id) {
        jdbc.transaction(c -> {
            if (Jdbc.update(c, "DELETE FROM layers WHERE id = ?", id) == 0) {
                throw notFound(id);
            }
            return null;
        });
    }

    private static Optional<StoredLayer> current(Connection c, long id) throws SQLException {
        return Jdbc.one(
                c,
                LayerStore::withContent,
                "SELECT " + LAYER_COLUMNS + ", r.content FROM layers l "
                        + "JOIN users u ON u.id = l.owner_id JOIN layer_revisions r ON r.layer_id = l.id "
                        + "AND r.revision = l.current_revision WHERE l.id = ?",
                id);
    }

    /** The current revision, with the layer row locked until the transaction ends, so two saves queue up. */
    private static int lockCurrentRevision(Connection c, long id) throws SQLException {
        return Jdbc.one(c, rs -> rs.getInt(1), "SELECT current_revision FROM layers WHERE id = ? FOR UPDATE", id)
                .orElseThrow(() -> notFound(id));
    }

    private static void requireExists(Connection c, long id) throws SQLException {
        if (Jdbc.one(c, rs -> 1, "SELECT 1 FROM layers WHERE id = ?", id).isEmpty()) {
            throw notFound(id);
        }
    }

    private static void addRevision(
            Connection c, long id, int revision, String content, User author, String summary, Instant at)
            throws SQLException {
        Jdbc.update(
                c,
                "INSERT INTO layer_revisions (layer_id, revision, content, author_id, summary, created_at) "
                        + "VALUES (?, ?, ?, ?, ?, ?)",
                id,
                revision,
                content,
                author.id(),
                summary,
                at);
    }

    /** The row as a stored layer, or as an unreadable one when its content does not read back. */
    private static ListedLayer listed(ResultSet rs) throws SQLException {
        try {
            return withContent(rs);
        } catch (RuntimeException e) {
            return new UnreadableLayer(
                    rs.getLong("id"),
                    rs.getString("name"),
                    rs.getString("owner"),
                    rs.getInt("current_revision"),
                    Jdbc.instant(rs, "created_at"),
                    Jdbc.instant(rs, "updated_at"),
                    e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage());
        }
    }

    private static StoredLayer withContent(ResultSet rs) throws SQLException {
        long id = rs.getLong("id");
        int revision = rs.getInt("current_revision");
        return new StoredLayer(
                id,
                rs.getString("name"),
                rs.getString("owner"),
                revision,
                Jdbc.instant(rs, "created_at"),
                Jdbc.instant(rs, "updated_at"),
                parse(rs.getString("content"), id, revision));
    }

    private static Layer parse(String json, long id, int revision) {
        return LayerReader.readString(json, "layer " + id + " revision " + revision)
                .single();
    }

    /** The layer as it is stored, once it is known to be within the limits. */
    private static String content(Layer layer) {
        int entries = layer.techniques().size();
        if (entries > MAX_ENTRIES) {
            throw new BadInputException("layer '" + layer.name() + "' has " + entries + " technique entries; at most "
                    + MAX_ENTRIES + " are kept: split it into several layers");
        }
        String content = LayerWriter.toJson(layer);
        long bytes = (long) content.length() * 3 <= MAX_STORED_BYTES
                ? content.length()
                : content.getBytes(StandardCharsets.UTF_8).length;
        if (bytes > MAX_STORED_BYTES) {
            throw new BadInputException("layer '" + layer.name() + "' would take " + bytes + " bytes once stored; at "
                    + "most " + MAX_STORED_BYTES + " are kept: shorten its comments and metadata or split it");
        }
        return content;
    }

    private static String name(Layer layer) {
        String name = layer.name().strip();
        if (name.isEmpty() || name.length() > MAX_NAME) {
            throw new BadInputException("a layer needs a name of 1 to " + MAX_NAME + " characters");
        }
        return name;
    }

    private static String summary(String summary) {
        String s = summary == null || summary.isBlank() ? "edited" : summary.strip();
        return s.length() > MAX_SUMMARY ? s.substring(0, MAX_SUMMARY - 1) + "…" : s;
    }

    private static NotFoundException notFound(long id) {
        return new NotFoundException("no layer with id " + id);
    }
}
