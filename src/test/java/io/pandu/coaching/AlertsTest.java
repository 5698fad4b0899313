package io.pandu.coaching;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.pandu.app.Pandu;
import io.pandu.auth.Caller;
import io.pandu.errors.ConflictException;
import io.pandu.errors.ForbiddenException;
import io.pandu.errors.InvalidInputException;
import io.pandu.errors.NotFoundException;
import io.pandu.facts.Deal;
import io.pandu.guidance.Severity;
import io.pandu.runs.RunStatus;
import io.pandu.runs.Trigger;
import io.pandu.store.Page;
import io.pandu.testing.Fixture;
import io.pandu.testing.OnEachDatabase;
import io.pandu.testing.TestDatabase;
import java.math.BigDecimal;
import java.util.List;

class AlertsTest {

    @OnEachDatabase
    void runsRaiseAlertsOnceAndResolveThemWhenTheConditionClears(TestDatabase.Kind kind) {
        try (Fixture.Loaded f = Fixture.open(kind)) {
            Pandu s = f.services();
            RunStatus first = run(s);
            assertEquals(2, first.alertsRaised());
            List<Alert> open = s.alerts().list(Fixture.M1, AlertFilter.NONE, Page.FIRST).items();
            assertEquals(List.of("d1", "d3"), open.stream().map(Alert::dealId).sorted().toList());
            Alert d1 = open.stream().filter(a -> a.dealId().equals("d1")).findFirst().orElseThrow();
            assertEquals(AlertStatus.OPEN, d1.status());
            assertEquals(Severity.MEDIUM, d1.severity());
            assertEquals("DISCOUNT_NEEDS_APPROVAL|deal:d1", d1.dedupKey());
            assertEquals("Discount above the approval threshold needs a manager", d1.rule().name());
            assertTrue(d1.reason().contains("25.0%"), d1.reason());

            RunStatus second = run(s);
            assertEquals(0, second.alertsRaised());
            assertEquals(
                    2,
                    s.alerts().list(Fixture.OPS, AlertFilter.NONE, Page.FIRST).total(),
                    "re-evaluation does not duplicate");

            assertEquals(
                    0,
                    s.alerts().list(Fixture.M2, AlertFilter.NONE, Page.FIRST).total(),
                    "another team's alerts are not shown");
            assertThrows(
                    ForbiddenException.class,
                    () -> s.alerts().list(Caller.rep("r1", "r1"), AlertFilter.NONE, Page.FIRST));
            assertThrows(NotFoundException.class, () -> s.alerts().get(Fixture.M2, d1.id()));
            assertThrows(
                    NotFoundException.class, () -> s.alerts().acknowledge(Fixture.M2, d1.id()));

            assertEquals(
                    1,
                    s.alerts()
                            .list(
                                    Fixture.M1,
                                    new AlertFilter(null, null, null, Severity.HIGH, null),
                                    Page.FIRST)
                            .total());
            assertEquals(
                    1,
                    s.alerts()
                            .list(
                                    Fixture.OPS,
                                    new AlertFilter(
                                            "m1",
                                            "r2",
                                            AlertStatus.OPEN,
                                            null,
                                            "DISCOUNT_NEEDS_APPROVAL"),
                                    Page.FIRST)
                            .total());

            Alert acknowledged = s.alerts().acknowledge(Fixture.M1, d1.id());
            assertEquals(AlertStatus.ACKNOWLEDGED, acknowledged.status());
            assertEquals("m1", acknowledged.acknowledgedBy());
            assertThrows(
                    ConflictException.class, () -> s.alerts().acknowledge(Fixture.M1, d1.id()));

            // the rep cuts the discount: the condition no longer holds and the alert resolves
            // itself
            Deal deal = s.facts().deals().get("d1").orElseThrow().value();
            s.pipeline().upsertDeal(Fixture.OPS, withDiscount(deal, 10));
            RunStatus third = run(s);
            assertEquals(1, third.alertsResolved());
            Alert resolved = s.alerts().get(Fixture.M1, d1.id());
            assertEquals(AlertStatus.RESOLVED, resolved.status());
            assertTrue(
                    resolved.resolution().startsWith("condition no longer holds"),
                    resolved.resolution());
            assertEquals(
                    List.of("raised", "acknowledged", "auto-resolved"),
                    s.alerts().history(Fixture.M1, d1.id()).stream()
                            .map(AlertEvent::event)
                            .toList());
        }
    }

    @OnEachDatabase
    void ofEightConcurrentAcknowledgesAndResolvesOfOneAlertEachExactlyOneWins(
            TestDatabase.Kind kind) throws Exception {
        try (Fixture.Loaded f = Fixture.open(kind)) {
            Pandu s = f.services();
            run(s);
            long id = s.alerts().list(Fixture.M1, AlertFilter.NONE, Page.FIRST).items().get(0).id();
            for (String decision : List.of("acknowledge", "resolve")) {
                java.util.concurrent.ExecutorService pool =
                        java.util.concurrent.Executors.newFixedThreadPool(8);
                java.util.concurrent.CountDownLatch go = new java.util.concurrent.CountDownLatch(1);
                List<java.util.concurrent.Future<Boolean>> calls = new java.util.ArrayList<>();
                for (int i = 0; i < 8; i++) {
                    int n = i;
                    calls.add(
                            pool.submit(
                                    () -> {
                                        go.await();
                                        try {
                                            if (decision.equals("acknowledge")) {
                                                s.alerts().acknowledge(Fixture.M1, id);
                                            } else {
                                                s.alerts().resolve(Fixture.M1, id, "note " + n);
                                            }
                                            return true;
                                        } catch (ConflictException lost) {
                                            return false;
                                        }
                                    }));
                }
                go.countDown();
                int won = 0;
                for (java.util.concurrent.Future<Boolean> c : calls) {
                    won += c.get() ? 1 : 0;
                }
                pool.shutdown();
                assertEquals(1, won, decision + " on " + kind);
            }
            assertEquals(
                    List.of("raised", "acknowledged", "resolved"),
                    s.alerts().history(Fixture.M1, id).stream().map(AlertEvent::event).toList());
        }
    }

    @OnEachDatabase
    void aManuallyResolvedAlertStaysResolvedWhileItsConditionHoldsAndARecurrenceIsNew(
            TestDatabase.Kind kind) {
        try (Fixture.Loaded f = Fixture.open(kind)) {
            Pandu s = f.services();
            run(s);
            Alert d3 =
                    s.alerts()
                            .list(
                                    Fixture.M1,
                                    new AlertFilter(null, "r2", null, null, null),
                                    Page.FIRST)
                            .items()
                            .get(0);
            assertThrows(
                    InvalidInputException.class,
                    () -> s.alerts().resolve(Fixture.M1, d3.id(), " "));
            Alert resolved = s.alerts().resolve(Fixture.M1, d3.id(), "Approved by the VP");
            assertEquals("Approved by the VP", resolved.resolution());
            assertEquals("m1", resolved.resolvedBy());

            run(s);
            assertEquals(
                    1,
                    s.alerts()
                            .list(
                                    Fixture.M1,
                                    new AlertFilter(null, "r2", null, null, null),
                                    Page.FIRST)
                            .total());

            Deal deal = s.facts().deals().get("d3").orElseThrow().value();
            s.pipeline().upsertDeal(Fixture.OPS, withDiscount(deal, 10));
            run(s);
            s.pipeline().upsertDeal(Fixture.OPS, withDiscount(deal, 35));
            RunStatus recurred = run(s);
            assertEquals(1, recurred.alertsRaised());
            List<Alert> both =
                    s.alerts()
                            .list(
                                    Fixture.M1,
                                    new AlertFilter(null, "r2", null, null, null),
                                    Page.FIRST)
                            .items();
            assertEquals(
                    List.of(AlertStatus.OPEN, AlertStatus.RESOLVED),
                    both.stream().map(Alert::status).toList());
        }
    }

    static RunStatus run(Pandu s) {
        RunStatus run = s.runs().runNow(Caller.system(), Trigger.ON_DEMAND);
        assertEquals(RunStatus.SUCCEEDED, run.status(), run.error());
        return run;
    }

    static Deal withDiscount(Deal d, int percent) {
        return new Deal(
                d.id(),
                d.name(),
                d.accountId(),
                d.ownerId(),
                d.playbook(),
                d.product(),
                d.stage(),
                d.amount(),
                BigDecimal.valueOf(percent),
                d.createdDate(),
                d.stageEnteredDate(),
                d.expectedCloseDate(),
                d.closeDate(),
                d.competitor(),
                d.closeDatePushes(),
                d.qualification());
    }

    /**
     * The roster's open alerts per rep: what the list shows, counted by rep and code, in the
     * caller's view (a director sees every team, a rep none).
     */
    @OnEachDatabase
    void openAlertsAreCountedPerRepAndCodeInTheCallersView(TestDatabase.Kind kind) {
        try (Fixture.Loaded f = Fixture.open(kind)) {
            Pandu s = f.services();
            run(s);
            Caller director = new Caller("director", io.pandu.auth.Role.DIRECTOR, null, null);
            java.util.Map<String, java.util.Map<String, Integer>> expected =
                    new java.util.TreeMap<>();
            for (Alert a :
                    s.alerts()
                            .list(
                                    Fixture.OPS,
                                    new AlertFilter(null, null, AlertStatus.OPEN, null, null),
                                    new Page(0, 500))
                            .items()) {
                if (a.repId() != null) {
                    expected.computeIfAbsent(a.repId(), k -> new java.util.TreeMap<>())
                            .merge(a.code(), 1, Integer::sum);
                }
            }
            assertTrue(!expected.isEmpty(), "the fixture raises alerts about reps");
            assertEquals(expected, s.alerts().openByRep(director));
            assertEquals(expected, s.alerts().openByRep(Fixture.OPS));
            java.util.Map<String, java.util.Map<String, Integer>> team =
                    s.alerts().openByRep(Fixture.M2);
            assertTrue(
                    expected.keySet().containsAll(team.keySet()) && team.size() < expected.size(),
                    "a manager sees their team's only: " + team + " of " + expected);
            assertThrows(
                    ForbiddenException.class, () -> s.alerts().openByRep(Caller.rep("r1", "r1")));
        }
    }
}
