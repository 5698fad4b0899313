package io.pandu.services;

import io.pandu.actions.FeedbackRepository;
import io.pandu.actions.NextBestActions;
import io.pandu.auth.PasswordHasher;
import io.pandu.auth.UserRepository;
import io.pandu.auth.Users;
import io.pandu.coaching.AlertRepository;
import io.pandu.coaching.Alerts;
import io.pandu.evaluate.EvaluationSettings;
import io.pandu.evaluate.Evaluator;
import io.pandu.ingest.Importer;
import io.pandu.pipeline.FactChecks;
import io.pandu.pipeline.Pipeline;
import io.pandu.pipeline.PipelineRepository;
import io.pandu.playbook.PlaybookLibrary;
import io.pandu.rules.RuleRegistry;
import io.pandu.rules.RuleSet;
import io.pandu.runs.EvaluationRun;
import io.pandu.runs.EvaluationRuns;
import io.pandu.runs.RunRepository;
import io.pandu.store.AuditLog;
import io.pandu.store.Database;
import io.pandu.store.FactStore;

import java.time.Clock;
import java.util.function.Supplier;

/**
 * Every service of the Pandu service wired together over one database and one rule registry; the
 * HTTP API and the CLI both start here. All methods are plain blocking Java that take the
 * {@link io.pandu.auth.Caller} first and enforce its visibility.
 */
public record Services(Database db, FactStore facts, AuditLog audit, Users users, Pipeline pipeline, Importer importer,
                       NextBestActions actions, Alerts alerts, EvaluationRuns runs) implements AutoCloseable {

    /** Threads for batch re-evaluation: the cores there are. */
    public static final int DEFAULT_THREADS = Runtime.getRuntime().availableProcessors();

    /** Wires the services to a registry (the service and {@code pandu run-evaluation}). */
    public static Services create(Database db, RuleRegistry registry, Clock clock) {
        return create(db, registry::current, () -> registry.current().playbooks(), clock, new PasswordHasher(),
                DEFAULT_THREADS);
    }

    /**
     * Wires the services. {@code playbooks} checks the stages of stored deals (null: not checked);
     * {@code rules} is only asked for when something is evaluated, so imports need no compiled rules.
     */
    public static Services create(Database db, Supplier<RuleSet> rules, Supplier<PlaybookLibrary> playbooks,
                                  Clock clock, PasswordHasher hasher, int threads) {
        FactStore facts = new FactStore(db, clock);
        AuditLog audit = new AuditLog(db, clock);
        Users users = new Users(new UserRepository(db, audit), facts, clock, hasher);
        FactChecks checks = new FactChecks(playbooks);
        Alerts alerts = new Alerts(new AlertRepository(db, audit, clock), clock);
        Evaluator evaluator = new Evaluator(rules, EvaluationSettings.DEFAULTS, clock);
        RunRepository runs = new RunRepository(db, audit);
        return new Services(db, facts, audit, users, new Pipeline(facts, new PipelineRepository(facts), checks, audit),
                new Importer(facts, checks, users, audit),
                new NextBestActions(new FeedbackRepository(db, audit), facts, rules, EvaluationSettings.DEFAULTS, clock), alerts,
                new EvaluationRuns(runs, new EvaluationRun(facts, alerts, rules, evaluator, runs, clock, threads), clock));
    }

    /** Stops scheduled runs; the database is the caller's to close. */
    @Override
    public void close() {
        runs.close();
    }
}
