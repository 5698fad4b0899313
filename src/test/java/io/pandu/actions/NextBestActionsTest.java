package io.pandu.actions;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.pandu.app.Pandu;
import io.pandu.auth.Caller;
import io.pandu.errors.InvalidInputException;
import io.pandu.errors.NotFoundException;
import io.pandu.facts.Deal;
import io.pandu.testing.Fixture;
import io.pandu.testing.MutableClock;
import io.pandu.testing.OnEachDatabase;
import io.pandu.testing.TestDatabase;
import java.math.BigDecimal;
import java.time.Duration;
import java.time.LocalDate;
import java.util.List;
import org.junit.jupiter.api.Test;

class NextBestActionsTest {

    @OnEachDatabase
    void aRepSeesTheirRankedActionsWithTheirWhyAndFeedbackHidesThemUntilTheDealChanges(
            TestDatabase.Kind kind) {
        MutableClock clock = new MutableClock(Fixture.NOW);
        try (Fixture.Loaded f = Fixture.open(kind, clock)) {
            Pandu s = f.services();
            NextBestActions.RepActions mine = s.actions().forRep(Fixture.R1, "r1");
            assertEquals(TestDatabase.rules().current().version(), mine.ruleSetVersion());
            List<Action> actions = mine.actions();
            assertEquals(
                    List.of("IDENTIFY_ECONOMIC_BUYER d1", "REENGAGE_STALE_DEAL d2"),
                    actions.stream().map(a -> a.code() + " " + a.dealId()).sorted().toList());
            assertTrue(actions.get(0).score() >= actions.get(1).score(), "best first");
            Action stale =
                    actions.stream()
                            .filter(a -> a.code().equals("REENGAGE_STALE_DEAL"))
                            .findFirst()
                            .orElseThrow();
            assertEquals(NextBestActions.actionId("r1", "REENGAGE_STALE_DEAL", "d2"), stale.id());
            assertEquals(16, stale.id().length());
            assertEquals("Re-engage a deal with no recent activity", stale.rule().name());
            assertTrue(stale.reason().contains("No activity for 29 days"), stale.reason());
            assertEquals("Quiet", stale.dealName());
            assertEquals(1, stale.subjectVersion());
            assertNotNull(stale.playId());

            FeedbackRecord dismissed =
                    s.actions()
                            .feedback(
                                    Fixture.R1,
                                    stale.id(),
                                    Feedback.dismissed("customer on holiday"));
            assertEquals(FeedbackKind.DISMISSED, dismissed.kind());
            assertFalse(
                    ids(s.actions().forRep(Fixture.R1, "r1").actions()).contains(stale.id()),
                    "a dismissed action is hidden");

            Deal d2 = s.facts().deals().get("d2").orElseThrow().value();
            s.pipeline()
                    .upsertDeal(
                            Fixture.R1,
                            new Deal(
                                    d2.id(),
                                    d2.name(),
                                    d2.accountId(),
                                    d2.ownerId(),
                                    d2.playbook(),
                                    d2.product(),
                                    d2.stage(),
                                    BigDecimal.valueOf(3500),
                                    d2.discountPercent(),
                                    d2.createdDate(),
                                    d2.stageEnteredDate(),
                                    d2.expectedCloseDate(),
                                    d2.closeDate(),
                                    d2.competitor(),
                                    d2.closeDatePushes(),
                                    d2.qualification()));
            assertTrue(
                    ids(s.actions().forRep(Fixture.R1, "r1").actions()).contains(stale.id()),
                    "the deal changed: the action is back");

            String buyer = NextBestActions.actionId("r1", "IDENTIFY_ECONOMIC_BUYER", "d1");
            // snoozed until as-of + 14 days (as-of is 2017-06-30)
            s.actions().feedback(Fixture.R1, buyer, Feedback.snoozed(LocalDate.of(2017, 7, 14)));
            assertFalse(
                    ids(s.actions().forRep(Fixture.R1, "r1").actions()).contains(buyer), "snoozed");
            clock.advance(Duration.ofDays(30));
            assertFalse(
                    ids(s.actions().forRep(Fixture.R1, "r1").actions()).contains(buyer),
                    "a snooze counts in the pipeline's calendar, not the wall clock's");
            s.facts().setAsOf(LocalDate.of(2017, 7, 14));
            assertFalse(
                    ids(s.actions().forRep(Fixture.R1, "r1").actions()).contains(buyer),
                    "as-of + 14: the snooze's last day, still hidden");
            s.facts().setAsOf(LocalDate.of(2017, 7, 15));
            assertTrue(
                    ids(s.actions().forRep(Fixture.R1, "r1").actions()).contains(buyer),
                    "as-of + 15: the snooze ended");

            s.actions().feedback(Fixture.R1, buyer, Feedback.done());
            assertFalse(
                    ids(s.actions().forRep(Fixture.R1, "r1").actions()).contains(buyer), "done");
            assertEquals(
                    List.of(FeedbackKind.DONE, FeedbackKind.SNOOZED, FeedbackKind.DISMISSED),
                    s.actions().feedbackHistory(Fixture.R1, "r1").stream()
                            .map(FeedbackRecord::kind)
                            .toList());

            assertThrows(
                    NotFoundException.class,
                    () -> s.actions().feedback(Fixture.R1, "0000000000000000", Feedback.done()));
            assertThrows(InvalidInputException.class, () -> Feedback.dismissed(""));
            assertThrows(
                    InvalidInputException.class,
                    () -> new Feedback(FeedbackKind.SNOOZED, null, null));
        }
    }

    @OnEachDatabase
    void aDismissalSurvivesARenameAndExpiresAfterThirtyDaysOfThePipelineCalendar(
            TestDatabase.Kind kind) {
        try (Fixture.Loaded f = Fixture.open(kind)) {
            Pandu s = f.services();
            String stale = NextBestActions.actionId("r1", "REENGAGE_STALE_DEAL", "d2");
            FeedbackRecord dismissed =
                    s.actions().feedback(Fixture.R1, stale, Feedback.dismissed("on holiday"));
            assertEquals(LocalDate.of(2017, 6, 30), dismissed.asOf());
            assertEquals(16, dismissed.factsFingerprint().length());

            Deal d2 = s.facts().deals().get("d2").orElseThrow().value();
            s.pipeline().upsertDeal(Fixture.R1, renamed(d2, "Quiet, renamed"));
            assertEquals(2, s.facts().deals().get("d2").orElseThrow().version(), "an edit");
            assertFalse(
                    ids(s.actions().forRep(Fixture.R1, "r1").actions()).contains(stale),
                    "a rename is not a fact the rule read: still dismissed");

            s.facts().setAsOf(LocalDate.of(2017, 7, 29));
            assertFalse(
                    ids(s.actions().forRep(Fixture.R1, "r1").actions()).contains(stale),
                    "29 days on: still dismissed");
            s.facts().setAsOf(LocalDate.of(2017, 7, 30));
            assertTrue(
                    ids(s.actions().forRep(Fixture.R1, "r1").actions()).contains(stale),
                    "30 days on (dismissalExpiryDays): back");
        }
    }

    /**
     * The team's evaluation behind a rep's list is kept between requests, and a new as-of date or a
     * change written by another process on the same store (another node, a command) gives the fresh
     * list on the next request.
     */
    @OnEachDatabase
    void theListFollowsANewAsOfDateAndAChangeWrittenByAnotherProcess(TestDatabase.Kind kind) {
        try (Fixture.Loaded f = Fixture.open(kind)) {
            Pandu s = f.services();
            assertTrue(reengage(s).contains("No activity for 29 days"), reengage(s));
            assertEquals(reengage(s), reengage(s));

            s.facts().setAsOf(LocalDate.of(2017, 7, 10));
            assertTrue(reengage(s).contains("No activity for 39 days"), reengage(s));

            // another process on the same database logs a call on d2 on the as-of date
            new io.pandu.store.FactStore(f.db().db(), new MutableClock(Fixture.NOW))
                    .activities()
                    .upsert(
                            new io.pandu.facts.Activity(
                                    "a-call-today",
                                    "d2",
                                    "r1",
                                    io.pandu.facts.ActivityType.CALL,
                                    LocalDate.of(2017, 7, 10)));
            assertEquals(
                    List.of(),
                    s.actions().forRep(Fixture.R1, "r1").actions().stream()
                            .filter(a -> a.code().equals("REENGAGE_STALE_DEAL"))
                            .filter(a -> "d2".equals(a.dealId()))
                            .toList(),
                    "d2 had a call today: nothing to re-engage");
        }
    }

    /** The reason of r1's re-engage action on d2 (the quiet deal). */
    private static String reengage(Pandu s) {
        return s.actions().forRep(Fixture.R1, "r1").actions().stream()
                .filter(a -> a.code().equals("REENGAGE_STALE_DEAL"))
                .filter(a -> "d2".equals(a.dealId()))
                .findFirst()
                .orElseThrow()
                .reason();
    }

    private static Deal renamed(Deal d, String name) {
        return new Deal(
                d.id(),
                name,
                d.accountId(),
                d.ownerId(),
                d.playbook(),
                d.product(),
                d.stage(),
                d.amount(),
                d.discountPercent(),
                d.createdDate(),
                d.stageEnteredDate(),
                d.expectedCloseDate(),
                d.closeDate(),
                d.competitor(),
                d.closeDatePushes(),
                d.qualification());
    }

    @Test
    void theFingerprintIsOfTheFactsWhateverTheirOrder() {
        assertEquals(
                NextBestActions.fingerprint(List.of("deal d1 (Engaging, 100)", "rep r1")),
                NextBestActions.fingerprint(List.of("rep r1", "deal d1 (Engaging, 100)")));
        assertNotEquals(
                NextBestActions.fingerprint(List.of("deal d1 (Engaging, 100)")),
                NextBestActions.fingerprint(List.of("deal d1 (Engaging, 200)")));
    }

    @OnEachDatabase
    void actionsAndInsightsFollowVisibility(TestDatabase.Kind kind) {
        try (Fixture.Loaded f = Fixture.open(kind)) {
            Pandu s = f.services();
            assertThrows(
                    NotFoundException.class,
                    () -> s.actions().forRep(Fixture.R1, "r2").actions(),
                    "another rep's actions do not exist for r1");
            assertEquals(
                    2,
                    s.actions().forRep(Caller.manager("m1", "m1"), "r2").actions().size(),
                    "a manager sees the team's");
            assertThrows(
                    NotFoundException.class,
                    () -> s.actions().forRep(Caller.manager("m2", "m2"), "r1"));
            assertEquals(1, s.actions().forRep(Fixture.OPS, "r3").actions().size());
            assertThrows(
                    NotFoundException.class,
                    () -> s.actions().forRep(Fixture.OPS, "nobody").actions());

            assertEquals(
                    List.of("d1", "d2"),
                    s.actions().insights(Fixture.R1, "r1").stream()
                            .map(i -> i.dealId())
                            .sorted()
                            .toList());
            assertThrows(
                    NotFoundException.class,
                    () -> s.actions().insights(Caller.rep("rep.two", "r2"), "r1"));

            String id = NextBestActions.actionId("r2", "REENGAGE_STALE_DEAL", "d3");
            assertThrows(
                    NotFoundException.class,
                    () -> s.actions().feedback(Fixture.R1, id, Feedback.done()),
                    "not r1's action");
            assertEquals(
                    "m1",
                    s.actions()
                            .feedback(Caller.manager("m1", "m1"), "r2", id, Feedback.done())
                            .by());
        }
    }

    static List<String> ids(List<Action> actions) {
        return actions.stream().map(Action::id).toList();
    }

    @Test
    void anActionAboutNoDealIsNamedByItsSubjectSoTwoTrainingsAreTwoActions() {
        String gtx =
                NextBestActions.actionId("r1", "PRODUCT_TRAINING", null, null, "Training: GTX Pro");
        String mg =
                NextBestActions.actionId(
                        "r1", "PRODUCT_TRAINING", null, null, "Training: MG Special");
        assertNotEquals(gtx, mg);
        assertNotEquals(
                NextBestActions.actionId("r1", "CROSS_SELL", null, "acme", "Cross-sell GTX"),
                NextBestActions.actionId("r1", "CROSS_SELL", null, "globex", "Cross-sell GTX"));
        assertEquals(
                NextBestActions.actionId("r1", "REENGAGE_STALE_DEAL", "d2"),
                NextBestActions.actionId("r1", "REENGAGE_STALE_DEAL", "d2", "acme", "any title"),
                "an action on a deal is named by the deal alone, as before");
    }
}
