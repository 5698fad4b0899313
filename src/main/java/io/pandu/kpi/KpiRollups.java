package io.pandu.kpi;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonValue;
import io.pandu.auth.Caller;
import io.pandu.errors.InvalidInputException;
import io.pandu.facts.Days;
import io.pandu.facts.Deal;
import io.pandu.facts.Rep;
import io.pandu.playbook.PlaybookLibrary;
import io.pandu.playbook.Stage;
import io.pandu.runs.LatestGuidance;
import io.pandu.store.FactStore;
import io.pandu.store.Manager;
import io.pandu.store.Where;
import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.LocalDate;
import java.time.YearMonth;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.function.Function;
import java.util.function.Supplier;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVPrinter;

/**
 * The figures a sales leader reviews, rolled up by company, region, team, rep, product, quarter or
 * month: won and lost deals and value, win rate, won cycle, deal size, conversion, open pipeline
 * (with its stale part), quota attainment and coverage.
 *
 * <p>What each figure counts, so a table and its CSV can be checked by hand:
 *
 * <ul>
 *   <li>won / lost / wonValue: deals whose outcome (the playbook stage's) is won or lost and whose
 *       close date lies in [from, to] and on or before as-of;
 *   <li>winRate: won / (won + lost), {@code null} with the note "no closed deals" when nothing
 *       closed (0 % would claim a rep lost everything);
 *   <li>avgWonCycleDays: days from engagement (the deal's created date; Maven CRM's engage date) to
 *       close, averaged over the won deals;
 *   <li>engagedToWon: of the deals engaged in [from, to], the share won by as-of;
 *   <li>open pipeline: deals open as of as-of — open now, or closed after as-of but engaged before
 *       it (the data's own dates say they were open then) — and their amount; the stale part is the
 *       open deals engaged longer ago than any won deal ever took to close (the table's {@code
 *       staleAfterDays}), so the headline pipeline is not inflated by deals that will not close;
 *   <li>quota, attainment, coverage: over the group's reps with a quota only; attainment is the
 *       value won in as-of's calendar year up to as-of over the quota; coverage is those reps'
 *       fresh open pipeline over the quota they still have to close, {@code null} with "quota met"
 *       when nothing remains.
 * </ul>
 *
 * Grouped by quarter or month, won and lost fall in the period of their close date and open deals
 * in the period of their expected close date (deals without one are left out of those rows).
 */
public final class KpiRollups {

    public enum GroupBy {
        COMPANY,
        REGION,
        TEAM,
        REP,
        PRODUCT,
        QUARTER,
        MONTH;

        public static GroupBy parse(String value) {
            if (value == null || value.isBlank()) {
                return COMPANY;
            }
            try {
                return valueOf(value.trim().toUpperCase(Locale.ROOT));
            } catch (IllegalArgumentException e) {
                throw new InvalidInputException(
                        "groupBy",
                        "must be one of company, region, team, rep, product, quarter, month, not \""
                                + value
                                + "\"");
            }
        }

        @JsonValue
        public String json() {
            return name().toLowerCase(Locale.ROOT);
        }
    }

    /** One group's figures; {@code key} is its display name, {@code id} its id where it has one. */
    @JsonInclude(JsonInclude.Include.ALWAYS)
    public record Row(
            String key,
            String id,
            int won,
            int lost,
            BigDecimal wonValue,
            BigDecimal lostValue,
            Double winRate,
            String winRateNote,
            Double avgWonCycleDays,
            BigDecimal avgWonDealSize,
            int engaged,
            Double engagedToWon,
            int openDeals,
            BigDecimal openPipeline,
            int staleOpenDeals,
            BigDecimal staleOpenPipeline,
            BigDecimal quota,
            BigDecimal wonThisYear,
            Double attainment,
            Double coverage,
            String coverageNote) {}

    @JsonInclude(JsonInclude.Include.ALWAYS)
    public record Table(
            GroupBy groupBy,
            LocalDate from,
            LocalDate to,
            LocalDate asOf,
            Integer staleAfterDays,
            List<Row> rows) {}

    private final FactStore facts;
    private final Supplier<PlaybookLibrary> playbooks;
    private final LatestGuidance latest;

    public KpiRollups(FactStore facts, Supplier<PlaybookLibrary> playbooks) {
        this(facts, playbooks, null);
    }

    /** With {@code latest} (null: none), forecasts carry the rule-based categories of its run. */
    public KpiRollups(FactStore facts, Supplier<PlaybookLibrary> playbooks, LatestGuidance latest) {
        this.facts = facts;
        this.playbooks = playbooks;
        this.latest = latest;
    }

    /**
     * The caller's deals (a rep's own, a manager's team's, everything for ops and admin) rolled up.
     *
     * @param asOf null for the store's as-of date
     */
    public Table rollUp(
            Caller caller, GroupBy groupBy, LocalDate from, LocalDate to, LocalDate asOf) {
        if (from != null && to != null && to.isBefore(from)) {
            throw new InvalidInputException("to", "must not be before from (" + from + ")");
        }
        LocalDate at = asOf != null ? asOf : facts.asOfOrToday();
        return rollUp(visible(caller, at), groupBy, from, to, at);
    }

    /** The roll-up over what a caller may see (loaded once by the caller). */
    Table rollUp(Visible visible, GroupBy groupBy, LocalDate from, LocalDate to, LocalDate at) {
        Map<String, Rep> reps = visible.reps();
        Map<String, String> managerNames = visible.managerNames();
        List<Deal> deals = visible.deals();
        PlaybookLibrary library = playbooks.get();

        Integer staleAfter = longestWonCycle(deals, library, at);
        // keys sort as the rows do: by display name, then id
        Map<Key, Acc> groups =
                new TreeMap<>(
                        java.util.Comparator.comparing(Key::key)
                                .thenComparing(
                                        Key::id,
                                        java.util.Comparator.nullsFirst(
                                                java.util.Comparator.naturalOrder())));
        for (Deal deal : deals) {
            Rep owner = reps.get(deal.ownerId());
            Function<LocalDate, Acc> groupAt =
                    when ->
                            acc(
                                    groups,
                                    keyOf(
                                            groupBy,
                                            deal.ownerId(),
                                            deal.product(),
                                            owner,
                                            managerNames,
                                            when));
            Stage.Outcome outcome = outcome(deal, library);
            boolean closedByAsOf = closedByAsOf(deal, outcome, at);
            if (closedByAsOf && inPeriod(deal.closeDate(), from, to)) {
                Acc acc = groupAt.apply(deal.closeDate());
                if (acc != null) {
                    acc.closed(deal, outcome == Stage.Outcome.WON);
                }
            }
            if (deal.createdDate() != null
                    && !deal.createdDate().isAfter(at)
                    && inPeriod(deal.createdDate(), from, to)) {
                Acc acc = groupAt.apply(deal.createdDate());
                if (acc != null) {
                    acc.engaged(closedByAsOf && outcome == Stage.Outcome.WON);
                }
            }
            if (openAsOf(deal, outcome, at)) {
                Acc acc = groupAt.apply(deal.expectedCloseDate());
                if (acc != null) {
                    acc.open(deal, stale(deal, staleAfter, at));
                }
            }
        }
        if (groupBy != GroupBy.QUARTER && groupBy != GroupBy.MONTH && groupBy != GroupBy.PRODUCT) {
            quotas(groups, groupBy, reps.values(), deals, library, managerNames, at, staleAfter);
        }
        List<Row> rows = new ArrayList<>();
        groups.values().forEach(acc -> rows.add(acc.row()));
        return new Table(groupBy, from, to, at, staleAfter, rows);
    }

    /**
     * A forecast per group: the expected won value of the period and its two parts, and beside them
     * the group's open deals by their rule-based forecast category (null when the categories are
     * not known for the forecast's as-of date, see {@link ForecastTable#categoriesNote}).
     */
    public record ForecastGroup(
            String key,
            double forecast,
            Map<String, Double> parts,
            Map<String, Category> categories) {}

    /** The open deals of one forecast category: how many and their amount. */
    public record Category(int deals, BigDecimal value) {}

    /**
     * @param categoriesAsOf the as-of date of the evaluation run the categories come from
     * @param categoriesNote why the groups carry no categories, when they do not
     */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record ForecastTable(
            String period,
            LocalDate asOf,
            GroupBy groupBy,
            LocalDate categoriesAsOf,
            String categoriesNote,
            List<ForecastGroup> groups) {}

    /**
     * The code of the insight the forecast-category rules raise per open deal; its title is the
     * category.
     */
    public static final String FORECAST_CATEGORY = "FORECAST_CATEGORY";

    /** The categories the shipped rules use, in this order; any other a rule names follows them. */
    static final List<String> CATEGORIES = List.of("Commit", "Best case", "Pipeline", "Omitted");

    /**
     * The period's won value forecast from what the store knew on as-of (see {@link Forecast}), per
     * company, region, team or rep, over the caller's deals, with the rule-based forecast
     * categories of the open deals beside it: those the newest succeeded evaluation run raised
     * (code {@code FORECAST_CATEGORY}), when that run was as of the same date.
     */
    public ForecastTable forecast(Caller caller, String period, LocalDate asOf, GroupBy groupBy) {
        if (period == null || period.isBlank()) {
            throw new InvalidInputException("period", "is required, e.g. 2017-Q4");
        }
        Forecast.Period quarter = Forecast.Period.parse(period);
        if (groupBy == GroupBy.PRODUCT || groupBy == GroupBy.QUARTER || groupBy == GroupBy.MONTH) {
            throw new InvalidInputException(
                    "groupBy", "must be company, region, team or rep for a forecast");
        }
        LocalDate at = asOf != null ? asOf : facts.asOfOrToday();
        Visible visible = visible(caller, at);
        return forecast(visible, quarter, at, groupBy);
    }

    /** The forecast of one quarter over what a caller may see (loaded once by the caller). */
    ForecastTable forecast(
            Visible visible, Forecast.Period quarter, LocalDate at, GroupBy groupBy) {
        Map<String, Rep> reps = visible.reps();
        Map<String, String> managerNames = visible.managerNames();
        List<Deal> deals = visible.deals();
        Function<String, String> groupOfRep =
                repId -> keyOf(groupBy, repId, null, reps.get(repId), managerNames, null).key();
        List<Forecast.Group> groups =
                new Forecast(playbooks.get())
                        .forecast(deals, reps, d -> groupOfRep.apply(d.ownerId()), quarter, at);
        Optional<LatestGuidance.Snapshot> run = latest == null ? Optional.empty() : latest.latest();
        Map<String, Map<String, Category>> categories = null;
        String note;
        if (run.isEmpty()) {
            note = "no evaluation run has succeeded yet, so no deal has a forecast category";
        } else if (!at.equals(run.get().asOf())) {
            note =
                    "the forecast categories come from the latest evaluation run, as of "
                            + run.get().asOf()
                            + "; there are none for "
                            + at;
        } else {
            note = null;
            categories = categories(run.get(), visible, groupOfRep, groupBy);
        }
        List<ForecastGroup> rows = new ArrayList<>();
        java.util.Set<String> shown = new java.util.HashSet<>();
        for (Forecast.Group g : groups) {
            if (groupBy == GroupBy.COMPANY && g != groups.get(groups.size() - 1)) {
                continue; // the company row (last) sums the one group, also keyed "company"
            }
            shown.add(g.key());
            rows.add(
                    new ForecastGroup(
                            g.key(),
                            g.forecast(),
                            parts(g.openDeals(), g.notYetCreated()),
                            categories == null ? null : categoriesOf(categories, g.key())));
        }
        if (categories != null) {
            // a group whose open deals all have no engagement date has categories but no forecast
            for (String key : categories.keySet()) {
                if (!shown.contains(key)) {
                    rows.add(
                            rows.size() - 1,
                            new ForecastGroup(key, 0, parts(0, 0), categoriesOf(categories, key)));
                }
            }
        }
        return new ForecastTable(
                quarter.name(),
                at,
                groupBy,
                run.map(LatestGuidance.Snapshot::asOf).orElse(null),
                note,
                rows);
    }

    private static Map<String, Double> parts(double openDeals, double notYetCreated) {
        Map<String, Double> parts = new java.util.LinkedHashMap<>();
        parts.put("openDeals", openDeals);
        parts.put("notYetCreated", notYetCreated);
        return parts;
    }

    /** Every category (the shipped ones with zeros) of a group, in {@link #CATEGORIES} order. */
    private static Map<String, Category> categoriesOf(
            Map<String, Map<String, Category>> categories, String key) {
        Map<String, Category> of = new java.util.LinkedHashMap<>();
        CATEGORIES.forEach(c -> of.put(c, new Category(0, BigDecimal.ZERO)));
        of.putAll(categories.getOrDefault(key, Map.of()));
        return of;
    }

    /**
     * The open deals of the caller's reps by group and category, from the run's {@code
     * FORECAST_CATEGORY} insights (one per open deal); the company row counts them all.
     */
    private static Map<String, Map<String, Category>> categories(
            LatestGuidance.Snapshot run,
            Visible visible,
            Function<String, String> groupOfRep,
            GroupBy groupBy) {
        java.util.Set<String> dealIds = new java.util.HashSet<>();
        visible.deals().forEach(d -> dealIds.add(d.id()));
        Map<String, Map<String, Category>> byGroup = new TreeMap<>();
        java.util.Set<String> counted = new java.util.HashSet<>();
        for (io.pandu.guidance.Guidance team : run.all()) {
            for (io.pandu.guidance.IncentiveInsight i : team.incentiveInsights()) {
                if (!FORECAST_CATEGORY.equals(i.code())
                        || i.dealId() == null
                        || !dealIds.contains(i.dealId())
                        || !counted.add(i.dealId())) {
                    continue;
                }
                BigDecimal amount = i.amount() == null ? BigDecimal.ZERO : i.amount();
                List<String> keys =
                        groupBy == GroupBy.COMPANY
                                ? List.of("company")
                                : List.of(groupOfRep.apply(i.repId()), "company");
                for (String key : keys) {
                    byGroup.computeIfAbsent(key, k -> new java.util.LinkedHashMap<>())
                            .merge(
                                    i.title(),
                                    new Category(1, amount),
                                    (a, b) ->
                                            new Category(
                                                    a.deals() + b.deals(),
                                                    a.value().add(b.value())));
                }
            }
        }
        return byGroup;
    }

    /**
     * The forecast as CSV, one row per group: forecast, its parts and each category's deals and
     * value.
     */
    public static String csv(ForecastTable table) {
        List<String> header =
                new ArrayList<>(List.of("key", "forecast", "openDeals", "notYetCreated"));
        for (String c : CATEGORIES) {
            header.add(c + " deals");
            header.add(c + " value");
        }
        StringWriter out = new StringWriter();
        try (CSVPrinter csv =
                CSVFormat.DEFAULT
                        .builder()
                        .setHeader(header.toArray(String[]::new))
                        .get()
                        .print(out)) {
            for (ForecastGroup g : table.groups()) {
                List<Object> row = new ArrayList<>();
                row.add(g.key());
                row.add(g.forecast());
                row.add(g.parts().get("openDeals"));
                row.add(g.parts().get("notYetCreated"));
                for (String c : CATEGORIES) {
                    Category cat = g.categories() == null ? null : g.categories().get(c);
                    row.add(cat == null ? null : cat.deals());
                    row.add(cat == null ? null : cat.value());
                }
                csv.printRecord(row);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toString();
    }

    /** What a caller may count: their reps (by id), every manager's name, their reps' deals. */
    record Visible(Map<String, Rep> reps, Map<String, String> managerNames, List<Deal> deals) {
        /** Only the reps of one manager's team and their deals. */
        Visible team(String managerId) {
            Map<String, Rep> team = new HashMap<>();
            reps.forEach(
                    (id, r) -> {
                        if (managerId.equals(r.managerId())) {
                            team.put(id, r);
                        }
                    });
            return new Visible(
                    team,
                    managerNames,
                    deals.stream().filter(d -> team.containsKey(d.ownerId())).toList());
        }
    }

    /** The store's as-of date (today when none is set). */
    LocalDate asOf() {
        return facts.asOfOrToday();
    }

    PlaybookLibrary library() {
        return playbooks.get();
    }

    /** What the caller may see, the deals as they were on {@code at}. */
    Visible visible(Caller caller, LocalDate at) {
        Map<String, Rep> reps = new HashMap<>();
        facts.reps()
                .all(FactStore.scoped(new Where(), caller.scope(), "id"))
                .forEach(r -> reps.put(r.id(), r));
        Map<String, String> managerNames = new HashMap<>();
        facts.managers().all(new Where()).forEach(m -> managerNames.put(m.id(), name(m)));
        return new Visible(
                reps,
                managerNames,
                facts.deals(at).all(FactStore.scoped(new Where(), caller.scope(), "owner_id")));
    }

    /** The table as CSV, one row per group, the columns named as the JSON fields. */
    public static String csv(Table table) {
        String[] header = {
            "key",
            "id",
            "won",
            "lost",
            "wonValue",
            "lostValue",
            "winRate",
            "winRateNote",
            "avgWonCycleDays",
            "avgWonDealSize",
            "engaged",
            "engagedToWon",
            "openDeals",
            "openPipeline",
            "staleOpenDeals",
            "staleOpenPipeline",
            "quota",
            "wonThisYear",
            "attainment",
            "coverage",
            "coverageNote"
        };
        StringWriter out = new StringWriter();
        try (CSVPrinter csv = CSVFormat.DEFAULT.builder().setHeader(header).get().print(out)) {
            for (Row r : table.rows()) {
                csv.printRecord(
                        Arrays.asList(
                                r.key(),
                                r.id(),
                                r.won(),
                                r.lost(),
                                r.wonValue(),
                                r.lostValue(),
                                r.winRate(),
                                r.winRateNote(),
                                r.avgWonCycleDays(),
                                r.avgWonDealSize(),
                                r.engaged(),
                                r.engagedToWon(),
                                r.openDeals(),
                                r.openPipeline(),
                                r.staleOpenDeals(),
                                r.staleOpenPipeline(),
                                r.quota(),
                                r.wonThisYear(),
                                r.attainment(),
                                r.coverage(),
                                r.coverageNote()));
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toString();
    }

    private static boolean inPeriod(LocalDate date, LocalDate from, LocalDate to) {
        return date != null
                && (from == null || !date.isBefore(from))
                && (to == null || !date.isAfter(to));
    }

    /**
     * Open on {@code asOf}: engaged by then and not closed by then; an undated deal (Maven CRM's
     * prospects) is open while its stage is. A deal engaged after as-of did not exist yet.
     */
    static boolean openAsOf(Deal deal, Stage.Outcome outcome, LocalDate asOf) {
        if (deal.createdDate() == null) {
            return outcome == Stage.Outcome.OPEN;
        }
        return !closedByAsOf(deal, outcome, asOf) && !deal.createdDate().isAfter(asOf);
    }

    /** Won or lost, with a close date on or before {@code asOf}. */
    private static boolean closedByAsOf(Deal deal, Stage.Outcome outcome, LocalDate asOf) {
        return outcome != Stage.Outcome.OPEN
                && deal.closeDate() != null
                && !deal.closeDate().isAfter(asOf);
    }

    /** Engaged longer ago than any won deal took to close ({@code staleAfter} days). */
    private static boolean stale(Deal deal, Integer staleAfter, LocalDate asOf) {
        return staleAfter != null
                && deal.createdDate() != null
                && Days.between(deal.createdDate(), asOf) > staleAfter;
    }

    /** The deal's outcome in its playbook's stage; open when the stage is unknown. */
    static Stage.Outcome outcome(Deal deal, PlaybookLibrary library) {
        return library.forDeal(deal.playbook())
                .flatMap(p -> p.stage(deal.stage()))
                .map(Stage::outcome)
                .orElse(Stage.Outcome.OPEN);
    }

    /** The most days any deal won by as-of took from engagement to close; null when none. */
    private static Integer longestWonCycle(
            List<Deal> deals, PlaybookLibrary library, LocalDate asOf) {
        Integer longest = null;
        for (Deal d : deals) {
            if (d.createdDate() != null
                    && d.closeDate() != null
                    && !d.closeDate().isAfter(asOf)
                    && outcome(d, library) == Stage.Outcome.WON) {
                int days = (int) Days.between(d.createdDate(), d.closeDate());
                longest = longest == null ? days : Math.max(longest, days);
            }
        }
        return longest;
    }

    private static String name(Manager m) {
        return m.name() == null || m.name().isBlank() ? m.id() : m.name();
    }

    /**
     * The group of a deal (or, for quotas, of a rep); {@code when} places it for quarter and month
     * (null: in none, and no key).
     */
    private static Key keyOf(
            GroupBy groupBy,
            String ownerId,
            String product,
            Rep owner,
            Map<String, String> managerNames,
            LocalDate when) {
        String id;
        String key;
        switch (groupBy) {
            case COMPANY -> {
                id = null;
                key = "company";
            }
            case REGION -> {
                id = null;
                key = owner == null || owner.region() == null ? "(no region)" : owner.region();
            }
            case TEAM -> {
                id = owner == null ? null : owner.managerId();
                key = id == null ? "(no manager)" : managerNames.getOrDefault(id, id);
            }
            case REP -> {
                id = ownerId;
                key = owner == null || owner.name() == null ? String.valueOf(id) : owner.name();
            }
            case PRODUCT -> {
                id = null;
                key = product == null ? "(no product)" : product;
            }
            case QUARTER -> {
                if (when == null) {
                    return null;
                }
                id = null;
                key = when.getYear() + "-Q" + ((when.getMonthValue() - 1) / 3 + 1);
            }
            case MONTH -> {
                if (when == null) {
                    return null;
                }
                id = null;
                key = YearMonth.from(when).toString();
            }
            default -> throw new IllegalStateException(groupBy.toString());
        }
        return new Key(key, id);
    }

    /** A group's display name and, for a team or rep, its id. */
    private record Key(String key, String id) {}

    /** The group's accumulator, made on first use; none for a deal in no group (null key). */
    private static Acc acc(Map<Key, Acc> groups, Key key) {
        return key == null ? null : groups.computeIfAbsent(key, k -> new Acc(k.key(), k.id()));
    }

    /**
     * Quota, won this year and coverage per group, over the group's reps with a quota. Groups with
     * no deal in the period still get a row when their reps have quotas.
     */
    private static void quotas(
            Map<Key, Acc> groups,
            GroupBy groupBy,
            Iterable<Rep> reps,
            List<Deal> deals,
            PlaybookLibrary library,
            Map<String, String> managerNames,
            LocalDate asOf,
            Integer staleAfter) {
        Map<String, BigDecimal> wonThisYear = new HashMap<>();
        Map<String, BigDecimal> freshOpen = new HashMap<>();
        for (Deal d : deals) {
            Stage.Outcome outcome = outcome(d, library);
            BigDecimal amount = d.amount() == null ? BigDecimal.ZERO : d.amount();
            if (outcome == Stage.Outcome.WON
                    && d.closeDate() != null
                    && !d.closeDate().isAfter(asOf)
                    && d.closeDate().getYear() == asOf.getYear()) {
                wonThisYear.merge(d.ownerId(), amount, BigDecimal::add);
            }
            if (openAsOf(d, outcome, asOf) && !stale(d, staleAfter, asOf)) {
                freshOpen.merge(d.ownerId(), amount, BigDecimal::add);
            }
        }
        for (Rep rep : reps) {
            if (rep.quota() == null || rep.quota().signum() <= 0) {
                continue;
            }
            Acc acc = acc(groups, keyOf(groupBy, rep.id(), null, rep, managerNames, null));
            if (acc != null) {
                acc.quota(
                        rep.quota(),
                        wonThisYear.getOrDefault(rep.id(), BigDecimal.ZERO),
                        freshOpen.getOrDefault(rep.id(), BigDecimal.ZERO));
            }
        }
    }

    private static final class Acc {
        final String key;
        final String id;
        int won;
        int lost;
        BigDecimal wonValue = BigDecimal.ZERO;
        BigDecimal lostValue = BigDecimal.ZERO;
        long wonCycleDays;
        int wonWithCycle;
        int engaged;
        int engagedWon;
        int openDeals;
        BigDecimal openPipeline = BigDecimal.ZERO;
        int staleOpen;
        BigDecimal stalePipeline = BigDecimal.ZERO;
        BigDecimal quota;
        BigDecimal wonThisYear;
        BigDecimal remaining;
        BigDecimal quotaRepsOpen;

        Acc(String key, String id) {
            this.key = key;
            this.id = id;
        }

        void closed(Deal deal, boolean isWon) {
            BigDecimal amount = deal.amount() == null ? BigDecimal.ZERO : deal.amount();
            if (isWon) {
                won++;
                wonValue = wonValue.add(amount);
                if (deal.createdDate() != null) {
                    wonCycleDays += Math.max(0, Days.between(deal.createdDate(), deal.closeDate()));
                    wonWithCycle++;
                }
            } else {
                lost++;
                lostValue = lostValue.add(amount);
            }
        }

        void engaged(boolean wonByAsOf) {
            engaged++;
            if (wonByAsOf) {
                engagedWon++;
            }
        }

        void open(Deal deal, boolean stale) {
            BigDecimal amount = deal.amount() == null ? BigDecimal.ZERO : deal.amount();
            openDeals++;
            openPipeline = openPipeline.add(amount);
            if (stale) {
                staleOpen++;
                stalePipeline = stalePipeline.add(amount);
            }
        }

        void quota(BigDecimal repQuota, BigDecimal repWon, BigDecimal repFreshOpen) {
            quota = quota == null ? repQuota : quota.add(repQuota);
            wonThisYear = wonThisYear == null ? repWon : wonThisYear.add(repWon);
            BigDecimal left = repQuota.subtract(repWon).max(BigDecimal.ZERO);
            remaining = remaining == null ? left : remaining.add(left);
            quotaRepsOpen = quotaRepsOpen == null ? repFreshOpen : quotaRepsOpen.add(repFreshOpen);
        }

        Row row() {
            int closed = won + lost;
            Double coverage = null;
            String coverageNote = null;
            if (quota == null) {
                coverageNote = "no quota";
            } else if (remaining.signum() == 0) {
                coverageNote = "quota met";
            } else {
                coverage = round(quotaRepsOpen.doubleValue() / remaining.doubleValue(), 3);
            }
            return new Row(
                    key,
                    id,
                    won,
                    lost,
                    wonValue,
                    lostValue,
                    closed == 0 ? null : round((double) won / closed, 4),
                    closed == 0 ? "no closed deals" : null,
                    wonWithCycle == 0 ? null : round((double) wonCycleDays / wonWithCycle, 1),
                    won == 0
                            ? null
                            : wonValue.divide(BigDecimal.valueOf(won), 2, RoundingMode.HALF_UP),
                    engaged,
                    engaged == 0 ? null : round((double) engagedWon / engaged, 4),
                    openDeals,
                    openPipeline,
                    staleOpen,
                    stalePipeline,
                    quota,
                    wonThisYear,
                    quota == null
                            ? null
                            : round(wonThisYear.doubleValue() / quota.doubleValue(), 4),
                    coverage,
                    coverageNote);
        }
    }

    private static double round(double value, int places) {
        double scale = Math.pow(10, places);
        return Math.round(value * scale) / scale;
    }
}
