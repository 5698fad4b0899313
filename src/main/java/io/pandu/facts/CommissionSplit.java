package io.pandu.facts;

import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Collectors;

/**
 * What closing a deal earns under a tiered plan, computed marginally: each part of the amount is
 * paid at the rate of the tier it falls in. A rep at 48 % of a 100,000 quota closing 10,000 moves
 * from 48,000 to 58,000 won: 2,000 at the base tier's 5 % and 8,000 at the target tier's 8 % = 740
 * (not 10,000 × 5 %). A part of the amount that falls in no tier earns nothing.
 */
public record CommissionSplit(double total, List<Part> parts) {

    /** The part of the deal's amount that falls in one tier, and what it earns there. */
    public record Part(CommissionTier tier, double amount, double earns) {}

    /**
     * The split of {@code amount} for a rep who has won {@code won} of {@code quota} this year,
     * over the plan's {@code tiers} (any order). No quota, or nothing to close, earns nothing.
     */
    public static CommissionSplit of(Collection<?> tiers, double quota, double won, double amount) {
        List<Part> parts = new ArrayList<>();
        if (!(quota > 0) || !(amount > 0)) {
            return new CommissionSplit(0, parts);
        }
        double from = Math.max(0, won);
        double to = from + amount;
        double total = 0;
        List<CommissionTier> sorted =
                tiers.stream()
                        .filter(CommissionTier.class::isInstance)
                        .map(CommissionTier.class::cast)
                        .sorted(
                                Comparator.comparingDouble(CommissionTier::fromAttainment)
                                        .thenComparing(CommissionTier::name))
                        .toList();
        for (CommissionTier t : sorted) {
            double lo = Math.max(from, t.fromAttainment() * quota);
            double hi = Math.min(to, t.belowAttainment() * quota);
            if (hi > lo) {
                double earns = (hi - lo) * t.rate();
                parts.add(new Part(t, hi - lo, earns));
                total += earns;
            }
        }
        return new CommissionSplit(total, List.copyOf(parts));
    }

    /** The split for a reason: "2000 at 5.0% (base) + 8000 at 8.0% (target)". */
    public String explain() {
        if (parts.isEmpty()) {
            return "nothing (no tier applies)";
        }
        return parts.stream()
                .map(
                        p ->
                                Math.round(p.amount())
                                        + " at "
                                        + p.tier().percent()
                                        + " ("
                                        + p.tier().name()
                                        + ")")
                .collect(Collectors.joining(" + "));
    }
}
