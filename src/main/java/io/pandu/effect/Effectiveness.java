package io.pandu.effect;

import io.pandu.actions.FeedbackKind;
import io.pandu.actions.FeedbackRecord;
import io.pandu.actions.FeedbackRepository;
import io.pandu.auth.Caller;
import io.pandu.auth.Role;
import io.pandu.decisions.Decision;
import io.pandu.decisions.DecisionLog;
import io.pandu.decisions.DecisionRepository;
import io.pandu.decisions.Holdout;
import io.pandu.errors.InvalidInputException;
import io.pandu.facts.Deal;
import io.pandu.playbook.Playbook;
import io.pandu.playbook.PlaybookLibrary;
import io.pandu.playbook.Stage;
import io.pandu.store.FactStore;
import io.pandu.store.Where;
import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;
import java.util.function.Supplier;

/**
 * Whether the rules' guidance works: for each rule and code, and for each playbook, how many items
 * were shown and held out, what reps did with the shown ones (done, dismissed with the top reasons,
 * snoozed; acceptance = done / (done + dismissed)), and how the deals where the item was shown
 * ended against the held-out ones: win rate (won / closed) and cycle (days from engagement to
 * close, over closed deals), each with a 95 % interval, and the difference shown − held out with
 * its interval. Items count once per (subject, code) however many rule-set versions computed them;
 * feedback counts once per action, by its latest word in the period (an undone action counts in
 * none). A deal's outcome counts when it closed on or after the first as-of date the item was
 * computed on. Ops and admin see everything, a manager their team's; reps may not ask.
 */
public final class Effectiveness {
    /** How many dismissal reasons a row lists, most frequent first. */
    static final int TOP_REASONS = 5;

    private final DecisionRepository decisions;
    private final DecisionLog log;
    private final FeedbackRepository feedback;
    private final FactStore facts;
    private final Supplier<PlaybookLibrary> playbooks;

    public Effectiveness(
            DecisionRepository decisions,
            DecisionLog log,
            FeedbackRepository feedback,
            FactStore facts,
            Supplier<PlaybookLibrary> playbooks) {
        this.decisions = decisions;
        this.log = log;
        this.feedback = feedback;
        this.facts = facts;
        this.playbooks = playbooks;
    }

    /** The figures of [{@code from}, {@code to}] (pipeline as-of dates; null: open). */
    public Report report(Caller caller, LocalDate from, LocalDate to) {
        caller.require(Role.MANAGER, Role.OPS, Role.ADMIN, Role.DIRECTOR);
        if (from != null && to != null && to.isBefore(from)) {
            throw new InvalidInputException("to", "must not be before from (" + from + ")");
        }
        log.flush(); // what this node computed so far is in the store
        List<Decision> computed = decisions.between(from, to, caller.scope());
        Map<String, Deal> deals = new HashMap<>();
        facts.deals()
                .all(FactStore.scoped(new Where(), caller.scope(), "owner_id"))
                .forEach(d -> deals.put(d.id(), d));
        PlaybookLibrary library = playbooks.get();

        // one item per (subject, code): the latest version's record, the earliest as-of
        Map<String, Item> items = new LinkedHashMap<>();
        for (Decision d : computed) {
            items.merge(
                    d.subjectKey() + "|" + d.code(),
                    new Item(d, d.firstAsOf(), playbookOf(d, deals, library)),
                    Item::merge);
        }
        Map<String, FeedbackRecord> latest = new HashMap<>();
        for (FeedbackRecord f : feedback.between(from, to, caller.scope())) {
            latest.put(f.actionId(), f);
        }
        Map<String, List<FeedbackRecord>> feedbackByItem = new HashMap<>();
        for (FeedbackRecord f : latest.values()) {
            if (f.kind() != FeedbackKind.UNDONE) {
                feedbackByItem
                        .computeIfAbsent(
                                Holdout.subjectKey(f.dealId(), f.repId()) + "|" + f.code(),
                                k -> new ArrayList<>())
                        .add(f);
            }
        }

        Map<String, Tally> byRule = new TreeMap<>();
        Map<String, Tally> byPlaybook = new TreeMap<>();
        for (Map.Entry<String, Item> e : items.entrySet()) {
            Item item = e.getValue();
            List<FeedbackRecord> said = feedbackByItem.getOrDefault(e.getKey(), List.of());
            Deal deal =
                    item.decision().dealId() == null ? null : deals.get(item.decision().dealId());
            String ruleKey =
                    Objects.toString(item.decision().rule(), "") + "|" + item.decision().code();
            byRule.computeIfAbsent(
                            ruleKey,
                            k -> new Tally(item.decision().rule(), item.decision().code(), null))
                    .add(item, said, deal, library);
            if (item.playbook() != null) {
                byPlaybook
                        .computeIfAbsent(
                                item.playbook(), k -> new Tally(null, null, item.playbook()))
                        .add(item, said, deal, library);
            }
        }
        // feedback on items no decision record holds (given before decisions were recorded)
        for (Map.Entry<String, List<FeedbackRecord>> e : feedbackByItem.entrySet()) {
            if (!items.containsKey(e.getKey())) {
                FeedbackRecord first = e.getValue().get(0);
                byRule.computeIfAbsent(
                                "?|" + first.code(), k -> new Tally(null, first.code(), null))
                        .feedbackOnly(e.getValue());
            }
        }
        return new Report(
                from,
                to,
                log.holdout().share(),
                byRule.values().stream().map(Tally::ruleRow).toList(),
                byPlaybook.values().stream().map(Tally::playbookRow).toList());
    }

    private static String playbookOf(Decision d, Map<String, Deal> deals, PlaybookLibrary library) {
        if (d.dealId() == null) {
            return null;
        }
        Deal deal = deals.get(d.dealId());
        String id = deal != null ? deal.playbook() : d.playbook();
        return library.forDeal(id).map(Playbook::id).orElse(id);
    }

    /** One item: its latest record and the first as-of date any version computed it on. */
    private record Item(Decision decision, LocalDate firstAsOf, String playbook) {
        Item merge(Item later) {
            LocalDate first = later.firstAsOf().isBefore(firstAsOf) ? later.firstAsOf() : firstAsOf;
            Item newer =
                    later.decision().lastComputedAt().isAfter(decision.lastComputedAt())
                            ? later
                            : this;
            return new Item(newer.decision(), first, newer.playbook());
        }
    }

    /** The figures of one row as they add up. */
    private static final class Tally {
        final String rule;
        final String code;
        final String playbook;
        int shown;
        int heldOut;
        int done;
        int dismissed;
        int snoozed;
        final Map<String, Integer> reasons = new HashMap<>();
        final Arm shownDeals = new Arm();
        final Arm heldOutDeals = new Arm();

        Tally(String rule, String code, String playbook) {
            this.rule = rule;
            this.code = code;
            this.playbook = playbook;
        }

        void add(Item item, List<FeedbackRecord> said, Deal deal, PlaybookLibrary library) {
            boolean out = item.decision().heldOut();
            if (out) {
                heldOut++;
            } else {
                shown++;
            }
            feedbackOnly(said);
            if (deal != null) {
                (out ? heldOutDeals : shownDeals).add(deal, item.firstAsOf(), library);
            }
        }

        void feedbackOnly(List<FeedbackRecord> said) {
            for (FeedbackRecord f : said) {
                switch (f.kind()) {
                    case DONE -> done++;
                    case DISMISSED -> {
                        dismissed++;
                        reasons.merge(f.reason() == null ? "" : f.reason().trim(), 1, Integer::sum);
                    }
                    case SNOOZED -> snoozed++;
                    default -> {}
                }
            }
        }

        List<ReasonCount> topReasons() {
            return reasons.entrySet().stream()
                    .sorted(
                            Map.Entry.<String, Integer>comparingByValue()
                                    .reversed()
                                    .thenComparing(Map.Entry.comparingByKey()))
                    .limit(TOP_REASONS)
                    .map(e -> new ReasonCount(e.getKey(), e.getValue()))
                    .toList();
        }

        Outcomes outcomes() {
            Interval shownWin = shownDeals.winRate();
            Interval heldOutWin = heldOutDeals.winRate();
            return new Outcomes(
                    shownDeals.figures(),
                    heldOutDeals.figures(),
                    Interval.rateDifference(shownWin, heldOutWin),
                    Interval.meanDifference(shownDeals.cycles, heldOutDeals.cycles));
        }

        RuleRow ruleRow() {
            return new RuleRow(
                    rule,
                    code,
                    shown,
                    heldOut,
                    done,
                    dismissed,
                    snoozed,
                    topReasons(),
                    Interval.rate(done, done + dismissed),
                    outcomes());
        }

        PlaybookRow playbookRow() {
            return new PlaybookRow(
                    playbook,
                    shown,
                    heldOut,
                    done,
                    dismissed,
                    snoozed,
                    Interval.rate(done, done + dismissed),
                    outcomes());
        }
    }

    /** The deals of one arm (shown or held out): each counted once. */
    private static final class Arm {
        final Map<String, Boolean> seen = new HashMap<>();
        int closed;
        int won;
        final List<Integer> cycles = new ArrayList<>();

        void add(Deal deal, LocalDate computedOn, PlaybookLibrary library) {
            if (seen.putIfAbsent(deal.id(), Boolean.TRUE) != null) {
                return;
            }
            Stage.Outcome outcome =
                    library.forDeal(deal.playbook())
                            .flatMap(p -> p.stage(deal.stage()))
                            .map(Stage::outcome)
                            .orElse(Stage.Outcome.OPEN);
            if (outcome == Stage.Outcome.OPEN
                    || deal.closeDate() == null
                    || deal.closeDate().isBefore(computedOn)) {
                return;
            }
            closed++;
            if (outcome == Stage.Outcome.WON) {
                won++;
            }
            if (deal.createdDate() != null && !deal.closeDate().isBefore(deal.createdDate())) {
                cycles.add((int) ChronoUnit.DAYS.between(deal.createdDate(), deal.closeDate()));
            }
        }

        Interval winRate() {
            return Interval.rate(won, closed);
        }

        ArmFigures figures() {
            return new ArmFigures(seen.size(), closed, won, winRate(), Interval.mean(cycles));
        }
    }

    /** The figures of [from, to] (null: open), per rule and code and per playbook. */
    public record Report(
            LocalDate from,
            LocalDate to,
            double holdoutShare,
            List<RuleRow> rules,
            List<PlaybookRow> playbooks) {}

    /**
     * One rule and code ({@code rule} null: feedback on items given before decisions were
     * recorded).
     */
    public record RuleRow(
            String rule,
            String code,
            int shown,
            int heldOut,
            int done,
            int dismissed,
            int snoozed,
            List<ReasonCount> topDismissReasons,
            Interval acceptanceRate,
            Outcomes outcomes) {}

    /** One playbook's plays: the same figures over every item on its deals. */
    public record PlaybookRow(
            String playbook,
            int shown,
            int heldOut,
            int done,
            int dismissed,
            int snoozed,
            Interval acceptanceRate,
            Outcomes outcomes) {}

    public record ReasonCount(String reason, int count) {}

    /**
     * The deals where the item was shown and where it was held out, and shown − held out of their
     * win rate and mean cycle (null without enough closed deals on both sides).
     */
    public record Outcomes(
            ArmFigures shown,
            ArmFigures heldOut,
            Interval.Difference winRateDifference,
            Interval.Difference cycleDaysDifference) {}

    /** Deals in one arm, how many closed (after the item) and were won, win rate and cycle. */
    public record ArmFigures(
            int deals, int closed, int won, Interval winRate, Interval cycleDays) {}
}
