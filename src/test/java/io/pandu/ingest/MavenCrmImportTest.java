package io.pandu.ingest;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.pandu.app.Pandu;
import io.pandu.auth.Caller;
import io.pandu.errors.ForbiddenException;
import io.pandu.facts.FactSetJson;
import io.pandu.store.UpsertCounts;
import io.pandu.testing.OnEachDatabase;
import io.pandu.testing.TestDatabase;
import java.nio.file.Path;
import java.time.Clock;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

class MavenCrmImportTest {
    static final Path DEMO = Path.of("src/main/resources/demo/maven-crm");

    @OnEachDatabase
    void importingTwiceChangesNothingAndTheQuirksAreReported(TestDatabase.Kind kind) {
        try (TestDatabase t = TestDatabase.open(kind);
                Pandu s = t.services(Clock.systemUTC())) {
            List<String> progress = new ArrayList<>();
            ImportSummary first =
                    s.importer()
                            .importMavenCrm(
                                    Caller.system(),
                                    DEMO,
                                    null,
                                    true,
                                    (what, done, total) ->
                                            progress.add(what + " " + done + "/" + total));
            assertEquals(
                    LocalDate.of(2017, 12, 31),
                    first.asOf(),
                    "as-of defaults to the last date in the data");
            assertEquals(LocalDate.of(2017, 12, 31), s.facts().asOf().orElseThrow());
            assertEquals(8800, first.rowsRead().get("sales_pipeline.csv"));
            assertEquals(
                    new ImportSummary.Counts(8800, 8800, 0, 0, 0), first.records().get("deals"));
            assertEquals(new ImportSummary.Counts(35, 35, 0, 0, 0), first.records().get("reps"));
            assertEquals(new ImportSummary.Counts(6, 6, 0, 0, 0), first.records().get("managers"));
            assertEquals(
                    new ImportSummary.Counts(85, 85, 0, 0, 0), first.records().get("accounts"));
            assertEquals(new ImportSummary.Counts(7, 7, 0, 0, 0), first.records().get("products"));
            assertEquals(new UpsertCounts(35 + 6 + 3, 0, 0), first.users()); // ops, admin, director
            assertTrue(progress.contains("deals 8800/8800"), progress.toString());
            assertTrue(
                    progress.contains("deals 500/8800"),
                    "large imports show progress: " + progress);

            Map<String, ImportReport.Quirk> quirks = new java.util.HashMap<>();
            first.quirks().forEach(q -> quirks.put(q.kind(), q));
            assertTrue(
                    quirks.get("product spelt differently from products.csv")
                            .example()
                            .contains("GTXPro → GTX Pro"));
            assertEquals(1425, quirks.get("deal with no account").count());
            assertEquals(5, quirks.get("agent with no deals").count());
            assertTrue(first.text().contains("deal with no account: 1425"), first.text());

            ImportSummary second =
                    s.importer()
                            .importMavenCrm(Caller.system(), DEMO, null, true, ImportProgress.NONE);
            assertEquals(0, second.created());
            assertEquals(0, second.updated());
            assertEquals(
                    new ImportSummary.Counts(8800, 0, 0, 8800, 0), second.records().get("deals"));
            assertEquals(new UpsertCounts(0, 0, 35 + 6 + 3), second.users());
            assertEquals(first.quirks(), second.quirks());
            assertEquals(1, s.facts().deals().get("1C1I7A6R").orElseThrow().version());

            assertTrue(s.users().authenticate("moses.frase", "demo").isPresent());
            assertEquals(
                    "dustin.brinkmann",
                    s.users().authenticate("dustin.brinkmann", "demo").orElseThrow().managerId());
            assertTrue(s.users().authenticate("admin", "demo").isPresent());
            assertTrue(s.users().authenticate("moses.frase", "wrong").isEmpty());
        }
    }

    @OnEachDatabase
    void aJsonFactSetGoesInRecordByRecordAndBadRecordsAreRejectedWithReasons(
            TestDatabase.Kind kind) {
        try (TestDatabase t = TestDatabase.open(kind);
                Pandu s = t.services(Clock.systemUTC())) {
            var facts =
                    FactSetJson.read(
                            """
                    {"asOf": "2017-06-30",
                     "reps": [{"id": "R1", "name": "Rep One", "managerId": "M1"}, {"id": "R2"}],
                     "deals": [
                       {"id": "D1", "name": "Good", "ownerId": "R1", "stage": "Engaging", "amount": 100},
                       {"id": "D2", "name": "Nobody's", "ownerId": "R9", "stage": "Engaging"},
                       {"id": "D3", "name": "Odd stage", "ownerId": "R1", "stage": "Negotiatoin"},
                       {"id": "D1", "name": "Twice", "ownerId": "R1", "stage": "Won"}],
                     "activities": [{"id": "X1", "dealId": "D1", "repId": "R1", "type": "call", "date": "2017-06-01"},
                                    {"id": "X2", "dealId": "D2", "type": "call", "date": "2017-06-01"}]}
                    """);
            ImportSummary summary =
                    s.importer().importFacts(Caller.system(), facts, ImportProgress.NONE);
            assertEquals(new ImportSummary.Counts(2, 1, 0, 0, 1), summary.records().get("reps"));
            assertEquals(new ImportSummary.Counts(4, 1, 0, 0, 3), summary.records().get("deals"));
            assertEquals(
                    new ImportSummary.Counts(2, 1, 0, 0, 1), summary.records().get("activities"));
            assertEquals(
                    new ImportSummary.Counts(1, 1, 0, 0, 0), summary.records().get("managers"));
            List<String> reasons =
                    summary.rejected().stream()
                            .map(r -> r.kind() + " " + r.where() + ": " + r.reason())
                            .toList();
            assertTrue(reasons.contains("reps reps[1].name: is required"), reasons.toString());
            assertTrue(
                    reasons.contains("deals deals[1].ownerId: unknown rep \"R9\""),
                    reasons.toString());
            assertTrue(
                    reasons.contains(
                            "deals deals[2].stage: unknown stage \"Negotiatoin\" in playbook velocity"),
                    reasons.toString());
            assertTrue(
                    reasons.contains("deals deals[3].id: duplicate id \"D1\""), reasons.toString());
            assertTrue(
                    reasons.contains("activities activities[1].dealId: unknown deal \"D2\""),
                    reasons.toString());
            assertEquals(LocalDate.of(2017, 6, 30), s.facts().asOf().orElseThrow());

            ImportSummary again =
                    s.importer().importFacts(Caller.system(), facts, ImportProgress.NONE);
            assertEquals(0, again.created() + again.updated());
            assertThrows(
                    ForbiddenException.class,
                    () ->
                            s.importer()
                                    .importFacts(
                                            Caller.rep("r", "R1"), facts, ImportProgress.NONE));
        }
    }
}
