package io.pandu.actions;

import io.pandu.store.AuditLog;
import io.pandu.store.Database;
import io.pandu.store.FactStore;
import io.pandu.store.Jdbc;
import io.pandu.store.Scope;
import io.pandu.store.Where;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;

/**
 * The SQL of what reps said about their actions ({@code action_feedback}); written with its audit
 * entry.
 */
public final class FeedbackRepository {
    private final Database db;
    private final AuditLog audit;

    public FeedbackRepository(Database db, AuditLog audit) {
        this.db = db;
        this.audit = audit;
    }

    /**
     * Stores feedback by {@code actor} on one of the rep's actions, as of the action's subject
     * version, the fingerprint of the facts in its why and the pipeline's as-of date.
     */
    public FeedbackRecord add(
            String repId,
            Action action,
            Feedback feedback,
            String factsFingerprint,
            LocalDate asOf,
            Instant at,
            String actor) {
        return insert(
                new FeedbackRecord(
                        0,
                        action.id(),
                        repId,
                        action.dealId(),
                        action.code(),
                        feedback.kind(),
                        feedback.reason(),
                        feedback.until(),
                        action.subjectVersion(),
                        at,
                        actor,
                        factsFingerprint,
                        asOf),
                action.code()
                        + (action.dealId() == null ? "" : " on deal " + action.dealId())
                        + (feedback.reason() == null ? "" : ": " + feedback.reason()));
    }

    /**
     * Takes back {@code last}: an {@code undone} entry about the same action, with its audit entry.
     */
    public FeedbackRecord undo(FeedbackRecord last, Instant at, String actor) {
        return insert(
                new FeedbackRecord(
                        0,
                        last.actionId(),
                        last.repId(),
                        last.dealId(),
                        last.code(),
                        FeedbackKind.UNDONE,
                        null,
                        null,
                        last.subjectVersion(),
                        at,
                        actor,
                        last.factsFingerprint(),
                        last.asOf()),
                last.code() + ": " + last.kind().json() + " taken back");
    }

    /** Stores {@code f} (its id is assigned here) and its audit entry in one transaction. */
    private FeedbackRecord insert(FeedbackRecord f, String auditDetail) {
        long id =
                db.tx(
                        c -> {
                            long newId =
                                    Jdbc.insert(
                                            c,
                                            "INSERT INTO action_feedback (action_id, rep_id, deal_id, code, kind, reason,"
                                                    + " snoozed_until, deal_version, created_at, created_by,"
                                                    + " facts_fingerprint, as_of) VALUES ("
                                                    + Jdbc.marks(12)
                                                    + ")",
                                            f.actionId(),
                                            f.repId(),
                                            f.dealId(),
                                            f.code(),
                                            f.kind().json(),
                                            f.reason(),
                                            f.until(),
                                            f.subjectVersion(),
                                            f.at(),
                                            f.by(),
                                            f.factsFingerprint(),
                                            f.asOf());
                            audit.record(
                                    c,
                                    f.by(),
                                    "action." + f.kind().json(),
                                    "action",
                                    f.actionId(),
                                    auditDetail);
                            return newId;
                        });
        return new FeedbackRecord(
                id,
                f.actionId(),
                f.repId(),
                f.dealId(),
                f.code(),
                f.kind(),
                f.reason(),
                f.until(),
                f.subjectVersion(),
                f.at(),
                f.by(),
                f.factsFingerprint(),
                f.asOf());
    }

    /** Everything the rep said, newest first. */
    public List<FeedbackRecord> newestFirst(String repId) {
        return db.jdbc()
                .query(
                        "SELECT * FROM action_feedback WHERE rep_id = ? ORDER BY id DESC",
                        FeedbackRepository::record,
                        repId);
    }

    /**
     * Everything reps in scope said on an as-of date in [{@code from}, {@code to}] (either null:
     * open; feedback from before as-of dates were stored counts by the day it was given), oldest
     * first.
     */
    public List<FeedbackRecord> between(LocalDate from, LocalDate to, Scope scope) {
        Where where = new Where();
        String day = "COALESCE(as_of, CAST(created_at AS DATE))";
        if (from != null) {
            where.and(day + " >= ?", from);
        }
        if (to != null) {
            where.and(day + " <= ?", to);
        }
        where = FactStore.scoped(where, scope, "rep_id");
        return db.jdbc()
                .query(
                        "SELECT * FROM action_feedback" + where.sql() + " ORDER BY id",
                        FeedbackRepository::record,
                        where.params());
    }

    /** Everything the rep said, oldest first. */
    public List<FeedbackRecord> oldestFirst(String repId) {
        return db.jdbc()
                .query(
                        "SELECT * FROM action_feedback WHERE rep_id = ? ORDER BY id",
                        FeedbackRepository::record,
                        repId);
    }

    private static FeedbackRecord record(ResultSet rs) throws SQLException {
        return new FeedbackRecord(
                rs.getLong("id"),
                rs.getString("action_id"),
                rs.getString("rep_id"),
                rs.getString("deal_id"),
                rs.getString("code"),
                FeedbackKind.parse(rs.getString("kind")),
                rs.getString("reason"),
                Jdbc.date(rs, "snoozed_until"),
                rs.getInt("deal_version"),
                Jdbc.instant(rs, "created_at"),
                rs.getString("created_by"),
                rs.getString("facts_fingerprint"),
                Jdbc.date(rs, "as_of"));
    }
}
