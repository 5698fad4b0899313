package io.pandu.runs;

import io.pandu.auth.Caller;
import io.pandu.auth.Role;
import io.pandu.coaching.Alerts;
import io.pandu.coaching.Reconciliation;
import io.pandu.errors.NotFoundException;
import io.pandu.evaluate.Evaluation;
import io.pandu.evaluate.Evaluator;
import io.pandu.facts.FactSet;
import io.pandu.guidance.CoachingAlert;
import io.pandu.guidance.Guidance;
import io.pandu.rules.RuleSet;
import io.pandu.store.AuditLog;
import io.pandu.store.Database;
import io.pandu.store.FactStore;
import io.pandu.store.Jdbc;
import io.pandu.store.Json;
import io.pandu.store.Page;
import io.pandu.store.PageResult;
import io.pandu.store.Team;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;

/**
 * Re-evaluates the whole stored pipeline, on demand or on a schedule: one fact set per team through
 * the engine's bulk path ({@link Evaluator#evaluateAll}), then the coaching alerts are reconciled, a
 * guidance snapshot is kept per team, and the firing count of every rule is recorded. One run at a
 * time; progress and duration are in the run's {@link RunStatus}.
 */
public final class EvaluationRuns implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(EvaluationRuns.class);
    private static final String COLUMNS = "SELECT * FROM evaluation_runs";
    static final int SNAPSHOT_RUNS_KEPT = 5;

    private final Database db;
    private final FactStore facts;
    private final Alerts alerts;
    private final Supplier<RuleSet> rules;
    private final Evaluator evaluator;
    private final AuditLog audit;
    private final Clock clock;
    private final int threads;
    private final ExecutorService background = Executors.newSingleThreadExecutor(daemon("pandu-evaluation-run"));
    private ScheduledExecutorService schedule;
    private volatile Long runningId;

    public EvaluationRuns(Database db, FactStore facts, Alerts alerts, Supplier<RuleSet> rules, Evaluator evaluator,
                          AuditLog audit, Clock clock, int threads) {
        this.db = db;
        this.facts = facts;
        this.alerts = alerts;
        this.rules = rules;
        this.evaluator = evaluator;
        this.audit = audit;
        this.clock = clock;
        this.threads = Math.max(1, threads);
    }

    /** Starts a run in the background and returns at once; if one is running, returns that one instead. */
    public synchronized RunStatus start(Caller caller, Trigger trigger) {
        caller.require(Role.OPS, Role.ADMIN);
        if (runningId != null) {
            return status(runningId);
        }
        if (background.isShutdown()) {
            throw new IllegalStateException("evaluation runs are closed");
        }
        long id = begin(caller, trigger);
        background.submit(() -> execute(id));
        return status(id);
    }

    /** Runs now, on this thread, and returns the finished run (the CLI and the benchmark use this). */
    public RunStatus runNow(Caller caller, Trigger trigger) {
        caller.require(Role.OPS, Role.ADMIN);
        long id;
        synchronized (this) {
            if (runningId != null) {
                throw new io.pandu.errors.InvalidInputException(null, "evaluation run " + runningId + " is still running");
            }
            id = begin(caller, trigger);
        }
        execute(id);
        return status(id);
    }

    /** Re-evaluates every {@code every}, first after one period. */
    public synchronized void schedule(Duration every) {
        if (schedule != null) {
            schedule.shutdownNow();
        }
        schedule = Executors.newSingleThreadScheduledExecutor(daemon("pandu-evaluation-schedule"));
        schedule.scheduleWithFixedDelay(() -> {
            try {
                start(Caller.system(), Trigger.SCHEDULED);
            } catch (RuntimeException e) {
                // an exception escaping here would cancel every later run; the next period tries again
                LOG.warn("scheduled evaluation run not started: {}", e.toString());
            }
        }, every.toMillis(), every.toMillis(), TimeUnit.MILLISECONDS);
    }

    public RunStatus get(Caller caller, long runId) {
        return find(runId).orElseThrow(() -> new NotFoundException("no evaluation run " + runId));
    }

    /** The newest run, running or not. */
    public Optional<RunStatus> latest(Caller caller) {
        return db.jdbc().one(COLUMNS + " ORDER BY id DESC LIMIT 1", EvaluationRuns::run);
    }

    /** Newest first. */
    public PageResult<RunStatus> list(Caller caller, Page page) {
        long total = db.jdbc().count("SELECT COUNT(*) FROM evaluation_runs");
        return new PageResult<>(db.jdbc().query(COLUMNS + " ORDER BY id DESC LIMIT ? OFFSET ?", EvaluationRuns::run,
                page.limit(), page.offset()), total, page.offset(), page.limit());
    }

    /** How often each rule fired in a run, most first. */
    public List<RuleFiring> firings(Caller caller, long runId) {
        get(caller, runId);
        return db.jdbc().query("SELECT rule, firings FROM rule_firings WHERE run_id = ? ORDER BY firings DESC, rule",
                rs -> new RuleFiring(rs.getString("rule"), rs.getInt("firings")), runId);
    }

    /** How often each rule fired in the last successful run (empty before the first). */
    public List<RuleFiring> lastFirings(Caller caller) {
        return lastSucceeded().map(id -> firings(caller, id)).orElse(List.of());
    }

    /** A rule set version that runs have used: when first and last, how many rules, from which files. */
    public record RuleSetVersion(String version, int rules, List<String> files, Instant firstUsedAt, Instant lastUsedAt) {
    }

    /** Every rule set version runs have used, newest first. */
    public List<RuleSetVersion> ruleSetVersions(Caller caller) {
        return db.jdbc().query("SELECT * FROM rule_set_versions ORDER BY last_used_at DESC, version", rs -> new RuleSetVersion(
                rs.getString("version"), rs.getInt("rules"), Json.read(rs.getString("files"), FILES),
                Jdbc.instant(rs, "first_used_at"), Jdbc.instant(rs, "last_used_at")));
    }

    private static final com.fasterxml.jackson.core.type.TypeReference<List<String>> FILES = new com.fasterxml.jackson.core.type.TypeReference<>() { };

    /**
     * The guidance of a team in the last successful run: a manager may read their own team's, ops
     * and admin any. {@code teamId} is the manager's id.
     */
    public Guidance snapshot(Caller caller, String teamId) {
        if (!caller.seesAll() && !(caller.role() == Role.MANAGER && teamId.equals(caller.managerId()))) {
            throw new NotFoundException("no guidance snapshot for team \"" + teamId + "\"");
        }
        return lastSucceeded().flatMap(run -> db.jdbc().one("SELECT guidance FROM guidance_snapshots WHERE run_id = ?"
                        + " AND team_id = ?", rs -> Json.read(rs.getString(1), Guidance.class), run, teamId))
                .orElseThrow(() -> new NotFoundException("no guidance snapshot for team \"" + teamId + "\""));
    }

    private Optional<Long> lastSucceeded() {
        return db.jdbc().one("SELECT MAX(id) FROM evaluation_runs WHERE status = ?", rs -> {
            long id = rs.getLong(1);
            return rs.wasNull() ? null : id;
        }, RunStatus.SUCCEEDED);
    }

    private long begin(Caller caller, Trigger trigger) {
        long id = db.jdbc().insert("INSERT INTO evaluation_runs (trigger_kind, requested_by, status, phase, teams,"
                        + " teams_done, deals, recommendations, alerts_raised, alerts_updated, alerts_resolved, started_at)"
                        + " VALUES (?, ?, ?, ?, 0, 0, 0, 0, 0, 0, 0, ?)",
                trigger.json(), caller.username(), RunStatus.RUNNING, "loading", Instant.now(clock));
        runningId = id;
        return id;
    }

    private void execute(long runId) {
        long start = System.nanoTime();
        try {
            LocalDate asOf = facts.asOfOrToday();
            List<Team> teams = facts.pipeline(asOf);
            int deals = teams.stream().mapToInt(t -> t.facts().deals().size()).sum();
            db.jdbc().update("UPDATE evaluation_runs SET phase = ?, as_of = ?, teams = ?, deals = ? WHERE id = ?",
                    "evaluating", asOf, teams.size(), deals, runId);
            long evalStart = System.nanoTime();
            List<Evaluation> evaluations = new ArrayList<>();
            for (int from = 0; from < teams.size(); from += threads) {
                List<FactSet> group = teams.subList(from, Math.min(teams.size(), from + threads)).stream()
                        .map(Team::facts).toList();
                evaluations.addAll(evaluator.evaluateAll(group, threads));
                db.jdbc().update("UPDATE evaluation_runs SET teams_done = ? WHERE id = ?", evaluations.size(), runId);
            }
            long evaluationMs = (System.nanoTime() - evalStart) / 1_000_000;
            String version = evaluations.isEmpty() ? rules.get().version() : evaluations.get(0).guidance().ruleSetVersion();
            List<CoachingAlert> raised = new ArrayList<>();
            Map<String, Integer> firings = new TreeMap<>();
            int recommendations = 0;
            for (Evaluation e : evaluations) {
                raised.addAll(e.guidance().coachingAlerts());
                e.firings().forEach((rule, n) -> firings.merge(rule, n, Integer::sum));
                recommendations += e.guidance().recommendations().size();
            }
            db.jdbc().update("UPDATE evaluation_runs SET phase = ? WHERE id = ?", "alerts", runId);
            Reconciliation reconciled = alerts.reconcile(runId, raised);
            db.jdbc().update("UPDATE evaluation_runs SET phase = ? WHERE id = ?", "snapshots", runId);
            int done = recommendations;
            db.tx(c -> {
                for (int i = 0; i < teams.size(); i++) {
                    Guidance g = evaluations.get(i).guidance();
                    Jdbc.insert(c, "INSERT INTO guidance_snapshots (run_id, team_id, rule_set_version, as_of, created_at,"
                            + " guidance) VALUES (?, ?, ?, ?, ?, ?)", runId, teams.get(i).id(), g.ruleSetVersion(),
                            g.asOf(), Instant.now(clock), Json.write(g));
                }
                Jdbc.batch(c, "INSERT INTO rule_firings (run_id, rule, firings) VALUES (?, ?, ?)",
                        firings.entrySet().stream().map(f -> new Object[] {runId, f.getKey(), f.getValue()}).toList());
                recordRuleSet(c, version);
                Jdbc.update(c, "UPDATE evaluation_runs SET status = ?, phase = ?, rule_set_version = ?, recommendations = ?,"
                                + " alerts_raised = ?, alerts_updated = ?, alerts_resolved = ?, finished_at = ?,"
                                + " evaluation_ms = ?, duration_ms = ? WHERE id = ?",
                        RunStatus.SUCCEEDED, "done", version, done, reconciled.raised(), reconciled.updated(),
                        reconciled.resolved(), Instant.now(clock), evaluationMs, (System.nanoTime() - start) / 1_000_000, runId);
                audit.record(c, "system", "evaluation-run", "evaluation-run", String.valueOf(runId), deals + " deals in "
                        + evaluationMs + " ms; alerts +" + reconciled.raised() + " -" + reconciled.resolved());
                pruneSnapshots(c);
                return null;
            });
        } catch (RuntimeException e) {
            String message = e.getMessage() == null ? e.toString() : e.getMessage();
            db.jdbc().update("UPDATE evaluation_runs SET status = ?, phase = ?, error = ?, finished_at = ?, duration_ms = ?"
                            + " WHERE id = ?", RunStatus.FAILED, "failed", message.length() > 4000 ? message.substring(0, 4000) : message,
                    Instant.now(clock), (System.nanoTime() - start) / 1_000_000, runId);
        } finally {
            synchronized (this) {
                runningId = null;
            }
        }
    }

    /**
     * Keeps the guidance snapshots of the newest {@value #SNAPSHOT_RUNS_KEPT} succeeded runs, this one included:
     * a run over the Maven CRM pipeline writes megabytes of them, and runs come every hour. The runs
     * themselves, their counts and their rule firings stay.
     */
    private static void pruneSnapshots(Connection c) throws SQLException {
        List<Long> kept = Jdbc.query(c, "SELECT id FROM evaluation_runs WHERE status = ? ORDER BY id DESC LIMIT ?", rs -> rs.getLong(1),
                RunStatus.SUCCEEDED, SNAPSHOT_RUNS_KEPT);
        if (kept.size() == SNAPSHOT_RUNS_KEPT) {
            Jdbc.update(c, "DELETE FROM guidance_snapshots WHERE run_id < ?", kept.get(kept.size() - 1));
        }
    }

    private void recordRuleSet(Connection c, String version) throws SQLException {
        Instant now = Instant.now(clock);
        if (Jdbc.update(c, "UPDATE rule_set_versions SET last_used_at = ? WHERE version = ?", now, version) == 0) {
            RuleSet set = rules.get();
            boolean same = set.version().equals(version);
            Jdbc.update(c, "INSERT INTO rule_set_versions (version, rules, files, first_used_at, last_used_at)"
                            + " VALUES (?, ?, ?, ?, ?)", version, same ? set.rules().rules().size() : 0,
                    Json.write(same ? set.rules().files() : List.of()), now, now);
        }
    }

    private Optional<RunStatus> find(long runId) {
        return db.jdbc().one(COLUMNS + " WHERE id = ?", EvaluationRuns::run, runId);
    }

    private RunStatus status(long runId) {
        return find(runId).orElseThrow();
    }

    private static RunStatus run(ResultSet rs) throws SQLException {
        long evalMs = rs.getLong("evaluation_ms");
        Long evaluationMs = rs.wasNull() ? null : evalMs;
        long durMs = rs.getLong("duration_ms");
        Long durationMs = rs.wasNull() ? null : durMs;
        return new RunStatus(rs.getLong("id"), rs.getString("trigger_kind"), rs.getString("requested_by"),
                rs.getString("status"), rs.getString("phase"), rs.getString("rule_set_version"), Jdbc.date(rs, "as_of"),
                rs.getInt("teams"), rs.getInt("teams_done"), rs.getInt("deals"), rs.getInt("recommendations"),
                rs.getInt("alerts_raised"), rs.getInt("alerts_updated"), rs.getInt("alerts_resolved"),
                Jdbc.instant(rs, "started_at"), Jdbc.instant(rs, "finished_at"), evaluationMs, durationMs,
                rs.getString("error"));
    }

    private static java.util.concurrent.ThreadFactory daemon(String name) {
        return r -> {
            Thread t = new Thread(r, name);
            t.setDaemon(true);
            return t;
        };
    }

    /** Stops the schedule and waits (up to 30 s) for a run in progress; not under the lock the run needs to finish. */
    @Override
    public void close() {
        synchronized (this) {
            if (schedule != null) {
                schedule.shutdownNow();
            }
        }
        background.shutdown();
        try {
            background.awaitTermination(30, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
