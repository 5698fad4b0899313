package io.pandu.runs;

import com.fasterxml.jackson.core.type.TypeReference;
import io.pandu.coaching.Reconciliation;
import io.pandu.guidance.Guidance;
import io.pandu.store.AuditLog;
import io.pandu.store.Database;
import io.pandu.store.Jdbc;
import io.pandu.store.Json;
import io.pandu.store.Page;
import io.pandu.store.PageResult;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The SQL of evaluation runs: the runs with their progress and counts ({@code evaluation_runs}),
 * the firings of every rule ({@code rule_firings}), the rule set versions runs used ({@code
 * rule_set_versions}) and the guidance of every team ({@code guidance_snapshots}). What a run does
 * is {@link EvaluationRun}'s.
 */
public final class RunRepository {
    private static final String COLUMNS = "SELECT * FROM evaluation_runs";
    private static final TypeReference<List<String>> FILES = new TypeReference<>() {};

    /** The size of {@code evaluation_runs.error}. */
    static final int ERROR_LENGTH = 4000;

    private final Database db;
    private final AuditLog audit;

    public RunRepository(Database db, AuditLog audit) {
        this.db = db;
        this.audit = audit;
    }

    /** Stores a new run, running and loading; returns its id. */
    public long begin(Trigger trigger, String requestedBy, Instant startedAt) {
        return db.jdbc()
                .insert(
                        "INSERT INTO evaluation_runs (trigger_kind, requested_by, status, phase, teams,"
                                + " teams_done, deals, recommendations, alerts_raised, alerts_updated, alerts_resolved, started_at)"
                                + " VALUES (?, ?, ?, ?, 0, 0, 0, 0, 0, 0, 0, ?)",
                        trigger.json(),
                        requestedBy,
                        RunStatus.RUNNING,
                        "loading",
                        startedAt);
    }

    public Optional<RunStatus> find(long runId) {
        return db.jdbc().one(COLUMNS + " WHERE id = ?", RunRepository::run, runId);
    }

    /** The newest run, running or not. */
    public Optional<RunStatus> latest() {
        return db.jdbc().one(COLUMNS + " ORDER BY id DESC LIMIT 1", RunRepository::run);
    }

    /** The newest run that is no longer running (succeeded or failed). */
    public Optional<RunStatus> lastFinished() {
        return db.jdbc()
                .one(
                        COLUMNS + " WHERE status <> ? ORDER BY id DESC LIMIT 1",
                        RunRepository::run,
                        RunStatus.RUNNING);
    }

    /** Newest first. */
    public PageResult<RunStatus> list(Page page) {
        long total = db.jdbc().count("SELECT COUNT(*) FROM evaluation_runs");
        return new PageResult<>(
                db.jdbc()
                        .query(
                                COLUMNS + " ORDER BY id DESC LIMIT ? OFFSET ?",
                                RunRepository::run,
                                page.limit(),
                                page.offset()),
                total,
                page.offset(),
                page.limit());
    }

    /** The id of the newest run that succeeded; empty before the first. */
    public Optional<Long> lastSucceeded() {
        // no MAX(id): its one row holds NULL before the first success, which Optional.of refuses
        return db.jdbc()
                .one(
                        "SELECT id FROM evaluation_runs WHERE status = ? ORDER BY id DESC LIMIT 1",
                        rs -> rs.getLong(1),
                        RunStatus.SUCCEEDED);
    }

    /** How often each rule fired in a run, most first. */
    public List<RuleFiring> firings(long runId) {
        return db.jdbc()
                .query(
                        "SELECT rule, firings FROM rule_firings WHERE run_id = ? ORDER BY firings DESC, rule",
                        rs -> new RuleFiring(rs.getString("rule"), rs.getInt("firings")),
                        runId);
    }

    /** Every rule set version runs have used, newest first. */
    public List<EvaluationRuns.RuleSetVersion> ruleSetVersions() {
        return db.jdbc()
                .query(
                        "SELECT * FROM rule_set_versions ORDER BY last_used_at DESC, version",
                        rs ->
                                new EvaluationRuns.RuleSetVersion(
                                        rs.getString("version"),
                                        rs.getInt("rules"),
                                        Json.read(rs.getString("files"), FILES),
                                        Jdbc.instant(rs, "first_used_at"),
                                        Jdbc.instant(rs, "last_used_at")));
    }

    /** The guidance of a team in a run, if the run's snapshots are still kept. */
    public Optional<Guidance> snapshot(long runId, String teamId) {
        return db.jdbc()
                .one(
                        "SELECT guidance FROM guidance_snapshots WHERE run_id = ? AND team_id = ?",
                        rs -> Json.read(rs.getString(1), Guidance.class),
                        runId,
                        teamId);
    }

    /** The guidance of every team in a run, by team id, if the run's snapshots are still kept. */
    public Map<String, Guidance> snapshots(long runId) {
        Map<String, Guidance> teams = new java.util.TreeMap<>();
        db.jdbc()
                .query(
                        "SELECT team_id, guidance FROM guidance_snapshots WHERE run_id = ? ORDER BY team_id",
                        rs ->
                                teams.put(
                                        rs.getString(1),
                                        Json.read(rs.getString(2), Guidance.class)),
                        runId);
        return teams;
    }

    /** The pipeline is loaded: the run evaluates it now. */
    public void loaded(long runId, LocalDate asOf, int teams, int deals) {
        db.jdbc()
                .update(
                        "UPDATE evaluation_runs SET phase = ?, as_of = ?, teams = ?, deals = ? WHERE id = ?",
                        "evaluating",
                        asOf,
                        teams,
                        deals,
                        runId);
    }

    public void teamsDone(long runId, int teamsDone) {
        db.jdbc()
                .update("UPDATE evaluation_runs SET teams_done = ? WHERE id = ?", teamsDone, runId);
    }

    public void phase(long runId, String phase) {
        db.jdbc().update("UPDATE evaluation_runs SET phase = ? WHERE id = ?", phase, runId);
    }

    /**
     * The run failed; {@code error} says why (cut to the column's {@value #ERROR_LENGTH}
     * characters).
     */
    public void failed(long runId, String error, Instant finishedAt, long durationMs) {
        db.jdbc()
                .update(
                        "UPDATE evaluation_runs SET status = ?, phase = ?, error = ?, finished_at = ?, duration_ms = ?"
                                + " WHERE id = ?",
                        RunStatus.FAILED,
                        "failed",
                        error.length() > ERROR_LENGTH ? error.substring(0, ERROR_LENGTH) : error,
                        finishedAt,
                        durationMs,
                        runId);
    }

    /**
     * Work on the runs in one transaction: committed when it returns, rolled back when it throws.
     */
    @FunctionalInterface
    public interface Work<T> {
        T run(Changes changes) throws SQLException;
    }

    public <T> T inTransaction(Work<T> work) {
        return db.tx(c -> work.run(new Changes(c)));
    }

    /** The statements that finish a successful run, on one transaction's connection. */
    public final class Changes {
        private final Connection c;

        private Changes(Connection c) {
            this.c = c;
        }

        /** Keeps the guidance a team got in the run. */
        public void snapshot(long runId, String teamId, Guidance guidance, Instant createdAt)
                throws SQLException {
            Jdbc.insert(
                    c,
                    "INSERT INTO guidance_snapshots (run_id, team_id, rule_set_version, as_of, created_at,"
                            + " guidance) VALUES (?, ?, ?, ?, ?, ?)",
                    runId,
                    teamId,
                    guidance.ruleSetVersion(),
                    guidance.asOf(),
                    createdAt,
                    Json.write(guidance));
        }

        /** How often each rule fired in the run. */
        public void firings(long runId, Map<String, Integer> firings) throws SQLException {
            Jdbc.batch(
                    c,
                    "INSERT INTO rule_firings (run_id, rule, firings) VALUES (?, ?, ?)",
                    firings.entrySet().stream()
                            .map(f -> new Object[] {runId, f.getKey(), f.getValue()})
                            .toList());
        }

        /** Notes that a known rule set version was used again; false when the version is new. */
        public boolean ruleSetUsedAgain(String version, Instant now) throws SQLException {
            return Jdbc.update(
                            c,
                            "UPDATE rule_set_versions SET last_used_at = ? WHERE version = ?",
                            now,
                            version)
                    > 0;
        }

        /** A rule set version used for the first time: how many rules, from which files. */
        public void ruleSetFirstUsed(String version, int rules, List<String> files, Instant now)
                throws SQLException {
            Jdbc.update(
                    c,
                    "INSERT INTO rule_set_versions (version, rules, files, first_used_at, last_used_at)"
                            + " VALUES (?, ?, ?, ?, ?)",
                    version,
                    rules,
                    Json.write(files),
                    now,
                    now);
        }

        /** The run succeeded, with its counts, and the audit log says so. */
        public void succeeded(
                long runId,
                String version,
                int recommendations,
                Reconciliation alerts,
                Instant finishedAt,
                long evaluationMs,
                long durationMs,
                String auditDetail)
                throws SQLException {
            Jdbc.update(
                    c,
                    "UPDATE evaluation_runs SET status = ?, phase = ?, rule_set_version = ?, recommendations = ?,"
                            + " alerts_raised = ?, alerts_updated = ?, alerts_resolved = ?, finished_at = ?,"
                            + " evaluation_ms = ?, duration_ms = ? WHERE id = ?",
                    RunStatus.SUCCEEDED,
                    "done",
                    version,
                    recommendations,
                    alerts.raised(),
                    alerts.updated(),
                    alerts.resolved(),
                    finishedAt,
                    evaluationMs,
                    durationMs,
                    runId);
            audit.record(
                    c,
                    "system",
                    "evaluation-run",
                    "evaluation-run",
                    String.valueOf(runId),
                    auditDetail);
        }

        /**
         * Keeps the guidance snapshots of the newest {@code runsKept} succeeded runs, this one
         * included; the runs themselves, their counts and their rule firings stay.
         */
        public void pruneSnapshots(int runsKept) throws SQLException {
            List<Long> kept =
                    Jdbc.query(
                            c,
                            "SELECT id FROM evaluation_runs WHERE status = ? ORDER BY id DESC LIMIT ?",
                            rs -> rs.getLong(1),
                            RunStatus.SUCCEEDED,
                            runsKept);
            if (kept.size() == runsKept) {
                Jdbc.update(
                        c,
                        "DELETE FROM guidance_snapshots WHERE run_id < ?",
                        kept.get(kept.size() - 1));
            }
        }
    }

    private static RunStatus run(ResultSet rs) throws SQLException {
        long evalMs = rs.getLong("evaluation_ms");
        Long evaluationMs = rs.wasNull() ? null : evalMs;
        long durMs = rs.getLong("duration_ms");
        Long durationMs = rs.wasNull() ? null : durMs;
        return new RunStatus(
                rs.getLong("id"),
                rs.getString("trigger_kind"),
                rs.getString("requested_by"),
                rs.getString("status"),
                rs.getString("phase"),
                rs.getString("rule_set_version"),
                Jdbc.date(rs, "as_of"),
                rs.getInt("teams"),
                rs.getInt("teams_done"),
                rs.getInt("deals"),
                rs.getInt("recommendations"),
                rs.getInt("alerts_raised"),
                rs.getInt("alerts_updated"),
                rs.getInt("alerts_resolved"),
                Jdbc.instant(rs, "started_at"),
                Jdbc.instant(rs, "finished_at"),
                evaluationMs,
                durationMs,
                rs.getString("error"));
    }
}
