package io.pandu.runs;

import io.pandu.coaching.Alerts;
import io.pandu.coaching.Reconciliation;
import io.pandu.decisions.DecisionLog;
import io.pandu.evaluate.Arbiter;
import io.pandu.evaluate.Evaluation;
import io.pandu.evaluate.Evaluator;
import io.pandu.facts.FactSet;
import io.pandu.guidance.CoachingAlert;
import io.pandu.guidance.Guidance;
import io.pandu.guidance.Recommendation;
import io.pandu.rules.RuleSet;
import io.pandu.store.FactStore;
import io.pandu.store.Team;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What one evaluation run does: loads the stored pipeline as one fact set per team, evaluates them
 * through the engine's bulk path ({@link Evaluator#evaluateAll}) {@code threads} teams at a time,
 * reconciles the coaching alerts, and stores the counts, the firings of every rule and a guidance
 * snapshot per team. With a {@link DecisionLog}, every recommendation the rules raised (before the
 * caps) is recorded as a decision once the run succeeded, written in the background; the run keeps
 * what the caps keep, as its evaluator would have given. A run that fails is recorded as failed
 * with its message, and logged with its stack trace.
 */
public final class EvaluationRun {
    private static final Logger LOG = LoggerFactory.getLogger(EvaluationRun.class);

    private final FactStore facts;
    private final Alerts alerts;
    private final Supplier<RuleSet> rules;
    private final Evaluator evaluator;
    private final RunRepository runs;
    private final Clock clock;
    private final int threads;
    private final DecisionLog decisions;
    private final Evaluator uncapped;

    public EvaluationRun(
            FactStore facts,
            Alerts alerts,
            Supplier<RuleSet> rules,
            Evaluator evaluator,
            RunRepository runs,
            Clock clock,
            int threads) {
        this(facts, alerts, rules, evaluator, runs, clock, threads, null);
    }

    /** With {@code decisions} (null: none), the run's recommendations are recorded. */
    public EvaluationRun(
            FactStore facts,
            Alerts alerts,
            Supplier<RuleSet> rules,
            Evaluator evaluator,
            RunRepository runs,
            Clock clock,
            int threads,
            DecisionLog decisions) {
        this.decisions = decisions;
        this.uncapped = decisions == null ? null : evaluator.uncapped();
        this.facts = facts;
        this.alerts = alerts;
        this.rules = rules;
        this.evaluator = evaluator;
        this.runs = runs;
        this.clock = clock;
        this.threads = Math.max(1, threads);
    }

    /**
     * Runs the run {@code runId} (begun by {@link RunRepository#begin}) to its end, succeeded or
     * failed.
     */
    public void execute(long runId) {
        long start = System.nanoTime();
        try {
            evaluate(runId, start);
        } catch (RuntimeException | Error e) {
            String message = e.getMessage() == null ? e.toString() : e.getMessage();
            LOG.error("Evaluation run {} failed: {}", runId, message, e);
            runs.failed(runId, message, clock.instant(), (System.nanoTime() - start) / 1_000_000);
            if (e instanceof Error error) {
                throw error;
            }
        }
    }

    /** An uncapped evaluation with the caps of the run's evaluator applied, as it would give. */
    private Evaluation capped(Evaluation e) {
        Guidance g = e.guidance();
        List<Recommendation> kept =
                Arbiter.cap(
                        g.recommendations(),
                        Recommendation::dealId,
                        Recommendation::repId,
                        Recommendation::code,
                        Recommendation::withMoreLikeThis,
                        evaluator.settings().withRuleParameters(e.parameters()));
        return new Evaluation(
                new Guidance(
                        g.ruleSetVersion(),
                        g.asOf(),
                        kept,
                        g.coachingAlerts(),
                        g.incentiveInsights(),
                        g.territoryFindings()),
                e.firings(),
                e.deals(),
                e.nanos(),
                e.parameters(),
                e.attainment());
    }

    private void evaluate(long runId, long start) {
        LocalDate asOf = facts.asOfOrToday();
        List<Team> teams = facts.pipeline(asOf);
        int deals = teams.stream().mapToInt(t -> t.facts().deals().size()).sum();
        runs.loaded(runId, asOf, teams.size(), deals);
        long evalStart = System.nanoTime();
        List<Evaluation> evaluations = new ArrayList<>();
        List<Guidance> everything = new ArrayList<>(); // what the rules raised, per team
        for (int from = 0; from < teams.size(); from += threads) {
            List<FactSet> group =
                    teams.subList(from, Math.min(teams.size(), from + threads)).stream()
                            .map(Team::facts)
                            .toList();
            if (decisions == null) {
                evaluations.addAll(evaluator.evaluateAll(group, threads));
            } else {
                // everything the rules raised is recorded; the run keeps what the caps keep
                List<Evaluation> raised = uncapped.evaluateAll(group, threads);
                for (Evaluation e : raised) {
                    everything.add(e.guidance());
                    evaluations.add(capped(e));
                }
            }
            runs.teamsDone(runId, evaluations.size());
        }
        long evaluationMs = (System.nanoTime() - evalStart) / 1_000_000;
        String version =
                evaluations.isEmpty()
                        ? rules.get().version()
                        : evaluations.get(0).guidance().ruleSetVersion();
        List<CoachingAlert> raised = new ArrayList<>();
        Map<String, Integer> firings = new TreeMap<>();
        int recommendations = 0;
        for (Evaluation e : evaluations) {
            raised.addAll(e.guidance().coachingAlerts());
            e.firings().forEach((rule, n) -> firings.merge(rule, n, Integer::sum));
            recommendations += e.guidance().recommendations().size();
        }
        runs.phase(runId, "alerts");
        Reconciliation reconciled = alerts.reconcile(runId, asOf, raised);
        runs.phase(runId, "snapshots");
        int done = recommendations;
        runs.inTransaction(
                tx -> {
                    for (int i = 0; i < teams.size(); i++) {
                        tx.snapshot(
                                runId,
                                teams.get(i).id(),
                                evaluations.get(i).guidance(),
                                clock.instant());
                    }
                    tx.firings(runId, firings);
                    Instant now = clock.instant();
                    if (!tx.ruleSetUsedAgain(version, now)) {
                        RuleSet set = rules.get();
                        boolean same = set.version().equals(version);
                        tx.ruleSetFirstUsed(
                                version,
                                same ? set.rules().rules().size() : 0,
                                same ? set.rules().files() : List.of(),
                                now);
                    }
                    tx.succeeded(
                            runId,
                            version,
                            done,
                            reconciled,
                            clock.instant(),
                            evaluationMs,
                            (System.nanoTime() - start) / 1_000_000,
                            deals
                                    + " deals in "
                                    + evaluationMs
                                    + " ms; alerts +"
                                    + reconciled.raised()
                                    + " -"
                                    + reconciled.resolved());
                    // a run over the Maven CRM pipeline writes megabytes of snapshots, and runs
                    // come every hour
                    tx.pruneSnapshots(EvaluationRuns.SNAPSHOT_RUNS_KEPT);
                    return null;
                });
        // recorded once the run is stored, so writing them takes nothing from the run's time
        for (int i = 0; i < everything.size(); i++) {
            decisions.recordRun(everything.get(i), teams.get(i).facts());
        }
    }
}
