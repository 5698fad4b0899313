package io.pandu.guidance;

import io.pandu.context.DealContext;
import io.pandu.context.RepContext;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.ArrayList;
import java.util.List;

/**
 * The global {@code guidance} that rule consequences write to. The engine tells it which rule is
 * firing, so a consequence only states the code, the subject and the reason; rule name, file, line,
 * category, priority, play and matched facts are attached here.
 *
 * <pre>global io.pandu.guidance.GuidanceCollector guidance;</pre>
 */
public final class GuidanceCollector {
    private final List<Recommendation> recommendations = new ArrayList<>();
    private final List<CoachingAlert> alerts = new ArrayList<>();
    private final List<IncentiveInsight> insights = new ArrayList<>();
    private final List<TerritoryFinding> findings = new ArrayList<>();
    private FiredRule current;

    /** Called by the engine before a consequence runs. */
    public void firing(FiredRule rule) {
        this.current = rule;
    }

    private FiredRule current() {
        if (current == null) {
            throw new IllegalStateException("guidance can only be written from a rule consequence");
        }
        return current;
    }

    private String title(String given) {
        return given != null ? given : current().title();
    }

    /** A next-best-action on a deal; urgency 1 (default) to 3 raises its rank ({@link Scoring}). */
    public void recommend(
            String code, DealContext deal, String title, String reason, double urgency) {
        FiredRule r = current();
        recommendations.add(
                new Recommendation(
                        code,
                        title(title),
                        reason,
                        deal.getDealId(),
                        deal.getOwnerId(),
                        deal.getAccountId(),
                        r.playId(),
                        Scoring.factors(r.priority(), deal.getAmountValue(), urgency),
                        r.rule(),
                        r.facts(),
                        deal.getAmount(),
                        deal.getDeal().expectedCloseDate()));
    }

    public void recommend(String code, DealContext deal, String title, String reason) {
        recommend(code, deal, title, reason, 1.0);
    }

    /** A next-best-action for a rep that is not about one deal (training, shadowing). */
    public void recommendToRep(String code, RepContext rep, String title, String reason) {
        recommendToRep(code, rep, null, title, reason);
    }

    /** A next-best-action for a rep about an account rather than a deal (e.g. cross-sell). */
    public void recommendToRep(
            String code, RepContext rep, String accountId, String title, String reason) {
        FiredRule r = current();
        recommendations.add(
                new Recommendation(
                        code,
                        title(title),
                        reason,
                        null,
                        rep.getRepId(),
                        accountId,
                        r.playId(),
                        Scoring.factors(r.priority(), 0, 1.0),
                        r.rule(),
                        r.facts(),
                        null,
                        null));
    }

    /** A coaching alert to the rep's manager (a finding for sales ops when the rep has none). */
    public void alert(String code, RepContext rep, String severity, String title, String reason) {
        alert(
                code,
                rep.getRepId(),
                rep.getManagerId(),
                null,
                null,
                severity,
                title,
                reason,
                "rep " + rep.getRepId() + " has no manager to coach them",
                rep.getOpenPipeline());
    }

    /**
     * A coaching alert about one deal, addressed to its owner's manager (a finding when there is
     * none).
     */
    public void alert(String code, DealContext deal, String severity, String title, String reason) {
        String manager = deal.getOwner() == null ? null : deal.getOwner().managerId();
        String nobody =
                deal.getOwner() == null
                        ? "the deal's owner " + deal.getOwnerId() + " is not a known rep"
                        : "rep " + deal.getOwnerId() + " has no manager to coach them";
        alert(
                code,
                deal.getOwnerId(),
                manager,
                deal.getDealId(),
                deal.getAccountId(),
                severity,
                title,
                reason,
                nobody,
                deal.getAmountValue());
    }

    /**
     * An alert needs someone to read it: when the rep has no manager (or the deal no known owner)
     * it becomes a {@link TerritoryFinding} with the same code for sales ops, whose reason says so,
     * rather than an alert addressed to nobody.
     */
    private void alert(
            String code,
            String repId,
            String managerId,
            String dealId,
            String accountId,
            String severity,
            String title,
            String reason,
            String nobody,
            double valueAtStake) {
        FiredRule r = current();
        Severity level = Severity.parse(severity);
        if (managerId == null || managerId.isBlank()) {
            findings.add(
                    new TerritoryFinding(
                            code,
                            title(title),
                            reason + " (not sent: " + nobody + "; " + level.json() + " severity)",
                            accountId,
                            repId,
                            null,
                            dealId,
                            r.priority(),
                            r.rule(),
                            r.facts()));
            return;
        }
        alerts.add(
                new CoachingAlert(
                        code,
                        title(title),
                        reason,
                        repId,
                        managerId,
                        dealId,
                        accountId,
                        level,
                        r.priority(),
                        r.rule(),
                        r.facts(),
                        BigDecimal.valueOf(valueAtStake).setScale(2, RoundingMode.HALF_UP)));
    }

    public void insight(String code, DealContext deal, String title, String reason, double amount) {
        FiredRule r = current();
        insights.add(
                new IncentiveInsight(
                        code,
                        title(title),
                        reason,
                        deal.getOwnerId(),
                        deal.getDealId(),
                        BigDecimal.valueOf(amount).setScale(2, RoundingMode.HALF_UP),
                        r.priority(),
                        r.rule(),
                        r.facts()));
    }

    public void finding(
            String code,
            String accountId,
            String repId,
            String territoryId,
            String dealId,
            String title,
            String reason) {
        FiredRule r = current();
        findings.add(
                new TerritoryFinding(
                        code,
                        title(title),
                        reason,
                        accountId,
                        repId,
                        territoryId,
                        dealId,
                        r.priority(),
                        r.rule(),
                        r.facts()));
    }

    public List<Recommendation> recommendations() {
        return recommendations;
    }

    public List<CoachingAlert> alerts() {
        return alerts;
    }

    public List<IncentiveInsight> insights() {
        return insights;
    }

    public List<TerritoryFinding> findings() {
        return findings;
    }
}
