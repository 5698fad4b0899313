package io.pandu.facts;

/**
 * A team-wide threshold of the rule base ({@code rules/parameters/team-parameters.drl.csv}): rules
 * match {@code Parameter( name == "repInactiveDays", $days : value )} instead of writing the
 * number, so sales ops change it in one table row. Per-methodology thresholds live in playbook
 * {@code parameters} instead ({@code DealContext.param(name)}).
 */
public record Parameter(String name, double value) {}
