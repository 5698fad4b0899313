package io.pandu.ingest;

import io.pandu.facts.Account;
import io.pandu.facts.Connection;
import io.pandu.facts.Deal;
import io.pandu.facts.FactSet;
import io.pandu.facts.Rep;
import io.pandu.facts.Territory;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * SYNTHETIC ENRICHMENT of the Maven CRM data for the demo ({@code pandu serve --demo}, {@code pandu
 * evaluate --maven-crm DIR --demo-enrichment}): the published data has no quotas, hire dates,
 * activities, competitors, expected close dates or qualification, so most rules would stay silent
 * on it. This adds them, seeded ({@link #SEED}) and derived from each record's own history, and
 * documented in docs/RULES-ON-MAVEN-CRM.md. It only fills fields the data leaves empty: the data
 * set's deals, stages, amounts and dates are never changed, so every KPI of the published data
 * stays as it was. The same input always gives the same enrichment (nothing depends on the order of
 * the rows or on the clock), so re-importing changes nothing.
 *
 * <p>Reps: a quota of their won amount over the year to as-of times a seeded target factor (one of
 * {@link #TARGETS}, 0.90 to 1.30; rounded to 1,000); a hire date before their first deal; a
 * certification for every product they won at least {@link #CERTIFIED_AFTER_WINS} deals of. The
 * agents who own no deal are new hires: every other one of them (by id) hired 60 to 89 days before
 * as-of, the rest 15 to 54 days, with a quota of their team's median prorated to the rest of the
 * year. Offices become territories of their agents; half the accounts get the territory of the
 * office that won most on them, half of those an owner (that office's best seller there), and every
 * account a connection to the (up to 3) reps who won most deals on it. Deals and activities: {@link
 * DemoPipeline}.
 */
public final class DemoEnrichment {
    /** The seed of every synthesised value (the as-of date of the data). */
    public static final long SEED = 20171231L;

    static final int CERTIFIED_AFTER_WINS = 15;

    /** Quota over the last year's won amount: from a cut of 10% to a stretch of 30%. */
    static final List<Double> TARGETS =
            List.of(0.90, 0.95, 1.00, 1.02, 1.05, 1.10, 1.15, 1.20, 1.30);

    private DemoEnrichment() {}

    /** The enriched facts and what was added. */
    public record Result(FactSet facts, SyntheticEnrichment summary) {}

    /** Enriches {@code facts}, whose as-of date must be set. */
    public static Result enrich(FactSet facts) {
        LocalDate asOf = Objects.requireNonNull(facts.asOf(), "the demo enrichment needs as-of");
        Seeded seeded = new Seeded(SEED);
        Map<String, Integer> added = new LinkedHashMap<>();
        Map<String, List<Deal>> byOwner = new HashMap<>();
        facts.deals()
                .forEach(d -> byOwner.computeIfAbsent(d.ownerId(), k -> new ArrayList<>()).add(d));
        List<Rep> reps = reps(facts.reps(), byOwner, asOf, seeded, added);
        DemoPipeline pipeline = new DemoPipeline(seeded, asOf, facts.deals());
        List<Deal> deals = facts.deals().stream().map(pipeline::enrich).toList();
        List<io.pandu.facts.Activity> activities = new ArrayList<>(facts.activities());
        activities.addAll(pipeline.activities());
        added.putAll(pipeline.counts());
        List<Territory> territories = new ArrayList<>(facts.territories());
        for (Territory office : officeTerritories(reps)) {
            if (territories.stream().noneMatch(t -> t.id().equals(office.id()))) {
                territories.add(office);
                added.merge("territories", 1, Integer::sum);
            }
        }
        List<Account> accounts = accounts(facts, reps, seeded, added);
        FactSet enriched =
                new FactSet(asOf, reps, deals, activities, accounts, territories, facts.products());
        String note =
                "Demo only, not the published data: quotas, hire dates, certifications, activities,"
                        + " competitors, expected close dates and pushes, qualification, discounts,"
                        + " territories, account owners and connections were synthesised (seed "
                        + SEED
                        + ") from each record's own history; the data set's deals, stages, amounts"
                        + " and dates are unchanged (docs/RULES-ON-MAVEN-CRM.md)";
        return new Result(
                enriched, new SyntheticEnrichment(SyntheticEnrichment.LABEL, SEED, note, added));
    }

    private static List<Rep> reps(
            List<Rep> reps,
            Map<String, List<Deal>> byOwner,
            LocalDate asOf,
            Seeded seeded,
            Map<String, Integer> added) {
        Map<String, Rep> result = new LinkedHashMap<>();
        List<Rep> newHires = new ArrayList<>();
        for (Rep r : reps) {
            List<Deal> own = byOwner.getOrDefault(r.id(), List.of());
            if (own.isEmpty()) {
                newHires.add(r);
                result.put(r.id(), r);
                continue;
            }
            double won =
                    own.stream()
                            .filter(d -> isWon(d) && closedInYearTo(d, asOf))
                            .mapToDouble(d -> d.amount().doubleValue())
                            .sum();
            double target = TARGETS.get(seeded.below("quota|" + r.id(), TARGETS.size()));
            LocalDate first =
                    own.stream()
                            .flatMap(
                                    d -> java.util.stream.Stream.of(d.createdDate(), d.closeDate()))
                            .filter(Objects::nonNull)
                            .min(LocalDate::compareTo)
                            .orElse(asOf);
            LocalDate hired = first.minusDays(60 + seeded.below("hire|" + r.id(), 900));
            Map<String, Integer> wins = new TreeMap<>();
            own.stream()
                    .filter(d -> isWon(d) && d.product() != null)
                    .forEach(d -> wins.merge(d.product(), 1, Integer::sum));
            List<String> certified = new ArrayList<>(r.certifications());
            wins.forEach(
                    (product, n) -> {
                        if (n >= CERTIFIED_AFTER_WINS && !certified.contains(product)) {
                            certified.add(product);
                        }
                    });
            result.put(r.id(), fill(r, hired, thousands(won * target), certified, added));
        }
        newHires.sort(Comparator.comparing(Rep::id));
        for (int i = 0; i < newHires.size(); i++) {
            Rep r = newHires.get(i);
            int days =
                    i % 2 == 0
                            ? 60 + seeded.below("hire|" + r.id(), 30)
                            : 15 + seeded.below("hire|" + r.id(), 40);
            LocalDate hired = asOf.minusDays(days);
            LocalDate yearEnd = LocalDate.of(asOf.getYear(), 12, 31);
            double share = (java.time.temporal.ChronoUnit.DAYS.between(hired, yearEnd) + 1) / 365.0;
            double quota = thousands(teamMedianQuota(r, result.values()) * share);
            result.put(r.id(), fill(r, hired, quota, r.certifications(), added));
            added.merge("new hires", 1, Integer::sum);
        }
        return List.copyOf(result.values());
    }

    /** The rep with only the empty fields filled, counting what was filled. */
    private static Rep fill(
            Rep r, LocalDate hired, double quota, List<String> certs, Map<String, Integer> added) {
        LocalDate hireDate = r.hireDate();
        if (hireDate == null) {
            hireDate = hired;
            added.merge("hire dates", 1, Integer::sum);
        }
        BigDecimal q = r.quota();
        if ((q == null || q.signum() == 0) && quota > 0) {
            q = BigDecimal.valueOf(quota).setScale(0, RoundingMode.HALF_UP);
            added.merge("quotas", 1, Integer::sum);
        }
        added.merge("certifications", certs.size() - r.certifications().size(), Integer::sum);
        return new Rep(r.id(), r.name(), r.managerId(), r.region(), hireDate, q, certs);
    }

    private static double teamMedianQuota(Rep rep, Iterable<Rep> reps) {
        List<Double> team = new ArrayList<>();
        List<Double> all = new ArrayList<>();
        for (Rep r : reps) {
            if (r.quota() != null && r.quota().signum() > 0) {
                all.add(r.quota().doubleValue());
                if (Objects.equals(r.managerId(), rep.managerId())) {
                    team.add(r.quota().doubleValue());
                }
            }
        }
        List<Double> base = team.isEmpty() ? all : team;
        return base.isEmpty() ? 0 : base.stream().sorted().toList().get(base.size() / 2);
    }

    private static List<Account> accounts(
            FactSet facts, List<Rep> reps, Seeded seeded, Map<String, Integer> added) {
        Map<String, String> office = new HashMap<>();
        reps.forEach(r -> office.put(r.id(), r.region()));
        Map<String, Map<String, Double>> wonByOffice = new HashMap<>();
        Map<String, Map<String, Double>> wonByRep = new HashMap<>();
        Map<String, Map<String, Integer>> winsByRep = new HashMap<>();
        for (Deal d : facts.deals()) {
            if (d.accountId() == null || !isWon(d)) {
                continue;
            }
            double amount = d.amount().doubleValue();
            String o = office.get(d.ownerId());
            if (o != null) {
                wonByOffice
                        .computeIfAbsent(d.accountId(), k -> new TreeMap<>())
                        .merge(o, amount, Double::sum);
            }
            wonByRep.computeIfAbsent(d.accountId(), k -> new TreeMap<>())
                    .merge(d.ownerId(), amount, Double::sum);
            winsByRep
                    .computeIfAbsent(d.accountId(), k -> new TreeMap<>())
                    .merge(d.ownerId(), 1, Integer::sum);
        }
        List<Account> result = new ArrayList<>();
        for (Account a : facts.accounts()) {
            String territory = a.territoryId();
            String owner = a.ownerId();
            String best = top(wonByOffice.getOrDefault(a.id(), Map.of()), k -> true);
            if (territory == null && best != null && seeded.chance("territory|" + a.id(), 0.5)) {
                territory = officeTerritoryId(best);
                added.merge("account territories", 1, Integer::sum);
                if (owner == null && seeded.chance("owner|" + a.id(), 0.5)) {
                    owner =
                            top(
                                    wonByRep.getOrDefault(a.id(), Map.of()),
                                    rep -> best.equals(office.get(rep)));
                    if (owner != null) {
                        added.merge("account owners", 1, Integer::sum);
                    }
                }
            }
            List<Connection> connections = a.connections();
            if (connections.isEmpty()) {
                connections = connections(winsByRep.getOrDefault(a.id(), Map.of()));
                added.merge("connections", connections.size(), Integer::sum);
            }
            result.add(
                    new Account(
                            a.id(),
                            a.name(),
                            a.industry(),
                            a.region(),
                            a.employees(),
                            a.revenue(),
                            territory,
                            owner,
                            connections));
        }
        return result;
    }

    /** The up to 3 reps who won most deals on the account, the best at strength 1. */
    private static List<Connection> connections(Map<String, Integer> wins) {
        int max = wins.values().stream().mapToInt(Integer::intValue).max().orElse(0);
        return wins.entrySet().stream()
                .sorted(
                        Map.Entry.<String, Integer>comparingByValue()
                                .reversed()
                                .thenComparing(Map.Entry.comparingByKey()))
                .limit(3)
                .map(
                        e ->
                                new Connection(
                                        e.getKey(),
                                        BigDecimal.valueOf((double) e.getValue() / max)
                                                .setScale(2, RoundingMode.HALF_UP)
                                                .doubleValue()))
                .toList();
    }

    /** The key with the largest value among those accepted (ties: the first in key order). */
    private static String top(Map<String, Double> values, java.util.function.Predicate<String> ok) {
        String best = null;
        double max = -1;
        for (Map.Entry<String, Double> e : new TreeMap<>(values).entrySet()) {
            if (ok.test(e.getKey()) && e.getValue() > max) {
                max = e.getValue();
                best = e.getKey();
            }
        }
        return best;
    }

    static List<Territory> officeTerritories(List<Rep> reps) {
        Map<String, TreeSet<String>> byOffice = new TreeMap<>();
        for (Rep r : reps) {
            if (r.region() != null) {
                byOffice.computeIfAbsent(r.region(), k -> new TreeSet<>()).add(r.id());
            }
        }
        List<Territory> territories = new ArrayList<>();
        byOffice.forEach(
                (office, members) ->
                        territories.add(
                                new Territory(
                                        officeTerritoryId(office),
                                        office + " office",
                                        List.of(),
                                        List.of(),
                                        null,
                                        List.copyOf(members))));
        return territories;
    }

    private static String officeTerritoryId(String office) {
        return "T-OFFICE-" + office.toUpperCase(Locale.ROOT);
    }

    static boolean isWon(Deal d) {
        return "Won".equalsIgnoreCase(d.stage());
    }

    private static boolean closedInYearTo(Deal d, LocalDate asOf) {
        return d.closeDate() != null
                && !d.closeDate().isAfter(asOf)
                && d.closeDate().isAfter(asOf.minusYears(1));
    }

    private static double thousands(double value) {
        return Math.round(value / 1000.0) * 1000.0;
    }
}
