package io.pandu.evaluate;

import java.util.Map;

/**
 * Knobs of an evaluation. {@code maxPerDeal}/{@code maxPerRep} cap recommendations so reps sell
 * rather than study a to-do list; {@code maxPerCode} keeps one code from filling a rep's list (the
 * same advice ten times is one piece of advice, and the rest of the playbook never shows); {@code
 * repLevelKept} of a rep's places go to advice about no deal (training, shadowing, cross-sell) when
 * there is some, which scores like a deal worth nothing and would otherwise never make the cut on a
 * full pipeline; {@code firingLimit} ends a looping rule set with an error.
 */
public record EvaluationSettings(
        int maxPerDeal,
        int maxPerRep,
        int maxPerCode,
        int repLevelKept,
        int firingLimitPerFact,
        int minFiringLimit) {

    public static final EvaluationSettings DEFAULTS =
            new EvaluationSettings(3, 10, 3, 2, 50, 10_000);

    public EvaluationSettings {
        if (maxPerDeal < 1 || maxPerRep < 1 || maxPerCode < 1) {
            throw new IllegalArgumentException("caps must be at least 1");
        }
        if (repLevelKept < 0 || repLevelKept > maxPerRep) {
            throw new IllegalArgumentException("repLevelKept must be between 0 and maxPerRep");
        }
    }

    /** The rule-set parameter (team-parameters.drl.csv) that overrides {@code maxPerCode}. */
    public static final String MAX_ACTIONS_PER_CODE = "maxActionsPerCode";

    /**
     * These settings with what the rule set's parameters say: {@code maxActionsPerCode} replaces
     * {@code maxPerCode} (at least 1; a fraction is rounded down). Uncapped settings stay uncapped.
     */
    public EvaluationSettings withRuleParameters(Map<String, Double> parameters) {
        Double perCode = parameters.get(MAX_ACTIONS_PER_CODE);
        if (perCode == null || perCode.isNaN() || maxPerCode == Integer.MAX_VALUE) {
            return this;
        }
        int cap = (int) Math.max(1, Math.min(Integer.MAX_VALUE - 1, Math.floor(perCode)));
        return new EvaluationSettings(
                maxPerDeal, maxPerRep, cap, repLevelKept, firingLimitPerFact, minFiringLimit);
    }

    /** The same limits without caps: everything ranked, nothing dropped. */
    public EvaluationSettings uncapped() {
        return new EvaluationSettings(
                Integer.MAX_VALUE,
                Integer.MAX_VALUE,
                Integer.MAX_VALUE,
                0,
                firingLimitPerFact,
                minFiringLimit);
    }

    /**
     * Firings allowed for a fact set of the given size: generous for real rules, finite for loops.
     */
    public int firingLimit(int facts) {
        return Math.max(minFiringLimit, facts * firingLimitPerFact);
    }
}
