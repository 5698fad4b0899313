package io.pandu.facts;

import java.util.List;

/**
 * A sales territory: the regions and industries it covers, how many accounts it can carry, and the
 * reps who work it ({@code reps}, rep ids; empty when the CRM does not say, and then no rule can
 * tell whether a rep covers the territory).
 */
public record Territory(
        String id,
        String name,
        List<String> regions,
        List<String> industries,
        Integer capacity,
        List<String> reps) {

    public Territory {
        regions = regions == null ? List.of() : List.copyOf(regions);
        industries = industries == null ? List.of() : List.copyOf(industries);
        reps = reps == null ? List.of() : List.copyOf(reps);
        FieldChecks.notNegative(capacity, "capacity");
        FieldChecks.maxLength(id, FieldChecks.ID, "id");
        FieldChecks.maxLength(name, FieldChecks.NAME, "name");
        FieldChecks.maxLengths(regions, FieldChecks.ID, "regions");
        FieldChecks.maxLengths(industries, FieldChecks.ID, "industries");
        FieldChecks.maxLengths(reps, FieldChecks.ID, "reps");
    }

    /** A territory whose reps are not recorded. */
    public Territory(
            String id,
            String name,
            List<String> regions,
            List<String> industries,
            Integer capacity) {
        this(id, name, regions, industries, capacity, List.of());
    }

    public boolean covers(String region) {
        return regions.contains(region);
    }

    public boolean coveredBy(String repId) {
        return reps.contains(repId);
    }

    public boolean hasReps() {
        return !reps.isEmpty();
    }
}
