package io.pandu.guidance;

/**
 * How recommendations are ranked: {@code score = priority × (1 + log10(1 + amount / 1000)) ×
 * urgency}, urgency clamped to [1, 3], rounded to two decimals. A deal worth nothing keeps its
 * rule's priority; every tenfold increase in value adds one priority's worth; a rule can at most
 * triple a score for urgency (e.g. overdue).
 */
public final class Scoring {
    private Scoring() {}

    public static double score(int priority, double amount, double urgency) {
        double value = 1 + Math.log10(1 + Math.max(0, amount) / 1000.0);
        double u = Math.max(1, Math.min(3, Double.isNaN(urgency) ? 1 : urgency));
        return Math.round(priority * value * u * 100.0) / 100.0;
    }
}
