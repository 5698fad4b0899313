package io.pandu.kpi;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.pandu.auth.Caller;
import io.pandu.auth.Role;
import io.pandu.coaching.Alerts;
import io.pandu.errors.NotFoundException;
import io.pandu.facts.Days;
import io.pandu.facts.Deal;
import io.pandu.facts.Rep;
import io.pandu.playbook.Playbook;
import io.pandu.playbook.PlaybookLibrary;
import io.pandu.playbook.Stage;
import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.LocalDate;
import java.time.YearMonth;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVPrinter;

/**
 * The manager's home and the director's view: one team's roster, pipeline by stage, forecast and
 * won value by month; every team by region with forecast against quota and won value by quarter.
 * Every figure is a {@link KpiRollups} or {@link Forecast} figure over the same deals, so the
 * roster, the KPI table and the forecast never disagree.
 *
 * <p>The periods: won, lost, win rate and cycle are the calendar year to as-of (as attainment is);
 * "this quarter" is the quarter of the day after as-of (on a quarter's last day, that quarter is
 * over), "next quarter" the one after.
 */
public final class Teams {
    static final String RAMP_BEHIND = "RAMP_BEHIND";
    private static final int MONTHS = 12;
    private static final int QUARTERS = 4;

    private final KpiRollups rollups;
    private final Alerts alerts;

    public Teams(KpiRollups rollups, Alerts alerts) {
        this.rollups = rollups;
        this.alerts = alerts;
    }

    /**
     * One rep's line on the roster: the year's figures ({@link KpiRollups.Row}), open alerts and
     * ramp (hire date, days since hire, and whether a ramp-behind-plan alert is open).
     */
    @JsonInclude(JsonInclude.Include.ALWAYS)
    public record RosterRow(
            String repId,
            String name,
            BigDecimal quota,
            BigDecimal wonThisYear,
            Double attainment,
            int openDeals,
            BigDecimal openPipeline,
            BigDecimal staleOpenPipeline,
            Double coverage,
            String coverageNote,
            int won,
            int lost,
            Double winRate,
            String winRateNote,
            Double avgWonCycleDays,
            int openAlerts,
            LocalDate hireDate,
            Long daysSinceHire,
            boolean rampBehindPlan) {}

    /** Open deals in one stage of the playbook, in stage order. */
    public record StageRow(String stage, int deals, BigDecimal value) {}

    /** Deals won in one calendar month and their value. */
    public record MonthRow(String month, int won, BigDecimal wonValue) {}

    /**
     * A quarter's forecast for the team, its parts and the rule-based categories; {@code note} says
     * when a part cannot be known yet.
     */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record QuarterForecast(
            String period,
            double forecast,
            Map<String, Double> parts,
            Map<String, KpiRollups.Category> categories,
            String categoriesNote,
            String note) {}

    /** The manager's home. {@code from}–{@code asOf} is the period of the roster's figures. */
    public record TeamHome(
            String managerId,
            String name,
            LocalDate asOf,
            LocalDate from,
            KpiRollups.Row team,
            List<RosterRow> reps,
            List<StageRow> stages,
            List<QuarterForecast> forecasts,
            List<MonthRow> wonByMonth) {}

    /** One manager's team for the director. */
    @JsonInclude(JsonInclude.Include.ALWAYS)
    public record TeamRow(
            String managerId,
            String name,
            String region,
            int reps,
            BigDecimal quota,
            BigDecimal wonThisYear,
            Double attainment,
            BigDecimal quarterQuota,
            double forecast,
            Map<String, Double> forecastParts,
            Double forecastToQuarterQuota,
            int won,
            int lost,
            Double winRate,
            String winRateNote,
            Double avgWonCycleDays,
            BigDecimal openPipeline,
            Map<String, BigDecimal> wonByQuarter) {}

    /** The teams of one region. */
    public record Region(String region, List<TeamRow> teams) {}

    /**
     * The director's view: every team the caller sees by region, the forecast of {@code period}
     * (this quarter) and the won value of {@code quarters} (the last four up to as-of).
     */
    public record Overview(
            LocalDate asOf,
            LocalDate from,
            String period,
            List<String> quarters,
            List<Region> regions,
            TeamRow company) {}

    /**
     * The home of the team of {@code managerId}: a manager sees their own team only, ops, admin and
     * a director any team.
     */
    public TeamHome team(Caller caller, String managerId) {
        caller.require(Role.MANAGER, Role.OPS, Role.ADMIN, Role.DIRECTOR);
        LocalDate at = rollups.asOf();
        KpiRollups.Visible all = rollups.visible(caller, at);
        if (!all.managerNames().containsKey(managerId)
                || (caller.role() == Role.MANAGER && !managerId.equals(caller.managerId()))) {
            throw new NotFoundException("no team of manager \"" + managerId + "\"");
        }
        KpiRollups.Visible visible = all.team(managerId);
        LocalDate from = at.withDayOfYear(1);
        KpiRollups.Table byRep = rollups.rollUp(visible, KpiRollups.GroupBy.REP, from, at, at);
        KpiRollups.Table byTeam = rollups.rollUp(visible, KpiRollups.GroupBy.TEAM, from, at, at);
        Map<String, Map<String, Integer>> open = alerts.openByRep(caller);
        List<RosterRow> roster = new ArrayList<>();
        Map<String, KpiRollups.Row> rows = new HashMap<>();
        byRep.rows().forEach(r -> rows.put(r.id(), r));
        List<Rep> reps = new ArrayList<>(visible.reps().values());
        reps.sort(
                java.util.Comparator.comparing((Rep r) -> r.name() == null ? r.id() : r.name())
                        .thenComparing(Rep::id));
        for (Rep rep : reps) {
            roster.add(
                    rosterRow(rep, rows.get(rep.id()), open.getOrDefault(rep.id(), Map.of()), at));
        }
        Forecast.Period thisQuarter = quarterAfter(at);
        List<QuarterForecast> forecasts = new ArrayList<>();
        for (Forecast.Period q : List.of(thisQuarter, next(thisQuarter))) {
            KpiRollups.ForecastTable f =
                    rollups.forecast(visible, q, at, KpiRollups.GroupBy.COMPANY);
            KpiRollups.ForecastGroup g = f.groups().get(f.groups().size() - 1);
            // the not-yet-created part is the previous quarter's in-period won value: unknown
            // while that quarter lies after as-of
            String note =
                    q.previous().end().isAfter(at)
                            ? "deals not yet created count as 0: the model takes them from "
                                    + q.previous().name()
                                    + ", which is not over on "
                                    + at
                            : null;
            forecasts.add(
                    new QuarterForecast(
                            q.name(),
                            g.forecast(),
                            g.parts(),
                            g.categories(),
                            f.categoriesNote(),
                            note));
        }
        KpiRollups.Row team =
                byTeam.rows().stream()
                        .filter(r -> managerId.equals(r.id()))
                        .findFirst()
                        .orElse(null);
        return new TeamHome(
                managerId,
                all.managerNames().get(managerId),
                at,
                from,
                team,
                roster,
                stages(visible.deals(), rollups.library(), at),
                forecasts,
                wonByMonth(visible, at));
    }

    /** Every team in the caller's view, by region (a manager sees their own team only). */
    public Overview overview(Caller caller) {
        caller.require(Role.MANAGER, Role.OPS, Role.ADMIN, Role.DIRECTOR);
        LocalDate at = rollups.asOf();
        KpiRollups.Visible visible = rollups.visible(caller, at);
        LocalDate from = at.withDayOfYear(1);
        Forecast.Period thisQuarter = quarterAfter(at);
        KpiRollups.Table year = rollups.rollUp(visible, KpiRollups.GroupBy.TEAM, from, at, at);
        KpiRollups.Table companyYear =
                rollups.rollUp(visible, KpiRollups.GroupBy.COMPANY, from, at, at);
        KpiRollups.ForecastTable forecast =
                rollups.forecast(visible, thisQuarter, at, KpiRollups.GroupBy.TEAM);
        Map<String, KpiRollups.ForecastGroup> forecasts = new HashMap<>();
        forecast.groups().forEach(g -> forecasts.put(g.key(), g));
        List<Forecast.Period> quarters = new ArrayList<>();
        Forecast.Period q = quarterOf(at);
        for (int i = 0; i < QUARTERS; i++) {
            quarters.add(0, q);
            q = q.previous();
        }
        Map<String, Map<String, BigDecimal>> wonByQuarter = new HashMap<>();
        for (Forecast.Period quarter : quarters) {
            for (KpiRollups.Row r :
                    rollups.rollUp(
                                    visible,
                                    KpiRollups.GroupBy.TEAM,
                                    quarter.start(),
                                    quarter.end(),
                                    at)
                            .rows()) {
                wonByQuarter
                        .computeIfAbsent(r.key(), k -> new LinkedHashMap<>())
                        .put(quarter.name(), r.wonValue());
            }
        }
        Map<String, String> regionOfTeam = new HashMap<>();
        Map<String, Integer> repsOfTeam = new HashMap<>();
        for (Rep r : visible.reps().values()) {
            if (r.managerId() != null) {
                repsOfTeam.merge(r.managerId(), 1, Integer::sum);
                if (r.region() != null) {
                    regionOfTeam.putIfAbsent(r.managerId(), r.region());
                }
            }
        }
        Map<String, List<TeamRow>> byRegion = new TreeMap<>();
        for (KpiRollups.Row r : year.rows()) {
            String region = r.id() == null ? null : regionOfTeam.get(r.id());
            TeamRow row =
                    teamRow(
                            r,
                            region,
                            r.id() == null ? 0 : repsOfTeam.getOrDefault(r.id(), 0),
                            forecasts.get(r.key()),
                            wonByQuarter.getOrDefault(r.key(), Map.of()),
                            quarters);
            byRegion.computeIfAbsent(
                            region == null ? "(no region)" : region, k -> new ArrayList<>())
                    .add(row);
        }
        List<Region> regions = new ArrayList<>();
        byRegion.forEach((region, teams) -> regions.add(new Region(region, teams)));
        Map<String, BigDecimal> companyQuarters = new LinkedHashMap<>();
        for (Forecast.Period quarter : quarters) {
            BigDecimal sum = BigDecimal.ZERO;
            for (Map<String, BigDecimal> team : wonByQuarter.values()) {
                sum = sum.add(team.getOrDefault(quarter.name(), BigDecimal.ZERO));
            }
            companyQuarters.put(quarter.name(), sum);
        }
        TeamRow company =
                companyYear.rows().isEmpty()
                        ? null
                        : teamRow(
                                companyYear.rows().get(0),
                                null,
                                visible.reps().size(),
                                forecasts.get("company"),
                                companyQuarters,
                                quarters);
        return new Overview(
                at,
                from,
                thisQuarter.name(),
                quarters.stream().map(Forecast.Period::name).toList(),
                regions,
                company);
    }

    private static RosterRow rosterRow(
            Rep rep, KpiRollups.Row r, Map<String, Integer> openAlerts, LocalDate at) {
        int alertCount = openAlerts.values().stream().mapToInt(Integer::intValue).sum();
        return new RosterRow(
                rep.id(),
                rep.name(),
                r == null ? rep.quota() : r.quota(),
                r == null ? null : r.wonThisYear(),
                r == null ? null : r.attainment(),
                r == null ? 0 : r.openDeals(),
                r == null ? BigDecimal.ZERO : r.openPipeline(),
                r == null ? BigDecimal.ZERO : r.staleOpenPipeline(),
                r == null ? null : r.coverage(),
                r == null ? (rep.quota() == null ? "no quota" : null) : r.coverageNote(),
                r == null ? 0 : r.won(),
                r == null ? 0 : r.lost(),
                r == null ? null : r.winRate(),
                r == null ? "no closed deals" : r.winRateNote(),
                r == null ? null : r.avgWonCycleDays(),
                alertCount,
                rep.hireDate(),
                rep.hireDate() == null ? null : (long) Days.between(rep.hireDate(), at),
                openAlerts.containsKey(RAMP_BEHIND));
    }

    private static TeamRow teamRow(
            KpiRollups.Row r,
            String region,
            int reps,
            KpiRollups.ForecastGroup forecast,
            Map<String, BigDecimal> wonByQuarter,
            List<Forecast.Period> quarters) {
        BigDecimal quarterQuota =
                r.quota() == null
                        ? null
                        : r.quota().divide(BigDecimal.valueOf(4), 2, RoundingMode.HALF_UP);
        double f = forecast == null ? 0 : forecast.forecast();
        Map<String, BigDecimal> won = new LinkedHashMap<>();
        quarters.forEach(
                q -> won.put(q.name(), wonByQuarter.getOrDefault(q.name(), BigDecimal.ZERO)));
        return new TeamRow(
                r.id(),
                r.key(),
                region,
                reps,
                r.quota(),
                r.wonThisYear(),
                r.attainment(),
                quarterQuota,
                f,
                forecast == null
                        ? Map.of("openDeals", 0.0, "notYetCreated", 0.0)
                        : forecast.parts(),
                quarterQuota == null || quarterQuota.signum() == 0
                        ? null
                        : Math.round(f / quarterQuota.doubleValue() * 10_000) / 10_000.0,
                r.won(),
                r.lost(),
                r.winRate(),
                r.winRateNote(),
                r.avgWonCycleDays(),
                r.openPipeline(),
                won);
    }

    /** Open deals as of {@code at} by stage, in the order of the playbooks' stages. */
    private static List<StageRow> stages(List<Deal> deals, PlaybookLibrary library, LocalDate at) {
        Map<String, int[]> counts = new LinkedHashMap<>();
        Map<String, BigDecimal> values = new HashMap<>();
        Map<String, Integer> order = new HashMap<>();
        for (Deal d : deals) {
            Stage.Outcome outcome = KpiRollups.outcome(d, library);
            if (!KpiRollups.openAsOf(d, outcome, at)) {
                continue;
            }
            Playbook playbook = library.forDeal(d.playbook()).orElse(null);
            Stage stage = playbook == null ? null : playbook.stage(d.stage()).orElse(null);
            String name =
                    stage != null ? stage.name() : d.stage() == null ? "(no stage)" : d.stage();
            order.putIfAbsent(name, stage == null ? Integer.MAX_VALUE : playbook.indexOf(stage));
            counts.computeIfAbsent(name, k -> new int[1])[0]++;
            values.merge(name, d.amount() == null ? BigDecimal.ZERO : d.amount(), BigDecimal::add);
        }
        List<String> names = new ArrayList<>(counts.keySet());
        names.sort(
                java.util.Comparator.comparing((String n) -> order.get(n))
                        .thenComparing(java.util.Comparator.naturalOrder()));
        return names.stream().map(n -> new StageRow(n, counts.get(n)[0], values.get(n))).toList();
    }

    /** The twelve calendar months up to as-of's month, oldest first, with zeros where none won. */
    private List<MonthRow> wonByMonth(KpiRollups.Visible visible, LocalDate at) {
        YearMonth last = YearMonth.from(at);
        YearMonth first = last.minusMonths(MONTHS - 1L);
        Map<String, KpiRollups.Row> rows = new HashMap<>();
        rollups.rollUp(visible, KpiRollups.GroupBy.MONTH, first.atDay(1), at, at)
                .rows()
                .forEach(r -> rows.put(r.key(), r));
        List<MonthRow> months = new ArrayList<>();
        for (YearMonth m = first; !m.isAfter(last); m = m.plusMonths(1)) {
            KpiRollups.Row r = rows.get(m.toString());
            months.add(
                    new MonthRow(
                            m.toString(),
                            r == null ? 0 : r.won(),
                            r == null ? BigDecimal.ZERO : r.wonValue()));
        }
        return months;
    }

    /** The quarter that holds {@code date}. */
    static Forecast.Period quarterOf(LocalDate date) {
        return Forecast.Period.quarter(date.getYear(), (date.getMonthValue() - 1) / 3 + 1);
    }

    /** The quarter of the day after as-of: the one still to be won. */
    static Forecast.Period quarterAfter(LocalDate asOf) {
        return quarterOf(asOf.plusDays(1));
    }

    private static Forecast.Period next(Forecast.Period quarter) {
        return quarterOf(quarter.end().plusDays(1));
    }

    /** The roster as CSV, one row per rep, the columns named as the JSON fields. */
    public static String csv(TeamHome home) {
        String[] header = {
            "repId", "name", "quota", "wonThisYear", "attainment", "openDeals", "openPipeline",
            "staleOpenPipeline", "coverage", "coverageNote", "won", "lost", "winRate",
                    "winRateNote",
            "avgWonCycleDays", "openAlerts", "hireDate", "daysSinceHire", "rampBehindPlan"
        };
        List<List<Object>> rows = new ArrayList<>();
        for (RosterRow r : home.reps()) {
            rows.add(
                    java.util.Arrays.asList(
                            r.repId(),
                            r.name(),
                            r.quota(),
                            r.wonThisYear(),
                            r.attainment(),
                            r.openDeals(),
                            r.openPipeline(),
                            r.staleOpenPipeline(),
                            r.coverage(),
                            r.coverageNote(),
                            r.won(),
                            r.lost(),
                            r.winRate(),
                            r.winRateNote(),
                            r.avgWonCycleDays(),
                            r.openAlerts(),
                            r.hireDate(),
                            r.daysSinceHire(),
                            r.rampBehindPlan()));
        }
        return csv(header, rows);
    }

    /**
     * The director's table as CSV, one row per team (the company last), won value per quarter in a
     * column each.
     */
    public static String csv(Overview overview) {
        List<String> header =
                new ArrayList<>(
                        List.of(
                                "region",
                                "managerId",
                                "name",
                                "reps",
                                "quota",
                                "wonThisYear",
                                "attainment",
                                "quarterQuota",
                                "forecast " + overview.period(),
                                "forecastToQuarterQuota",
                                "won",
                                "lost",
                                "winRate",
                                "avgWonCycleDays",
                                "openPipeline"));
        overview.quarters().forEach(q -> header.add("wonValue " + q));
        List<List<Object>> rows = new ArrayList<>();
        List<TeamRow> teams = new ArrayList<>();
        overview.regions().forEach(r -> teams.addAll(r.teams()));
        if (overview.company() != null) {
            teams.add(overview.company());
        }
        for (TeamRow t : teams) {
            List<Object> row =
                    new ArrayList<>(
                            java.util.Arrays.asList(
                                    t.managerId() == null && t.name().equals("company")
                                            ? null
                                            : t.region(),
                                    t.managerId(),
                                    t.name(),
                                    t.reps(),
                                    t.quota(),
                                    t.wonThisYear(),
                                    t.attainment(),
                                    t.quarterQuota(),
                                    t.forecast(),
                                    t.forecastToQuarterQuota(),
                                    t.won(),
                                    t.lost(),
                                    t.winRate(),
                                    t.avgWonCycleDays(),
                                    t.openPipeline()));
            overview.quarters().forEach(q -> row.add(t.wonByQuarter().get(q)));
            rows.add(row);
        }
        return csv(header.toArray(String[]::new), rows);
    }

    static String csv(String[] header, List<? extends List<?>> rows) {
        StringWriter out = new StringWriter();
        try (CSVPrinter csv = CSVFormat.DEFAULT.builder().setHeader(header).get().print(out)) {
            for (List<?> row : rows) {
                csv.printRecord(row);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toString();
    }
}
