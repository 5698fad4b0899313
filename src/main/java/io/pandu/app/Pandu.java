package io.pandu.app;

import io.pandu.actions.AttentionRepository;
import io.pandu.actions.FeedbackRepository;
import io.pandu.actions.NextBestActions;
import io.pandu.auth.Caller;
import io.pandu.auth.LoginThrottle;
import io.pandu.auth.PasswordHasher;
import io.pandu.auth.UserRepository;
import io.pandu.auth.Users;
import io.pandu.coaching.AlertRepository;
import io.pandu.coaching.AlertSettings;
import io.pandu.coaching.Alerts;
import io.pandu.decisions.DecisionLog;
import io.pandu.decisions.DecisionRepository;
import io.pandu.decisions.Holdout;
import io.pandu.effect.Effectiveness;
import io.pandu.evaluate.EvaluateService;
import io.pandu.evaluate.Evaluation;
import io.pandu.evaluate.EvaluationSettings;
import io.pandu.evaluate.Evaluator;
import io.pandu.evaluate.WhyNotProbes;
import io.pandu.explain.WhyNot;
import io.pandu.health.HealthCheck;
import io.pandu.ingest.ImportProgress;
import io.pandu.ingest.ImportSummary;
import io.pandu.ingest.Importer;
import io.pandu.kpi.RepKpis;
import io.pandu.metrics.PanduMetrics;
import io.pandu.pipeline.FactChecks;
import io.pandu.pipeline.Pipeline;
import io.pandu.pipeline.PipelineRepository;
import io.pandu.playbook.PlaybookLibrary;
import io.pandu.playbook.PlaybookLoader;
import io.pandu.preview.ImpactPreview;
import io.pandu.preview.Previews;
import io.pandu.rules.RuleRegistry;
import io.pandu.rules.RuleSet;
import io.pandu.rules.RuleSetRejectedException;
import io.pandu.runs.EvaluationRun;
import io.pandu.runs.EvaluationRuns;
import io.pandu.runs.LatestGuidance;
import io.pandu.runs.RunRepository;
import io.pandu.runs.RunStatus;
import io.pandu.runs.Trigger;
import io.pandu.store.AuditLog;
import io.pandu.store.Database;
import io.pandu.store.DbConfig;
import io.pandu.store.FactStore;
import io.pandu.studio.RuleStudio;
import io.pandu.studio.SmokeEvaluation;
import io.pandu.territory.Territories;
import io.pandu.versions.FallbackPolicy;
import io.pandu.versions.RuleDrafts;
import io.pandu.versions.RuleVersionRepository;
import io.pandu.versions.RuleVersions;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The composition root: the one place that builds Pandu's object graph, from the database through
 * the repositories and the rule registry to the services. {@code serve} (through {@link
 * PanduServer}, which adds the HTTP server), every CLI command and the integration tests obtain
 * their services here. It also holds the one wall {@link Clock}; the pipeline's as-of date is a
 * separate thing that the services read from the store.
 *
 * <p>A command opens only the parts it needs: rules alone ({@code validate}, {@code test}, {@code
 * evaluate}), the store alone ({@code import}, {@code user}), or both ({@code run-evaluation},
 * {@code serve}). Asking for a part that was not opened is a programming error.
 */
public final class Pandu implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(Pandu.class);

    /** Threads for batch re-evaluation: the cores there are. */
    public static final int DEFAULT_THREADS = Runtime.getRuntime().availableProcessors();

    private final Clock clock;
    private final RuleRegistry registry;
    private final Evaluator evaluator;
    private final EvaluateService evaluate;
    private final Database db;
    private final Stored stored;
    private final List<AutoCloseable> owned;

    /** The store-backed services, present when a store was opened. */
    private record Stored(
            FactStore facts,
            AuditLog audit,
            Users users,
            Pipeline pipeline,
            Importer importer,
            NextBestActions actions,
            Alerts alerts,
            EvaluationRuns runs,
            RepKpis kpis,
            RuleStudio studio,
            HealthCheck health,
            WhyNot whyNot,
            Effectiveness effectiveness,
            RuleVersions versions,
            RuleDrafts drafts,
            RuleVersionRepository versionStore,
            Previews previews) {}

    private Pandu(Builder b, List<AutoCloseable> owned) {
        this.clock = b.clock;
        this.registry = b.registry;
        this.db = b.db;
        this.owned = owned;
        Supplier<RuleSet> rules =
                registry != null
                        ? registry::current
                        : b.ruleSet != null ? b.ruleSet : Pandu::noRules;
        Supplier<PlaybookLibrary> playbooks =
                registry != null ? () -> registry.current().playbooks() : b.playbooks;
        this.evaluator =
                registry == null && b.ruleSet == null
                        ? null
                        : new Evaluator(
                                rules,
                                EvaluationSettings.DEFAULTS,
                                clock,
                                b.limits.evaluationTimeLimit());
        this.evaluate = evaluator == null ? null : new EvaluateService(evaluator, b.observer);
        if (db == null) {
            this.stored = null;
            return;
        }
        FactStore facts = new FactStore(db, clock);
        if (b.smoke != null) {
            b.smoke.samplePipelineOf(facts);
        }
        AuditLog audit = new AuditLog(db, clock);
        Users users =
                new Users(
                        new UserRepository(db, audit),
                        facts,
                        clock,
                        b.hasher,
                        new LoginThrottle(
                                clock,
                                b.limits.loginFailuresPerUser(),
                                b.limits.loginFailuresPerAddress(),
                                b.limits.loginWindow()));
        FactChecks checks = new FactChecks(playbooks);
        Alerts alerts =
                new Alerts(new AlertRepository(db, audit, clock), clock, AlertSettings.from(rules));
        DecisionRepository decisionRecords = new DecisionRepository(db);
        DecisionLog decisions =
                new DecisionLog(decisionRecords, new Holdout(b.holdoutShare), clock);
        owned.add(
                0,
                decisions::close); // pending decision records are written before the store closes
        FeedbackRepository feedback = new FeedbackRepository(db, audit);
        // runs, drafts and previews evaluate with the graph's evaluator, or one of their own when
        // the graph was opened with a supplied rule set only
        Evaluator storeEvaluator =
                evaluator != null
                        ? evaluator
                        : new Evaluator(
                                rules,
                                EvaluationSettings.DEFAULTS,
                                clock,
                                b.limits.evaluationTimeLimit());
        RunRepository runRecords = new RunRepository(db, audit);
        EvaluationRuns runs =
                new EvaluationRuns(
                        runRecords,
                        new EvaluationRun(
                                facts,
                                alerts,
                                rules,
                                storeEvaluator,
                                runRecords,
                                clock,
                                b.threads,
                                decisions),
                        clock);
        owned.add(0, runs::close); // scheduled runs stop before the store closes
        NextBestActions actions =
                new NextBestActions(
                        feedback,
                        facts,
                        rules,
                        EvaluationSettings.DEFAULTS,
                        clock,
                        alerts,
                        new AttentionRepository(db),
                        decisions,
                        b.limits.evaluationTimeLimit());
        RuleVersionRepository versionStore = new RuleVersionRepository(db, audit);
        RuleVersions versions =
                registry == null ? null : new RuleVersions(registry, versionStore, clock);
        if (versions != null) {
            owned.add(0, versions::close); // the live-version poller stops before the store
            versions.fallBackWhen(
                    b.fallbackPolicy,
                    fellBack -> alerts.raiseForOps(fellBack.alert(), "version:" + fellBack.from()));
            decisions.fallbacksFrom(versions::fellBackFrom);
        }
        RuleDrafts drafts = versions == null ? null : new RuleDrafts(versions, storeEvaluator);
        this.stored =
                new Stored(
                        facts,
                        audit,
                        users,
                        new Pipeline(facts, new PipelineRepository(facts), checks, audit),
                        new Importer(facts, checks, users, audit),
                        actions,
                        alerts,
                        runs,
                        new RepKpis(facts, playbooks, alerts, new LatestGuidance(runRecords)),
                        registry == null ? null : new RuleStudio(registry, audit, versions),
                        registry == null
                                ? null
                                : new HealthCheck(
                                        registry,
                                        db,
                                        db.config().describe(),
                                        runs,
                                        facts::lastKnown),
                        new WhyNot(facts, rules, actions, EvaluationSettings.DEFAULTS),
                        playbooks == null
                                ? null
                                : new Effectiveness(
                                        decisionRecords, decisions, feedback, facts, playbooks),
                        versions,
                        drafts,
                        versionStore,
                        drafts == null
                                ? null
                                : new Previews(
                                        facts,
                                        rules,
                                        drafts::candidate,
                                        new ImpactPreview(storeEvaluator, b.threads),
                                        clock));
        if (stored.previews() != null) {
            owned.add(0, stored.previews()::close);
            drafts.previewSummaries(stored.previews()::summary);
            drafts.onCreate(stored.previews()::prepare);
        }
        if (b.warmWhyNot && registry != null) {
            owned.add(0, warmWhyNot(registry)::shutdownNow);
        }
        if (versions != null && b.versionsInStore && b.ownsRegistry) {
            versions.start();
        }
    }

    /**
     * How long a version serves before its why-not probes compile: start-up (the smoke evaluation,
     * a demo import, the first run) goes first, and a server that stops at once compiles nothing.
     */
    private static final Duration WHY_NOT_WARM_DELAY = Duration.ofSeconds(5);

    /**
     * Compiles the why-not probes of every version that goes live (and of the one live now) on one
     * low-priority background thread, off the request path, {@link #WHY_NOT_WARM_DELAY} after it
     * went live.
     */
    private static ScheduledExecutorService warmWhyNot(RuleRegistry registry) {
        ScheduledExecutorService warmer =
                Executors.newSingleThreadScheduledExecutor(
                        r -> {
                            Thread t = new Thread(r, "pandu-why-not-probes");
                            t.setDaemon(true);
                            t.setPriority(Thread.MIN_PRIORITY);
                            return t;
                        });
        Runnable warm =
                () -> {
                    try {
                        long start = System.nanoTime();
                        RuleSet live = registry.current();
                        int probes = WhyNotProbes.of(live.rules()).probeCount();
                        LOG.info(
                                "Why-not probes of version {} ready: {} probe rules in {} ms",
                                live.version(),
                                probes,
                                (System.nanoTime() - start) / 1_000_000);
                    } catch (RuntimeException e) {
                        LOG.warn("Why-not probes not compiled ahead: {}", e.toString());
                    }
                };
        Runnable later =
                () -> {
                    try {
                        warmer.schedule(warm, WHY_NOT_WARM_DELAY.toMillis(), TimeUnit.MILLISECONDS);
                    } catch (RejectedExecutionException closed) {
                        // the server is stopping: nothing to warm
                    }
                };
        registry.onReload(
                o -> {
                    if (o.ok() && o.changed()) {
                        later.run();
                    }
                });
        if (registry.loaded()) {
            later.run();
        }
        return warmer;
    }

    private static RuleSet noRules() {
        throw new IllegalStateException(
                "this Pandu was opened without rules (an import or user command evaluates nothing)");
    }

    /** The wall clock of a running Pandu: the one place the system time is read. */
    public static Clock systemClock() {
        return Clock.systemUTC();
    }

    /** Starts wiring a Pandu with this clock (tests pass a fixed or manually advanced one). */
    public static Builder with(Clock clock) {
        return new Builder(clock);
    }

    /** Starts wiring a Pandu on the system clock. */
    public static Builder withSystemClock() {
        return new Builder(systemClock());
    }

    /**
     * A registry over these folders, not loaded yet ({@code validate} reloads it and reports every
     * diagnostic).
     */
    public static RuleRegistry registry(Path rules, Path playbooks, Clock clock) {
        return new RuleRegistry(rules, playbooks, clock);
    }

    /**
     * The service's graph for {@code serve}: rules loaded (a rule set that does not build stops the
     * start) and watched, the store migrated, the demo data imported when asked, scheduled runs
     * started.
     */
    static Pandu open(PanduConfig config, Clock clock, PanduMetrics metrics) {
        RuleRegistry registry = registry(config.rules(), config.playbooks(), clock);
        registry.onReload(metrics::reloaded);
        registry.onReload(
                o -> {
                    if (o.ok() && o.changed()) {
                        LOG.info(
                                "Rules loaded: version {}, {} rules",
                                o.version(),
                                registry.current().rules().rules().size());
                    } else if (!o.ok()) {
                        LOG.warn(
                                "Rules not reloaded ({} errors); version {} keeps serving: {}",
                                o.errors().size(),
                                o.version(),
                                o.errors().isEmpty() ? "" : o.errors().get(0));
                    }
                });
        Pandu pandu =
                with(clock)
                        .rules(registry, true)
                        .store(config.db())
                        .holdoutShare(config.holdoutShare())
                        .fallbackPolicy(FallbackPolicy.fromEnv(System.getenv()))
                        .limits(config.limits())
                        .versionsInStore()
                        .warmWhyNot()
                        .observer(metrics::evaluated)
                        .open();
        try {
            pandu.database().requireOwnFile(); // one server per H2 file; commands may join it
            LOG.info("Store: {}", config.db().describe());
            if (config.asOf() != null) {
                pandu.facts().setAsOf(config.asOf(), io.pandu.store.AsOf.CONFIG);
            }
            io.pandu.store.AsOf asOf = pandu.facts().stated();
            LOG.info("As of {} ({})", asOf.date(), asOf.source());
            if (config.demo()) {
                pandu.importDemo(config.demoData());
            }
            if (!pandu.users().hasAdmin()) {
                LOG.warn(
                        "No admin in this store yet: create the first one with `{}` (it asks for the"
                                + " password; this server may keep running)",
                        firstAdminCommand(config.db()));
            }
            registry.watch(config.watchMillis());
            pandu.versions().follow(RuleVersions.FOLLOW_MILLIS);
            if (config.runEvery() != null) {
                pandu.runs().schedule(config.runEvery());
                LOG.info(
                        "The stored pipeline is re-evaluated every {} (PANDU_RUN_EVERY or --run-every; off to stop)",
                        config.runEvery());
            }
            return pandu;
        } catch (RuntimeException e) {
            pandu.close();
            throw e;
        }
    }

    /** The command that creates the first admin in this store. */
    static String firstAdminCommand(DbConfig db) {
        StringBuilder command =
                new StringBuilder("java -jar pandu.jar user create --username admin --role admin");
        if (!db.describe().equals(new DbConfig(null, null, null).describe())) {
            String url = db.isH2() ? db.url().split(";", 2)[0] : db.describe();
            if (db.schema() != null) {
                url = url.substring(0, url.length() - (" (schema " + db.schema() + ")").length());
                command.append(" --db-schema ").append(db.schema());
            }
            command.append(" --db-url '").append(url).append('\'');
            if (db.user() != null && !db.isH2()) {
                command.append(" --db-user ").append(db.user());
            }
        }
        return command.toString();
    }

    private void importDemo(Path demoData) {
        ImportSummary summary =
                importer().importDemo(Caller.system(), demoData, ImportProgress.NONE);
        LOG.info(
                "Demo data imported from {} in {} ms: {} records created, {} updated; {} demo users created"
                        + " (password \"{}\": every agent and manager as first.last, ops, admin, director); {}: {}",
                summary.source(),
                summary.millis(),
                summary.created(),
                summary.updated(),
                summary.users() == null ? 0 : summary.users().created(),
                Users.DEMO_PASSWORD,
                summary.enrichment().label(),
                summary.enrichment().added());
        RunStatus run = runs().runNow(Caller.system(), Trigger.ON_DEMAND);
        LOG.info(
                "Evaluation run {} over the demo pipeline: {} deals, {} recommendations, {} alerts raised in {} ms",
                run.id(),
                run.deals(),
                run.recommendations(),
                run.alertsRaised(),
                run.durationMs());
    }

    public Clock clock() {
        return clock;
    }

    public RuleRegistry registry() {
        return require(registry, "rules");
    }

    public Evaluator evaluator() {
        return require(evaluator, "rules");
    }

    /** Stateless evaluation, metered when the service opened this Pandu. */
    public EvaluateService evaluate() {
        return require(evaluate, "rules");
    }

    public Database database() {
        return require(db, "a store");
    }

    public FactStore facts() {
        return stored().facts();
    }

    public AuditLog audit() {
        return stored().audit();
    }

    public Users users() {
        return stored().users();
    }

    public Pipeline pipeline() {
        return stored().pipeline();
    }

    public Importer importer() {
        return stored().importer();
    }

    public NextBestActions actions() {
        return stored().actions();
    }

    public WhyNot whyNot() {
        return stored().whyNot();
    }

    public Alerts alerts() {
        return stored().alerts();
    }

    public EvaluationRuns runs() {
        return stored().runs();
    }

    public RepKpis kpis() {
        return stored().kpis();
    }

    /** The territories and the territory rules' findings of the newest succeeded run. */
    public Territories territories() {
        return new Territories(
                stored().facts(), new LatestGuidance(new RunRepository(db, stored().audit())));
    }

    /** The rules studio's service; needs rules and a store (saves are audited). */
    public RuleStudio studio() {
        return require(stored().studio(), "rules");
    }

    public HealthCheck health() {
        return require(stored().health(), "rules");
    }

    /** Rule effectiveness against the holdout; needs playbooks (deal outcomes) and a store. */
    public Effectiveness effectiveness() {
        return require(stored().effectiveness(), "playbooks");
    }

    /** Rule-set versions in the store: history, live pointer, rollback, export and import. */
    public RuleVersions versions() {
        return require(stored().versions(), "rules");
    }

    /** Impact previews of drafts over the stored pipeline. */
    public Previews previews() {
        return require(stored().previews(), "rules");
    }

    public RuleDrafts drafts() {
        return require(stored().drafts(), "rules");
    }

    /** The stored rule-set versions themselves, readable without loading any rules (export). */
    public RuleVersionRepository versionStore() {
        return stored().versionStore();
    }

    private Stored stored() {
        return require(stored, "a store");
    }

    private static <T> T require(T part, String what) {
        if (part == null) {
            throw new IllegalStateException("this Pandu was opened without " + what);
        }
        return part;
    }

    /**
     * Stops scheduled runs and the rules watcher, then closes the store, each only if this Pandu
     * opened it.
     */
    @Override
    public void close() {
        RuntimeException first = null;
        for (AutoCloseable part : owned) {
            try {
                part.close();
            } catch (Exception e) {
                LOG.warn("while closing: {}", e.toString());
                first =
                        first != null
                                ? first
                                : new IllegalStateException("closing Pandu failed", e);
            }
        }
        if (first != null) {
            throw first;
        }
    }

    /**
     * Which parts to open. Each one is optional; {@link #open()} builds the graph over what was
     * given.
     */
    public static final class Builder {
        private final Clock clock;
        private RuleRegistry registry;
        private boolean ownsRegistry;
        private SmokeEvaluation smoke;
        private Path rulesDir;
        private Path playbooksDir;
        private Supplier<PlaybookLibrary> playbooks;
        private Supplier<RuleSet> ruleSet;
        private Path playbooksOnly;
        private DbConfig dbConfig;
        private Database db;
        private PasswordHasher hasher = new PasswordHasher();
        private int threads = DEFAULT_THREADS;
        private Consumer<Evaluation> observer = e -> {};
        private double holdoutShare = Holdout.DEFAULT_SHARE;
        private FallbackPolicy fallbackPolicy = FallbackPolicy.DEFAULT;
        private Limits limits = Limits.DEFAULTS;
        private boolean versionsInStore;
        private boolean warmWhyNot;

        private Builder(Clock clock) {
            this.clock = clock;
        }

        /**
         * Load the rules and playbooks of these folders; a rule set that does not build fails
         * {@link #open()}.
         */
        public Builder rules(Path rules, Path playbooks) {
            this.rulesDir = rules;
            this.playbooksDir = playbooks;
            return this;
        }

        /**
         * Use this registry; {@code owned}: load it (failing on errors) and close it with this
         * Pandu.
         */
        public Builder rules(RuleRegistry registry, boolean owned) {
            this.registry = registry;
            this.ownsRegistry = owned;
            return this;
        }

        /**
         * Without a registry, evaluate with whatever rule set this gives at the time (a test's
         * failing rules).
         */
        public Builder rules(Supplier<RuleSet> ruleSet) {
            this.ruleSet = ruleSet;
            return this;
        }

        /** Without rules, check deal stages against the playbooks of this folder (imports). */
        public Builder playbooks(Path playbooks) {
            this.playbooksOnly = playbooks;
            return this;
        }

        /** Without rules, check deal stages against this library (null: not checked). */
        public Builder playbooks(Supplier<PlaybookLibrary> playbooks) {
            this.playbooks = playbooks;
            return this;
        }

        /** Open and migrate this store, and close it with this Pandu. */
        public Builder store(DbConfig config) {
            this.dbConfig = config;
            return this;
        }

        /** Use this open store; it stays open when this Pandu closes. */
        public Builder store(Database database) {
            this.db = database;
            return this;
        }

        public Builder hasher(PasswordHasher hasher) {
            this.hasher = hasher;
            return this;
        }

        /**
         * Serve the store's live rule-set version rather than the folders (the folders become the
         * first version of an empty store, and later edits to them become versions): what {@code
         * serve} and {@code rules import} do. Needs a store and a registry this Pandu owns.
         */
        public Builder versionsInStore() {
            this.versionsInStore = true;
            return this;
        }

        /**
         * Compile each rule-set version's why-not probes in the background as it goes live, so the
         * first "why not" question about a version does not wait for them ({@code serve}).
         */
        public Builder warmWhyNot() {
            this.warmWhyNot = true;
            return this;
        }

        /** Threads of a batch re-evaluation. */
        public Builder threads(int threads) {
            this.threads = threads;
            return this;
        }

        /**
         * When the live version counts as failing at run time and the last good one takes over
         * (default {@link FallbackPolicy#DEFAULT}).
         */
        public Builder fallbackPolicy(FallbackPolicy policy) {
            this.fallbackPolicy = policy;
            return this;
        }

        /** The evaluation time limit and the sign-in throttle (the token lifetime is HTTP's). */
        public Builder limits(Limits limits) {
            this.limits = limits;
            return this;
        }

        /**
         * The share of (deal, code) pairs held out from reps (default {@link
         * Holdout#DEFAULT_SHARE}; 0: none).
         */
        public Builder holdoutShare(double share) {
            this.holdoutShare = new Holdout(share).share();
            return this;
        }

        /** Told of every stateless evaluation (the service meters them). */
        public Builder observer(Consumer<Evaluation> observer) {
            this.observer = observer;
            return this;
        }

        public Pandu open() {
            List<AutoCloseable> owned = new ArrayList<>();
            try {
                if (rulesDir != null) {
                    registry = registry(rulesDir, playbooksDir, clock);
                    ownsRegistry = true;
                }
                if (registry != null && ownsRegistry) {
                    owned.add(registry);
                    // every rule set this graph loads is run before it goes live
                    smoke = new SmokeEvaluation(registry::rulesDir, clock);
                    registry.addCandidateCheck(smoke);
                    // with versions in the store the store's live version serves (the folders
                    // seed an empty store); else the folders do
                    if (!versionsInStore || (dbConfig == null && db == null)) {
                        versionsInStore = false;
                        RuleRegistry.ReloadOutcome first = registry.reload();
                        if (!first.ok()) {
                            throw new RuleSetRejectedException(first.diagnostics());
                        }
                    }
                }
                if (playbooksOnly != null) {
                    PlaybookLoader.Result loaded = new PlaybookLoader().load(playbooksOnly);
                    if (!loaded.ok()) {
                        throw new RuleSetRejectedException(loaded.diagnostics());
                    }
                    PlaybookLibrary library = loaded.library();
                    playbooks = () -> library;
                }
                if (dbConfig != null) {
                    db = Database.open(dbConfig);
                    owned.add(db);
                }
                Pandu pandu = new Pandu(this, owned);
                return pandu;
            } catch (RuntimeException e) {
                for (int i = owned.size() - 1; i >= 0; i--) {
                    try {
                        owned.get(i).close();
                    } catch (Exception suppressed) {
                        e.addSuppressed(suppressed);
                    }
                }
                throw e;
            }
        }
    }
}
