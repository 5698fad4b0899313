package io.pandu.api;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.pandu.auth.Caller;
import io.pandu.errors.Diagnostic;
import io.pandu.errors.PanduException;
import io.pandu.evaluate.Evaluator;
import io.pandu.ingest.ImportProgress;
import io.pandu.ingest.ImportSummary;
import io.pandu.auth.Users;
import io.pandu.rules.RuleRegistry;
import io.pandu.rules.RuleSetRejectedException;
import io.pandu.runs.RunFailure;
import io.pandu.runs.RunStatus;
import io.pandu.runs.Trigger;
import io.pandu.services.Services;
import io.pandu.store.Database;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Clock;
import java.time.Instant;
import java.util.List;

/**
 * Every service the API calls, opened from the configuration in one blocking step: the rule set
 * (loaded, then watched), the store (migrated), the demo data when asked, the directory uploads go to.
 * The handlers reach the domain only through these services; closing the backend stops the watcher
 * and the store and deletes the uploads.
 */
public final class Backend implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(Backend.class);

    private final ServerConfig config;
    private final ApiMetrics metrics;
    private final RuleRegistry registry;
    private final Database db;
    private final EvaluateService evaluate;
    private final RuleService rules;
    private final Services services;
    private final Uploads uploads;

    private Backend(ServerConfig config, ApiMetrics metrics, RuleRegistry registry, Database db) {
        this.uploads = Uploads.create();
        this.config = config;
        this.metrics = metrics;
        this.registry = registry;
        this.db = db;
        this.evaluate = new EvaluateService(new Evaluator(registry::current), metrics);
        this.rules = new RuleService(registry);
        this.services = Services.create(db, registry, Clock.systemUTC());
    }

    /** Loads the rules (a rule set that does not build stops the start), opens the store, imports demo data. */
    public static Backend open(ServerConfig config, ApiMetrics metrics) {
        RuleRegistry registry = new RuleRegistry(config.rules(), config.playbooks());
        registry.onReload(metrics::reloaded);
        registry.onReload(o -> {
            if (o.ok() && o.changed()) {
                LOG.info("Rules loaded: version {}, {} rules", o.version(), registry.current().rules().rules().size());
            } else if (!o.ok()) {
                LOG.warn("Rules not reloaded ({} errors); version {} keeps serving: {}", o.errors().size(), o.version(),
                        o.errors().isEmpty() ? "" : o.errors().get(0));
            }
        });
        RuleRegistry.ReloadOutcome first = registry.reload();
        if (!first.ok()) {
            registry.close();
            throw new RuleSetRejectedException(first.diagnostics());
        }
        Database db;
        try {
            db = Database.open(config.db());
        } catch (RuntimeException e) {
            registry.close();
            throw e;
        }
        LOG.info("Store: {}", config.db().describe());
        Backend backend = new Backend(config, metrics, registry, db);
        try {
            if (config.demo()) {
                backend.importDemo();
            }
        } catch (RuntimeException e) {
            backend.close();
            throw e;
        }
        registry.watch(config.watchMillis());
        if (config.runEvery() != null) {
            backend.services.runs().schedule(config.runEvery());
            LOG.info("The stored pipeline is re-evaluated every {} (PANDU_RUN_EVERY or --run-every; off to stop)",
                    config.runEvery());
        }
        return backend;
    }

    private void importDemo() {
        ImportSummary summary = config.demoData() != null
                ? services.importer().importMavenCrm(Caller.system(), config.demoData(), null, true, ImportProgress.NONE)
                : services.importer().importBundledMavenCrm(Caller.system(), true, ImportProgress.NONE);
        LOG.info("Demo data imported from {} in {} ms: {} records created, {} updated; {} demo users created"
                        + " (password \"{}\": every agent and manager as first.last, ops, admin)", summary.source(),
                summary.millis(), summary.created(), summary.updated(),
                summary.users() == null ? 0 : summary.users().created(), Users.DEMO_PASSWORD);
        RunStatus run = services.runs().runNow(Caller.system(), Trigger.ON_DEMAND);
        LOG.info("Evaluation run {} over the demo pipeline: {} deals, {} recommendations, {} alerts raised in {} ms",
                run.id(), run.deals(), run.recommendations(), run.alertsRaised(), run.durationMs());
    }


    /** The caller a user name and password belong to; 401 when either is wrong. */
    public Caller login(String username, String password) {
        return services.users().authenticate(username, password)
                .orElseThrow(() -> new PanduException(401, "unauthorized", "wrong user name or password"));
    }

    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record Health(String status, String rulesVersion, int rules, Instant lastReloadAt,
                         List<Diagnostic> lastReloadError, Store store, RunFailure lastRunError) {
    }

    public record Store(boolean reachable, String database) {
    }

    /** Rules in use, whether the store answers, the last reload's error if it failed, the last run's if it failed. */
    public Health health() {
        boolean reachable = db.reachable();
        boolean loaded = registry.loaded();
        List<Diagnostic> error = registry.lastError();
        RuleRegistry.ReloadOutcome last = registry.lastOutcome();
        String status = !loaded || !reachable ? "down" : error.isEmpty() ? "ok" : "degraded";
        return new Health(status, loaded ? registry.current().version() : null,
                loaded ? registry.current().rules().rules().size() : 0, last == null ? null : last.at(),
                error.isEmpty() ? null : error, new Store(reachable, config.db().describe()),
                reachable ? services.runs().lastFailure(Caller.system()).orElse(null) : null);
    }

    public ApiMetrics metrics() {
        return metrics;
    }

    public RuleRegistry registry() {
        return registry;
    }

    public EvaluateService evaluate() {
        return evaluate;
    }

    public RuleService rules() {
        return rules;
    }

    /** The store-backed services: pipeline, users, import, next-best-actions, alerts, evaluation runs. */
    public Services services() {
        return services;
    }

    /** Where uploaded files are streamed to. */
    Uploads uploads() {
        return uploads;
    }

    @Override
    public void close() {
        services.close();
        registry.close();
        db.close();
        uploads.close();
    }
}
