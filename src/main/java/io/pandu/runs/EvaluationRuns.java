package io.pandu.runs;

import io.pandu.auth.Caller;
import io.pandu.auth.Role;
import io.pandu.errors.NotFoundException;
import io.pandu.guidance.Guidance;
import io.pandu.store.Page;
import io.pandu.store.PageResult;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.TimeUnit;

/**
 * Re-evaluates the whole stored pipeline, on demand or on a schedule ({@link RunScheduler}): one
 * {@link EvaluationRun} at a time, whose progress and duration are in its {@link RunStatus}; the
 * runs, their firings and their guidance snapshots are read from the {@link RunRepository}.
 */
public final class EvaluationRuns implements AutoCloseable {
    /**
     * The newest succeeded runs that keep their guidance snapshots, this one included: a run over
     * the Maven CRM pipeline writes megabytes of them, and runs come every hour.
     */
    static final int SNAPSHOT_RUNS_KEPT = 5;

    private final RunRepository runs;
    private final EvaluationRun run;
    private final Clock clock;
    private final RunScheduler scheduler =
            new RunScheduler(() -> start(Caller.system(), Trigger.SCHEDULED));
    private final ExecutorService background =
            Executors.newSingleThreadExecutor(daemon("pandu-evaluation-run"));
    private volatile Long runningId;

    public EvaluationRuns(RunRepository runs, EvaluationRun run, Clock clock) {
        this.runs = runs;
        this.run = run;
        this.clock = clock;
    }

    /**
     * Starts a run in the background and returns at once; if one is running, returns that one
     * instead.
     */
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

    /**
     * Runs now, on this thread, and returns the finished run (the CLI and the benchmark use this).
     */
    public RunStatus runNow(Caller caller, Trigger trigger) {
        caller.require(Role.OPS, Role.ADMIN);
        long id;
        synchronized (this) {
            if (runningId != null) {
                throw new io.pandu.errors.InvalidInputException(
                        null, "evaluation run " + runningId + " is still running");
            }
            id = begin(caller, trigger);
        }
        execute(id);
        return status(id);
    }

    /** Re-evaluates every {@code every}, first after one period. */
    public void schedule(Duration every) {
        scheduler.every(every);
    }

    public RunStatus get(Caller caller, long runId) {
        return runs.find(runId)
                .orElseThrow(() -> new NotFoundException("no evaluation run " + runId));
    }

    /** The newest run, running or not. */
    public Optional<RunStatus> latest(Caller caller) {
        return runs.latest();
    }

    /**
     * The newest finished run if it failed: why, and when; empty when it succeeded or no run has
     * finished.
     */
    public Optional<RunFailure> lastFailure(Caller caller) {
        return runs.lastFinished()
                .filter(r -> RunStatus.FAILED.equals(r.status()))
                .map(r -> new RunFailure(r.id(), r.error(), r.finishedAt()));
    }

    /** Newest first. */
    public PageResult<RunStatus> list(Caller caller, Page page) {
        return runs.list(page);
    }

    /** How often each rule fired in a run, most first. */
    public List<RuleFiring> firings(Caller caller, long runId) {
        get(caller, runId);
        return runs.firings(runId);
    }

    /** How often each rule fired in the last successful run (empty before the first). */
    public List<RuleFiring> lastFirings(Caller caller) {
        return runs.lastSucceeded().map(id -> firings(caller, id)).orElse(List.of());
    }

    /**
     * A rule set version that runs have used: when first and last, how many rules, from which
     * files.
     */
    public record RuleSetVersion(
            String version,
            int rules,
            List<String> files,
            Instant firstUsedAt,
            Instant lastUsedAt) {}

    /** Every rule set version runs have used, newest first. */
    public List<RuleSetVersion> ruleSetVersions(Caller caller) {
        return runs.ruleSetVersions();
    }

    /**
     * The guidance of a team in the last successful run: a manager may read their own team's, ops
     * and admin any. {@code teamId} is the manager's id.
     */
    public Guidance snapshot(Caller caller, String teamId) {
        if (!caller.seesAll()
                && !(caller.role() == Role.MANAGER && teamId.equals(caller.managerId()))) {
            throw new NotFoundException("no guidance snapshot for team \"" + teamId + "\"");
        }
        return runs.lastSucceeded()
                .flatMap(id -> runs.snapshot(id, teamId))
                .orElseThrow(
                        () ->
                                new NotFoundException(
                                        "no guidance snapshot for team \"" + teamId + "\""));
    }

    private long begin(Caller caller, Trigger trigger) {
        long id = runs.begin(trigger, caller.username(), clock.instant());
        runningId = id;
        return id;
    }

    private void execute(long runId) {
        try {
            run.execute(runId);
        } finally {
            synchronized (this) {
                runningId = null;
            }
        }
    }

    private RunStatus status(long runId) {
        return runs.find(runId).orElseThrow();
    }

    static ThreadFactory daemon(String name) {
        return r -> {
            Thread t = new Thread(r, name);
            t.setDaemon(true);
            return t;
        };
    }

    /**
     * Stops the schedule and waits (up to 30 s) for a run in progress; not under the lock the run
     * needs to finish.
     */
    @Override
    public void close() {
        scheduler.close();
        background.shutdown();
        try {
            background.awaitTermination(30, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
