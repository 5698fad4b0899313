package io.pandu.evaluate;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.pandu.context.DealContext;
import io.pandu.context.RepContext;
import io.pandu.context.TeamStats;
import io.pandu.errors.InvalidInputException;
import io.pandu.facts.ActivityType;
import io.pandu.facts.FactSetJson;
import io.pandu.playbook.PlaybookLibrary;
import io.pandu.playbook.PlaybookLoader;
import io.pandu.testing.RuleFixtures;
import java.time.LocalDate;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** What rules reason over: deals and reps summarised as of a date, with references resolved. */
class ContextBuilderTest {
    private static PlaybookLibrary playbooks;

    @BeforeAll
    static void loadPlaybooks() {
        playbooks = new PlaybookLoader().load(RuleFixtures.PLAYBOOKS).library();
    }

    @Test
    void dealIsMeasuredFromAsOfAndDoesNotSeeLaterActivity() {
        String facts =
                """
                {"deals": [{"id": "D1", "stage": "Qualify", "createdDate": "2017-05-01", "stageEnteredDate": "2017-05-20",
                            "expectedCloseDate": "2017-06-20", "closeDatePushes": 0}],
                 "activities": [{"id": "X1", "dealId": "D1", "type": "call", "date": "2017-05-10"},
                                {"id": "X2", "dealId": "D1", "type": "demo", "date": "2017-06-01"},
                                {"id": "X3", "dealId": "D1", "type": "demo", "date": "2017-07-10"}]}
                """;

        DealContext june30 = deal(facts, LocalDate.of(2017, 6, 30));

        assertEquals("engaging", june30.getStageId(), "Qualify is an alias of engaging");
        assertEquals(1, june30.getStageIndex());
        assertEquals(41, june30.getDaysInStage());
        assertEquals(29, june30.getDaysSinceLastActivity());
        assertEquals(2, june30.getActivityCount(), "the July demo has not happened yet");
        assertEquals(1, june30.getActivitiesSinceStageEntered());
        assertEquals(1, june30.activities(ActivityType.DEMO));
        assertEquals(29, june30.daysSinceLast(ActivityType.DEMO));
        assertEquals(DealContext.NEVER, june30.daysSinceLast(ActivityType.EMAIL));
        assertEquals(-10, june30.getDaysToExpectedClose(), "ten days past its expected close");
        assertEquals(
                List.of("economicBuyer"),
                june30.getMissingExitCriteria(),
                "the demo counts, the buyer is unknown");

        DealContext may25 = deal(facts, LocalDate.of(2017, 5, 25));

        assertEquals(5, may25.getDaysInStage());
        assertEquals(15, may25.getDaysSinceLastActivity());
        assertEquals(1, may25.getActivityCount());
        assertEquals(List.of("economicBuyer", "activity:demo"), may25.getMissingExitCriteria());
    }

    @Test
    void dealWithoutActivityCountsQuietDaysFromItsCreation() {
        DealContext deal =
                deal(
                        """
                {"deals": [{"id": "D1", "stage": "Lead", "createdDate": "2017-06-20", "closeDatePushes": 0}]}
                """,
                        LocalDate.of(2017, 6, 30));

        assertEquals(10, deal.getDaysSinceLastActivity());
        assertEquals(10, deal.getDaysInStage(), "no stage date: in the stage since creation");
        assertEquals(0, deal.getActivityCount());
    }

    @Test
    void repWithNoDealsAndNoQuotaHasZeroFiguresNotNaN() {
        ContextBuilder.Contexts contexts =
                ContextBuilder.build(
                        FactSetJson.read(
                                """
                {"reps": [{"id": "R1", "managerId": "M1"}, {"id": "R2"}]}
                """),
                        playbooks,
                        LocalDate.of(2017, 6, 30));

        for (RepContext rep : contexts.reps()) {
            List<Double> figures =
                    List.of(
                            rep.getQuota(),
                            rep.getRemainingQuota(),
                            rep.getAttainment(),
                            rep.getPipelineCoverage(),
                            rep.getWinRate180(),
                            rep.getAverageWonAmount(),
                            rep.getOpenPipeline(),
                            rep.getWonAmountThisYear(),
                            rep.getTeam().getWinRate180(),
                            rep.getTeam().getAverageOpenPipeline());
            assertTrue(figures.stream().allMatch(f -> f == 0.0), rep + ": " + figures);
            assertFalse(rep.hasQuota());
            assertEquals(DealContext.NEVER, rep.getDaysSinceLastActivity());
            assertEquals(DealContext.NEVER, rep.getDaysSinceHire());
            assertNull(rep.getTeam().getTopPerformerId(), "nobody won anything");
        }
        assertEquals(List.of(new TeamStats("M1", 1, 0, 0, 0, null, null)), contexts.teams());
    }

    @Test
    void unresolvableReferencesAreRefusedAtTheirPath() {
        assertRefused(
                """
                {"deals": [{"id": "D1", "playbook": "strategic", "stage": "Lead", "closeDatePushes": 0}]}
                """,
                "deals[0].playbook",
                "unknown playbook \"strategic\" (known: "
                        + playbooks.playbooks().stream().map(p -> p.id()).toList()
                        + ")");
        assertRefused(
                """
                {"deals": [{"id": "D1", "stage": "Lead", "closeDatePushes": 0}],
                 "activities": [{"id": "X1", "dealId": "D2", "type": "call", "date": "2017-06-01"}]}
                """,
                "activities[0].dealId",
                "unknown deal \"D2\"");
        assertRefused(
                """
                {"deals": [{"id": "D1", "stage": "Lead", "closeDatePushes": 0}, {"id": "D1", "stage": "Won", "closeDatePushes": 0}]}
                """,
                "deals[1].id",
                "duplicate id \"D1\"");
        assertRefused(
                """
                {"deals": [{"id": "D1", "closeDatePushes": 0}]}
                """,
                "deals[0].stage",
                "is required");
    }

    private static void assertRefused(String json, String field, String message) {
        InvalidInputException e =
                assertThrows(
                        InvalidInputException.class,
                        () ->
                                ContextBuilder.build(
                                        FactSetJson.read(json),
                                        playbooks,
                                        LocalDate.of(2017, 6, 30)));
        assertEquals(field + ": " + message, e.getMessage());
        assertEquals(field, e.field());
    }

    private static DealContext deal(String json, LocalDate asOf) {
        return ContextBuilder.build(FactSetJson.read(json), playbooks, asOf).deals().get(0);
    }
}
