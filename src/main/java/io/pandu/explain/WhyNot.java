package io.pandu.explain;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.pandu.actions.FeedbackRecord;
import io.pandu.actions.NextBestActions;
import io.pandu.auth.Caller;
import io.pandu.errors.InvalidInputException;
import io.pandu.errors.NotFoundException;
import io.pandu.evaluate.EvaluationSettings;
import io.pandu.evaluate.WhyNotProbes;
import io.pandu.facts.Deal;
import io.pandu.facts.FactSet;
import io.pandu.facts.Rep;
import io.pandu.rules.RuleSet;
import io.pandu.store.FactStore;
import io.pandu.store.Stored;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.function.Supplier;
import java.util.regex.Pattern;

/**
 * Why an action did (not) appear for a deal. Two sources, each the code path that decided: the
 * rules' conditions, probed by Drools on the deal's team as the real evaluation sees it ({@link
 * WhyNotProbes}); and, for a rule that fired, what the owner's list did with its action ({@link
 * NextBestActions#decisions}: feedback, caps, the daily attention budget). Who may ask is who may
 * see the deal: ops and admin any deal, a manager their team's, a rep their own (the owner learns
 * why their list lacks an action; nothing in the answer is about another rep).
 */
public final class WhyNot {
    private static final Pattern CODE = Pattern.compile("[A-Z][A-Z0-9_]{0,63}");

    private final FactStore facts;
    private final Supplier<RuleSet> rules;
    private final NextBestActions actions;
    private final EvaluationSettings settings;

    public WhyNot(
            FactStore facts,
            Supplier<RuleSet> rules,
            NextBestActions actions,
            EvaluationSettings settings) {
        this.facts = facts;
        this.rules = rules;
        this.actions = actions;
        this.settings = settings;
    }

    /**
     * The answer for one deal: {@code rules} are those that can raise {@code code} (all deal rules
     * when it was not asked), each with its conditions and {@code status}: {@code not-matched}
     * (some condition failed: {@code sentence} names it with the values seen), {@code shown},
     * {@code feedback}, {@code capped}, {@code budget} (it fired; the list held it back), or {@code
     * fired} (it fired, but what it raises is not an action on the deal's list).
     */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record Answer(
            String dealId,
            String code,
            String repId,
            String ruleSetVersion,
            LocalDate asOf,
            List<RuleWhy> rules,
            String note) {}

    /** One rule: where it is, what it raises, what became of it for the deal, and why. */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record RuleWhy(
            String rule,
            String file,
            Integer line,
            List<String> codes,
            boolean matched,
            String status,
            String sentence,
            List<WhyNotProbes.Element> conditions,
            NextBestActions.Decision decision) {}

    /**
     * Why (not) {@code code} (null: every rule that could apply) for the deal {@code dealId}. Not
     * found when the caller may not see the deal; an unknown code is invalid input on {@code code}.
     */
    public Answer whyNot(Caller caller, String dealId, String code) {
        if (code != null && !CODE.matcher(code).matches()) {
            throw new InvalidInputException(
                    "code",
                    "a code is upper case letters, digits and _ (e.g. REENGAGE_STALE_DEAL)");
        }
        Deal deal =
                facts.deals()
                        .get(dealId)
                        .map(Stored::value)
                        .filter(d -> visible(caller, d))
                        .orElseThrow(() -> new NotFoundException("no deal \"" + dealId + "\""));
        RuleSet ruleSet = rules.get();
        WhyNotProbes probes = WhyNotProbes.of(ruleSet.rules());
        if (code != null && !probes.codes().contains(code)) {
            throw new InvalidInputException(
                    "code",
                    "no rule raises \""
                            + code
                            + "\" about a deal; the codes are "
                            + String.join(", ", probes.codes()));
        }
        FactStore.State at = facts.state();
        LocalDate asOf = at.asOf();
        Rep owner = deal.ownerId() == null ? null : facts.rep(deal.ownerId()).orElse(null);
        if (owner == null) {
            return new Answer(
                    dealId,
                    code,
                    null,
                    ruleSet.version(),
                    asOf,
                    List.of(),
                    "the deal has no owner: no rep's evaluation includes it");
        }
        FactSet team = facts.team(owner.managerId(), at).facts();
        List<WhyNotProbes.RuleAnswer> probed =
                probes.explain(team, ruleSet.playbooks(), asOf, dealId, code, settings);
        // the list is only asked about a rule that fired (it evaluates the owner's whole team)
        NextBestActions.DealDecisions decisions =
                probed.stream().anyMatch(WhyNotProbes.RuleAnswer::matched)
                        ? actions.decisions(caller, dealId)
                        : new NextBestActions.DealDecisions(owner.id(), null, List.of());
        List<RuleWhy> answers = new ArrayList<>();
        for (WhyNotProbes.RuleAnswer rule : probed) {
            answers.add(why(rule, decisions, code));
        }
        return new Answer(dealId, code, owner.id(), ruleSet.version(), asOf, answers, null);
    }

    /** Who may see a deal: everyone who sees all, else the owner and the owner's manager. */
    private boolean visible(Caller caller, Deal deal) {
        if (caller.scope().all()) {
            return true;
        }
        return deal.ownerId() != null
                && facts.rep(deal.ownerId())
                        .filter(r -> caller.scope().includes(r.id(), r.managerId()))
                        .isPresent();
    }

    private static RuleWhy why(
            WhyNotProbes.RuleAnswer rule, NextBestActions.DealDecisions decisions, String code) {
        if (!rule.matched()) {
            return new RuleWhy(
                    rule.rule(),
                    rule.file(),
                    rule.line(),
                    rule.codes(),
                    false,
                    "not-matched",
                    rule.sentence(),
                    rule.elements(),
                    null);
        }
        NextBestActions.Decision decision =
                decisions.decisions().stream()
                        .filter(d -> code == null || code.equals(d.action().code()))
                        .filter(d -> rule.codes().contains(d.action().code()))
                        .filter(d -> rule.rule().equals(d.action().rule().name()))
                        .findFirst()
                        .or(
                                () ->
                                        decisions.decisions().stream()
                                                .filter(
                                                        d ->
                                                                code == null
                                                                        || code.equals(
                                                                                d.action().code()))
                                                .filter(
                                                        d ->
                                                                rule.codes()
                                                                        .contains(
                                                                                d.action().code()))
                                                .findFirst())
                        .orElse(null);
        String status = decision == null ? "fired" : decision.outcome();
        return new RuleWhy(
                rule.rule(),
                rule.file(),
                rule.line(),
                rule.codes(),
                true,
                status,
                decision == null
                        ? "fired, but what it raises is not an action on this deal's list (an"
                                + " alert, an insight or advice to the rep)"
                        : sentence(decision, rule.rule()),
                rule.elements(),
                decision);
    }

    /** The list's reason in words, e.g. "capped: 3 REENGAGE_STALE_DEAL already shown". */
    static String sentence(NextBestActions.Decision d, String rule) {
        String by =
                rule.equals(d.action().rule().name())
                        ? ""
                        : " (the same advice from rule \"" + d.action().rule().name() + "\")";
        return switch (d.outcome()) {
            case "shown" ->
                    "fired and shown on the rep's list (score " + score(d.action().score()) + ")";
            case "feedback" -> feedback(d.feedback()) + by;
            case "capped" ->
                    switch (d.cap()) {
                                case PER_REP ->
                                        "fired, but ranked below the rep's list (score "
                                                + score(d.action().score())
                                                + " vs cut-off "
                                                + score(Objects.requireNonNullElse(d.cutOff(), 0.0))
                                                + ")";
                                case PER_CODE ->
                                        "capped: "
                                                + d.limit()
                                                + " "
                                                + d.action().code()
                                                + " already shown";
                                case PER_DEAL ->
                                        "capped: "
                                                + d.limit()
                                                + " actions already shown on this deal";
                            }
                            + by;
            case "budget" ->
                    "held back by the attention budget: "
                            + d.budget().budget()
                            + " new items a day ("
                            + NextBestActions.DAILY_NEW_ITEMS
                            + "), "
                            + d.budget().newToday()
                            + " already new on "
                            + d.budget().day()
                            + by;
            default -> d.outcome();
        };
    }

    private static String feedback(FeedbackRecord f) {
        LocalDate on = f.asOf() != null ? f.asOf() : LocalDate.ofInstant(f.at(), ZoneOffset.UTC);
        String reason = f.reason() == null || f.reason().isBlank() ? "" : ": " + f.reason();
        return switch (f.kind()) {
            case DISMISSED -> "dismissed on " + on + reason;
            case SNOOZED -> "snoozed until " + f.until() + reason;
            case DONE -> "marked done on " + on + reason;
            default -> f.kind().json() + " on " + on + reason;
        };
    }

    private static String score(double score) {
        return String.valueOf(Math.round(score));
    }
}
