package io.pandu.evaluate;

import io.pandu.context.DealContext;
import io.pandu.context.RepContext;
import io.pandu.context.TeamStats;
import io.pandu.facts.Account;
import io.pandu.facts.CommissionTier;
import io.pandu.facts.Parameter;
import io.pandu.facts.Product;
import io.pandu.facts.Territory;
import io.pandu.guidance.FiredRule;
import io.pandu.guidance.GuidanceCollector;
import io.pandu.guidance.RuleRef;
import io.pandu.rules.CompiledRules;
import io.pandu.rules.RuleInfo;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashMap;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Collectors;
import org.kie.api.definition.rule.Rule;
import org.kie.api.event.rule.BeforeMatchFiredEvent;
import org.kie.api.event.rule.DefaultAgendaEventListener;

/**
 * Tells the guidance collector which rule is about to fire and which facts it matched (the
 * explanation), and counts firings per rule. Facts under {@code not}/{@code exists} are not part of
 * a match; the rule's reason text covers those.
 */
final class FiringRecorder extends DefaultAgendaEventListener {
    private final CompiledRules rules;
    private final GuidanceCollector collector;
    private final Map<Rule, FiredRuleTemplate> templates = new HashMap<>();

    /**
     * A deal matched by several rules is described once per evaluation (deal contexts are
     * immutable).
     */
    private final Map<DealContext, String> dealDescriptions = new IdentityHashMap<>();

    /** The rule whose consequence started last: the one running when time ran out. */
    private volatile String lastFired;

    private record FiredRuleTemplate(String key, RuleRef ref, RuleInfo info, int[] fired) {}

    FiringRecorder(CompiledRules rules, GuidanceCollector collector) {
        this.rules = rules;
        this.collector = collector;
    }

    @Override
    public void beforeMatchFired(BeforeMatchFiredEvent event) {
        Rule rule = event.getMatch().getRule();
        lastFired = rule.getName();
        FiredRuleTemplate template = templates.computeIfAbsent(rule, this::template);
        template.fired()[0]++;
        List<Object> objects = event.getMatch().getObjects();
        List<String> facts = new ArrayList<>(objects.size());
        for (Object o : objects) {
            facts.add(
                    o instanceof DealContext d
                            ? dealDescriptions.computeIfAbsent(d, FiringRecorder::describe)
                            : describe(o));
        }
        RuleInfo info = template.info();
        collector.firing(
                new FiredRule(
                        template.ref(),
                        info == null ? RuleInfo.DEFAULT_PRIORITY : info.priority(),
                        info == null ? null : info.playId(),
                        info == null || info.title() == null ? rule.getName() : info.title(),
                        List.copyOf(facts)));
    }

    private FiredRuleTemplate template(Rule rule) {
        RuleInfo info = rules.rule(rule.getPackageName(), rule.getName());
        String key = rule.getPackageName() + "." + rule.getName();
        RuleRef ref =
                info == null
                        ? new RuleRef(rule.getName(), null, null, null)
                        : new RuleRef(info.name(), info.file(), info.line(), info.category());
        return new FiredRuleTemplate(key, ref, info, new int[1]);
    }

    /** Firings per rule ({@code package.name}) of the rules that fired. */
    Map<String, Integer> counts() {
        Map<String, Integer> counts = new TreeMap<>();
        for (FiredRuleTemplate t : templates.values()) {
            counts.merge(t.key(), t.fired()[0], Integer::sum);
        }
        return counts;
    }

    /** The rule that started firing last, or null when none fired. */
    String lastFired() {
        return lastFired;
    }

    /** A rule, by the name its author gave it, and how often it fired. */
    record Firings(String rule, int times) {}

    /** The rule that fired most often: the likely culprit when the firing limit is hit. */
    Firings mostFired() {
        return templates.values().stream()
                .map(t -> new Firings(t.ref().name(), t.fired()[0]))
                .max(Comparator.comparingInt(Firings::times).thenComparing(Firings::rule))
                .orElse(new Firings("?", 0));
    }

    private static String tier(CommissionTier t) {
        return "tier "
                + t.name()
                + " ("
                + t.percent()
                + " from "
                + Math.round(t.fromAttainment() * 100)
                + "% of quota)";
    }

    static String describe(Object fact) {
        if (fact instanceof DealContext d) {
            return "deal "
                    + d.getDealId()
                    + " ("
                    + d.getStageName()
                    + ", "
                    + d.getAmount().toPlainString()
                    + ")";
        }
        if (fact instanceof Parameter p) {
            return "parameter "
                    + p.name()
                    + " = "
                    + BigDecimal.valueOf(p.value()).stripTrailingZeros().toPlainString();
        }
        if (fact instanceof RepContext r) {
            return "rep " + r.getRepId();
        }
        if (fact instanceof TeamStats t) {
            return "team of " + t.managerId();
        }
        if (fact instanceof Account a) {
            return "account " + a.id();
        }
        if (fact instanceof Territory t) {
            return "territory " + t.id();
        }
        if (fact instanceof Product p) {
            return "product " + p.name();
        }
        if (fact instanceof CommissionTier t) {
            return tier(t);
        }
        if (fact instanceof Collection<?> c
                && c.stream().allMatch(CommissionTier.class::isInstance)) {
            return "commission plan: "
                    + c.stream()
                            .map(CommissionTier.class::cast)
                            .sorted(Comparator.comparingDouble(CommissionTier::fromAttainment))
                            .map(FiringRecorder::tier)
                            .collect(Collectors.joining(", "));
        }
        return String.valueOf(fact);
    }
}
