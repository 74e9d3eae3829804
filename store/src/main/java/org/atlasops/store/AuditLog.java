package org.atlasops.store;

import java.time.Clock;
import java.util.List;

/** Append-only record of every change. Entries are never updated or deleted by the application. */
public final class AuditLog {
    private static final int MAX_DETAIL = 2000;

    private final Jdbc jdbc;
    private final Clock clock;

    AuditLog(Jdbc jdbc, Clock clock) {
        this.jdbc = jdbc;
        this.clock = clock;
    }

    public void record(String actor, String action, String target, String detail) {
        String d = detail == null ? "" : detail;
        String clipped = d.length() > MAX_DETAIL ? d.substring(0, MAX_DETAIL - 1) + "…" : d;
        jdbc.transaction(c -> Jdbc.insert(
                c,
                "INSERT INTO audit_log (at, actor, action, target, detail) " + "VALUES (?, ?, ?, ?, ?)",
                clock.instant(),
                actor,
                action,
                clip(target, 200),
                clipped));
    }

    /** The newest entries first. */
    public List<AuditEntry> recent(int limit) {
        int n = Math.max(1, Math.min(limit, 1000));
        return jdbc.transaction(c -> Jdbc.list(
                c,
                rs -> new AuditEntry(
                        rs.getLong("id"),
                        Jdbc.instant(rs, "at"),
                        rs.getString("actor"),
                        rs.getString("action"),
                        rs.getString("target"),
                        rs.getString("detail")),
                "SELECT id, at, actor, action, target, detail FROM audit_log ORDER BY id DESC FETCH FIRST " + n
                        + " ROWS ONLY"));
    }

    private static String clip(String s, int max) {
        return s.length() > max ? s.substring(0, max - 1) + "…" : s;
    }
}
