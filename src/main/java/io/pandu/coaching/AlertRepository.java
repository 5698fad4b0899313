package io.pandu.coaching;

import com.fasterxml.jackson.core.type.TypeReference;
import io.pandu.guidance.CoachingAlert;
import io.pandu.guidance.RuleRef;
import io.pandu.guidance.Severity;
import io.pandu.store.AuditLog;
import io.pandu.store.Database;
import io.pandu.store.Jdbc;
import io.pandu.store.Json;
import io.pandu.store.Page;
import io.pandu.store.PageResult;
import io.pandu.store.Scope;
import io.pandu.store.Where;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The SQL of coaching alerts ({@code coaching_alerts}) and their history ({@code alert_events}). A
 * manager's decision is written with its event and its audit entry in one transaction; a
 * reconciliation runs its statements through a {@link Changes} in one transaction. What may be seen
 * and decided is {@link Alerts}'s business.
 */
public final class AlertRepository {
    private static final TypeReference<List<String>> STRINGS = new TypeReference<>() {};

    private final Database db;
    private final AuditLog audit;
    private final Clock clock;

    public AlertRepository(Database db, AuditLog audit, Clock clock) {
        this.db = db;
        this.audit = audit;
        this.clock = clock;
    }

    /** The alerts in scope that match the filter, newest first, and how many match in all. */
    public PageResult<Alert> list(Scope scope, AlertFilter filter, Page page) {
        Where where =
                scoped(scope)
                        .eq("manager_id", filter.managerId())
                        .eq("rep_id", filter.repId())
                        .eq("status", filter.status() == null ? null : filter.status().json())
                        .eq("severity", filter.severity() == null ? null : filter.severity().json())
                        .eq("code", filter.code());
        long total =
                db.jdbc()
                        .count(
                                "SELECT COUNT(*) FROM coaching_alerts" + where.sql(),
                                where.params());
        List<Alert> items =
                db.jdbc()
                        .query(
                                "SELECT * FROM coaching_alerts"
                                        + where.sql()
                                        + " ORDER BY raised_at DESC, id DESC LIMIT ? OFFSET ?",
                                AlertRepository::alert,
                                where.params(page.limit(), page.offset()));
        return new PageResult<>(items, total, page.offset(), page.limit());
    }

    /** The alert, if it is in scope. */
    public Optional<Alert> find(Scope scope, long alertId) {
        Where where = scoped(scope).eq("id", alertId);
        return db.jdbc()
                .one(
                        "SELECT * FROM coaching_alerts" + where.sql(),
                        AlertRepository::alert,
                        where.params());
    }

    /** The alert's events, oldest first. */
    public List<AlertEvent> events(long alertId) {
        return db.jdbc()
                .query(
                        "SELECT * FROM alert_events WHERE alert_id = ? ORDER BY id",
                        rs ->
                                new AlertEvent(
                                        rs.getLong("id"),
                                        rs.getLong("alert_id"),
                                        Jdbc.instant(rs, "at"),
                                        rs.getString("event"),
                                        rs.getString("actor"),
                                        rs.getString("note")),
                        alertId);
    }

    /** Marks the alert acknowledged by {@code actor}, with its event and audit entry. */
    public void acknowledge(long alertId, String actor, Instant at) {
        decide(
                alertId,
                "UPDATE coaching_alerts SET status = ?, acknowledged_at = ?, acknowledged_by = ? WHERE id = ?",
                "acknowledged",
                actor,
                null,
                AlertStatus.ACKNOWLEDGED.json(),
                at,
                actor,
                alertId);
    }

    /** Marks the alert resolved by {@code actor} with the note, with its event and audit entry. */
    public void resolve(long alertId, String actor, String note, Instant at) {
        decide(
                alertId,
                "UPDATE coaching_alerts SET status = ?, resolved_at = ?, resolved_by = ?, resolution = ? WHERE id = ?",
                "resolved",
                actor,
                note,
                AlertStatus.RESOLVED.json(),
                at,
                actor,
                note,
                alertId);
    }

    private void decide(
            long alertId, String sql, String event, String actor, String note, Object... params) {
        db.tx(
                c -> {
                    Jdbc.update(c, sql, params);
                    event(c, alertId, event, actor, note);
                    audit.record(
                            c, actor, "alert." + event, "alert", String.valueOf(alertId), note);
                    return null;
                });
    }

    /**
     * Work on the alerts in one transaction: committed when it returns, rolled back when it throws.
     */
    @FunctionalInterface
    public interface Work<T> {
        T run(Changes changes) throws SQLException;
    }

    public <T> T inTransaction(Work<T> work) {
        return db.tx(c -> work.run(new Changes(c)));
    }

    /** A stored alert that the latest run raised again, with what the run said about it now. */
    public record Sighting(long alertId, CoachingAlert alert) {}

    /** The statements of a reconciliation, on one transaction's connection. */
    public final class Changes {
        private final Connection c;

        private Changes(Connection c) {
            this.c = c;
        }

        /** The alerts whose condition held in the previous run, by dedup key. */
        public Map<String, Alert> holding() throws SQLException {
            Map<String, Alert> holding = new HashMap<>();
            Jdbc.query(
                            c,
                            "SELECT * FROM coaching_alerts WHERE holds = ?",
                            AlertRepository::alert,
                            true)
                    .forEach(a -> holding.put(a.dedupKey(), a));
            return holding;
        }

        /** Stores a newly raised alert, open and holding; returns its id. */
        public long raise(String dedupKey, CoachingAlert a, long runId, Instant now)
                throws SQLException {
            return Jdbc.insert(
                    c,
                    "INSERT INTO coaching_alerts (dedup_key, code, rep_id, manager_id, deal_id,"
                            + " account_id, severity, priority, title, reason, rule_name, rule_file, rule_line,"
                            + " rule_category, facts, status, holds, raised_at, raised_run_id, last_seen_at,"
                            + " last_seen_run_id) VALUES ("
                            + Jdbc.marks(21)
                            + ")",
                    dedupKey,
                    a.code(),
                    a.repId(),
                    a.managerId(),
                    a.dealId(),
                    a.accountId(),
                    a.severity().json(),
                    a.priority(),
                    a.title(),
                    a.reason(),
                    a.rule().name(),
                    a.rule().file(),
                    a.rule().line(),
                    a.rule().category(),
                    json(a.facts()),
                    AlertStatus.OPEN.json(),
                    true,
                    now,
                    runId,
                    now,
                    runId);
        }

        /**
         * Brings alerts raised again up to date with what the run said and marks them seen by it.
         */
        public void seen(List<Sighting> sightings, long runId, Instant now) throws SQLException {
            List<Object[]> rows = new ArrayList<>();
            for (Sighting s : sightings) {
                CoachingAlert a = s.alert();
                rows.add(
                        new Object[] {
                            a.repId(),
                            a.managerId(),
                            a.severity().json(),
                            a.priority(),
                            a.title(),
                            a.reason(),
                            json(a.facts()),
                            now,
                            runId,
                            s.alertId()
                        });
            }
            Jdbc.batch(
                    c,
                    "UPDATE coaching_alerts SET rep_id = ?, manager_id = ?, severity = ?, priority = ?, title = ?,"
                            + " reason = ?, facts = ?, last_seen_at = ?, last_seen_run_id = ? WHERE id = ?",
                    rows);
        }

        /** Resolves an alert without anyone deciding it, saying why. */
        public void autoResolve(long alertId, String why, Instant now) throws SQLException {
            Jdbc.update(
                    c,
                    "UPDATE coaching_alerts SET status = ?, resolved_at = ?, resolution = ? WHERE id = ?",
                    AlertStatus.RESOLVED.json(),
                    now,
                    why,
                    alertId);
        }

        /** Marks alerts whose condition no longer holds. */
        public void cleared(List<Long> alertIds) throws SQLException {
            Jdbc.batch(
                    c,
                    "UPDATE coaching_alerts SET holds = FALSE WHERE id = ?",
                    alertIds.stream().map(id -> new Object[] {id}).toList());
        }

        /** An entry in the alert's history. */
        public void event(long alertId, String event, String actor, String note)
                throws SQLException {
            AlertRepository.this.event(c, alertId, event, actor, note);
        }
    }

    /** Scope as SQL on the alert's manager (a team) or rep. */
    private static Where scoped(Scope scope) {
        Where where = new Where();
        if (scope.repId() != null) {
            return where.and("rep_id = ?", scope.repId());
        }
        if (scope.managerId() != null) {
            return where.and("manager_id = ?", scope.managerId());
        }
        return where;
    }

    private void event(Connection c, long alertId, String event, String actor, String note)
            throws SQLException {
        Jdbc.insert(
                c,
                "INSERT INTO alert_events (alert_id, at, event, actor, note) VALUES (?, ?, ?, ?, ?)",
                alertId,
                clock.instant(),
                event,
                actor,
                note == null || note.length() <= 4000 ? note : note.substring(0, 4000));
    }

    private static String json(List<String> facts) {
        return Json.write(facts == null ? List.of() : facts);
    }

    private static Alert alert(ResultSet rs) throws SQLException {
        List<String> facts =
                rs.getString("facts") == null
                        ? List.of()
                        : Json.read(rs.getString("facts"), STRINGS);
        long raisedRun = rs.getLong("raised_run_id");
        Long raisedRunId = rs.wasNull() ? null : raisedRun;
        long seenRun = rs.getLong("last_seen_run_id");
        Long seenRunId = rs.wasNull() ? null : seenRun;
        return new Alert(
                rs.getLong("id"),
                rs.getString("code"),
                rs.getString("dedup_key"),
                AlertStatus.parse(rs.getString("status")),
                rs.getBoolean("holds"),
                Severity.parse(rs.getString("severity")),
                rs.getInt("priority"),
                rs.getString("title"),
                rs.getString("reason"),
                rs.getString("rep_id"),
                rs.getString("manager_id"),
                rs.getString("deal_id"),
                rs.getString("account_id"),
                new RuleRef(
                        rs.getString("rule_name"),
                        rs.getString("rule_file"),
                        Jdbc.integer(rs, "rule_line"),
                        rs.getString("rule_category")),
                facts,
                Jdbc.instant(rs, "raised_at"),
                raisedRunId,
                Jdbc.instant(rs, "last_seen_at"),
                seenRunId,
                Jdbc.instant(rs, "acknowledged_at"),
                rs.getString("acknowledged_by"),
                Jdbc.instant(rs, "resolved_at"),
                rs.getString("resolved_by"),
                rs.getString("resolution"));
    }
}
