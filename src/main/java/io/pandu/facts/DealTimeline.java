package io.pandu.facts;

import java.time.LocalDate;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;

/**
 * A deal's history derived from its own dates, for sources that keep none (Maven CRM): it did not
 * exist before its created (engage) date, was open from then, and was won or lost from its close
 * date. Open before the close it sat in the stage it was lost at ({@code lostAtStage}), else in
 * {@value #OPEN_BEFORE_CLOSE} (the stage an engage date means in Maven CRM, an alias in both
 * shipped playbooks). A deal without a created date is known since ever.
 */
public final class DealTimeline {
    /** The open stage a closed deal with an engage date but no stage history was in. */
    public static final String OPEN_BEFORE_CLOSE = "Engaging";

    private static final Set<String> CLOSED = Set.of("won", "lost", "closed won", "closed lost");

    /** One state of a deal: from {@code from} (null: since ever) up to {@code to} (exclusive). */
    public record Period(LocalDate from, LocalDate to, Deal deal) {
        public boolean holdsOn(LocalDate date) {
            return (from == null || !from.isAfter(date)) && (to == null || to.isAfter(date));
        }
    }

    private DealTimeline() {}

    /** The periods of a deal as its dates tell them, oldest first; the last one has no end. */
    public static List<Period> of(Deal deal) {
        LocalDate created = deal.createdDate();
        LocalDate closed = deal.closeDate();
        boolean wasOpenFirst =
                isClosed(deal) && closed != null && (created == null || created.isBefore(closed));
        if (!wasOpenFirst) {
            return List.of(new Period(created != null ? created : closed, null, deal));
        }
        if (created == null) {
            // closed on a known date, but nothing says when it was created: it exists from its
            // close
            return List.of(new Period(closed, null, deal));
        }
        return List.of(
                new Period(created, closed, openBeforeClose(deal)), new Period(closed, null, deal));
    }

    /** The deal as it was on {@code date}, or empty if it did not exist yet. */
    public static Optional<Deal> asOf(Deal deal, LocalDate date) {
        return of(deal).stream().filter(p -> p.holdsOn(date)).map(Period::deal).findFirst();
    }

    /**
     * The fact set as it was on {@code date}, by each deal's own dates: deals not created yet are
     * gone, deals closed later are open, and so are the activities logged later or on a deal not
     * there yet.
     */
    public static FactSet asOf(FactSet facts, LocalDate date) {
        List<Deal> deals = new java.util.ArrayList<>();
        java.util.Set<String> existed = new java.util.HashSet<>();
        for (Deal d : facts.deals()) {
            asOf(d, date)
                    .ifPresent(
                            then -> {
                                deals.add(then);
                                existed.add(then.id());
                            });
        }
        List<Activity> activities =
                facts.activities().stream()
                        .filter(a -> a.date() == null || !a.date().isAfter(date))
                        .filter(a -> a.dealId() == null || existed.contains(a.dealId()))
                        .toList();
        return new FactSet(
                date,
                facts.reps(),
                deals,
                activities,
                facts.accounts(),
                facts.territories(),
                facts.products(),
                facts.accountDeals().stream().flatMap(d -> asOf(d, date).stream()).toList());
    }

    /** Won or lost by its stage name (the names Maven CRM and the shipped playbooks use). */
    public static boolean isClosed(Deal deal) {
        return deal.stage() != null && CLOSED.contains(deal.stage().toLowerCase(Locale.ROOT));
    }

    private static Deal openBeforeClose(Deal d) {
        return new Deal(
                d.id(),
                d.name(),
                d.accountId(),
                d.ownerId(),
                d.playbook(),
                d.product(),
                d.lostAtStage() != null ? d.lostAtStage() : OPEN_BEFORE_CLOSE,
                d.amount(),
                d.discountPercent(),
                d.createdDate(),
                d.createdDate(),
                d.expectedCloseDate(),
                null,
                d.competitor(),
                d.closeDatePushes(),
                d.qualification(),
                null);
    }
}
