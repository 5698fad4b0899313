package io.pandu.evaluate;

import io.pandu.context.AccountHolding;
import io.pandu.context.DealContext;
import io.pandu.context.RepContext;
import io.pandu.context.TeamStats;
import io.pandu.errors.InvalidInputException;
import io.pandu.facts.Account;
import io.pandu.facts.Activity;
import io.pandu.facts.Days;
import io.pandu.facts.Deal;
import io.pandu.facts.FactSet;
import io.pandu.facts.Rep;
import io.pandu.playbook.Playbook;
import io.pandu.playbook.PlaybookLibrary;
import io.pandu.playbook.Stage;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.stream.Collectors;

/**
 * Turns a raw fact set into what the rules reason over: one {@link DealContext} per deal (stage
 * resolved through its playbook, activities summarised), one {@link RepContext} per rep and one
 * {@link TeamStats} per manager. Rejects references it cannot resolve, naming the JSON path.
 */
public final class ContextBuilder {
    static final int WIN_RATE_WINDOW_DAYS = 180;
    static final int RECENT_ACTIVITY_DAYS = 7;

    public record Contexts(
            LocalDate asOf,
            List<DealContext> deals,
            List<RepContext> reps,
            List<TeamStats> teams,
            List<Account> accounts,
            List<AccountHolding> holdings,
            FactSet facts) {}

    private ContextBuilder() {}

    public static Contexts build(FactSet facts, PlaybookLibrary playbooks, LocalDate asOf) {
        checkIds(facts);
        Map<String, Rep> reps = facts.reps().stream().collect(Collectors.toMap(Rep::id, r -> r));
        Map<String, Account> accounts =
                facts.accounts().stream().collect(Collectors.toMap(Account::id, a -> a));
        Map<String, List<Activity>> activitiesByDeal = new HashMap<>();
        Map<String, Deal> dealsById = new HashMap<>();
        facts.deals().forEach(d -> dealsById.put(d.id(), d));
        for (int i = 0; i < facts.activities().size(); i++) {
            Activity a = facts.activities().get(i);
            require(a.id(), "activities", i, "id");
            require(a.type(), "activities", i, "type");
            require(a.date(), "activities", i, "date");
            if (a.dealId() != null && !dealsById.containsKey(a.dealId())) {
                throw new InvalidInputException(
                        "activities[" + i + "].dealId", "unknown deal \"" + a.dealId() + "\"");
            }
            if (a.dealId() != null) {
                activitiesByDeal.computeIfAbsent(a.dealId(), k -> new ArrayList<>()).add(a);
            }
        }
        List<DealContext> deals = new ArrayList<>(facts.deals().size());
        StageResolver stages = new StageResolver(playbooks);
        for (int i = 0; i < facts.deals().size(); i++) {
            Deal deal = facts.deals().get(i);
            int index = i;
            Playbook playbook =
                    stages.playbook(deal.playbook())
                            .orElseThrow(
                                    () ->
                                            new InvalidInputException(
                                                    "deals[" + index + "].playbook",
                                                    "unknown playbook \""
                                                            + deal.playbook()
                                                            + "\" (known: "
                                                            + playbooks.playbooks().stream()
                                                                    .map(Playbook::id)
                                                                    .toList()
                                                            + ")"));
            require(deal.stage(), "deals", i, "stage");
            Stage stage =
                    stages.stage(playbook, deal.stage())
                            .orElseThrow(
                                    () ->
                                            new InvalidInputException(
                                                    "deals[" + index + "].stage",
                                                    "unknown stage \""
                                                            + deal.stage()
                                                            + "\" in playbook "
                                                            + playbook.id()
                                                            + " (known: "
                                                            + playbook.stages().stream()
                                                                    .map(Stage::name)
                                                                    .toList()
                                                            + ")"));
            if (deal.lostAtStage() != null
                    && playbook.stage(deal.lostAtStage()).filter(Stage::isOpen).isEmpty()) {
                throw new InvalidInputException(
                        "deals[" + index + "].lostAtStage",
                        "\""
                                + deal.lostAtStage()
                                + "\" is not an open stage of playbook "
                                + playbook.id()
                                + " (known: "
                                + playbook.openStages().stream().map(Stage::name).toList()
                                + ")");
            }
            deals.add(
                    new DealContext(
                            deal,
                            playbook,
                            stage,
                            asOf,
                            deal.ownerId() == null ? null : reps.get(deal.ownerId()),
                            deal.accountId() == null ? null : accounts.get(deal.accountId()),
                            activitiesByDeal.getOrDefault(deal.id(), List.of())));
        }
        deals.sort(Comparator.comparing(DealContext::getDealId));
        List<RepContext> repContexts = repContexts(facts, deals, asOf);
        List<TeamStats> teams =
                repContexts.stream()
                        .map(RepContext::getTeam)
                        .filter(t -> t.managerId() != null)
                        .distinct()
                        .sorted(Comparator.comparing(TeamStats::managerId))
                        .toList();
        List<Account> sortedAccounts =
                facts.accounts().stream().sorted(Comparator.comparing(Account::id)).toList();
        return new Contexts(
                asOf,
                deals,
                repContexts,
                teams,
                sortedAccounts,
                holdings(facts, deals, stages, asOf),
                facts);
    }

    /**
     * Every deal on an account, the fact set's own and other teams' ({@code accountDeals}), by deal
     * id. Another team's deal whose playbook or stage this rule set cannot resolve is left out: it
     * is context, not input to check.
     */
    private static List<AccountHolding> holdings(
            FactSet facts, List<DealContext> own, StageResolver stages, LocalDate asOf) {
        Map<String, AccountHolding> byDeal = new TreeMap<>();
        for (DealContext d : own) {
            if (d.getDeal().accountId() != null) {
                byDeal.put(d.getDealId(), new AccountHolding(d.getDeal(), d.getStage(), asOf));
            }
        }
        for (Deal deal : facts.accountDeals()) {
            if (deal.accountId() == null || deal.stage() == null || byDeal.containsKey(deal.id())) {
                continue;
            }
            stages.playbook(deal.playbook())
                    .flatMap(p -> stages.stage(p, deal.stage()))
                    .ifPresent(
                            stage -> byDeal.put(deal.id(), new AccountHolding(deal, stage, asOf)));
        }
        return List.copyOf(byDeal.values());
    }

    private static void checkIds(FactSet facts) {
        unique(facts.reps(), Rep::id, "reps");
        unique(facts.deals(), Deal::id, "deals");
        unique(facts.accounts(), Account::id, "accounts");
        unique(facts.territories(), io.pandu.facts.Territory::id, "territories");
        unique(facts.products(), io.pandu.facts.Product::name, "products");
    }

    private static <T> void unique(
            List<T> items, java.util.function.Function<T, String> id, String list) {
        Set<String> seen = new HashSet<>();
        String field = list.equals("products") ? "name" : "id";
        for (int i = 0; i < items.size(); i++) {
            String value = id.apply(items.get(i));
            require(value, list, i, field);
            if (!seen.add(value)) {
                throw new InvalidInputException(
                        list + "[" + i + "]." + field, "duplicate " + field + " \"" + value + "\"");
            }
        }
    }

    /** {@code list[index].field} must be present; the path is only spelled out when it is not. */
    private static void require(Object value, String list, int index, String field) {
        if (value == null || (value instanceof String s && s.isBlank())) {
            throw new InvalidInputException(list + "[" + index + "]." + field, "is required");
        }
    }

    /**
     * Playbook and stage lookups of one build, remembered per spelling: a pipeline names a handful
     * of playbooks and CRM stage names, not one per deal. Same answers as the library and playbook
     * give.
     */
    private static final class StageResolver {
        private final PlaybookLibrary playbooks;
        private final Map<String, Optional<Playbook>> byId = new HashMap<>();
        private final Map<Playbook, Map<String, Optional<Stage>>> byName = new IdentityHashMap<>();

        StageResolver(PlaybookLibrary playbooks) {
            this.playbooks = playbooks;
        }

        Optional<Playbook> playbook(String id) {
            return byId.computeIfAbsent(id, playbooks::forDeal);
        }

        Optional<Stage> stage(Playbook playbook, String crmStage) {
            return byName.computeIfAbsent(playbook, p -> new HashMap<>())
                    .computeIfAbsent(crmStage, playbook::stage);
        }
    }

    /** Per-rep figures, then per-team figures from them; one pass over deals and activities. */
    private static List<RepContext> repContexts(
            FactSet facts, List<DealContext> deals, LocalDate asOf) {
        LocalDate windowStart = asOf.minusDays(WIN_RATE_WINDOW_DAYS);
        LocalDate recentAfter = asOf.minusDays(RECENT_ACTIVITY_DAYS);
        Map<String, Tally> tallies = new HashMap<>();
        for (Rep rep : facts.reps()) {
            tallies.put(rep.id(), new Tally());
        }
        for (DealContext d : deals) {
            Tally t = d.getOwnerId() == null ? null : tallies.get(d.getOwnerId());
            if (t == null) {
                continue;
            }
            double amount = d.getAmountValue();
            LocalDate closed = d.getDeal().closeDate();
            if (d.isOpen()) {
                t.openDeals++;
                t.openPipeline += amount;
            } else if (d.isWon()) {
                t.wonDeals++;
                t.wonAmount += amount;
                if (closed != null && !closed.isAfter(asOf) && closed.getYear() == asOf.getYear()) {
                    t.wonThisYear += amount;
                }
            }
            if (!d.isOpen()
                    && closed != null
                    && closed.isAfter(windowStart)
                    && !closed.isAfter(asOf)) {
                t.closed180++;
                if (d.isWon()) {
                    t.won180++;
                    t.wonAmount180 += amount;
                }
            }
            if (d.getStageIndex() > 0) {
                t.pastFirstStage++;
            }
        }
        Map<String, String> dealOwner = new HashMap<>();
        facts.deals().forEach(d -> dealOwner.put(d.id(), d.ownerId()));
        for (Activity a : facts.activities()) {
            String repId = a.repId() != null ? a.repId() : dealOwner.get(a.dealId());
            Tally t = repId == null ? null : tallies.get(repId);
            if (t == null || a.date().isAfter(asOf)) {
                continue;
            }
            if (t.lastActivity == null || a.date().isAfter(t.lastActivity)) {
                t.lastActivity = a.date();
            }
            if (a.date().isAfter(recentAfter)) { // Days.between(date, asOf) < RECENT_ACTIVITY_DAYS
                t.recentActivities++;
            }
        }
        Map<String, List<Rep>> byManager =
                facts.reps().stream()
                        .filter(Rep::hasManager)
                        .collect(
                                Collectors.groupingBy(
                                        Rep::managerId, TreeMap::new, Collectors.toList()));
        Map<String, TeamStats> teams = new HashMap<>();
        byManager.forEach(
                (manager, members) -> teams.put(manager, teamStats(manager, members, tallies)));
        List<RepContext> result = new ArrayList<>();
        for (Rep rep : facts.reps().stream().sorted(Comparator.comparing(Rep::id)).toList()) {
            Tally t = tallies.get(rep.id());
            TeamStats team =
                    rep.hasManager()
                            ? teams.get(rep.managerId())
                            : teamStats(null, List.of(rep), tallies);
            int sinceLast =
                    t.lastActivity == null ? DealContext.NEVER : Days.between(t.lastActivity, asOf);
            result.add(
                    new RepContext(
                            rep,
                            asOf,
                            team,
                            sinceLast,
                            t.recentActivities,
                            t.openDeals,
                            t.openPipeline,
                            t.wonDeals,
                            t.wonAmount,
                            t.closed180,
                            t.won180,
                            t.wonAmount180,
                            t.wonThisYear,
                            t.pastFirstStage));
        }
        return result;
    }

    private static TeamStats teamStats(
            String manager, List<Rep> members, Map<String, Tally> tallies) {
        int closed = 0;
        int won = 0;
        double pipeline = 0;
        Rep top = null;
        double topAmount = -1;
        for (Rep rep : members.stream().sorted(Comparator.comparing(Rep::id)).toList()) {
            Tally t = tallies.get(rep.id());
            closed += t.closed180;
            won += t.won180;
            pipeline += t.openPipeline;
            if (t.wonAmount180 > topAmount) {
                topAmount = t.wonAmount180;
                top = rep;
            }
        }
        double winRate = closed == 0 ? 0 : (double) won / closed;
        return new TeamStats(
                manager,
                members.size(),
                closed,
                winRate,
                members.isEmpty() ? 0 : pipeline / members.size(),
                top == null || topAmount <= 0 ? null : top.id(),
                top == null || topAmount <= 0 ? null : top.name());
    }

    private static final class Tally {
        int openDeals;
        double openPipeline;
        int wonDeals;
        double wonAmount;
        double wonThisYear;
        int closed180;
        int won180;
        double wonAmount180;
        int pastFirstStage;
        int recentActivities;
        LocalDate lastActivity;
    }
}
