package io.pandu.facts;

import java.util.Objects;

/**
 * One row of the territory policy ({@code rules/territory/territory-policy.drl.csv}): accounts in
 * {@code region} and {@code industry} belong to {@code territoryId}. Industry {@value #ANY} matches
 * every industry; a row naming the account's industry beats a {@value #ANY} row for the same
 * region.
 */
public record TerritoryPolicy(String region, String industry, String territoryId) {
    public static final String ANY = "*";

    public boolean matches(String accountRegion, String accountIndustry) {
        return Objects.equals(region, accountRegion)
                && (isAnyIndustry() || Objects.equals(industry, accountIndustry));
    }

    public boolean isAnyIndustry() {
        return ANY.equals(industry);
    }

    /** 1 for a row naming an industry, 0 for a catch-all row: the more specific row wins. */
    public int specificity() {
        return isAnyIndustry() ? 0 : 1;
    }
}
