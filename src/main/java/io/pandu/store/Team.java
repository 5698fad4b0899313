package io.pandu.store;

import io.pandu.facts.FactSet;

/**
 * One manager's team as a fact set: the team's reps, their deals and activities, the accounts those
 * deals or reps touch, and every product and territory. {@code managerId} is null for reps without
 * a manager, and for {@link #UNASSIGNED} accounts no team touches.
 */
public record Team(String id, String managerId, FactSet facts) {
    public static final String NO_MANAGER = "(no manager)";
    public static final String UNASSIGNED = "(unassigned accounts)";
}
