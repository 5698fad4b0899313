package io.pandu.facts;

/**
 * One row of the commission plan ({@code rules/incentives/commission-tiers.drl.csv}): the rate a
 * rep earns while quota attainment is in [{@code fromAttainment}, {@code belowAttainment}); 1.0 =
 * quota. The tier that starts at quota is the accelerator.
 */
public record CommissionTier(
        String name, double fromAttainment, double belowAttainment, double rate) {

    public boolean appliesTo(double attainment) {
        return attainment >= fromAttainment && attainment < belowAttainment;
    }

    /** Rate as a percentage with one decimal, for reasons ("8.0%"). */
    public String percent() {
        return Math.round(rate * 1000) / 10.0 + "%";
    }
}
