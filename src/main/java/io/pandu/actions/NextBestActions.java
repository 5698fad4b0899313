package io.pandu.actions;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.pandu.auth.Caller;
import io.pandu.coaching.Alert;
import io.pandu.coaching.Alerts;
import io.pandu.decisions.DecisionLog;
import io.pandu.errors.InvalidInputException;
import io.pandu.errors.NotFoundException;
import io.pandu.evaluate.Arbiter;
import io.pandu.evaluate.Evaluation;
import io.pandu.evaluate.EvaluationSettings;
import io.pandu.evaluate.Evaluator;
import io.pandu.evaluate.RecentCache;
import io.pandu.facts.Deal;
import io.pandu.facts.FactSet;
import io.pandu.facts.Rep;
import io.pandu.guidance.Attainment;
import io.pandu.guidance.Guidance;
import io.pandu.guidance.IncentiveInsight;
import io.pandu.guidance.Recommendation;
import io.pandu.rules.RuleSet;
import io.pandu.store.FactStore;
import io.pandu.store.Stored;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.function.BiConsumer;
import java.util.function.Consumer;
import java.util.function.Supplier;

/**
 * A rep's next-best-actions: their team's stored pipeline evaluated with the current rules, the
 * rep's recommendations ranked, minus those the rep marked done, dismissed or snoozed. They come
 * back when a fact the rule read changes (not on any edit: a rename is not one), a snooze when it
 * ends and a dismissal after {@code dismissalExpiryDays} of the pipeline calendar. Caps per deal,
 * per code and per rep apply after that, so a dismissed action makes room for the next one. The
 * feedback statements are {@link FeedbackRepository}'s.
 *
 * <p>With a {@link DecisionLog}, every recommendation of the team's evaluation is recorded, and the
 * held-out ones (a stable share of (deal, code) pairs, see {@code Holdout}) are taken off first,
 * before feedback, the caps and My day's budget: a held-out item takes no place under a cap and no
 * part of the budget, and the rep's list is the one they would get had the rule not fired for that
 * pair. A held-out action is not found for feedback either.
 */
public final class NextBestActions {
    /** The rule-set parameter: days of the pipeline calendar a dismissal lasts. */
    public static final String DISMISSAL_EXPIRY_DAYS = "dismissalExpiryDays";

    public static final int DEFAULT_DISMISSAL_EXPIRY_DAYS = 30;

    /** The rule-set parameter: new items (actions and alerts) My day admits per day. */
    public static final String DAILY_NEW_ITEMS = "dailyNewItems";

    public static final int DEFAULT_DAILY_NEW_ITEMS = 10;

    private final FeedbackRepository repository;
    private final FactStore facts;
    private final Evaluator evaluator;
    private final EvaluationSettings caps;
    private final Clock clock;
    private final Alerts alerts;
    private final AttentionRepository attention;
    private final DecisionLog decisions;
    private final Supplier<RuleSet> rules;

    /**
     * The last few teams' evaluations, by rule-set version and store state: My day, the deal page
     * and why-not ask about the same team many times between two changes of the store.
     */
    private final RecentCache<EvaluationKey, TeamEvaluation> evaluations =
            new RecentCache<>(EVALUATIONS_KEPT);

    /** And each rep's part of them, the actions with the versions of their deals. */
    private final RecentCache<RepKey, Evaluated> evaluatedByRep = new RecentCache<>(REPS_KEPT);

    private static final int EVALUATIONS_KEPT = 16;
    private static final int REPS_KEPT = 256;

    /** One team's evaluation: which rules, which team, which state of the store. */
    private record EvaluationKey(String ruleSetVersion, String managerId, FactStore.State at) {}

    /** One rep's actions: which rules, which rep, which state of the store. */
    private record RepKey(String ruleSetVersion, String repId, FactStore.State at) {}

    public NextBestActions(
            FeedbackRepository repository,
            FactStore facts,
            Supplier<RuleSet> rules,
            EvaluationSettings settings,
            Clock clock) {
        this(repository, facts, rules, settings, clock, null, null, null);
    }

    /**
     * With {@code alerts} and {@code attention}, My day holds the rep's open alerts too and admits
     * new items up to the daily budget. With {@code decisions} (null: none), what is computed is
     * recorded and the holdout is not shown.
     */
    public NextBestActions(
            FeedbackRepository repository,
            FactStore facts,
            Supplier<RuleSet> rules,
            EvaluationSettings settings,
            Clock clock,
            Alerts alerts,
            AttentionRepository attention,
            DecisionLog decisions) {
        this(
                repository,
                facts,
                rules,
                settings,
                clock,
                alerts,
                attention,
                decisions,
                Evaluator.DEFAULT_TIME_LIMIT);
    }

    /** The same, each evaluation cut off after {@code timeLimit}. */
    public NextBestActions(
            FeedbackRepository repository,
            FactStore facts,
            Supplier<RuleSet> rules,
            EvaluationSettings settings,
            Clock clock,
            Alerts alerts,
            AttentionRepository attention,
            DecisionLog decisions,
            java.time.Duration timeLimit) {
        this.decisions = decisions;
        this.alerts = alerts;
        this.attention = attention;
        this.repository = repository;
        this.facts = facts;
        this.rules = rules;
        this.caps = settings;
        // rank everything; the caps are applied once feedback has been taken into account
        this.evaluator = new Evaluator(rules, settings.uncapped(), clock, timeLimit);
        this.clock = clock;
    }

    /** The stable id of an action on a deal: a short hash of rep, code and deal. */
    public static String actionId(String repId, String code, String dealId) {
        return actionId(repId, code, dealId, null, null);
    }

    /**
     * The stable id of an action: a short hash of rep, code and its subject — the deal, or for
     * advice about no deal the account and title (two trainings on different products, two
     * cross-sells to different accounts are different actions, and feedback on one leaves the
     * other).
     */
    public static String actionId(
            String repId, String code, String dealId, String accountId, String title) {
        String subject =
                dealId != null
                        ? dealId
                        : "|" + Objects.toString(accountId, "") + "|" + Objects.toString(title, "");
        return hash(repId + "|" + code + "|" + subject);
    }

    private static String hash(String key) {
        try {
            byte[] digest =
                    MessageDigest.getInstance("SHA-256")
                            .digest(key.getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(digest, 0, 8);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /**
     * A rep's actions and the version of the rules that produced them (read from the same
     * evaluation, so a reload in between cannot make the two disagree); for My day also the rep's
     * attainment (none without a quota) and what the listed actions are worth.
     */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record RepActions(
            String repId,
            String ruleSetVersion,
            List<Action> actions,
            Attainment attainment,
            Worth worth,
            List<Alert> alerts,
            Attention attention) {

        RepActions(String repId, String ruleSetVersion, List<Action> actions) {
            this(repId, ruleSetVersion, actions, null, null, null, null);
        }
    }

    /**
     * My day's attention budget on {@code day} (the pipeline's as-of date): at most {@code budget}
     * items new that day; {@code newToday} of them are shown, {@code heldBack} more wait for a
     * later day (an item shown once stays until it is done or gone).
     */
    public record Attention(LocalDate day, int budget, int newToday, int heldBack) {}

    /**
     * What a list of actions is worth: the sum of the earnings and of the value of the distinct
     * deals they are about (a deal with two actions counts once), and how many deals that is.
     */
    public record Worth(BigDecimal earnings, BigDecimal value, int deals) {

        static Worth of(List<Action> actions) {
            Map<String, Action> byDeal = new LinkedHashMap<>();
            actions.stream()
                    .filter(a -> a.dealId() != null)
                    .forEach(a -> byDeal.putIfAbsent(a.dealId(), a));
            BigDecimal earnings = BigDecimal.ZERO;
            BigDecimal value = BigDecimal.ZERO;
            for (Action a : byDeal.values()) {
                earnings = a.earnings() == null ? earnings : earnings.add(a.earnings());
                value = a.dealValue() == null ? value : value.add(a.dealValue());
            }
            return new Worth(earnings, value, byDeal.size());
        }
    }

    /**
     * The actions the rules would have given the rep on {@code asOf} (null or the store's date:
     * {@link #forRep(Caller, String)}), from the pipeline as it was then ({@code
     * FactStore.team(managerId, asOf)}): deals that did not exist yet are not there, deals closed
     * later are open. A replay: feedback given since, the daily budget and the decision log do not
     * apply; the caps do.
     */
    public RepActions forRep(Caller caller, String repId, LocalDate asOf) {
        if (facts.isCurrent(asOf)) {
            return forRep(caller, repId);
        }
        Rep rep = visibleRep(caller, repId);
        Evaluated evaluated = replay(rep, facts.team(rep.managerId(), asOf).facts());
        List<Action> top =
                Arbiter.cap(
                        evaluated.actions(),
                        Action::dealId,
                        Action::repId,
                        Action::code,
                        Action::withMoreLikeThis,
                        caps.withRuleParameters(evaluated.parameters()));
        return new RepActions(
                repId,
                evaluated.ruleSetVersion(),
                top,
                evaluated.attainment(),
                Worth.of(top),
                null,
                null);
    }

    /**
     * The ranked actions the rep should take now, best first, each with its why; with the rep's
     * attainment and what these actions are worth (My day's header: this week's top actions).
     */
    public RepActions forRep(Caller caller, String repId) {
        Rep rep = visibleRep(caller, repId);
        Evaluated evaluated = allActions(rep);
        List<Action> top =
                Arbiter.cap(
                        pending(repId, evaluated.actions(), evaluated.parameters()),
                        Action::dealId,
                        Action::repId,
                        Action::code,
                        Action::withMoreLikeThis,
                        caps.withRuleParameters(evaluated.parameters()));
        if (alerts == null || attention == null) {
            return new RepActions(
                    repId,
                    evaluated.ruleSetVersion(),
                    top,
                    evaluated.attainment(),
                    Worth.of(top),
                    null,
                    null);
        }
        return withinBudget(repId, evaluated, top);
    }

    /**
     * The rep's actions, then the open alerts about them and their deals (most severe and valuable
     * first), admitted under the daily budget of new items: what the rep was shown before stays,
     * and new items come in that order until {@value #DAILY_NEW_ITEMS} (default {@value
     * #DEFAULT_DAILY_NEW_ITEMS}) were new on this day of the pipeline calendar. Actions come first
     * because they are what the rep can do today; alerts fill what the budget leaves.
     */
    private RepActions withinBudget(String repId, Evaluated evaluated, List<Action> top) {
        return withinBudget(repId, evaluated, top, true, a -> {});
    }

    /**
     * {@link #withinBudget(String, Evaluated, List)}; {@code record} false answers what it would
     * show without marking anything seen, and {@code heldBackAction} hears each action the budget
     * holds back.
     */
    private RepActions withinBudget(
            String repId,
            Evaluated evaluated,
            List<Action> top,
            boolean record,
            Consumer<Action> heldBackAction) {
        LocalDate day = facts.asOfOrToday();
        int budget =
                (int)
                        Math.max(
                                0,
                                Math.round(
                                        evaluated
                                                .parameters()
                                                .getOrDefault(
                                                        DAILY_NEW_ITEMS,
                                                        (double) DEFAULT_DAILY_NEW_ITEMS)));
        Map<String, LocalDate> seen = attention.seen(repId);
        int newToday = 0;
        for (LocalDate first : seen.values()) {
            if (first.equals(day)) {
                newToday++;
            }
        }
        int heldBack = 0;
        List<Action> shownActions = new ArrayList<>();
        for (Action a : top) {
            String key = "action:" + a.id();
            if (admit(repId, key, seen, day, newToday < budget, record)) {
                if (!seen.containsKey(key)) {
                    newToday++;
                    seen.put(key, day);
                }
                shownActions.add(a);
            } else {
                heldBack++;
                heldBackAction.accept(a);
            }
        }
        List<Alert> shownAlerts = new ArrayList<>();
        for (Alert alert : alerts.openAbout(repId, 50)) {
            String key = "alert:" + alert.id();
            if (admit(repId, key, seen, day, newToday < budget, record)) {
                if (!seen.containsKey(key)) {
                    newToday++;
                    seen.put(key, day);
                }
                shownAlerts.add(alert);
            } else {
                heldBack++;
            }
        }
        return new RepActions(
                repId,
                evaluated.ruleSetVersion(),
                shownActions,
                evaluated.attainment(),
                Worth.of(shownActions),
                shownAlerts,
                new Attention(day, budget, newToday, heldBack));
    }

    /** Seen before: shown. New: shown (and recorded) while the day's budget has room. */
    private boolean admit(
            String repId,
            String key,
            Map<String, LocalDate> seen,
            LocalDate day,
            boolean room,
            boolean record) {
        if (seen.containsKey(key)) {
            return true;
        }
        if (!room) {
            return false;
        }
        if (record) {
            attention.markSeen(repId, key, day);
        }
        return true;
    }

    /**
     * Every pending action on one deal, best first: the owner's actions on it minus those marked
     * done, dismissed or snoozed, without the per-rep caps (the deal page shows them all). A deal
     * the caller may not see is not found.
     */
    public RepActions forDeal(Caller caller, String dealId) {
        Deal deal = visibleDeal(caller, dealId);
        Rep owner = deal.ownerId() == null ? null : facts.rep(deal.ownerId()).orElse(null);
        if (owner == null) {
            return new RepActions(null, null, List.of()); // nobody to act on it
        }
        Evaluated evaluated = allActions(owner);
        List<Action> onDeal =
                evaluated.actions().stream().filter(a -> dealId.equals(a.dealId())).toList();
        return new RepActions(
                owner.id(),
                evaluated.ruleSetVersion(),
                pending(owner.id(), onDeal, evaluated.parameters()));
    }

    /**
     * The actions the rep has not taken off the list. Feedback holds while the facts in the
     * action's why are those it was given on (their fingerprint: a renamed deal keeps its
     * dismissal, a changed amount or stage brings the action back); a snooze also only while the
     * pipeline's as-of date is before its end, a dismissal only for {@value #DISMISSAL_EXPIRY_DAYS}
     * (default {@value #DEFAULT_DISMISSAL_EXPIRY_DAYS}) days of the pipeline calendar. Feedback
     * from before fingerprints holds while the deal's (rep's) version is unchanged.
     */
    private List<Action> pending(
            String repId, List<Action> actions, Map<String, Double> parameters) {
        return pending(repId, actions, parameters, (a, f) -> {});
    }

    /**
     * {@link #pending(String, List, Map)}, telling {@code taken} each action feedback holds off.
     */
    private List<Action> pending(
            String repId,
            List<Action> actions,
            Map<String, Double> parameters,
            BiConsumer<Action, FeedbackRecord> taken) {
        Map<String, FeedbackRecord> latest = latestFeedback(repId);
        LocalDate asOf = facts.asOfOrToday();
        long expiryDays =
                Math.max(
                        1,
                        Math.round(
                                parameters.getOrDefault(
                                        DISMISSAL_EXPIRY_DAYS,
                                        (double) DEFAULT_DISMISSAL_EXPIRY_DAYS)));
        List<Action> open = new ArrayList<>();
        for (Action action : actions) {
            FeedbackRecord fb = latest.get(action.id());
            if (fb == null || !holds(fb, action, asOf, expiryDays)) {
                open.add(action);
            } else {
                taken.accept(action, fb);
            }
        }
        return open;
    }

    private static boolean holds(
            FeedbackRecord fb, Action action, LocalDate asOf, long expiryDays) {
        if (fb.kind() == FeedbackKind.UNDONE) {
            return false;
        }
        boolean sameFacts =
                fb.factsFingerprint() != null
                        ? fb.factsFingerprint().equals(fingerprint(action.facts()))
                        : fb.subjectVersion() == action.subjectVersion();
        if (!sameFacts) {
            return false;
        }
        return switch (fb.kind()) {
            case SNOOZED -> !asOf.isAfter(fb.until()); // until is the snooze's last day
            case DISMISSED -> fb.asOf() == null || asOf.isBefore(fb.asOf().plusDays(expiryDays));
            default -> true;
        };
    }

    /**
     * A short hash of the facts in an action's why (order does not matter): what the rule read. The
     * deal is described by id, stage and amount, so a rename leaves it, a new amount or stage
     * changes it.
     */
    static String fingerprint(List<String> facts) {
        return hash(
                String.join("\n", facts == null ? List.of() : facts.stream().sorted().toList()));
    }

    /**
     * What the rep's deals mean for their pay (commission, accelerators, SPIFs), from the same
     * evaluation.
     */
    public List<IncentiveInsight> insights(Caller caller, String repId) {
        Rep rep = visibleRep(caller, repId);
        return evaluation(rep.managerId()).guidance().incentiveInsights().stream()
                .filter(i -> repId.equals(i.repId()))
                .toList();
    }

    /**
     * What became of one action the rules raised, on the way to the rep's list: {@code shown}, or
     * taken off by the rep's {@code feedback}, a {@code cap} of the list (with the cut-off score
     * when it ranked below a full list) or the attention {@code budget}.
     */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record Decision(
            Action action,
            String outcome,
            FeedbackRecord feedback,
            Arbiter.Cap cap,
            Integer limit,
            Double cutOff,
            Attention budget) {}

    /**
     * The deal if the caller may see it; a deal they may not see is not found, as an unknown one.
     */
    private Deal visibleDeal(Caller caller, String dealId) {
        return facts.deals()
                .get(dealId)
                .map(Stored::value)
                .filter(d -> ownerVisible(caller, d.ownerId()))
                .orElseThrow(() -> new NotFoundException("no deal \"" + dealId + "\""));
    }

    /** The decisions about every action the rules raised on one deal for its owner. */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record DealDecisions(String repId, String ruleSetVersion, List<Decision> decisions) {}

    /**
     * How the owner's list (My day, {@link #forRep}) treats each action the rules raise on the
     * deal, decided by the same steps in the same order: feedback, caps, the daily budget (read
     * only: nothing is marked seen). A deal the caller may not see is not found.
     */
    public DealDecisions decisions(Caller caller, String dealId) {
        Deal deal = visibleDeal(caller, dealId);
        Rep owner = deal.ownerId() == null ? null : facts.rep(deal.ownerId()).orElse(null);
        if (owner == null) {
            return new DealDecisions(null, null, List.of());
        }
        Evaluated evaluated = allActions(owner);
        Map<String, Decision> byAction = new LinkedHashMap<>();
        evaluated.actions().stream()
                .filter(a -> dealId.equals(a.dealId()))
                .forEach(a -> byAction.put(a.id(), null));
        List<Action> open =
                pending(
                        owner.id(),
                        evaluated.actions(),
                        evaluated.parameters(),
                        (a, fb) -> decide(byAction, a, "feedback", fb, null, null, null, null));
        EvaluationSettings limits = caps.withRuleParameters(evaluated.parameters());
        Map<String, Arbiter.Cap> capped = new HashMap<>();
        List<Action> top =
                Arbiter.cap(
                        open,
                        Action::dealId,
                        Action::repId,
                        Action::code,
                        Action::withMoreLikeThis,
                        limits,
                        (a, cap) -> capped.put(a.id(), cap));
        double cutOff =
                top.stream()
                        .filter(a -> a.dealId() != null)
                        .mapToDouble(Action::score)
                        .min()
                        .orElse(0);
        capped.forEach(
                (id, cap) ->
                        open.stream()
                                .filter(a -> a.id().equals(id))
                                .findFirst()
                                .ifPresent(
                                        a ->
                                                decide(
                                                        byAction,
                                                        a,
                                                        "capped",
                                                        null,
                                                        cap,
                                                        switch (cap) {
                                                            case PER_DEAL -> limits.maxPerDeal();
                                                            case PER_REP -> limits.maxPerRep();
                                                            case PER_CODE -> limits.maxPerCode();
                                                        },
                                                        cap == Arbiter.Cap.PER_REP ? cutOff : null,
                                                        null)));
        List<Action> heldBack = new ArrayList<>();
        List<Action> shown = top;
        Attention budget = null;
        if (alerts != null && attention != null) {
            RepActions listed = withinBudget(owner.id(), evaluated, top, false, heldBack::add);
            shown = listed.actions();
            budget = listed.attention();
        }
        for (Action a : heldBack) {
            decide(byAction, a, "budget", null, null, null, null, budget);
        }
        for (Action a : shown) {
            decide(byAction, a, "shown", null, null, null, null, null);
        }
        return new DealDecisions(
                owner.id(),
                evaluated.ruleSetVersion(),
                byAction.values().stream().filter(Objects::nonNull).toList());
    }

    private static void decide(
            Map<String, Decision> byAction,
            Action action,
            String outcome,
            FeedbackRecord feedback,
            Arbiter.Cap cap,
            Integer limit,
            Double cutOff,
            Attention budget) {
        if (byAction.containsKey(action.id()) && byAction.get(action.id()) == null) {
            byAction.put(
                    action.id(),
                    new Decision(action, outcome, feedback, cap, limit, cutOff, budget));
        }
    }

    /** Feedback from the rep on one of their own actions. */
    public FeedbackRecord feedback(Caller caller, String actionId, Feedback feedback) {
        if (caller.repId() == null) {
            throw new NotFoundException("no action \"" + actionId + "\" (say whose action it is)");
        }
        return feedback(caller, caller.repId(), actionId, feedback);
    }

    /** Feedback on an action of a rep the caller may see (the rep, their manager, ops, admin). */
    public FeedbackRecord feedback(
            Caller caller, String repId, String actionId, Feedback feedback) {
        Rep rep = visibleRep(caller, repId);
        LocalDate asOf = facts.asOfOrToday();
        if (feedback.kind() == FeedbackKind.SNOOZED && feedback.until().isBefore(asOf)) {
            throw new InvalidInputException(
                    "until",
                    "a snooze must end on or after the pipeline's as-of date "
                            + asOf
                            + ", not "
                            + feedback.until());
        }
        Action action =
                allActions(rep).actions().stream()
                        .filter(a -> a.id().equals(actionId))
                        .findFirst()
                        .orElseThrow(
                                () ->
                                        new NotFoundException(
                                                "no action \"" + actionId + "\" for rep " + repId));
        return repository.add(
                repId,
                action,
                feedback,
                fingerprint(action.facts()),
                asOf,
                clock.instant(),
                caller.username());
    }

    /**
     * Takes back the latest feedback on one of the rep's actions (done, dismissed or snoozed by
     * mistake): the action is pending again. Not found when there is nothing to take back.
     */
    public FeedbackRecord undo(Caller caller, String repId, String actionId) {
        visibleRep(caller, repId);
        FeedbackRecord last = latestFeedback(repId).get(actionId);
        if (last == null || last.kind() == FeedbackKind.UNDONE) {
            throw new NotFoundException(
                    "no feedback on action \"" + actionId + "\" of rep " + repId + " to undo");
        }
        return repository.undo(last, clock.instant(), caller.username());
    }

    /** Everything the rep said about their actions, newest first. */
    public List<FeedbackRecord> feedbackHistory(Caller caller, String repId) {
        visibleRep(caller, repId);
        return repository.newestFirst(repId);
    }

    /**
     * One evaluation of a rep's team, as far as the rep is concerned: their actions ranked (before
     * feedback and caps), the rule set's parameters and the rep's attainment.
     */
    private record Evaluated(
            String ruleSetVersion,
            List<Action> actions,
            Map<String, Double> parameters,
            Attainment attainment) {}

    /**
     * Every action the rules raise for the rep and show them (the holdout taken off), ranked,
     * before feedback and caps.
     */
    private Evaluated allActions(Rep rep) {
        FactStore.State at = facts.state();
        RuleSet ruleSet = rules.get();
        TeamEvaluation team = teamEvaluation(rep.managerId(), at, ruleSet);
        if (decisions != null && team.recordDue(clock.instant())) {
            decisions.recordRequest(team.evaluation().guidance(), team.facts());
        }
        return evaluatedByRep.get(
                new RepKey(ruleSet.version(), rep.id(), at), k -> evaluated(rep, team));
    }

    /**
     * A replay of the past: the team as it was on an earlier date, evaluated with the rules of now;
     * nothing is kept or logged for it.
     */
    private Evaluated replay(Rep rep, FactSet teamAsOf) {
        return evaluated(rep, new TeamEvaluation(teamAsOf, evaluator.evaluate(teamAsOf)));
    }

    /** The rep's part of the team's evaluation, with the versions of the deals it is about. */
    private Evaluated evaluated(Rep rep, TeamEvaluation team) {
        Evaluation evaluation = team.evaluation();
        Guidance guidance = evaluation.guidance();
        List<Recommendation> mine =
                guidance.recommendations().stream()
                        .filter(r -> rep.id().equals(r.repId()))
                        .filter(r -> !heldOut(r))
                        .toList();
        List<String> dealIds =
                mine.stream()
                        .map(Recommendation::dealId)
                        .filter(Objects::nonNull)
                        .distinct()
                        .toList();
        Map<String, Integer> versions = facts.deals().versions(dealIds);
        Map<String, String> names = new HashMap<>();
        team.facts().deals().forEach(d -> names.put(d.id(), d.name()));
        int repVersion = facts.reps().get(rep.id()).map(Stored::version).orElse(0);
        return new Evaluated(
                guidance.ruleSetVersion(),
                mine.stream()
                        .map(
                                r ->
                                        new Action(
                                                actionId(
                                                        rep.id(),
                                                        r.code(),
                                                        r.dealId(),
                                                        r.accountId(),
                                                        r.title()),
                                                r.code(),
                                                r.title(),
                                                r.reason(),
                                                rep.id(),
                                                r.dealId(),
                                                names.get(r.dealId()),
                                                r.accountId(),
                                                r.playId(),
                                                r.priority(),
                                                r.score(),
                                                r.rule(),
                                                r.facts(),
                                                r.dealId() == null
                                                        ? repVersion
                                                        : versions.getOrDefault(r.dealId(), 0),
                                                r.scoreFactors(),
                                                r.dealValue(),
                                                r.earnings(),
                                                null))
                        .toList(),
                evaluation.parameters(),
                evaluation.attainment().get(rep.id()));
    }

    /** The evaluation of the manager's team with the current rules, at the store's state. */
    private Evaluation evaluation(String managerId) {
        return teamEvaluation(managerId, facts.state(), rules.get()).evaluation();
    }

    private TeamEvaluation teamEvaluation(String managerId, FactStore.State at, RuleSet ruleSet) {
        return evaluations.get(
                new EvaluationKey(ruleSet.version(), managerId, at),
                k -> {
                    FactSet team = facts.team(managerId, at).facts();
                    return new TeamEvaluation(team, evaluator.evaluate(team, ruleSet));
                });
    }

    /**
     * A team's evaluation as kept, and when its recommendations last went to the decision log: a
     * log skips what it wrote within {@link DecisionLog#REWRITE_AFTER} anyway, so the same kept
     * evaluation is handed to it at most that often.
     */
    private static final class TeamEvaluation {
        private final FactSet facts;
        private final Evaluation evaluation;
        private Instant recorded;

        TeamEvaluation(FactSet facts, Evaluation evaluation) {
            this.facts = facts;
            this.evaluation = evaluation;
        }

        FactSet facts() {
            return facts;
        }

        Evaluation evaluation() {
            return evaluation;
        }

        synchronized boolean recordDue(Instant now) {
            if (recorded != null && now.isBefore(recorded.plus(DecisionLog.REWRITE_AFTER))) {
                return false;
            }
            recorded = now;
            return true;
        }
    }

    private boolean heldOut(Recommendation r) {
        return decisions != null && decisions.heldOut(r.dealId(), r.repId(), r.code());
    }

    private Map<String, FeedbackRecord> latestFeedback(String repId) {
        Map<String, FeedbackRecord> latest = new HashMap<>();
        repository.oldestFirst(repId).forEach(f -> latest.put(f.actionId(), f));
        return latest;
    }

    private boolean ownerVisible(Caller caller, String repId) {
        if (caller.scope().all()) {
            return true;
        }
        return repId != null
                && facts.rep(repId)
                        .filter(r -> caller.scope().includes(r.id(), r.managerId()))
                        .isPresent();
    }

    private Rep visibleRep(Caller caller, String repId) {
        return facts.rep(repId)
                .filter(r -> caller.scope().includes(r.id(), r.managerId()))
                .orElseThrow(() -> new NotFoundException("no rep \"" + repId + "\""));
    }
}
