package io.pandu.evaluate;

/**
 * Knobs of an evaluation. {@code maxPerDeal}/{@code maxPerRep} cap recommendations so reps sell
 * rather than study a to-do list; {@code firingLimit} ends a looping rule set with an error.
 */
public record EvaluationSettings(int maxPerDeal, int maxPerRep, int firingLimitPerFact, int minFiringLimit) {

    public static final EvaluationSettings DEFAULTS = new EvaluationSettings(3, 10, 50, 10_000);

    public EvaluationSettings {
        if (maxPerDeal < 1 || maxPerRep < 1) {
            throw new IllegalArgumentException("caps must be at least 1");
        }
    }

    /** Firings allowed for a fact set of the given size: generous for real rules, finite for loops. */
    public int firingLimit(int facts) {
        return Math.max(minFiringLimit, facts * firingLimitPerFact);
    }
}
