package io.pandu.evaluate;

import io.pandu.context.AccountHolding;
import io.pandu.context.DealContext;
import io.pandu.context.RepContext;
import io.pandu.context.TeamStats;
import io.pandu.facts.Account;
import io.pandu.facts.FactSet;
import io.pandu.facts.Parameter;
import io.pandu.facts.Product;
import io.pandu.facts.Territory;
import io.pandu.guidance.Attainment;
import io.pandu.guidance.Guidance;
import io.pandu.guidance.GuidanceCollector;
import io.pandu.rules.RuleSafetyPolicy;
import io.pandu.rules.RuleSet;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Clock;
import java.time.Duration;
import java.time.LocalDate;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Supplier;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.drools.mvel.ConstraintEvaluationException;
import org.kie.api.runtime.KieSession;
import org.kie.api.runtime.rule.ConsequenceException;

/**
 * Evaluates fact sets against the current rule set. One call evaluates a whole fact set in one
 * pooled session; {@link #evaluateAll} evaluates many (e.g. one per team) on several threads. Knows
 * nothing of HTTP or storage.
 */
public final class Evaluator {
    private static final Pattern CONSTRAINT_RULE = Pattern.compile("\\[Rule \"([^\"]+)\"");

    /**
     * How long one evaluation may run: the whole demo pipeline of a team takes well under a second;
     * a rule that spins is cut off here (see {@link Deadline}).
     */
    public static final Duration DEFAULT_TIME_LIMIT = Duration.ofSeconds(30);

    private final Supplier<RuleSet> ruleSet;
    private final EvaluationSettings settings;
    private final Clock clock;
    private final Duration timeLimit;

    public Evaluator(
            Supplier<RuleSet> ruleSet,
            EvaluationSettings settings,
            Clock clock,
            Duration timeLimit) {
        this.ruleSet = ruleSet;
        this.settings = settings;
        this.clock = clock;
        this.timeLimit = timeLimit;
    }

    public Evaluator(Supplier<RuleSet> ruleSet, EvaluationSettings settings, Clock clock) {
        this(ruleSet, settings, clock, DEFAULT_TIME_LIMIT);
    }

    /** {@code clock} only dates a fact set that names no as-of date. */
    public Evaluator(Supplier<RuleSet> ruleSet, Clock clock) {
        this(ruleSet, EvaluationSettings.DEFAULTS, clock);
    }

    public EvaluationSettings settings() {
        return settings;
    }

    /**
     * The same evaluator without caps: everything the rules raise, ranked (capping that list with
     * {@link Arbiter#cap} and these settings gives this evaluator's recommendations).
     */
    public Evaluator uncapped() {
        return new Evaluator(ruleSet, settings.uncapped(), clock, timeLimit);
    }

    public Evaluation evaluate(FactSet facts) {
        return evaluate(facts, ruleSet.get());
    }

    public Evaluation evaluate(FactSet facts, RuleSet rules) {
        long start = System.nanoTime();
        LocalDate asOf =
                facts.asOf() != null
                        ? facts.asOf()
                        : LocalDate.ofInstant(clock.instant(), clock.getZone());
        ContextBuilder.Contexts contexts = ContextBuilder.build(facts, rules.playbooks(), asOf);
        GuidanceCollector collector = new GuidanceCollector();
        FiringRecorder recorder = new FiringRecorder(rules.rules(), collector);
        KieSession session = rules.rules().sessions().newKieSession();
        Map<String, Double> parameters = new TreeMap<>();
        try (Deadline deadline = new Deadline(session, timeLimit)) {
            run(rules, session, contexts, collector, recorder, deadline, parameters);
        } catch (ThreadDeath stopped) {
            Thread.interrupted(); // a stop may have come with an interrupt: this thread goes on
            EvaluationFailedException timedOut = timedOut(recorder);
            rules.rules().health().failed(timedOut.getMessage());
            throw timedOut;
        } catch (EvaluationFailedException e) {
            rules.rules().health().failed(e.getMessage());
            throw e;
        }
        rules.rules().health().succeeded();
        Guidance guidance =
                Arbiter.guidance(
                        rules.version(),
                        asOf,
                        collector.recommendations(),
                        collector.alerts(),
                        collector.insights(),
                        collector.findings(),
                        settings.withRuleParameters(parameters));
        return new Evaluation(
                guidance,
                recorder.counts(),
                contexts.deals().size(),
                System.nanoTime() - start,
                parameters,
                attainment(contexts.reps()));
    }

    /** Each rep with a quota: won this year against it. */
    private static Map<String, Attainment> attainment(List<RepContext> reps) {
        Map<String, Attainment> byRep = new HashMap<>();
        for (RepContext r : reps) {
            if (r.hasQuota()) {
                byRep.put(
                        r.getRepId(),
                        new Attainment(
                                r.getRep().quota(),
                                BigDecimal.valueOf(r.getWonAmountThisYear())
                                        .setScale(2, RoundingMode.HALF_UP),
                                Math.round(r.getAttainment() * 10_000) / 10_000.0));
            }
        }
        return byRep;
    }

    private void run(
            RuleSet rules,
            KieSession session,
            ContextBuilder.Contexts contexts,
            GuidanceCollector collector,
            FiringRecorder recorder,
            Deadline deadline,
            Map<String, Double> parameters) {
        try {
            if (rules.rules().declaresGuidance()) {
                session.setGlobal(RuleSafetyPolicy.GUIDANCE_GLOBAL, collector);
            }
            session.addEventListener(recorder);
            int inserted = insertAll(session, contexts);
            int limit = settings.firingLimit(inserted);
            int fired = session.fireAllRules(limit);
            if (deadline.expired()) {
                throw timedOut(recorder);
            }
            if (fired >= limit) {
                FiringRecorder.Firings culprit = recorder.mostFired();
                throw new EvaluationFailedException(
                        culprit.rule(),
                        "rule evaluation stopped after "
                                + fired
                                + " firings (limit "
                                + limit
                                + "): rule \""
                                + culprit.rule()
                                + "\" fired "
                                + culprit.times()
                                + " times; it probably re-triggers itself");
            }
            for (Object p : session.getObjects(o -> o instanceof Parameter)) {
                parameters.merge(((Parameter) p).name(), ((Parameter) p).value(), Math::min);
            }
        } catch (ConsequenceException e) {
            if (deadline.expired()) { // the stopped consequence's ThreadDeath, wrapped
                throw timedOut(recorder);
            }
            throw failed(e.getMatch() == null ? "?" : e.getMatch().getRule().getName(), e);
        } catch (ConstraintEvaluationException e) {
            if (deadline.expired()) {
                throw timedOut(recorder);
            }
            throw failed(ruleOf(e), e);
        } finally {
            session.removeEventListener(recorder);
            session.dispose();
        }
    }

    private EvaluationFailedException timedOut(FiringRecorder recorder) {
        String rule = recorder.lastFired() == null ? "?" : recorder.lastFired();
        return new EvaluationFailedException(
                rule,
                "rule evaluation stopped after its time limit of "
                        + timeLimit.toMillis()
                        + " ms, in rule \""
                        + rule
                        + "\"; it probably loops or computes without end");
    }

    private static EvaluationFailedException failed(String rule, RuntimeException e) {
        Throwable cause = e;
        while (cause.getCause() != null && cause.getCause() != cause) {
            cause = cause.getCause();
        }
        return new EvaluationFailedException(
                rule, "rule \"" + rule + "\" failed: " + cause.getMessage());
    }

    /**
     * A condition that throws carries its rule only in the message: {@code ... in [Rule "name" in
     * file]}.
     */
    private static String ruleOf(ConstraintEvaluationException e) {
        Matcher rule = CONSTRAINT_RULE.matcher(String.valueOf(e.getMessage()));
        return rule.find() ? rule.group(1) : "?";
    }

    /** Inserts in id order so that, with equal facts, rules fire in the same order every time. */
    static int insertAll(KieSession session, ContextBuilder.Contexts contexts) {
        int n = 0;
        for (TeamStats team : contexts.teams()) {
            session.insert(team);
            n++;
        }
        for (RepContext rep : contexts.reps()) {
            session.insert(rep);
            n++;
        }
        for (Account account : contexts.accounts()) {
            session.insert(account);
            n++;
        }
        for (Territory t :
                contexts.facts().territories().stream()
                        .sorted(Comparator.comparing(Territory::id))
                        .toList()) {
            session.insert(t);
            n++;
        }
        for (Product p :
                contexts.facts().products().stream()
                        .sorted(Comparator.comparing(Product::name))
                        .toList()) {
            session.insert(p);
            n++;
        }
        for (DealContext deal : contexts.deals()) {
            session.insert(deal);
            n++;
        }
        for (AccountHolding holding : contexts.holdings()) {
            session.insert(holding);
            n++;
        }
        return n;
    }

    /** The bulk path: many independent fact sets (e.g. one per team) on {@code threads} threads. */
    public List<Evaluation> evaluateAll(List<FactSet> factSets, int threads) {
        RuleSet rules = ruleSet.get();
        return Parallel.map(factSets, threads, facts -> evaluate(facts, rules));
    }
}
