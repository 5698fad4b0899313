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
import java.math.BigDecimal;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
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

    /**
     * The alerts in scope that match the filter, in the order asked for, and how many match in all.
     * With a cursor (from the previous page's last alert) the page starts after it and the offset
     * is ignored; {@code nextCursor} is set when more follow.
     */
    public AlertPage list(
            Scope scope, AlertFilter filter, AlertOrder order, AlertCursor cursor, Page page) {
        Where where = filtered(scoped(scope), filter);
        long total =
                db.jdbc()
                        .count(
                                "SELECT COUNT(*) FROM coaching_alerts" + where.sql(),
                                where.params());
        Where paged = filtered(scoped(scope), filter);
        if (cursor != null) {
            cursor.after(paged, order);
        }
        List<Alert> items =
                db.jdbc()
                        .query(
                                "SELECT * FROM coaching_alerts"
                                        + paged.sql()
                                        + " ORDER BY "
                                        + order.sql()
                                        + " LIMIT ? OFFSET ?",
                                AlertRepository::alert,
                                paged.params(page.limit() + 1, cursor == null ? page.offset() : 0));
        String next = null;
        if (items.size() > page.limit()) {
            items = items.subList(0, page.limit());
            next = AlertCursor.of(order, items.get(items.size() - 1)).token();
        }
        return new AlertPage(items, total, cursor == null ? page.offset() : 0, page.limit(), next);
    }

    /** The alerts in scope that match the filter, newest first (the first page of a list). */
    public PageResult<Alert> list(Scope scope, AlertFilter filter, Page page) {
        AlertPage p = list(scope, filter, AlertOrder.NEWEST, null, page);
        return new PageResult<>(p.items(), p.total(), p.offset(), p.limit());
    }

    private static Where filtered(Where where, AlertFilter filter) {
        where.eq("manager_id", filter.managerId())
                .eq("rep_id", filter.repId())
                .eq("status", filter.status() == null ? null : filter.status().json())
                .eq("severity", filter.severity() == null ? null : filter.severity().json())
                .eq("code", filter.code());
        if (filter.group() != null) {
            AlertGroup g = filter.group();
            where.eq("code", g.code()).and("value_at_stake >= ?", g.band().from());
            if (g.band().to() != null) {
                where.and("value_at_stake < ?", g.band().to());
            }
        }
        return where;
    }

    /** How many open alerts in scope each rep has, per code (alerts about no rep are left out). */
    public Map<String, Map<String, Integer>> openByRep(Scope scope) {
        Where where = scoped(scope).eq("status", AlertStatus.OPEN.json()).and("rep_id IS NOT NULL");
        Map<String, Map<String, Integer>> counts = new java.util.TreeMap<>();
        db.jdbc()
                .query(
                        "SELECT rep_id, code, COUNT(*) FROM coaching_alerts"
                                + where.sql()
                                + " GROUP BY rep_id, code",
                        rs ->
                                counts.computeIfAbsent(
                                                rs.getString(1), k -> new java.util.TreeMap<>())
                                        .put(rs.getString(2), rs.getInt(3)),
                        where.params());
        return counts;
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

    /**
     * Marks the alert acknowledged by {@code actor}, with its event and audit entry, if it is still
     * open: false (and nothing written) when another call changed it first.
     */
    public boolean acknowledge(long alertId, String actor, Instant at) {
        return decide(
                alertId,
                "UPDATE coaching_alerts SET status = ?, acknowledged_at = ?, acknowledged_by = ?"
                        + " WHERE id = ? AND status = ?",
                "acknowledged",
                actor,
                null,
                AlertStatus.ACKNOWLEDGED.json(),
                at,
                actor,
                alertId,
                AlertStatus.OPEN.json());
    }

    /**
     * Marks the alert resolved by {@code actor} with the note, with its event and audit entry, if
     * it is not resolved yet; the pipeline date of its last run is kept, the cool-off before it
     * re-opens counts from there. False (nothing written) when another call resolved it first.
     */
    public boolean resolve(long alertId, String actor, String note, Instant at) {
        return decide(
                alertId,
                "UPDATE coaching_alerts SET status = ?, resolved_at = ?, resolved_by = ?, resolution = ?,"
                        + " resolved_as_of = (SELECT r.as_of FROM evaluation_runs r"
                        + " WHERE r.id = coaching_alerts.last_seen_run_id)"
                        + " WHERE id = ? AND status <> ?",
                "resolved",
                actor,
                note,
                AlertStatus.RESOLVED.json(),
                at,
                actor,
                note,
                alertId,
                AlertStatus.RESOLVED.json());
    }

    /**
     * Opens a resolved alert again ({@code actor} null: the lifecycle did, saying why in the note);
     * false (nothing written) when it is not resolved (any more).
     */
    public boolean reopen(long alertId, String actor, String note) {
        return db.tx(c -> reopen(c, alertId, actor, note));
    }

    private boolean reopen(Connection c, long alertId, String actor, String note)
            throws SQLException {
        int changed =
                Jdbc.update(
                        c,
                        "UPDATE coaching_alerts SET status = ?, acknowledged_at = NULL, acknowledged_by = NULL,"
                                + " resolved_at = NULL, resolved_by = NULL, resolution = NULL,"
                                + " resolved_as_of = NULL, surfaced_on = NULL WHERE id = ? AND status = ?",
                        AlertStatus.OPEN.json(),
                        alertId,
                        AlertStatus.RESOLVED.json());
        if (changed == 0) {
            return false;
        }
        event(c, alertId, "reopened", actor, note);
        audit.record(
                c,
                actor == null ? "pandu" : actor,
                "alert.reopened",
                "alert",
                String.valueOf(alertId),
                note);
        return true;
    }

    /**
     * The decision, with its event and audit entry, in one transaction: the conditional update
     * decides which of concurrent calls wins; a call that changed nothing writes nothing.
     */
    private boolean decide(
            long alertId, String sql, String event, String actor, String note, Object... params) {
        return db.tx(
                c -> {
                    if (Jdbc.update(c, sql, params) == 0) {
                        return false;
                    }
                    event(c, alertId, event, actor, note);
                    audit.record(
                            c, actor, "alert." + event, "alert", String.valueOf(alertId), note);
                    return true;
                });
    }

    /**
     * The open alerts in scope (for the inbox), locked until the transaction ends so that two
     * inboxes opened at once do not both surface a day's budget.
     */
    public <T> T inbox(Scope scope, Inbox<T> work) {
        return db.tx(
                c -> {
                    Where where = scoped(scope).eq("status", AlertStatus.OPEN.json());
                    List<Alert> open =
                            Jdbc.query(
                                    c,
                                    "SELECT * FROM coaching_alerts" + where.sql() + " FOR UPDATE",
                                    AlertRepository::alert,
                                    where.params());
                    return work.run(open, new Surfacing(c, scope));
                });
    }

    /** Work on the locked open alerts of an inbox. */
    @FunctionalInterface
    public interface Inbox<T> {
        T run(List<Alert> open, Surfacing surfacing) throws SQLException;
    }

    /** The inbox's writes, on its transaction. */
    public final class Surfacing {
        private final Connection c;
        private final Scope scope;

        private Surfacing(Connection c, Scope scope) {
            this.c = c;
            this.scope = scope;
        }

        /** Alerts in scope surfaced on {@code day} (whatever their status now), by manager. */
        public Map<String, Integer> surfacedOn(LocalDate day) throws SQLException {
            Where where = scoped(scope).eq("surfaced_on", day);
            Map<String, Integer> counts = new HashMap<>();
            Jdbc.query(
                            c,
                            "SELECT manager_id, COUNT(*) FROM coaching_alerts"
                                    + where.sql()
                                    + " GROUP BY manager_id",
                            rs -> Map.entry(String.valueOf(rs.getString(1)), rs.getInt(2)),
                            where.params())
                    .forEach(e -> counts.put(e.getKey(), e.getValue()));
            return counts;
        }

        /** Marks the alerts surfaced on {@code day}. */
        public void surface(List<Long> alertIds, LocalDate day) throws SQLException {
            Jdbc.batch(
                    c,
                    "UPDATE coaching_alerts SET surfaced_on = ? WHERE id = ? AND surfaced_on IS NULL",
                    alertIds.stream().map(id -> new Object[] {day, id}).toList());
        }

        /**
         * Acknowledges the alerts (those still open), each with its event, and one audit entry for
         * the bulk; returns how many it acknowledged.
         */
        public int acknowledge(List<Long> alertIds, String actor, Instant at, String groupKey)
                throws SQLException {
            int done = 0;
            for (long id : alertIds) {
                int n =
                        Jdbc.update(
                                c,
                                "UPDATE coaching_alerts SET status = ?, acknowledged_at = ?, acknowledged_by = ?"
                                        + " WHERE id = ? AND status = ?",
                                AlertStatus.ACKNOWLEDGED.json(),
                                at,
                                actor,
                                id,
                                AlertStatus.OPEN.json());
                if (n > 0) {
                    event(c, id, "acknowledged", actor, "with its group " + groupKey);
                    done++;
                }
            }
            audit.record(
                    c,
                    actor,
                    "alert.group-acknowledged",
                    "alert-group",
                    groupKey,
                    done + " alerts");
            return done;
        }
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
                            + " last_seen_run_id, value_at_stake, severity_rank) VALUES ("
                            + Jdbc.marks(23)
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
                    runId,
                    value(a),
                    rank(a.severity()));
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
                            value(a),
                            rank(a.severity()),
                            s.alertId()
                        });
            }
            Jdbc.batch(
                    c,
                    "UPDATE coaching_alerts SET rep_id = ?, manager_id = ?, severity = ?, priority = ?, title = ?,"
                            + " reason = ?, facts = ?, last_seen_at = ?, last_seen_run_id = ?, value_at_stake = ?,"
                            + " severity_rank = ? WHERE id = ?",
                    rows);
        }

        /**
         * Stores an alert no evaluation run raised (about the rules themselves, for ops): open, and
         * outside what runs reconcile, so only a person resolves it.
         */
        public long raiseOutsideRuns(String dedupKey, CoachingAlert a, Instant now)
                throws SQLException {
            long id = raise(dedupKey, a, 0, now);
            Jdbc.update(
                    c,
                    "UPDATE coaching_alerts SET holds = FALSE, raised_run_id = NULL,"
                            + " last_seen_run_id = NULL WHERE id = ?",
                    id);
            return id;
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

        /**
         * Opens an alert resolved by hand again, saying why; false when it is not resolved (a
         * manager re-opened it meanwhile).
         */
        public boolean reopen(long alertId, String why) throws SQLException {
            return AlertRepository.this.reopen(c, alertId, null, why);
        }

        /** Sets the pipeline date from which a resolved alert's cool-off counts, if unknown. */
        public void resolvedAsOf(long alertId, LocalDate asOf) throws SQLException {
            Jdbc.update(
                    c,
                    "UPDATE coaching_alerts SET resolved_as_of = ? WHERE id = ? AND resolved_as_of IS NULL",
                    asOf,
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

    /** Severity as a number to sort by: 1 low to 4 critical. */
    static int rank(Severity severity) {
        return severity.ordinal() + 1;
    }

    private static BigDecimal value(CoachingAlert a) {
        return a.valueAtStake() == null ? BigDecimal.ZERO : a.valueAtStake();
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
                rs.getString("resolution"),
                rs.getBigDecimal("value_at_stake"),
                Jdbc.date(rs, "resolved_as_of"),
                Jdbc.date(rs, "surfaced_on"));
    }
}
