package io.pandu.studio;

import io.pandu.errors.Diagnostic;
import io.pandu.evaluate.EvaluationFailedException;
import io.pandu.evaluate.EvaluationSettings;
import io.pandu.evaluate.Evaluator;
import io.pandu.facts.Activity;
import io.pandu.facts.Deal;
import io.pandu.facts.FactSet;
import io.pandu.facts.Rep;
import io.pandu.rules.CandidateCheck;
import io.pandu.rules.RuleInfo;
import io.pandu.rules.RuleSet;
import io.pandu.scenario.Scenario;
import io.pandu.scenario.ScenarioRunner;
import io.pandu.store.FactStore;
import io.pandu.store.Team;
import io.pandu.store.Where;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Supplier;

/**
 * Runs a candidate rule set before it goes live: every scenario's facts and a sample of the stored
 * pipeline (a few teams, at most {@link #DEFAULT_SAMPLE_DEALS} deals), each under the firing limit
 * and a time limit. A rule that fails at run time (a missing parameter, an {@code update($d)} loop,
 * a runaway) refuses the set, named with its file and line. Only run-time failures count here:
 * whether the scenarios' expectations hold is {@code pandu test}'s question.
 */
public final class SmokeEvaluation implements CandidateCheck {
    public static final int DEFAULT_SAMPLE_DEALS = 500;
    public static final int DEFAULT_SAMPLE_TEAMS = 3;
    public static final Duration DEFAULT_TIME_LIMIT = Duration.ofSeconds(5);

    private final Supplier<Path> scenarios;
    private final Clock clock;
    private final Duration timeLimit;
    private final int sampleDeals;
    private volatile FactStore store;

    /** {@code scenarios}: the rules directory whose {@code scenarios/*.yaml} files run. */
    public SmokeEvaluation(
            Supplier<Path> scenarios, Clock clock, Duration timeLimit, int sampleDeals) {
        this.scenarios = scenarios;
        this.clock = clock;
        this.timeLimit = timeLimit;
        this.sampleDeals = sampleDeals;
    }

    public SmokeEvaluation(Supplier<Path> scenarios, Clock clock) {
        this(scenarios, clock, DEFAULT_TIME_LIMIT, DEFAULT_SAMPLE_DEALS);
    }

    /**
     * From now on also evaluate a sample of this store's pipeline (the store opens after the first
     * rule set loads).
     */
    public void samplePipelineOf(FactStore store) {
        this.store = store;
    }

    private record Run(String what, FactSet facts) {}

    @Override
    public List<Diagnostic> check(RuleSet candidate) {
        Evaluator evaluator =
                new Evaluator(() -> candidate, EvaluationSettings.DEFAULTS, clock, timeLimit);
        Map<String, Diagnostic> byRule = new LinkedHashMap<>();
        List<Run> runs = new ArrayList<>(scenarioRuns());
        runs.addAll(pipelineSample());
        for (Run run : runs) {
            try {
                evaluator.evaluate(run.facts(), candidate);
            } catch (EvaluationFailedException e) {
                byRule.putIfAbsent(e.rule(), refusal(candidate, e.rule(), run, e.getMessage()));
            } catch (RuntimeException e) {
                byRule.putIfAbsent(
                        "?" + e.getClass().getName(),
                        Diagnostic.error(
                                "(smoke evaluation)",
                                0,
                                0,
                                "evaluating " + run.what() + " failed: " + e));
            }
        }
        return List.copyOf(byRule.values());
    }

    private static Diagnostic refusal(RuleSet candidate, String rule, Run run, String message) {
        RuleInfo info =
                candidate.rules().rules().values().stream()
                        .filter(r -> r.name().equals(rule))
                        .findFirst()
                        .orElse(null);
        String file = info == null || info.file() == null ? "(smoke evaluation)" : info.file();
        int line = info == null || info.line() == null ? 0 : info.line();
        return Diagnostic.error(
                file,
                line,
                line > 0 ? 1 : 0,
                "smoke evaluation of " + run.what() + " refused this rule set: " + message);
    }

    private List<Run> scenarioRuns() {
        Path dir = scenarios.get();
        List<Run> runs = new ArrayList<>();
        if (dir == null) {
            return runs;
        }
        for (Path file : ScenarioRunner.files(dir)) {
            String display = dir.relativize(file).toString().replace('\\', '/');
            List<Scenario> read;
            try {
                read = ScenarioRunner.read(file, display);
            } catch (ScenarioRunner.ScenarioFormatException e) {
                continue; // `pandu test` reports an unreadable scenario; it has no facts to run
            }
            for (Scenario s : read) {
                FactSet facts = s.asOf() != null ? s.given().withAsOf(s.asOf()) : s.given();
                runs.add(new Run("scenario \"" + s.name() + "\" (" + display + ")", facts));
            }
        }
        return runs;
    }

    /** The first few teams by id, their deals cut to the sample size in id order. */
    private List<Run> pipelineSample() {
        FactStore facts = store;
        List<Run> runs = new ArrayList<>();
        if (facts == null) {
            return runs;
        }
        int left = sampleDeals;
        List<String> managers =
                facts.reps().all(new Where()).stream()
                        .filter(Rep::hasManager)
                        .map(Rep::managerId)
                        .distinct()
                        .sorted()
                        .limit(DEFAULT_SAMPLE_TEAMS)
                        .toList();
        List<String> sampled =
                managers.isEmpty() ? java.util.Arrays.asList((String) null) : managers;
        for (String manager : sampled) {
            if (left <= 0) {
                break;
            }
            Team team = facts.team(manager, facts.asOfOrToday());
            FactSet all = team.facts();
            List<Deal> deals =
                    all.deals().stream()
                            .sorted(Comparator.comparing(Deal::id))
                            .limit(left)
                            .toList();
            left -= deals.size();
            Set<String> kept = new HashSet<>();
            deals.forEach(d -> kept.add(d.id()));
            List<Activity> activities =
                    all.activities().stream()
                            .filter(a -> a.dealId() == null || kept.contains(a.dealId()))
                            .toList();
            runs.add(
                    new Run(
                            "the stored pipeline of team \""
                                    + team.id()
                                    + "\" ("
                                    + deals.size()
                                    + " deals)",
                            new FactSet(
                                    all.asOf(),
                                    all.reps(),
                                    deals,
                                    activities,
                                    all.accounts(),
                                    all.territories(),
                                    all.products())));
        }
        return runs;
    }
}
