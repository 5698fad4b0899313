package io.pandu.guidance;

/**
 * How recommendations are ranked — the one place the formula lives (the README's "How actions are
 * ranked" says the same):
 *
 * <pre>
 * score   = priority × value × urgency                     (two decimals)
 * value   = 1 + log10(1 + amount / 1000)                   (a deal worth nothing: 1)
 * urgency = 1 + (min(max(u, 1), 3) − 1) / 2 × (1.25 − 1)   (u as the rule says it: 1 to 3)
 * </pre>
 *
 * A rule states its urgency on a scale of 1 to 3 (3 = as urgent as it gets, e.g. a deal quiet for
 * two months); the score uses at most {@link #URGENCY_CAP} = 1.25 of it. Why 1.25: urgency then
 * reorders codes whose priorities are within a quarter of each other (a long-quiet re-engagement,
 * priority 70, passes an exec-sponsor or champion task, 72 and 75, on a deal of the same value) but
 * never lets one code bury the rest of the playbook, as a factor of 3 did (70 × 3 beat every
 * priority-80 economic-buyer action, and one code took 8 of a rep's 10 places). The value factor
 * adds one priority's worth per tenfold increase in deal value. Ties are broken in {@code Arbiter}
 * (deal value, expected close, id), and no code takes more than {@code maxActionsPerCode} of a
 * rep's places.
 */
public final class Scoring {
    /** The largest urgency factor a score uses. */
    public static final double URGENCY_CAP = 1.25;

    /** The top of the urgency scale rules speak in. */
    public static final double RULE_URGENCY_MAX = 3;

    private Scoring() {}

    public static double score(int priority, double amount, double urgency) {
        return factors(priority, amount, urgency).total();
    }

    /** The score with its factors, each rounded for display (the total from the exact ones). */
    public static ScoreFactors factors(int priority, double amount, double urgency) {
        double value = 1 + Math.log10(1 + Math.max(0, amount) / 1000.0);
        double u = Double.isNaN(urgency) ? 1 : Math.max(1, Math.min(RULE_URGENCY_MAX, urgency));
        double bounded = 1 + (u - 1) / (RULE_URGENCY_MAX - 1) * (URGENCY_CAP - 1);
        return new ScoreFactors(
                priority, round(value, 4), round(bounded, 4), round(priority * value * bounded, 2));
    }

    private static double round(double x, int decimals) {
        double f = Math.pow(10, decimals);
        return Math.round(x * f) / f;
    }
}
