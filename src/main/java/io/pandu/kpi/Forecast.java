package io.pandu.kpi;

import io.pandu.errors.InvalidInputException;
import io.pandu.facts.Deal;
import io.pandu.facts.Rep;
import io.pandu.playbook.PlaybookLibrary;
import io.pandu.playbook.Stage;
import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The won value a period will bring, forecast from what was known on an as-of date, in two
 * explainable parts:
 *
 * <ul>
 *   <li><b>open deals</b>: each deal open on as-of times the chance it is won inside the period,
 *       given how long it has been open, times the average won value of its product. The chance
 *       comes from the history of every deal engaged by as-of — a survival (Kaplan-Meier) estimate
 *       of days from engagement to a won or lost close, in which deals still open count as at risk
 *       for as long as they have been open — so a deal older than any deal ever took to close gets
 *       almost nothing;
 *   <li><b>deals not yet created</b>: the value won in the previous period by deals engaged in that
 *       same period (a run rate of in-period creation and win).
 * </ul>
 *
 * Only what was known on as-of is read: engagements up to as-of, outcomes closed up to as-of.
 */
public final class Forecast {

    /** A calendar quarter, {@code 2017-Q4}. */
    public record Period(String name, LocalDate start, LocalDate end) {
        private static final Pattern QUARTER = Pattern.compile("(\\d{4})-Q([1-4])");

        public static Period parse(String value) {
            Matcher m = value == null ? null : QUARTER.matcher(value.trim());
            if (m == null || !m.matches()) {
                throw new InvalidInputException(
                        "period", "must be a quarter such as 2017-Q4, not \"" + value + "\"");
            }
            return quarter(Integer.parseInt(m.group(1)), Integer.parseInt(m.group(2)));
        }

        static Period quarter(int year, int q) {
            LocalDate start = LocalDate.of(year, 3 * q - 2, 1);
            return new Period(year + "-Q" + q, start, start.plusMonths(3).minusDays(1));
        }

        public Period previous() {
            LocalDate before = start.minusDays(1);
            return quarter(before.getYear(), (before.getMonthValue() - 1) / 3 + 1);
        }

        boolean contains(LocalDate date) {
            return date != null && !date.isBefore(start) && !date.isAfter(end);
        }
    }

    /** One group's forecast and its parts. */
    public record Group(String key, double forecast, double openDeals, double notYetCreated) {}

    private final PlaybookLibrary playbooks;

    public Forecast(PlaybookLibrary playbooks) {
        this.playbooks = playbooks;
    }

    /**
     * The forecast per group ({@code groupOf} names a deal's group, e.g. its owner's team) and for
     * the company (key {@code company}, last).
     */
    public List<Group> forecast(
            Collection<Deal> deals,
            Map<String, Rep> reps,
            java.util.function.Function<Deal, String> groupOf,
            Period period,
            LocalDate asOf) {
        if (!asOf.isBefore(period.end())) {
            throw new InvalidInputException(
                    "asOf",
                    "must lie before the end of " + period.name() + " (" + period.end() + ")");
        }
        List<Deal> closed = new ArrayList<>();
        List<Deal> open = new ArrayList<>();
        for (Deal d : deals) {
            if (d.createdDate() == null || d.createdDate().isAfter(asOf)) {
                continue; // not engaged yet on as-of: unknown then
            }
            if (outcome(d) != Stage.Outcome.OPEN
                    && d.closeDate() != null
                    && !d.closeDate().isAfter(asOf)) {
                closed.add(d);
            } else {
                open.add(d);
            }
        }
        Survival survival = new Survival(closed, open, asOf);
        Map<String, double[]> wonByProduct = new HashMap<>();
        double allWon = 0;
        int allWonCount = 0;
        for (Deal d : closed) {
            if (outcome(d) == Stage.Outcome.WON && d.amount() != null) {
                double[] acc =
                        wonByProduct.computeIfAbsent(
                                String.valueOf(d.product()), k -> new double[2]);
                acc[0] += d.amount().doubleValue();
                acc[1]++;
                allWon += d.amount().doubleValue();
                allWonCount++;
            }
        }
        double averageWon = allWonCount == 0 ? 0 : allWon / allWonCount;
        int fromDay =
                (int)
                        ChronoUnit.DAYS.between(
                                asOf,
                                period.start().isAfter(asOf) ? period.start() : asOf.plusDays(1));
        int toDay = (int) ChronoUnit.DAYS.between(asOf, period.end());
        Map<String, double[]> parts = new TreeMap<>();
        for (Deal d : open) {
            int age = (int) ChronoUnit.DAYS.between(d.createdDate(), asOf);
            double[] product = wonByProduct.get(String.valueOf(d.product()));
            double value = product == null ? averageWon : product[0] / product[1];
            double chance = survival.wonBetween(age, age + fromDay, age + toDay);
            parts.computeIfAbsent(groupOf.apply(d), k -> new double[2])[0] += chance * value;
        }
        Period previous = period.previous();
        for (Deal d : closed) {
            if (outcome(d) == Stage.Outcome.WON
                    && d.amount() != null
                    && previous.contains(d.createdDate())
                    && previous.contains(d.closeDate())) {
                parts.computeIfAbsent(groupOf.apply(d), k -> new double[2])[1] +=
                        d.amount().doubleValue();
            }
        }
        List<Group> groups = new ArrayList<>();
        double openTotal = 0;
        double newTotal = 0;
        for (Map.Entry<String, double[]> e : parts.entrySet()) {
            double[] p = e.getValue();
            groups.add(new Group(e.getKey(), round(p[0] + p[1]), round(p[0]), round(p[1])));
            openTotal += p[0];
            newTotal += p[1];
        }
        groups.add(
                new Group(
                        "company", round(openTotal + newTotal), round(openTotal), round(newTotal)));
        return groups;
    }

    /** Whether the deal's stage is a won outcome in its playbook. */
    public boolean isWon(Deal deal) {
        return outcome(deal) == Stage.Outcome.WON;
    }

    Stage.Outcome outcome(Deal deal) {
        return KpiRollups.outcome(deal, playbooks);
    }

    private static double round(double value) {
        return Math.round(value * 100) / 100.0;
    }

    /**
     * Days from engagement to close, with wins and losses as competing outcomes and open deals
     * censored at their age on as-of.
     */
    private final class Survival {
        private final double[] survival; // S(t): still open after t days
        private final double[] winHazard; // share of those at risk on day t who are won that day

        Survival(List<Deal> closed, List<Deal> open, LocalDate asOf) {
            int longest = 0;
            Map<Integer, int[]> events = new HashMap<>();
            Map<Integer, Integer> leaving = new HashMap<>();
            for (Deal d : closed) {
                int t = (int) Math.max(0, ChronoUnit.DAYS.between(d.createdDate(), d.closeDate()));
                events.computeIfAbsent(t, k -> new int[2])[
                        outcome(d) == Stage.Outcome.WON ? 0 : 1]++;
                leaving.merge(t, 1, Integer::sum);
                longest = Math.max(longest, t);
            }
            for (Deal d : open) {
                int age = (int) ChronoUnit.DAYS.between(d.createdDate(), asOf);
                leaving.merge(age, 1, Integer::sum);
                longest = Math.max(longest, age);
            }
            survival = new double[longest + 2];
            winHazard = new double[longest + 2];
            int atRisk = closed.size() + open.size();
            survival[0] = 1;
            int[] zero = events.getOrDefault(0, new int[2]);
            if (atRisk > 0) {
                winHazard[0] = (double) zero[0] / atRisk;
                survival[0] = 1 - (double) (zero[0] + zero[1]) / atRisk;
            }
            atRisk -= leaving.getOrDefault(0, 0);
            for (int t = 1; t <= longest + 1; t++) {
                int[] e = events.getOrDefault(t, new int[2]);
                winHazard[t] = atRisk > 0 ? (double) e[0] / atRisk : 0;
                survival[t] =
                        survival[t - 1] * (atRisk > 0 ? 1 - (double) (e[0] + e[1]) / atRisk : 1);
                atRisk -= leaving.getOrDefault(t, 0);
            }
        }

        /**
         * The chance a deal open at {@code age} days is won between day {@code from} and {@code
         * to}.
         */
        double wonBetween(int age, int from, int to) {
            if (age >= survival.length || survival[age] <= 0) {
                return 0;
            }
            double chance = 0;
            for (int t = Math.max(from, 1); t <= to && t < survival.length; t++) {
                chance += survival[t - 1] / survival[age] * winHazard[t];
            }
            return chance;
        }
    }
}
