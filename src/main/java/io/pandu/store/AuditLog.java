package io.pandu.store;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Instant;

/**
 * Who did what to which record, when: imports, upserts, user changes, alert decisions, feedback,
 * runs.
 */
public final class AuditLog {
    private final Database db;
    private final Clock clock;

    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record Entry(
            long id,
            Instant at,
            String actor,
            String action,
            String subjectType,
            String subjectId,
            String detail) {}

    public AuditLog(Database db, Clock clock) {
        this.db = db;
        this.clock = clock;
    }

    public void record(
            String actor, String action, String subjectType, String subjectId, String detail) {
        db.tx(
                c -> {
                    record(c, actor, action, subjectType, subjectId, detail);
                    return null;
                });
    }

    /**
     * Records within a transaction of the caller's, so the entry commits with the change it
     * describes.
     */
    public void record(
            Connection c,
            String actor,
            String action,
            String subjectType,
            String subjectId,
            String detail)
            throws SQLException {
        Jdbc.insert(
                c,
                "INSERT INTO audit_log (at, actor, action, subject_type, subject_id, detail) VALUES (?, ?, ?, ?, ?, ?)",
                clock.instant(),
                actor,
                action,
                subjectType,
                subjectId,
                detail == null || detail.length() <= 4000
                        ? detail
                        : detail.substring(0, 3997) + "...");
    }

    /** Newest first, optionally only one action (e.g. {@code import}). */
    public PageResult<Entry> list(String action, Page page) {
        Where where = new Where().eq("action", action);
        long total =
                db.jdbc().count("SELECT COUNT(*) FROM audit_log" + where.sql(), where.params());
        var items =
                db.jdbc()
                        .query(
                                "SELECT * FROM audit_log"
                                        + where.sql()
                                        + " ORDER BY id DESC LIMIT ? OFFSET ?",
                                rs ->
                                        new Entry(
                                                rs.getLong("id"),
                                                Jdbc.instant(rs, "at"),
                                                rs.getString("actor"),
                                                rs.getString("action"),
                                                rs.getString("subject_type"),
                                                rs.getString("subject_id"),
                                                rs.getString("detail")),
                                where.params(page.limit(), page.offset()));
        return new PageResult<>(items, total, page.offset(), page.limit());
    }
}
