package io.pandu.cli;

import io.pandu.evaluate.Evaluation;
import io.pandu.facts.FactSet;
import io.pandu.rules.RuleSet;
import io.pandu.scenario.GuidanceItem;
import java.io.PrintWriter;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * How much of each code a rule set produced on a fact set: per code after arbitration (what users
 * see), with the distinct deals, reps and accounts it concerns and its share of the open deals; and
 * firings per rule before arbitration, including the rules that never fired. For sanity-checking a
 * rule base against real data (`pandu evaluate --maven-crm DIR --counts`).
 */
final class GuidanceCounts {
    private GuidanceCounts() {}

    private static final class Tally {
        String kind;
        int count;
        final Set<String> deals = new HashSet<>();
        final Set<String> reps = new HashSet<>();
        final Set<String> accounts = new HashSet<>();
    }

    static void print(
            PrintWriter out, FactSet facts, Evaluation evaluation, RuleSet rules, int openDeals) {
        out.printf(
                "as of %s: %d deals (%d open), %d reps, %d accounts, %d products; rule set %s%n",
                evaluation.guidance().asOf(),
                facts.deals().size(),
                openDeals,
                facts.reps().size(),
                facts.accounts().size(),
                facts.products().size(),
                evaluation.guidance().ruleSetVersion());
        Map<String, Tally> byCode = new TreeMap<>();
        for (GuidanceItem item : GuidanceItem.all(evaluation.guidance())) {
            Tally t = byCode.computeIfAbsent(item.code(), c -> new Tally());
            t.kind = t.kind == null || t.kind.equals(item.kind()) ? item.kind() : "mixed";
            t.count++;
            addIfSet(t.deals, item.dealId());
            addIfSet(t.reps, item.repId());
            addIfSet(t.accounts, item.accountId());
        }
        out.println();
        out.println(
                "Guidance per code, after arbitration (at most 3 recommendations a deal, 10 a rep):");
        out.printf(
                "%-27s %-15s %7s %7s %13s %6s %9s%n",
                "code", "kind", "count", "deals", "% open deals", "reps", "accounts");
        byCode.forEach(
                (code, t) ->
                        out.printf(
                                "%-27s %-15s %7d %7d %12.1f%% %6d %9d%n",
                                code,
                                t.kind,
                                t.count,
                                t.deals.size(),
                                openDeals == 0 ? 0.0 : 100.0 * t.deals.size() / openDeals,
                                t.reps.size(),
                                t.accounts.size()));
        out.println();
        out.println("Firings per rule, before arbitration:");
        Map<String, Integer> firings = new TreeMap<>();
        rules.rules().rules().keySet().forEach(rule -> firings.put(rule, 0));
        firings.putAll(evaluation.firings());
        firings.forEach((rule, n) -> out.printf("%8d  %s%n", n, rule));
        out.printf("%nEvaluated in %d ms%n", evaluation.nanos() / 1_000_000);
    }

    private static void addIfSet(Set<String> set, String value) {
        if (value != null) {
            set.add(value);
        }
    }

    /** Open deals of a fact set, as the rule set's playbooks see them. */
    static int openDeals(FactSet facts, RuleSet rules) {
        return (int)
                facts.deals().stream()
                        .filter(
                                d ->
                                        rules.playbooks()
                                                .forDeal(d.playbook())
                                                .flatMap(p -> p.stage(d.stage()))
                                                .map(io.pandu.playbook.Stage::isOpen)
                                                .orElse(false))
                        .count();
    }
}
