package io.pandu.ingest;

import io.pandu.facts.Activity;
import io.pandu.facts.ActivityType;
import io.pandu.facts.Deal;
import io.pandu.facts.Qualification;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The deal half of the demo's synthetic enrichment ({@link DemoEnrichment}): it fills only fields
 * the Maven CRM data leaves empty, never a stage, amount or date.
 *
 * <ul>
 *   <li>Activities, all between a deal's engage date and its close date (or as-of): on every deal
 *       closed in the {@value #CLOSED_WINDOW_DAYS} days before as-of, 2 to 4 calls, emails and
 *       meetings, and a demo on a won deal (half of the lost ones); on an open Engaging deal,
 *       nothing for 35% ("quiet"), 2 to 5 up to a last touch at least 8 days ago for 40% ("cold"),
 *       up to the last 7 days for the rest ("active"), a demo on 40% of the touched ones.
 *       Prospecting deals have no date, so no activity.
 *   <li>Expected close dates on open Engaging deals: engage date plus the owner's median won cycle;
 *       70% of the touched deals have been kept current, pushed by max(30, that cycle) days each
 *       time the date passed (the pushes are counted), the rest keep the original date.
 *   <li>Qualification on open deals: pain on 85% of Engaging deals (25% of Prospecting), the
 *       economic buyer on 60% of the active, 40% of the cold and 15% of the quiet ones, champion
 *       25%, metrics 40%, decision criteria 30%, decision process 20%, paper process 10%.
 *   <li>A competitor on 20% of open deals; a discount of 5 to 35% on 12% of them.
 * </ul>
 */
final class DemoPipeline {
    static final int CLOSED_WINDOW_DAYS = 90;
    static final List<String> COMPETITORS =
            List.of("Contoso Hardware", "Fabrikam Devices", "Northwind Systems");

    private final Seeded seeded;
    private final LocalDate asOf;
    private final Map<String, Integer> cycleByOwner = new HashMap<>();
    private final int companyCycle;
    private final List<Activity> activities = new ArrayList<>();
    private final Map<String, Integer> counts = new LinkedHashMap<>();

    DemoPipeline(Seeded seeded, LocalDate asOf, List<Deal> deals) {
        this.seeded = seeded;
        this.asOf = asOf;
        Map<String, List<Integer>> cycles = new HashMap<>();
        List<Integer> all = new ArrayList<>();
        for (Deal d : deals) {
            if (DemoEnrichment.isWon(d) && d.createdDate() != null && d.closeDate() != null) {
                int days = (int) ChronoUnit.DAYS.between(d.createdDate(), d.closeDate());
                cycles.computeIfAbsent(d.ownerId(), k -> new ArrayList<>()).add(days);
                all.add(days);
            }
        }
        cycles.forEach((owner, list) -> cycleByOwner.put(owner, median(list)));
        companyCycle = all.isEmpty() ? 30 : median(all);
        for (String kind :
                List.of(
                        "activities",
                        "calls",
                        "emails",
                        "meetings",
                        "demos",
                        "competitors",
                        "expected close dates",
                        "deals with a pushed close date",
                        "close date pushes",
                        "qualified deals",
                        "discounts")) {
            counts.put(kind, 0);
        }
    }

    /** What was added to the deals seen so far, per kind. */
    Map<String, Integer> counts() {
        return counts;
    }

    /** The activities synthesised for the deals seen so far. */
    List<Activity> activities() {
        return activities;
    }

    /** The deal with its empty fields filled (and its activities recorded). */
    Deal enrich(Deal d) {
        boolean open = isOpen(d);
        if (!open) {
            if (d.createdDate() != null
                    && d.closeDate() != null
                    && !d.closeDate().isAfter(asOf)
                    && d.closeDate().isAfter(asOf.minusDays(CLOSED_WINDOW_DAYS))) {
                boolean demo = DemoEnrichment.isWon(d) || seeded.chance("demo|" + d.id(), 0.5);
                touches(
                        d,
                        d.createdDate(),
                        d.closeDate(),
                        2 + seeded.below("n|" + d.id(), 3),
                        demo);
            }
            return d;
        }
        String touch = "quiet";
        LocalDate expected = d.expectedCloseDate();
        int pushes = d.closeDatePushes();
        if (d.createdDate() != null) {
            double u = seeded.unit("touch|" + d.id());
            touch = u < 0.35 ? "quiet" : u < 0.75 ? "cold" : "active";
            if (!touch.equals("quiet")) {
                long span = Math.max(0, ChronoUnit.DAYS.between(d.createdDate(), asOf) - 8);
                LocalDate last =
                        touch.equals("cold")
                                ? d.createdDate()
                                        .plusDays((long) (span * seeded.unit("last|" + d.id())))
                                : max(
                                        d.createdDate(),
                                        asOf.minusDays(seeded.below("last|" + d.id(), 7)));
                touches(
                        d,
                        d.createdDate(),
                        last,
                        2 + seeded.below("n|" + d.id(), 4),
                        seeded.chance("demo|" + d.id(), 0.4));
            }
            if (expected == null) {
                int cycle = cycleByOwner.getOrDefault(d.ownerId(), companyCycle);
                expected = d.createdDate().plusDays(cycle);
                if (!touch.equals("quiet") && seeded.chance("kept|" + d.id(), 0.7)) {
                    int step = Math.max(30, cycle);
                    while (expected.isBefore(asOf)) {
                        expected = expected.plusDays(step);
                        pushes++;
                    }
                }
                count("expected close dates", 1);
                if (pushes > d.closeDatePushes()) {
                    count("deals with a pushed close date", 1);
                    count("close date pushes", pushes - d.closeDatePushes());
                }
            }
        }
        String competitor = d.competitor();
        if (!d.hasCompetitor() && seeded.chance("competitor|" + d.id(), 0.2)) {
            competitor = COMPETITORS.get(seeded.below("which|" + d.id(), COMPETITORS.size()));
            count("competitors", 1);
        }
        Qualification q = d.qualification();
        if (q.equals(Qualification.NONE)) {
            q = qualification(d, touch);
            if (!q.equals(Qualification.NONE)) {
                count("qualified deals", 1);
            }
        }
        BigDecimal discount = d.discountPercent();
        if (discount.signum() == 0 && seeded.chance("discount|" + d.id(), 0.12)) {
            discount = BigDecimal.valueOf(5 + seeded.below("percent|" + d.id(), 31));
            count("discounts", 1);
        }
        return new Deal(
                d.id(),
                d.name(),
                d.accountId(),
                d.ownerId(),
                d.playbook(),
                d.product(),
                d.stage(),
                d.amount(),
                discount,
                d.createdDate(),
                d.stageEnteredDate(),
                expected,
                d.closeDate(),
                competitor,
                pushes,
                q,
                d.lostAtStage());
    }

    private Qualification qualification(Deal d, String touch) {
        String id = d.id();
        if (d.createdDate() == null) { // Prospecting
            return new Qualification(
                    false, false, false, false, false, false, seeded.chance("pain|" + id, 0.25));
        }
        double buyer = touch.equals("active") ? 0.6 : touch.equals("cold") ? 0.4 : 0.15;
        return new Qualification(
                seeded.chance("economicBuyer|" + id, buyer),
                seeded.chance("champion|" + id, 0.25),
                seeded.chance("metrics|" + id, 0.4),
                seeded.chance("decisionCriteria|" + id, 0.3),
                seeded.chance("decisionProcess|" + id, 0.2),
                seeded.chance("paperProcess|" + id, 0.1),
                seeded.chance("pain|" + id, 0.85));
    }

    /** {@code n} touches spread from {@code first} to {@code last}, a call first; a demo midway. */
    private void touches(Deal d, LocalDate first, LocalDate last, int n, boolean demo) {
        long span = Math.max(0, ChronoUnit.DAYS.between(first, last));
        for (int i = 0; i < n; i++) {
            LocalDate date = first.plusDays(n == 1 ? 0 : Math.round((double) span * i / (n - 1)));
            double u = seeded.unit("type|" + d.id() + "|" + i);
            ActivityType type =
                    i == 0 || u < 0.45
                            ? ActivityType.CALL
                            : u < 0.8 ? ActivityType.EMAIL : ActivityType.MEETING;
            add(d, i, type, date);
        }
        if (demo) {
            add(d, n, ActivityType.DEMO, first.plusDays(span / 2));
        }
    }

    private void add(Deal d, int index, ActivityType type, LocalDate date) {
        activities.add(
                new Activity("SYN-" + d.id() + "-" + index, d.id(), d.ownerId(), type, date));
        count("activities", 1);
        count(
                switch (type) {
                    case CALL -> "calls";
                    case EMAIL -> "emails";
                    case MEETING -> "meetings";
                    default -> "demos";
                },
                1);
    }

    private void count(String kind, int n) {
        counts.merge(kind, n, Integer::sum);
    }

    private static boolean isOpen(Deal d) {
        return "Prospecting".equalsIgnoreCase(d.stage()) || "Engaging".equalsIgnoreCase(d.stage());
    }

    private static LocalDate max(LocalDate a, LocalDate b) {
        return a.isAfter(b) ? a : b;
    }

    private static int median(List<Integer> values) {
        return values.stream().sorted().toList().get(values.size() / 2);
    }
}
