package io.pandu.territory;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.pandu.auth.Caller;
import io.pandu.auth.Role;
import io.pandu.facts.Account;
import io.pandu.facts.Territory;
import io.pandu.guidance.Guidance;
import io.pandu.guidance.TerritoryFinding;
import io.pandu.runs.LatestGuidance;
import io.pandu.store.FactStore;
import io.pandu.store.Where;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The territories and what the territory rules say about them, for sales ops and directors. The
 * findings are those of the newest succeeded evaluation run: a run evaluates team by team and an
 * account a second team touches is in both teams' facts, so one finding can be raised twice; it is
 * listed once.
 */
public final class Territories {
    /** The codes of the shipped territory rules, by the list they go to. */
    static final String BALANCE = "TERRITORY_IMBALANCE";

    static final String SUGGEST_OWNER = "SUGGEST_OWNER";
    static final String UNASSIGNED = "ACCOUNT_TERRITORY";
    static final String OUTSIDE = "OWNER_OUTSIDE_TERRITORY";

    private final FactStore facts;
    private final LatestGuidance latest;

    public Territories(FactStore facts, LatestGuidance latest) {
        this.facts = facts;
        this.latest = latest;
    }

    /**
     * A territory and its load: the accounts assigned to it, against its capacity ({@code
     * overCapacity} when it carries more), the reps who work it and the accounts' owners.
     */
    @JsonInclude(JsonInclude.Include.ALWAYS)
    public record TerritoryLoad(
            String id,
            String name,
            List<String> regions,
            List<String> industries,
            Integer capacity,
            int accounts,
            boolean overCapacity,
            int unownedAccounts,
            List<String> reps,
            List<String> owners) {}

    /**
     * @param unassignedAccounts accounts with no territory (and none the store assigns)
     */
    public record TerritoryList(
            List<TerritoryLoad> territories, int accounts, int unassignedAccounts) {}

    /**
     * What the territory rules found in run {@code runId} (as of {@code asOf}), by kind; {@code
     * counts} per code, {@code other} for codes none of the lists takes. {@code note} says why
     * there is nothing when no run has succeeded.
     */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record Findings(
            Long runId,
            LocalDate asOf,
            String note,
            Map<String, Integer> counts,
            List<TerritoryFinding> balance,
            List<TerritoryFinding> ownerSuggestions,
            List<TerritoryFinding> unassignedAccounts,
            List<TerritoryFinding> ownersOutsideTerritory,
            List<TerritoryFinding> other) {}

    public TerritoryList list(Caller caller) {
        caller.require(Role.OPS, Role.ADMIN, Role.DIRECTOR);
        List<Account> accounts = facts.accounts().all(new Where());
        Map<String, List<Account>> byTerritory = new HashMap<>();
        int unassigned = 0;
        for (Account a : accounts) {
            if (a.territoryId() == null) {
                unassigned++;
            } else {
                byTerritory.computeIfAbsent(a.territoryId(), k -> new ArrayList<>()).add(a);
            }
        }
        List<TerritoryLoad> loads = new ArrayList<>();
        for (Territory t : facts.territories().all(new Where())) {
            List<Account> in = byTerritory.getOrDefault(t.id(), List.of());
            Set<String> owners = new LinkedHashSet<>();
            int unowned = 0;
            for (Account a : in) {
                if (a.ownerId() == null) {
                    unowned++;
                } else {
                    owners.add(a.ownerId());
                }
            }
            loads.add(
                    new TerritoryLoad(
                            t.id(),
                            t.name(),
                            t.regions(),
                            t.industries(),
                            t.capacity(),
                            in.size(),
                            t.capacity() != null && in.size() > t.capacity(),
                            unowned,
                            t.reps(),
                            owners.stream().sorted().toList()));
        }
        return new TerritoryList(loads, accounts.size(), unassigned);
    }

    public Findings findings(Caller caller) {
        caller.require(Role.OPS, Role.ADMIN, Role.DIRECTOR);
        Optional<LatestGuidance.Snapshot> run = latest.latest();
        if (run.isEmpty()) {
            return new Findings(
                    null,
                    null,
                    "no evaluation run has succeeded yet: start one (POST /api/v1/runs)",
                    Map.of(),
                    List.of(),
                    List.of(),
                    List.of(),
                    List.of(),
                    List.of());
        }
        Map<List<Object>, TerritoryFinding> unique = new LinkedHashMap<>();
        for (Guidance team : run.get().all()) {
            for (TerritoryFinding f : team.territoryFindings()) {
                unique.putIfAbsent(
                        java.util.Arrays.asList(
                                f.code(), f.accountId(), f.repId(), f.territoryId(), f.dealId()),
                        f);
            }
        }
        List<TerritoryFinding> sorted = new ArrayList<>(unique.values());
        sorted.sort(
                java.util.Comparator.comparingInt(TerritoryFinding::priority)
                        .reversed()
                        .thenComparing(TerritoryFinding::code)
                        .thenComparing(f -> String.valueOf(f.territoryId()))
                        .thenComparing(f -> String.valueOf(f.accountId()))
                        .thenComparing(f -> String.valueOf(f.dealId())));
        Map<String, Integer> counts = new java.util.TreeMap<>();
        Map<String, List<TerritoryFinding>> byCode = new HashMap<>();
        List<TerritoryFinding> other = new ArrayList<>();
        for (TerritoryFinding f : sorted) {
            counts.merge(f.code(), 1, Integer::sum);
            if (Set.of(BALANCE, SUGGEST_OWNER, UNASSIGNED, OUTSIDE).contains(f.code())) {
                byCode.computeIfAbsent(f.code(), k -> new ArrayList<>()).add(f);
            } else {
                other.add(f);
            }
        }
        return new Findings(
                run.get().runId(),
                run.get().asOf(),
                null,
                counts,
                byCode.getOrDefault(BALANCE, List.of()),
                byCode.getOrDefault(SUGGEST_OWNER, List.of()),
                byCode.getOrDefault(UNASSIGNED, List.of()),
                byCode.getOrDefault(OUTSIDE, List.of()),
                other);
    }
}
