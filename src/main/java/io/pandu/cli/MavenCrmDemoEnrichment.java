package io.pandu.cli;

import io.pandu.facts.Deal;
import io.pandu.facts.FactSet;
import io.pandu.facts.Rep;
import io.pandu.facts.Territory;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * DEMO ENRICHMENT of the Maven CRM data ({@code pandu evaluate --maven-crm DIR --demo-enrichment}),
 * so that rules needing quotas or territories can be seen on real deal volumes. Nothing is random
 * and nothing is invented beyond two stated assumptions, both derived from the data:
 *
 * <ul>
 *   <li>every rep gets the same quota: the median amount a rep with deals won in the as-of year;
 *   <li>each regional office (sales_teams.csv) is a territory whose reps are the office's agents.
 * </ul>
 *
 * The data still has no hire dates, activities, discounts, competitors, close-date pushes or
 * expected close dates, so the rules that need those stay as quiet as without enrichment.
 */
final class MavenCrmDemoEnrichment {
    private MavenCrmDemoEnrichment() {}

    static FactSet enrich(FactSet facts) {
        BigDecimal quota = medianWonThisYear(facts);
        List<Rep> reps =
                facts.reps().stream()
                        .map(
                                r ->
                                        new Rep(
                                                r.id(),
                                                r.name(),
                                                r.managerId(),
                                                r.region(),
                                                r.hireDate(),
                                                quota,
                                                r.certifications()))
                        .toList();
        return new FactSet(
                facts.asOf(),
                reps,
                facts.deals(),
                facts.activities(),
                facts.accounts(),
                officeTerritories(facts.reps()),
                facts.products());
    }

    /** The quota every rep gets; exposed for the report. */
    static BigDecimal medianWonThisYear(FactSet facts) {
        Map<String, BigDecimal> won = new HashMap<>();
        for (Deal d : facts.deals()) {
            won.putIfAbsent(d.ownerId(), BigDecimal.ZERO);
            if (d.stage().equalsIgnoreCase("Won")
                    && d.closeDate() != null
                    && d.closeDate().getYear() == facts.asOf().getYear()
                    && !d.closeDate().isAfter(facts.asOf())) {
                won.merge(d.ownerId(), d.amount(), BigDecimal::add);
            }
        }
        List<BigDecimal> sorted = won.values().stream().sorted().toList();
        return sorted.isEmpty() ? BigDecimal.ZERO : sorted.get(sorted.size() / 2);
    }

    private static List<Territory> officeTerritories(List<Rep> reps) {
        Map<String, List<String>> byOffice = new TreeMap<>();
        for (Rep r : reps) {
            if (r.region() != null) {
                byOffice.computeIfAbsent(r.region(), k -> new ArrayList<>()).add(r.id());
            }
        }
        List<Territory> territories = new ArrayList<>();
        byOffice.forEach(
                (office, members) ->
                        territories.add(
                                new Territory(
                                        "T-OFFICE-" + office.toUpperCase(java.util.Locale.ROOT),
                                        office + " office",
                                        List.of(),
                                        List.of(),
                                        null,
                                        members)));
        return territories;
    }
}
