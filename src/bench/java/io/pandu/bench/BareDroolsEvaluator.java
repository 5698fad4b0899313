package io.pandu.bench;

import io.pandu.evaluate.ContextBuilder;
import io.pandu.facts.FactSet;
import io.pandu.guidance.FiredRule;
import io.pandu.guidance.GuidanceCollector;
import io.pandu.guidance.RuleRef;
import io.pandu.rules.RuleInfo;
import io.pandu.rules.RuleSafetyPolicy;
import io.pandu.rules.RuleSet;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import org.kie.api.runtime.StatelessKieSession;

/**
 * What a naive integrator would do with the same compiled rules: build the contexts the rules are
 * written against, open a {@code StatelessKieSession} per fact set, set the global and {@code
 * execute} the facts as one collection. No firing listener, no explanations, no firing limit, no
 * arbitration, no sorted insertion. The collector insists on knowing which rule is firing, so it is
 * told once, up front, that "some rule" is.
 */
public final class BareDroolsEvaluator {
    private static final FiredRule ANY_RULE =
            new FiredRule(
                    new RuleRef("(bare Drools)", null, null, null),
                    RuleInfo.DEFAULT_PRIORITY,
                    null,
                    null,
                    List.of());

    private final RuleSet ruleSet;

    public BareDroolsEvaluator(RuleSet ruleSet) {
        this.ruleSet = ruleSet;
    }

    /** The raw guidance the rules raised, before any arbitration. */
    public GuidanceCollector evaluate(FactSet facts) {
        if (facts.asOf() == null) {
            // No wall clock here: (a) would fall back to its clock, so the variants could disagree.
            throw new IllegalArgumentException(
                    "the benchmark needs fact sets with an as-of date (PipelineGenerator sets it)");
        }
        LocalDate asOf = facts.asOf();
        ContextBuilder.Contexts contexts = ContextBuilder.build(facts, ruleSet.playbooks(), asOf);
        List<Object> all =
                new ArrayList<>(
                        contexts.teams().size()
                                + contexts.reps().size()
                                + contexts.accounts().size()
                                + facts.territories().size()
                                + facts.products().size()
                                + contexts.deals().size());
        all.addAll(contexts.teams());
        all.addAll(contexts.reps());
        all.addAll(contexts.accounts());
        all.addAll(facts.territories());
        all.addAll(facts.products());
        all.addAll(contexts.deals());
        GuidanceCollector collector = new GuidanceCollector();
        collector.firing(ANY_RULE);
        StatelessKieSession session = ruleSet.rules().kieBase().newStatelessKieSession();
        session.setGlobal(RuleSafetyPolicy.GUIDANCE_GLOBAL, collector);
        session.execute(all);
        return collector;
    }
}
