package io.pandu.coaching;

import com.fasterxml.jackson.core.type.TypeReference;
import io.pandu.auth.Caller;
import io.pandu.auth.Role;
import io.pandu.errors.InvalidInputException;
import io.pandu.errors.NotFoundException;
import io.pandu.guidance.CoachingAlert;
import io.pandu.guidance.RuleRef;
import io.pandu.guidance.Severity;
import io.pandu.store.AuditLog;
import io.pandu.store.Database;
import io.pandu.store.Jdbc;
import io.pandu.store.Json;
import io.pandu.store.Page;
import io.pandu.store.PageResult;
import io.pandu.store.Where;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * The coaching-alert lifecycle. Evaluation runs {@link #reconcile} what the rules raised with what
 * is stored: an alert whose condition still holds is updated, not duplicated (dedup key = code +
 * subject); a new one is raised; one whose condition no longer holds is resolved automatically with
 * that reason. Managers acknowledge and resolve with a note. A manually resolved alert stays resolved
 * while its condition keeps holding; once the condition clears, a recurrence is a new alert. History
 * is kept in alert events.
 *
 * <p>Visibility: a manager sees the alerts of their team, ops and admin all; reps see none.
 */
public final class Alerts {
    private static final TypeReference<List<String>> STRINGS = new TypeReference<>() { };

    private final Database db;
    private final AuditLog audit;
    private final Clock clock;

    public Alerts(Database db, AuditLog audit, Clock clock) {
        this.db = db;
        this.audit = audit;
        this.clock = clock;
    }

    public PageResult<Alert> list(Caller caller, AlertFilter filter, Page page) {
        caller.require(Role.MANAGER, Role.OPS, Role.ADMIN);
        Where where = visible(caller).eq("manager_id", filter.managerId()).eq("rep_id", filter.repId())
                .eq("status", filter.status() == null ? null : filter.status().json())
                .eq("severity", filter.severity() == null ? null : filter.severity().json()).eq("code", filter.code());
        long total = db.jdbc().count("SELECT COUNT(*) FROM coaching_alerts" + where.sql(), where.params());
        List<Alert> items = db.jdbc().query("SELECT * FROM coaching_alerts" + where.sql()
                + " ORDER BY raised_at DESC, id DESC LIMIT ? OFFSET ?", Alerts::alert, where.params(page.limit(), page.offset()));
        return new PageResult<>(items, total, page.offset(), page.limit());
    }

    public Alert get(Caller caller, long alertId) {
        Where where = visible(caller).eq("id", alertId);
        return db.jdbc().one("SELECT * FROM coaching_alerts" + where.sql(), Alerts::alert, where.params())
                .orElseThrow(() -> new NotFoundException("no alert " + alertId));
    }

    /** Oldest first. */
    public List<AlertEvent> history(Caller caller, long alertId) {
        get(caller, alertId);
        return db.jdbc().query("SELECT * FROM alert_events WHERE alert_id = ? ORDER BY id", rs -> new AlertEvent(
                rs.getLong("id"), rs.getLong("alert_id"), Jdbc.instant(rs, "at"), rs.getString("event"),
                rs.getString("actor"), rs.getString("note")), alertId);
    }

    /** A manager takes an open alert on. */
    public Alert acknowledge(Caller caller, long alertId) {
        Alert alert = get(caller, alertId);
        if (alert.status() != AlertStatus.OPEN) {
            throw new InvalidInputException("status", "alert " + alertId + " is " + alert.status().json()
                    + "; only an open alert can be acknowledged");
        }
        return decide(caller, alertId, "UPDATE coaching_alerts SET status = ?, acknowledged_at = ?, acknowledged_by = ? WHERE id = ?",
                "acknowledged", null, AlertStatus.ACKNOWLEDGED.json(), Instant.now(clock), caller.username(), alertId);
    }

    /** A manager closes an alert, saying what was done. */
    public Alert resolve(Caller caller, long alertId, String note) {
        Alert alert = get(caller, alertId);
        if (note == null || note.isBlank()) {
            throw new InvalidInputException("note", "say how the alert was resolved");
        }
        if (alert.status() == AlertStatus.RESOLVED) {
            throw new InvalidInputException("status", "alert " + alertId + " is already resolved");
        }
        return decide(caller, alertId, "UPDATE coaching_alerts SET status = ?, resolved_at = ?, resolved_by = ?, resolution = ? WHERE id = ?",
                "resolved", note.trim(), AlertStatus.RESOLVED.json(), Instant.now(clock), caller.username(), note.trim(), alertId);
    }

    private Alert decide(Caller caller, long alertId, String sql, String event, String note, Object... params) {
        caller.require(Role.MANAGER, Role.OPS, Role.ADMIN);
        db.tx(c -> {
            Jdbc.update(c, sql, params);
            event(c, alertId, event, caller.username(), note);
            audit.record(c, caller.username(), "alert." + event, "alert", String.valueOf(alertId), note);
            return null;
        });
        return get(caller, alertId);
    }

    /** What identifies "the same alert" across runs: its code and its subject (the deal, else the rep). */
    public static String dedupKey(CoachingAlert alert) {
        return alert.code() + "|" + (alert.dealId() != null ? "deal:" + alert.dealId() : "rep:" + alert.repId());
    }

    /**
     * Brings the stored alerts in line with what one run raised over the whole pipeline, in one
     * transaction. Only a whole-pipeline run may call this: an alert the run did not raise is resolved.
     */
    public Reconciliation reconcile(long runId, List<CoachingAlert> raised) {
        Map<String, CoachingAlert> current = new LinkedHashMap<>();
        raised.forEach(a -> current.putIfAbsent(dedupKey(a), a));
        return db.tx(c -> {
            Instant now = Instant.now(clock);
            Map<String, Alert> holding = new HashMap<>();
            Jdbc.query(c, "SELECT * FROM coaching_alerts WHERE holds = ?", Alerts::alert, true)
                    .forEach(a -> holding.put(a.dedupKey(), a));
            int created = 0;
            int updated = 0;
            int unchanged = 0;
            List<Object[]> seen = new ArrayList<>();
            for (Map.Entry<String, CoachingAlert> e : current.entrySet()) {
                CoachingAlert a = e.getValue();
                Alert stored = holding.remove(e.getKey());
                if (stored == null) {
                    long id = Jdbc.insert(c, "INSERT INTO coaching_alerts (dedup_key, code, rep_id, manager_id, deal_id,"
                                    + " account_id, severity, priority, title, reason, rule_name, rule_file, rule_line,"
                                    + " rule_category, facts, status, holds, raised_at, raised_run_id, last_seen_at,"
                                    + " last_seen_run_id) VALUES (" + Jdbc.marks(21) + ")",
                            e.getKey(), a.code(), a.repId(), a.managerId(), a.dealId(), a.accountId(), a.severity().json(),
                            a.priority(), a.title(), a.reason(), a.rule().name(), a.rule().file(), a.rule().line(),
                            a.rule().category(), json(a.facts()), AlertStatus.OPEN.json(), true, now, runId, now, runId);
                    event(c, id, "raised", null, "evaluation run " + runId + ": " + a.reason());
                    created++;
                    continue;
                }
                boolean changed = stored.severity() != a.severity() || !Objects.equals(stored.reason(), a.reason())
                        || !Objects.equals(stored.title(), a.title()) || !Objects.equals(stored.managerId(), a.managerId());
                if (stored.severity() != a.severity()) {
                    event(c, stored.id(), "severity-changed", null, stored.severity().json() + " → " + a.severity().json());
                }
                seen.add(new Object[] {a.repId(), a.managerId(), a.severity().json(), a.priority(), a.title(), a.reason(),
                        json(a.facts()), now, runId, stored.id()});
                if (changed) {
                    updated++;
                } else {
                    unchanged++;
                }
            }
            Jdbc.batch(c, "UPDATE coaching_alerts SET rep_id = ?, manager_id = ?, severity = ?, priority = ?, title = ?,"
                    + " reason = ?, facts = ?, last_seen_at = ?, last_seen_run_id = ? WHERE id = ?", seen);
            int resolved = 0;
            List<Object[]> cleared = new ArrayList<>();
            for (Alert gone : holding.values()) {
                cleared.add(new Object[] {gone.id()});
                if (gone.status() != AlertStatus.RESOLVED) {
                    String why = "condition no longer holds (evaluation run " + runId + ")";
                    Jdbc.update(c, "UPDATE coaching_alerts SET status = ?, resolved_at = ?, resolution = ? WHERE id = ?",
                            AlertStatus.RESOLVED.json(), now, why, gone.id());
                    event(c, gone.id(), "auto-resolved", null, why);
                    resolved++;
                }
            }
            Jdbc.batch(c, "UPDATE coaching_alerts SET holds = FALSE WHERE id = ?", cleared);
            return new Reconciliation(created, updated, unchanged, resolved);
        });
    }

    private static Where visible(Caller caller) {
        Where where = new Where();
        return switch (caller.role()) {
            case REP -> where.and("1 = 0");
            case MANAGER -> where.and("manager_id = ?", caller.managerId() == null ? "" : caller.managerId());
            case OPS, ADMIN -> where;
        };
    }

    private void event(Connection c, long alertId, String event, String actor, String note) throws SQLException {
        Jdbc.insert(c, "INSERT INTO alert_events (alert_id, at, event, actor, note) VALUES (?, ?, ?, ?, ?)",
                alertId, Instant.now(clock), event, actor, note == null || note.length() <= 4000 ? note : note.substring(0, 4000));
    }

    private static String json(List<String> facts) {
        return Json.write(facts == null ? List.of() : facts);
    }

    private static Alert alert(ResultSet rs) throws SQLException {
        List<String> facts = rs.getString("facts") == null ? List.of() : Json.read(rs.getString("facts"), STRINGS);
        long raisedRun = rs.getLong("raised_run_id");
        Long raisedRunId = rs.wasNull() ? null : raisedRun;
        long seenRun = rs.getLong("last_seen_run_id");
        Long seenRunId = rs.wasNull() ? null : seenRun;
        return new Alert(rs.getLong("id"), rs.getString("code"), rs.getString("dedup_key"),
                AlertStatus.parse(rs.getString("status")), rs.getBoolean("holds"), Severity.parse(rs.getString("severity")),
                rs.getInt("priority"), rs.getString("title"), rs.getString("reason"), rs.getString("rep_id"),
                rs.getString("manager_id"), rs.getString("deal_id"), rs.getString("account_id"),
                new RuleRef(rs.getString("rule_name"), rs.getString("rule_file"), Jdbc.integer(rs, "rule_line"),
                        rs.getString("rule_category")), facts, Jdbc.instant(rs, "raised_at"), raisedRunId,
                Jdbc.instant(rs, "last_seen_at"), seenRunId, Jdbc.instant(rs, "acknowledged_at"),
                rs.getString("acknowledged_by"), Jdbc.instant(rs, "resolved_at"), rs.getString("resolved_by"),
                rs.getString("resolution"));
    }
}
