package io.pandu.bench;

import io.pandu.context.DealContext;
import io.pandu.evaluate.Arbiter;
import io.pandu.evaluate.Evaluation;
import io.pandu.evaluate.EvaluationSettings;
import io.pandu.facts.Account;
import io.pandu.facts.Activity;
import io.pandu.facts.Days;
import io.pandu.facts.Deal;
import io.pandu.facts.FactSet;
import io.pandu.facts.Rep;
import io.pandu.facts.Territory;
import io.pandu.guidance.CoachingAlert;
import io.pandu.guidance.Guidance;
import io.pandu.guidance.IncentiveInsight;
import io.pandu.guidance.Recommendation;
import io.pandu.guidance.RuleRef;
import io.pandu.guidance.Scoring;
import io.pandu.guidance.Severity;
import io.pandu.guidance.TerritoryFinding;
import io.pandu.playbook.Playbook;
import io.pandu.playbook.Stage;
import io.pandu.rules.RuleInfo;
import io.pandu.rules.RuleSet;
import java.io.IOException;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVRecord;

/**
 * The starter rule set written by hand in plain Java: no rule engine, no context objects, one pass
 * over the facts. It is the physical limit the engine is measured against, so it computes exactly
 * what the rules do (the DRL files are the spec; each method names the rule it mirrors), reads the
 * same thresholds from the playbook parameters and the same tiers from the commission table, and
 * produces the same guidance records, explanations included, arbitrated by the same {@link
 * Arbiter}.
 */
public final class HandCodedStarterRules {
    static final String STALE = "playbook.Re-engage a deal with no recent activity";
    static final String ECONOMIC_BUYER =
            "playbook.Identify the economic buyer once past the first stage";
    static final String DISCOUNT = "coaching.Discount above the approval threshold needs a manager";
    static final String TERRITORY = "territory.Assign an account with no territory by region";

    /** One row of the commission decision table: attainment in [from, below) earns {@code rate}. */
    public record CommissionTier(
            String rule, String name, double from, double below, double rate) {}

    /** What a firing of a rule attaches to its guidance: the rule reference, priority, play. */
    private record Fired(String key, String code, RuleRef ref, int priority, String playId) {}

    private record TierRule(CommissionTier tier, Fired fired) {}

    private final RuleSet ruleSet;
    private final EvaluationSettings settings;
    private final Fired stale;
    private final Fired economicBuyer;
    private final Fired discount;
    private final Fired territory;
    private final List<TierRule> tiers = new ArrayList<>();

    public HandCodedStarterRules(
            RuleSet ruleSet, List<CommissionTier> tiers, EvaluationSettings settings) {
        this.ruleSet = ruleSet;
        this.settings = settings;
        this.stale = fired(STALE, "REENGAGE_STALE_DEAL");
        this.economicBuyer = fired(ECONOMIC_BUYER, "IDENTIFY_ECONOMIC_BUYER");
        this.discount = fired(DISCOUNT, "DISCOUNT_NEEDS_APPROVAL");
        this.territory = fired(TERRITORY, "ACCOUNT_TERRITORY");
        for (CommissionTier tier : tiers) {
            this.tiers.add(new TierRule(tier, fired(tier.rule(), "COMMISSION_ESTIMATE")));
        }
    }

    /** The guidance code each mirrored rule raises, by {@code package.rule name}. */
    public Map<String, String> codes() {
        Map<String, String> codes = new TreeMap<>();
        for (Fired f : List.of(stale, economicBuyer, discount, territory)) {
            codes.put(f.key(), f.code());
        }
        tiers.forEach(t -> codes.put(t.fired().key(), t.fired().code()));
        return codes;
    }

    /** Metadata comes from the compiled rule set, so it is the same as the engine attaches. */
    private Fired fired(String key, String code) {
        RuleInfo info = ruleSet.rules().rules().get(key);
        if (info == null) {
            throw new IllegalStateException(
                    "the rule set has no rule \""
                            + key
                            + "\"; the hand-coded rules mirror the starter rules");
        }
        return new Fired(
                key,
                code,
                new RuleRef(info.name(), info.file(), info.line(), info.category()),
                info.priority(),
                info.playId());
    }

    /**
     * Reads the tiers of a commission decision table ({@code
     * rules/incentives/commission-tiers.drl.csv}): the rows under the RuleTable header, the
     * attainment bounds from the CONDITION column on {@code attainment}, tier name and rate from
     * the ACTION column.
     */
    public static List<CommissionTier> readTiers(Path table) {
        try (Reader in = Files.newBufferedReader(table)) {
            List<CSVRecord> rows = CSVFormat.DEFAULT.parse(in).getRecords();
            String pack = null;
            int header = -1;
            for (int i = 0; i < rows.size() && header < 0; i++) {
                String first = rows.get(i).get(0).trim();
                if (first.equals("RuleSet")) {
                    pack = rows.get(i).get(1).trim();
                } else if (first.startsWith("RuleTable")) {
                    header = i;
                }
            }
            if (header < 0 || pack == null) {
                throw new IllegalArgumentException(table + ": no RuleSet/RuleTable header");
            }
            CSVRecord keywords = rows.get(header + 1);
            CSVRecord templates = rows.get(header + 3);
            int name = -1;
            int attainment = -1;
            int action = -1;
            for (int c = 0; c < keywords.size(); c++) {
                String keyword = keywords.get(c).trim();
                if (keyword.equals("NAME")) {
                    name = c;
                } else if (keyword.equals("CONDITION") && templates.get(c).contains("attainment")) {
                    attainment = c;
                } else if (keyword.equals("ACTION")) {
                    action = c;
                }
            }
            if (name < 0 || attainment < 0 || action < 0) {
                throw new IllegalArgumentException(
                        table + ": expected NAME, an attainment CONDITION and an ACTION column");
            }
            List<CommissionTier> tiers = new ArrayList<>();
            for (int i = header + 5; i < rows.size() && !rows.get(i).get(0).isBlank(); i++) {
                CSVRecord row = rows.get(i);
                String[] bounds = row.get(attainment).split(",");
                String[] tierRate = row.get(action).split(",");
                tiers.add(
                        new CommissionTier(
                                pack + "." + row.get(name).trim(),
                                tierRate[0].trim(),
                                Double.parseDouble(bounds[0].trim()),
                                Double.parseDouble(bounds[1].trim()),
                                Double.parseDouble(tierRate[1].trim())));
            }
            return tiers;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Evaluates one fact set; firings are the guidance items per rule before arbitration. */
    public Evaluation evaluate(FactSet facts) {
        if (facts.asOf() == null) {
            // No wall clock here: (a) would fall back to its clock, so the variants could disagree.
            throw new IllegalArgumentException(
                    "the benchmark needs fact sets with an as-of date (PipelineGenerator sets it)");
        }
        long start = System.nanoTime();
        LocalDate asOf = facts.asOf();
        Raised raised = raiseAll(facts, asOf);
        Guidance guidance =
                Arbiter.guidance(
                        ruleSet.version(),
                        asOf,
                        raised.recommendations,
                        raised.alerts,
                        raised.insights,
                        raised.findings,
                        settings);
        return new Evaluation(
                guidance, raised.counts(), facts.deals().size(), System.nanoTime() - start);
    }

    /** What the rules raise for one fact set before arbitration (ranking, caps, total order). */
    public record Raw(
            String ruleSetVersion,
            LocalDate asOf,
            List<Recommendation> recommendations,
            List<CoachingAlert> alerts,
            List<IncentiveInsight> insights,
            List<TerritoryFinding> findings) {}

    /** The guidance items of one fact set as raised, before arbitration. */
    public Raw raise(FactSet facts) {
        Raised raised = raiseAll(facts, facts.asOf());
        return new Raw(
                ruleSet.version(),
                facts.asOf(),
                List.copyOf(raised.recommendations),
                List.copyOf(raised.alerts),
                List.copyOf(raised.insights),
                List.copyOf(raised.findings));
    }

    private Raised raiseAll(FactSet facts, LocalDate asOf) {
        Raised raised = new Raised();

        Map<String, Rep> reps = new HashMap<>(facts.reps().size() * 2);
        for (Rep rep : facts.reps()) {
            reps.put(rep.id(), rep);
        }
        // The last activity of each deal, ignoring any dated after as-of.
        Map<String, LocalDate> lastActivity = new HashMap<>(facts.deals().size() * 2);
        for (Activity a : facts.activities()) {
            if (a.dealId() != null && a.date() != null && !a.date().isAfter(asOf)) {
                lastActivity.merge(a.dealId(), a.date(), (x, y) -> x.isAfter(y) ? x : y);
            }
        }
        Stages stages = new Stages(ruleSet);
        Stage[] stageOf = new Stage[facts.deals().size()];
        Map<String, Double> wonThisYear = new HashMap<>(facts.reps().size() * 2);
        for (int i = 0; i < stageOf.length; i++) {
            Deal deal = facts.deals().get(i);
            stageOf[i] = stages.of(deal);
            LocalDate closed = deal.closeDate();
            if (stageOf[i].outcome() == Stage.Outcome.WON
                    && deal.ownerId() != null
                    && reps.containsKey(deal.ownerId())
                    && closed != null
                    && !closed.isAfter(asOf)
                    && closed.getYear() == asOf.getYear()) {
                wonThisYear.merge(deal.ownerId(), deal.amount().doubleValue(), Double::sum);
            }
        }
        Map<String, List<TierRule>> tiersOf = commissionTiers(facts.reps(), wonThisYear);

        for (int i = 0; i < stageOf.length; i++) {
            Stage stage = stageOf[i];
            if (!stage.isOpen()) {
                continue; // every deal rule of the starter set is about open deals
            }
            Deal deal = facts.deals().get(i);
            Playbook playbook = stages.playbookOf(deal);
            Rep owner = deal.ownerId() == null ? null : reps.get(deal.ownerId());
            String explained =
                    "deal "
                            + deal.id()
                            + " ("
                            + stage.name()
                            + ", "
                            + deal.amount().toPlainString()
                            + ")";
            List<String> dealFacts = List.of(explained);
            reengageStaleDeal(
                    raised, deal, playbook, stage, asOf, lastActivity.get(deal.id()), dealFacts);
            identifyEconomicBuyer(raised, deal, playbook.indexOf(stage), stage, dealFacts);
            discountNeedsApproval(raised, deal, playbook, owner, dealFacts);
            if (owner != null) {
                for (TierRule tier : tiersOf.getOrDefault(owner.id(), List.of())) {
                    commissionEstimate(
                            raised,
                            deal,
                            owner,
                            tier,
                            wonThisYear.getOrDefault(owner.id(), 0.0),
                            explained);
                }
            }
        }
        assignUnplacedAccounts(raised, facts.accounts(), facts.territories());
        return raised;
    }

    /** rules/playbook/stale-deals.drl */
    private void reengageStaleDeal(
            Raised raised,
            Deal deal,
            Playbook playbook,
            Stage stage,
            LocalDate asOf,
            LocalDate last,
            List<String> facts) {
        LocalDate stageStart =
                deal.stageEnteredDate() != null ? deal.stageEnteredDate() : deal.createdDate();
        LocalDate reference =
                last != null ? last : deal.createdDate() != null ? deal.createdDate() : stageStart;
        int days =
                reference == null ? DealContext.NEVER : Math.max(0, Days.between(reference, asOf));
        double staleAfter = playbook.param("staleAfterDays");
        if (days > staleAfter) {
            raised.recommend(
                    stale,
                    deal,
                    "Re-engage " + deal.name(),
                    "No activity for "
                            + days
                            + " days; the playbook expects contact every "
                            + (int) staleAfter,
                    1 + (days - staleAfter) / 30.0,
                    facts);
        }
    }

    /** rules/playbook/qualification.drl */
    private void identifyEconomicBuyer(
            Raised raised, Deal deal, int stageIndex, Stage stage, List<String> facts) {
        if (stageIndex > 0 && !deal.qualification().economicBuyer()) {
            raised.recommend(
                    economicBuyer,
                    deal,
                    "Identify the economic buyer",
                    "The deal is in " + stage.name() + " and no economic buyer is identified yet",
                    1.0,
                    facts);
        }
    }

    /** rules/coaching/discounts.drl */
    private void discountNeedsApproval(
            Raised raised, Deal deal, Playbook playbook, Rep owner, List<String> facts) {
        double percent = deal.discountPercent().doubleValue();
        double approval = playbook.param("discountApprovalPercent");
        if (owner != null && percent > approval) {
            Severity severity =
                    percent > playbook.param("discountHighPercent")
                            ? Severity.HIGH
                            : Severity.MEDIUM;
            raised.count(discount);
            raised.alerts.add(
                    new CoachingAlert(
                            discount.code(),
                            "Discount needs approval",
                            "Discount of "
                                    + percent
                                    + "% is above the "
                                    + (int) approval
                                    + "% a rep may grant alone",
                            deal.ownerId(),
                            owner.managerId(),
                            deal.id(),
                            deal.accountId(),
                            severity,
                            discount.priority(),
                            discount.ref(),
                            facts,
                            deal.amount().setScale(2, RoundingMode.HALF_UP)));
        }
    }

    /**
     * rules/incentives/commission-tiers.drl.csv: the tiers each rep's attainment falls in (reps
     * with a quota).
     */
    private Map<String, List<TierRule>> commissionTiers(
            List<Rep> reps, Map<String, Double> wonThisYear) {
        Map<String, List<TierRule>> result = new HashMap<>(reps.size() * 2);
        for (Rep rep : reps) {
            double quota = rep.quota() == null ? 0 : rep.quota().doubleValue();
            if (quota <= 0) {
                continue;
            }
            double attainment = wonThisYear.getOrDefault(rep.id(), 0.0) / quota;
            List<TierRule> matching = new ArrayList<>(1);
            for (TierRule tier : tiers) {
                if (attainment >= tier.tier().from() && attainment < tier.tier().below()) {
                    matching.add(tier);
                }
            }
            result.put(rep.id(), matching);
        }
        return result;
    }

    private void commissionEstimate(
            Raised raised, Deal deal, Rep owner, TierRule tier, double won, String explained) {
        double rate = tier.tier().rate();
        double attainment = won / owner.quota().doubleValue();
        double value = deal.amount().doubleValue();
        raised.count(tier.fired());
        raised.insights.add(
                new IncentiveInsight(
                        tier.fired().code(),
                        "Commission estimate",
                        "Closing at "
                                + deal.amount().toPlainString()
                                + " earns "
                                + Math.round(value * rate)
                                + " at the "
                                + tier.tier().name()
                                + " tier ("
                                + Math.round(rate * 1000) / 10.0
                                + "% rate; "
                                + Math.round(attainment * 100)
                                + "% of quota attained)",
                        deal.ownerId(),
                        deal.id(),
                        BigDecimal.valueOf(value * rate).setScale(2, RoundingMode.HALF_UP),
                        tier.fired().priority(),
                        tier.fired().ref(),
                        List.of("rep " + owner.id(), explained)));
    }

    /**
     * rules/territory/unassigned-accounts.drl: the lowest-id territory covering the account's
     * region.
     */
    private void assignUnplacedAccounts(
            Raised raised, List<Account> accounts, List<Territory> territories) {
        Map<String, Territory> byRegion = new HashMap<>();
        for (Territory t : territories) {
            for (String region : t.regions()) {
                byRegion.merge(region, t, (a, b) -> a.id().compareTo(b.id()) <= 0 ? a : b);
            }
        }
        for (Account a : accounts) {
            Territory t =
                    a.territoryId() == null && a.region() != null ? byRegion.get(a.region()) : null;
            if (t != null) {
                raised.count(territory);
                raised.findings.add(
                        new TerritoryFinding(
                                territory.code(),
                                "Assign account to territory " + t.name(),
                                a.name()
                                        + " has no territory; its region "
                                        + a.region()
                                        + " belongs to "
                                        + t.name(),
                                a.id(),
                                null,
                                t.id(),
                                null,
                                territory.priority(),
                                territory.ref(),
                                List.of("account " + a.id(), "territory " + t.id())));
            }
        }
    }

    /** Everything raised for one fact set, and how often each rule "fired". */
    private static final class Raised {
        final List<Recommendation> recommendations = new ArrayList<>();
        final List<CoachingAlert> alerts = new ArrayList<>();
        final List<IncentiveInsight> insights = new ArrayList<>();
        final List<TerritoryFinding> findings = new ArrayList<>();
        private final Map<Fired, int[]> counts = new HashMap<>();

        void count(Fired rule) {
            counts.computeIfAbsent(rule, k -> new int[1])[0]++;
        }

        void recommend(
                Fired rule,
                Deal deal,
                String title,
                String reason,
                double urgency,
                List<String> facts) {
            count(rule);
            recommendations.add(
                    new Recommendation(
                            rule.code(),
                            title,
                            reason,
                            deal.id(),
                            deal.ownerId(),
                            deal.accountId(),
                            rule.playId(),
                            Scoring.factors(rule.priority(), deal.amount().doubleValue(), urgency),
                            rule.ref(),
                            facts,
                            deal.amount(),
                            deal.expectedCloseDate()));
        }

        Map<String, Integer> counts() {
            Map<String, Integer> byKey = new TreeMap<>();
            counts.forEach((rule, n) -> byKey.put(rule.key(), n[0]));
            return byKey;
        }
    }

    /** Resolves deals' playbooks and CRM stage names once per distinct spelling. */
    private static final class Stages {
        private record Resolved(Playbook playbook, Map<String, Stage> stages) {}

        private final RuleSet ruleSet;
        private final Map<String, Resolved> byPlaybookId = new HashMap<>();

        Stages(RuleSet ruleSet) {
            this.ruleSet = ruleSet;
        }

        private Resolved resolved(Deal deal) {
            return byPlaybookId.computeIfAbsent(
                    deal.playbook(),
                    id ->
                            new Resolved(
                                    ruleSet.playbooks()
                                            .forDeal(id)
                                            .orElseThrow(
                                                    () ->
                                                            new IllegalArgumentException(
                                                                    "deal "
                                                                            + deal.id()
                                                                            + ": unknown playbook "
                                                                            + id)),
                                    new HashMap<>()));
        }

        Playbook playbookOf(Deal deal) {
            return resolved(deal).playbook();
        }

        Stage of(Deal deal) {
            Resolved r = resolved(deal);
            return r.stages()
                    .computeIfAbsent(
                            deal.stage(),
                            name ->
                                    r.playbook()
                                            .stage(name)
                                            .orElseThrow(
                                                    () ->
                                                            new IllegalArgumentException(
                                                                    "deal "
                                                                            + deal.id()
                                                                            + ": unknown stage "
                                                                            + name)));
        }
    }
}
