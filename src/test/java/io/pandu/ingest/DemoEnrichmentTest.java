package io.pandu.ingest;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.pandu.app.Pandu;
import io.pandu.auth.Caller;
import io.pandu.facts.Deal;
import io.pandu.facts.FactSet;
import io.pandu.facts.Rep;
import io.pandu.testing.OnEachDatabase;
import io.pandu.testing.TestDatabase;
import java.math.BigDecimal;
import java.nio.file.Path;
import java.time.Clock;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/** The demo's synthetic enrichment adds to the Maven CRM data and never changes it. */
class DemoEnrichmentTest {
    private static final Path DEMO = DemoShowsEveryRuleTest.DEMO;

    @Test
    void theDataSetsOwnDealsStagesAmountsAndDatesAreUnchangedSoTheKpisAreTheSame() {
        FactSet published = DemoShowsEveryRuleTest.published();
        FactSet enriched = DemoEnrichment.enrich(published).facts();
        assertEquals(published.deals().size(), enriched.deals().size());
        Map<String, Deal> after =
                enriched.deals().stream().collect(Collectors.toMap(Deal::id, Function.identity()));
        for (Deal d : published.deals()) {
            Deal e = after.get(d.id());
            assertNotNull(e, d.id());
            assertEquals(
                    List.of(
                            Objects.toString(d.ownerId()),
                            Objects.toString(d.accountId()),
                            Objects.toString(d.product()),
                            d.stage(),
                            d.amount().toPlainString(),
                            Objects.toString(d.createdDate()),
                            Objects.toString(d.stageEnteredDate()),
                            Objects.toString(d.closeDate()),
                            Objects.toString(d.lostAtStage())),
                    List.of(
                            Objects.toString(e.ownerId()),
                            Objects.toString(e.accountId()),
                            Objects.toString(e.product()),
                            e.stage(),
                            e.amount().toPlainString(),
                            Objects.toString(e.createdDate()),
                            Objects.toString(e.stageEnteredDate()),
                            Objects.toString(e.closeDate()),
                            Objects.toString(e.lostAtStage())),
                    d.id());
        }
        // the published figures (checked independently with awk on sales_pipeline.csv)
        for (FactSet facts : List.of(published, enriched)) {
            assertEquals(4238, count(facts, "Won"));
            assertEquals(new BigDecimal("10005534"), value(facts, "Won"));
            assertEquals(2473, count(facts, "Lost"));
            assertEquals(1589, count(facts, "Engaging"));
            assertEquals(500, count(facts, "Prospecting"));
            assertEquals(35, facts.reps().size());
            assertEquals(85, facts.accounts().size());
        }
        assertEquals(value(published, "Engaging"), value(enriched, "Engaging"));
        assertEquals(
                published.reps().stream().map(Rep::id).toList(),
                enriched.reps().stream().map(Rep::id).toList());
    }

    @Test
    void theSameDataGivesTheSameEnrichmentAndTheReportSaysWhatWasAdded() {
        DemoEnrichment.Result first = DemoEnrichment.enrich(DemoShowsEveryRuleTest.published());
        DemoEnrichment.Result second = DemoEnrichment.enrich(DemoShowsEveryRuleTest.published());
        assertEquals(first, second);
        SyntheticEnrichment summary = first.summary();
        assertEquals("synthetic enrichment", summary.label());
        assertEquals(DemoEnrichment.SEED, summary.seed());
        FactSet facts = first.facts();
        assertEquals(facts.activities().size(), summary.added().get("activities"));
        assertEquals(
                facts.reps().stream().filter(r -> r.quota() != null).count(),
                (long) summary.added().get("quotas"));
        assertEquals(
                facts.deals().stream().filter(Deal::hasCompetitor).count(),
                (long) summary.added().get("competitors"));
        assertEquals(
                facts.deals().stream().filter(d -> d.expectedCloseDate() != null).count(),
                (long) summary.added().get("expected close dates"));
        assertEquals(35, summary.added().get("hire dates"));
        assertEquals(5, summary.added().get("new hires"), "the 5 agents without a deal");
        assertEquals(3, summary.added().get("territories"), "Central, East and West");
    }

    @Test
    void activitiesLieBetweenTheirDealsEngageAndCloseDates() {
        FactSet facts = DemoEnrichment.enrich(DemoShowsEveryRuleTest.published()).facts();
        Map<String, Deal> deals =
                facts.deals().stream().collect(Collectors.toMap(Deal::id, Function.identity()));
        assertTrue(facts.activities().size() > 1000, "activities: " + facts.activities().size());
        facts.activities()
                .forEach(
                        a -> {
                            Deal d = deals.get(a.dealId());
                            LocalDate end = d.closeDate() != null ? d.closeDate() : facts.asOf();
                            assertTrue(
                                    !a.date().isBefore(d.createdDate()) && !a.date().isAfter(end),
                                    a + " on " + d);
                            assertEquals(d.ownerId(), a.repId());
                        });
        facts.reps().stream()
                .filter(r -> r.hireDate() != null)
                .forEach(
                        r ->
                                facts.deals().stream()
                                        .filter(d -> d.ownerId().equals(r.id()))
                                        .filter(d -> d.createdDate() != null)
                                        .forEach(
                                                d ->
                                                        assertTrue(
                                                                r.hireDate()
                                                                        .isBefore(d.createdDate()),
                                                                r + " hired after " + d)));
    }

    @OnEachDatabase
    void importingTheDemoTwiceChangesNothingTheSecondTime(TestDatabase.Kind kind) {
        try (TestDatabase t = TestDatabase.open(kind);
                Pandu s = t.services(Clock.systemUTC())) {
            ImportSummary first =
                    s.importer().importDemo(Caller.system(), DEMO, ImportProgress.NONE);
            assertEquals("synthetic enrichment", first.enrichment().label());
            assertTrue(
                    first.text().contains("With synthetic enrichment (seed 20171231)"),
                    first.text());
            assertEquals(0, first.rejectedCount(), first.text());
            assertEquals(
                    first.enrichment().added().get("activities"),
                    first.records().get("activities").created());
            ImportSummary second =
                    s.importer().importDemo(Caller.system(), DEMO, ImportProgress.NONE);
            assertEquals(0, second.created(), second.text());
            assertEquals(0, second.updated(), second.text());
            assertEquals(first.enrichment(), second.enrichment());
        }
    }

    private static long count(FactSet facts, String stage) {
        return facts.deals().stream().filter(d -> d.stage().equals(stage)).count();
    }

    private static BigDecimal value(FactSet facts, String stage) {
        return facts.deals().stream()
                .filter(d -> d.stage().equals(stage))
                .map(Deal::amount)
                .reduce(BigDecimal.ZERO, BigDecimal::add)
                .stripTrailingZeros();
    }
}
