package io.pandu.health;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.pandu.auth.Caller;
import io.pandu.errors.Diagnostic;
import io.pandu.rules.RuleRegistry;
import io.pandu.runs.EvaluationRuns;
import io.pandu.runs.RunFailure;
import io.pandu.store.AsOf;
import io.pandu.store.Database;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Supplier;

/**
 * Whether the service can do its job: rules in use, the store answering, the last reload's error if
 * it failed.
 */
public final class HealthCheck {
    private final RuleRegistry registry;
    private final Database db;
    private final String database;
    private final EvaluationRuns runs;
    private final Supplier<AsOf> asOf;

    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record Health(
            String status,
            String rulesVersion,
            int rules,
            Instant lastReloadAt,
            List<Diagnostic> lastReloadError,
            Store store,
            RunFailure lastRunError,
            AsOf asOf) {}

    public record Store(boolean reachable, String database) {}

    /** {@code database} describes the store as operators configured it (no password). */
    public HealthCheck(RuleRegistry registry, Database db, String database, EvaluationRuns runs) {
        this(registry, db, database, runs, () -> null);
    }

    /**
     * {@code asOf} tells the store's as-of date and its source as last known (never waiting for the
     * store).
     */
    public HealthCheck(
            RuleRegistry registry,
            Database db,
            String database,
            EvaluationRuns runs,
            Supplier<AsOf> asOf) {
        this.asOf = asOf;
        this.registry = registry;
        this.db = db;
        this.database = database;
        this.runs = runs;
    }

    /**
     * "down" without rules or store, "degraded" while the last reload failed (the previous rules
     * serve), else "ok"; with the last evaluation run's error when the newest finished run failed.
     */
    public Health health() {
        boolean reachable = db.available(); // known without waiting: never hangs on the pool
        boolean loaded = registry.loaded();
        List<Diagnostic> error = registry.lastError();
        RuleRegistry.ReloadOutcome last = registry.lastOutcome();
        String status = !loaded || !reachable ? "down" : error.isEmpty() ? "ok" : "degraded";
        return new Health(
                status,
                loaded ? registry.current().version() : null,
                loaded ? registry.current().rules().rules().size() : 0,
                last == null ? null : last.at(),
                error.isEmpty() ? null : error,
                new Store(reachable, database),
                reachable ? lastRunFailure() : null,
                asOf.get());
    }

    /**
     * The last run's failure, read on a thread of its own and waited for at most {@link
     * #RUN_FAILURE_WAIT_MILLIS}: the store may have gone since its last probe, and /health must
     * answer at once. A read that takes longer leaves the last known answer.
     */
    private RunFailure lastRunFailure() {
        Future<?> read;
        synchronized (this) {
            if (pending == null || pending.isDone()) {
                pending =
                        READER.submit(
                                () -> {
                                    try {
                                        knownRunFailure =
                                                runs.lastFailure(Caller.system()).orElse(null);
                                    } catch (RuntimeException e) {
                                        // unreachable store: the next probe says so
                                    }
                                });
            }
            read = pending;
        }
        try {
            read.get(RUN_FAILURE_WAIT_MILLIS, TimeUnit.MILLISECONDS);
        } catch (TimeoutException | ExecutionException e) {
            // the last known answer
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        return knownRunFailure;
    }

    private static final long RUN_FAILURE_WAIT_MILLIS = 300;

    private static final ExecutorService READER =
            Executors.newCachedThreadPool(
                    r -> {
                        Thread t = new Thread(r, "pandu-health-read");
                        t.setDaemon(true);
                        return t;
                    });

    private Future<?> pending; // guarded by this
    private volatile RunFailure knownRunFailure;
}
