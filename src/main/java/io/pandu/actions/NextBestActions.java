package io.pandu.actions;

import io.pandu.auth.Caller;
import io.pandu.errors.InvalidInputException;
import io.pandu.errors.NotFoundException;
import io.pandu.evaluate.Arbiter;
import io.pandu.evaluate.EvaluationSettings;
import io.pandu.evaluate.Evaluator;
import io.pandu.facts.FactSet;
import io.pandu.facts.Rep;
import io.pandu.guidance.Guidance;
import io.pandu.guidance.IncentiveInsight;
import io.pandu.guidance.Recommendation;
import io.pandu.rules.RuleSet;
import io.pandu.store.FactStore;
import io.pandu.store.Stored;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.function.Supplier;

/**
 * A rep's next-best-actions: their team's stored pipeline evaluated with the current rules, the
 * rep's recommendations ranked, minus those the rep marked done, dismissed or snoozed. Done and
 * dismissed actions come back when the deal changes (its version moves on); snoozed ones also when
 * the snooze ends. Caps per deal and per rep apply after that, so a dismissed action makes room for
 * the next one. The feedback statements are {@link FeedbackRepository}'s.
 */
public final class NextBestActions {
    private final FeedbackRepository repository;
    private final FactStore facts;
    private final Evaluator evaluator;
    private final EvaluationSettings caps;
    private final Clock clock;

    public NextBestActions(
            FeedbackRepository repository,
            FactStore facts,
            Supplier<RuleSet> rules,
            EvaluationSettings settings,
            Clock clock) {
        this.repository = repository;
        this.facts = facts;
        this.caps = settings;
        // rank everything; the caps are applied once feedback has been taken into account
        this.evaluator = new Evaluator(rules, settings.uncapped(), clock);
        this.clock = clock;
    }

    /** The stable id of an action: a short hash of rep, code and deal. */
    public static String actionId(String repId, String code, String dealId) {
        try {
            byte[] digest =
                    MessageDigest.getInstance("SHA-256")
                            .digest(
                                    (repId + "|" + code + "|" + Objects.toString(dealId, ""))
                                            .getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(digest, 0, 8);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /**
     * A rep's actions and the version of the rules that produced them (read from the same
     * evaluation, so a reload in between cannot make the two disagree).
     */
    public record RepActions(String repId, String ruleSetVersion, List<Action> actions) {}

    /** The ranked actions the rep should take now, best first, each with its why. */
    public RepActions forRep(Caller caller, String repId) {
        Rep rep = visibleRep(caller, repId);
        RepActions evaluated = allActions(rep);
        List<Action> all = evaluated.actions();
        Map<String, FeedbackRecord> latest = latestFeedback(repId);
        LocalDate asOf =
                facts.asOfOrToday(); // a snooze is in the pipeline's calendar, like every "days
        // since"

        List<Action> open = new ArrayList<>();
        for (Action action : all) {
            FeedbackRecord fb = latest.get(action.id());
            if (fb != null
                    && fb.subjectVersion() == action.subjectVersion()
                    && (fb.kind() != FeedbackKind.SNOOZED || asOf.isBefore(fb.until()))) {
                continue;
            }
            open.add(action);
        }
        return new RepActions(
                repId,
                evaluated.ruleSetVersion(),
                Arbiter.cap(open, Action::dealId, Action::repId, caps));
    }

    /**
     * What the rep's deals mean for their pay (commission, accelerators, SPIFs), from the same
     * evaluation.
     */
    public List<IncentiveInsight> insights(Caller caller, String repId) {
        Rep rep = visibleRep(caller, repId);
        return evaluator
                .evaluate(facts.team(rep.managerId(), facts.asOfOrToday()).facts())
                .guidance()
                .incentiveInsights()
                .stream()
                .filter(i -> repId.equals(i.repId()))
                .toList();
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
        return repository.add(repId, action, feedback, clock.instant(), caller.username());
    }

    /** Everything the rep said about their actions, newest first. */
    public List<FeedbackRecord> feedbackHistory(Caller caller, String repId) {
        visibleRep(caller, repId);
        return repository.newestFirst(repId);
    }

    /** Every action the rules raise for the rep, ranked, before feedback and caps. */
    private RepActions allActions(Rep rep) {
        FactSet team = facts.team(rep.managerId(), facts.asOfOrToday()).facts();
        Guidance guidance = evaluator.evaluate(team).guidance();
        List<Recommendation> mine =
                guidance.recommendations().stream()
                        .filter(r -> rep.id().equals(r.repId()))
                        .toList();
        List<String> dealIds =
                mine.stream()
                        .map(Recommendation::dealId)
                        .filter(Objects::nonNull)
                        .distinct()
                        .toList();
        Map<String, Integer> versions = facts.deals().versions(dealIds);
        Map<String, String> names = new HashMap<>();
        team.deals().forEach(d -> names.put(d.id(), d.name()));
        int repVersion = facts.reps().get(rep.id()).map(Stored::version).orElse(0);
        return new RepActions(
                rep.id(),
                guidance.ruleSetVersion(),
                mine.stream()
                        .map(
                                r ->
                                        new Action(
                                                actionId(rep.id(), r.code(), r.dealId()),
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
                                                        : versions.getOrDefault(r.dealId(), 0)))
                        .toList());
    }

    private Map<String, FeedbackRecord> latestFeedback(String repId) {
        Map<String, FeedbackRecord> latest = new HashMap<>();
        repository.oldestFirst(repId).forEach(f -> latest.put(f.actionId(), f));
        return latest;
    }

    private Rep visibleRep(Caller caller, String repId) {
        return facts.rep(repId)
                .filter(r -> caller.scope().includes(r.id(), r.managerId()))
                .orElseThrow(() -> new NotFoundException("no rep \"" + repId + "\""));
    }
}
