package io.pandu.kpi;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.pandu.auth.Caller;
import io.pandu.context.DealContext;
import io.pandu.context.RepContext;
import io.pandu.errors.NotFoundException;
import io.pandu.evaluate.ContextBuilder;
import io.pandu.facts.Activity;
import io.pandu.facts.Days;
import io.pandu.facts.Deal;
import io.pandu.facts.Rep;
import io.pandu.playbook.PlaybookLibrary;
import io.pandu.store.FactStore;
import java.time.LocalDate;
import java.time.YearMonth;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;
import java.util.function.Supplier;

/**
 * A rep's KPIs for the manager's coaching view, next to their team's: win rate, sales cycle,
 * pipeline coverage and recent activity, now and month by month. The figures come from the same
 * contexts the rules see ({@link RepContext}), so a chart and an alert never disagree about a
 * number.
 */
public final class RepKpis {
    static final int MONTHS = 12;
    static final int ACTIVITY_DAYS = 7;
    static final int WINDOW_DAYS = 180;

    private final FactStore facts;
    private final Supplier<PlaybookLibrary> playbooks;
    private final KpiRollups rollups;

    private final Teams teams;

    public RepKpis(FactStore facts, Supplier<PlaybookLibrary> playbooks) {
        this(facts, playbooks, null, null);
    }

    /**
     * With {@code alerts} (the roster's open alerts; null: no team views) and {@code latest} (the
     * forecast categories of the newest run; null: none).
     */
    public RepKpis(
            FactStore facts,
            Supplier<PlaybookLibrary> playbooks,
            io.pandu.coaching.Alerts alerts,
            io.pandu.runs.LatestGuidance latest) {
        this.facts = facts;
        this.playbooks = playbooks;
        this.rollups = new KpiRollups(facts, playbooks, latest);
        this.teams = alerts == null ? null : new Teams(rollups, alerts);
    }

    /** The manager's home and the director's view over the same figures. */
    public Teams teams() {
        if (teams == null) {
            throw new IllegalStateException("these KPIs were made without alerts");
        }
        return teams;
    }

    /**
     * A rep's KPIs as CSV: the rep, the team, then each peer, one row each, with the figures as the
     * JSON's {@code rep} names them.
     */
    public static String csv(Kpis kpis) {
        String[] header = {
            "row",
            "repId",
            "name",
            "winRate",
            "closedLast180",
            "wonLast180",
            "cycleDays",
            "pipelineCoverage",
            "openPipeline",
            "openDeals",
            "activitiesLast7Days",
            "quota",
            "attainment",
            "quotaMet"
        };
        List<List<Object>> rows = new ArrayList<>();
        rows.add(figures("rep", kpis.repId(), kpis.name(), kpis.rep()));
        if (kpis.team() != null) {
            rows.add(figures("team", kpis.managerId(), null, kpis.team()));
        }
        for (Peer p : kpis.peers()) {
            rows.add(figures("peer", p.repId(), p.name(), p.figures()));
        }
        return Teams.csv(header, rows);
    }

    private static List<Object> figures(String row, String id, String name, Figures f) {
        return java.util.Arrays.asList(
                row,
                id,
                name,
                f.winRate(),
                f.closedLast180(),
                f.wonLast180(),
                f.cycleDays(),
                f.pipelineCoverage(),
                f.openPipeline(),
                f.openDeals(),
                f.activitiesLast7Days(),
                f.quota(),
                f.attainment(),
                f.quotaMet());
    }

    /** The same store's figures rolled up by company, region, team, rep, product or period. */
    public KpiRollups rollups() {
        return rollups;
    }

    /**
     * @param winRate won / closed over the last 180 days; null when nothing closed (undefined, not
     *     0 %)
     * @param cycleDays average days from engagement (the deal's created date; Maven CRM's engage
     *     date) to close of the deals won in the last 180 days
     * @param pipelineCoverage open pipeline over the quota still to close this year; null without a
     *     quota or when the quota is met ({@code quotaMet}); for a team, over the reps with a quota
     *     only
     * @param quotaMet true when the quota is set and nothing remains to close this year
     * @param activitiesLast7Days for a team, the average per rep
     */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record Figures(
            Double winRate,
            int closedLast180,
            int wonLast180,
            Double cycleDays,
            Double pipelineCoverage,
            double openPipeline,
            int openDeals,
            double activitiesLast7Days,
            Double quota,
            Double attainment,
            Boolean quotaMet) {}

    /**
     * One calendar month: deals won and lost that month, the win rate and average cycle of the won
     * ones.
     */
    @JsonInclude(JsonInclude.Include.ALWAYS)
    public record Month(String month, int won, int lost, Double winRate, Double cycleDays) {}

    public record Day(LocalDate date, int count) {}

    public record Peer(String repId, String name, Figures figures) {}

    /** {@code team} is null for a rep without a manager. */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record Kpis(
            String repId,
            String name,
            String managerId,
            LocalDate asOf,
            Figures rep,
            Figures team,
            List<Month> months,
            List<Month> teamMonths,
            List<Day> activity,
            List<Peer> peers) {}

    public Kpis forRep(Caller caller, String repId) {
        Rep rep =
                facts.rep(repId)
                        .filter(r -> caller.scope().includes(r.id(), r.managerId()))
                        .orElseThrow(() -> new NotFoundException("no rep \"" + repId + "\""));
        LocalDate asOf = facts.asOfOrToday();
        ContextBuilder.Contexts contexts =
                ContextBuilder.build(
                        facts.team(rep.managerId(), asOf).facts(), playbooks.get(), asOf);
        Map<String, List<DealContext>> dealsByOwner = new HashMap<>();
        contexts.deals()
                .forEach(
                        d ->
                                dealsByOwner
                                        .computeIfAbsent(d.getOwnerId(), k -> new ArrayList<>())
                                        .add(d));
        List<RepContext> team =
                contexts.reps().stream()
                        .filter(
                                r ->
                                        rep.managerId() == null
                                                ? r.getRepId().equals(repId)
                                                : rep.managerId().equals(r.getManagerId()))
                        .toList();
        RepContext self =
                team.stream()
                        .filter(r -> r.getRepId().equals(repId))
                        .findFirst()
                        .orElseThrow(() -> new NotFoundException("no rep \"" + repId + "\""));
        List<Peer> peers =
                team.stream()
                        .map(
                                r ->
                                        new Peer(
                                                r.getRepId(),
                                                r.getName(),
                                                figures(
                                                        r,
                                                        dealsByOwner.getOrDefault(
                                                                r.getRepId(), List.of()),
                                                        asOf)))
                        .toList();
        List<DealContext> teamDeals =
                team.stream()
                        .flatMap(r -> dealsByOwner.getOrDefault(r.getRepId(), List.of()).stream())
                        .toList();
        List<DealContext> own = dealsByOwner.getOrDefault(repId, List.of());
        return new Kpis(
                repId,
                rep.name(),
                rep.managerId(),
                asOf,
                figures(self, own, asOf),
                rep.managerId() == null ? null : teamFigures(team, teamDeals, asOf),
                months(own, asOf),
                rep.managerId() == null ? null : months(teamDeals, asOf),
                activity(contexts.facts().activities(), contexts.facts().deals(), repId, asOf),
                peers);
    }

    private static Figures figures(RepContext r, List<DealContext> deals, LocalDate asOf) {
        boolean quotaMet = r.hasQuota() && r.getRemainingQuota() == 0;
        return new Figures(
                r.getClosedLast180() == 0 ? null : r.getWinRate180(),
                r.getClosedLast180(),
                r.getWonLast180(),
                cycleDays(deals, asOf),
                r.hasQuota() && !quotaMet ? r.getPipelineCoverage() : null,
                r.getOpenPipeline(),
                r.getOpenDeals(),
                r.getActivitiesLast7Days(),
                r.hasQuota() ? r.getQuota() : null,
                r.hasQuota() ? r.getAttainment() : null,
                r.hasQuota() ? quotaMet : null);
    }

    private static Figures teamFigures(
            List<RepContext> team, List<DealContext> deals, LocalDate asOf) {
        int closed = 0;
        int won = 0;
        int openDeals = 0;
        double open = 0;
        double activities = 0;
        double remaining = 0;
        double quota = 0;
        double wonThisYear = 0;
        double openOfRepsWithQuota = 0;
        for (RepContext r : team) {
            closed += r.getClosedLast180();
            won += r.getWonLast180();
            openDeals += r.getOpenDeals();
            open += r.getOpenPipeline();
            activities += r.getActivitiesLast7Days();
            if (r.hasQuota()) {
                remaining += r.getRemainingQuota();
                quota += r.getQuota();
                openOfRepsWithQuota += r.getOpenPipeline();
                wonThisYear += r.getWonAmountThisYear();
            }
        }
        boolean quotas = quota > 0;
        // coverage over the reps who have a quota: the others' pipeline covers no quota
        return new Figures(
                closed == 0 ? null : (double) won / closed,
                closed,
                won,
                cycleDays(deals, asOf),
                quotas && remaining > 0 ? openOfRepsWithQuota / remaining : null,
                open,
                openDeals,
                team.isEmpty() ? 0 : round(activities / team.size()),
                quotas ? quota : null,
                quotas ? wonThisYear / quota : null,
                quotas ? remaining == 0 : null);
    }

    /**
     * Average days from engagement (created date) to close of the deals won in the 180 days up to
     * as-of; null when none.
     */
    private static Double cycleDays(List<DealContext> deals, LocalDate asOf) {
        LocalDate from = asOf.minusDays(WINDOW_DAYS);
        return averageCycle(
                deals,
                d ->
                        d.getDeal().closeDate().isAfter(from)
                                && !d.getDeal().closeDate().isAfter(asOf));
    }

    private static Double averageCycle(List<DealContext> deals, Predicate<DealContext> when) {
        long sum = 0;
        int n = 0;
        for (DealContext d : deals) {
            Deal deal = d.getDeal();
            if (d.isWon()
                    && deal.closeDate() != null
                    && deal.createdDate() != null
                    && when.test(d)) {
                sum += Math.max(0, Days.between(deal.createdDate(), deal.closeDate()));
                n++;
            }
        }
        return n == 0 ? null : round((double) sum / n);
    }

    /** The twelve calendar months up to the as-of month, oldest first. */
    private static List<Month> months(List<DealContext> deals, LocalDate asOf) {
        YearMonth last = YearMonth.from(asOf);
        Map<YearMonth, int[]> counts = new LinkedHashMap<>();
        for (int i = MONTHS - 1; i >= 0; i--) {
            counts.put(last.minusMonths(i), new int[2]);
        }
        for (DealContext d : deals) {
            LocalDate closed = d.getDeal().closeDate();
            if (d.isOpen() || closed == null || closed.isAfter(asOf)) {
                continue;
            }
            int[] c = counts.get(YearMonth.from(closed));
            if (c != null) {
                c[d.isWon() ? 0 : 1]++;
            }
        }
        List<Month> months = new ArrayList<>();
        counts.forEach(
                (month, c) ->
                        months.add(
                                new Month(
                                        month.toString(),
                                        c[0],
                                        c[1],
                                        c[0] + c[1] == 0
                                                ? null
                                                : round((double) c[0] / (c[0] + c[1])),
                                        averageCycle(
                                                deals,
                                                d ->
                                                        d.getDeal().closeDate() != null
                                                                && !d.getDeal()
                                                                        .closeDate()
                                                                        .isAfter(asOf)
                                                                && YearMonth.from(
                                                                                d.getDeal()
                                                                                        .closeDate())
                                                                        .equals(month)))));
        return months;
    }

    /**
     * The rep's activities per day over the last seven days up to as-of (their own, or on deals
     * they own).
     */
    private static List<Day> activity(
            List<Activity> activities, List<Deal> deals, String repId, LocalDate asOf) {
        Map<String, String> owner = new HashMap<>();
        deals.forEach(d -> owner.put(d.id(), d.ownerId()));
        Map<LocalDate, Integer> perDay = new LinkedHashMap<>();
        for (int i = ACTIVITY_DAYS - 1; i >= 0; i--) {
            perDay.put(asOf.minusDays(i), 0);
        }
        for (Activity a : activities) {
            String who = a.repId() != null ? a.repId() : owner.get(a.dealId());
            if (repId.equals(who) && a.date() != null) {
                perDay.computeIfPresent(a.date(), (day, n) -> n + 1);
            }
        }
        return perDay.entrySet().stream().map(e -> new Day(e.getKey(), e.getValue())).toList();
    }

    private static double round(double value) {
        return Math.round(value * 1000) / 1000.0;
    }
}
