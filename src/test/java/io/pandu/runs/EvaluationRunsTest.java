package io.pandu.runs;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.pandu.app.Pandu;
import io.pandu.auth.Caller;
import io.pandu.auth.PasswordHasher;
import io.pandu.errors.ForbiddenException;
import io.pandu.errors.NotFoundException;
import io.pandu.guidance.Guidance;
import io.pandu.store.Page;
import io.pandu.testing.Fixture;
import io.pandu.testing.MutableClock;
import io.pandu.testing.OnEachDatabase;
import io.pandu.testing.TestDatabase;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.time.Duration;
import java.time.LocalDate;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;

class EvaluationRunsTest {

    @OnEachDatabase
    void aRunEvaluatesEveryTeamAndRecordsFiringsAndSnapshots(TestDatabase.Kind kind)
            throws InterruptedException {
        try (Fixture.Loaded f = Fixture.open(kind)) {
            Pandu s = f.services();
            assertThrows(
                    ForbiddenException.class,
                    () -> s.runs().start(Caller.manager("m1", "m1"), Trigger.ON_DEMAND));
            RunStatus started = s.runs().start(Caller.system(), Trigger.ON_DEMAND);
            RunStatus run = started;
            for (int i = 0; i < 600 && run.running(); i++) {
                Thread.sleep(100);
                run = s.runs().get(Caller.system(), started.id());
            }
            assertEquals(RunStatus.SUCCEEDED, run.status(), run.error());
            assertEquals("done", run.phase());
            assertEquals(LocalDate.of(2017, 6, 30), run.asOf());
            assertEquals(2, run.teams());
            assertEquals(2, run.teamsDone());
            assertEquals(5, run.deals());
            assertEquals(5, run.recommendations());
            assertEquals(2, run.alertsRaised());
            assertNotNull(run.durationMs());
            if (run.evaluationMs() > 0) {
                assertNotNull(run.dealsPerSecond());
                assertTrue(
                        io.pandu.store.Json.write(run).contains("\"dealsPerSecond\":"),
                        "the API shows the speed");
            } else { // five deals can take under a millisecond: no speed is made up for them
                assertEquals(null, run.dealsPerSecond());
            }
            assertEquals(TestDatabase.rules().current().version(), run.ruleSetVersion());

            List<RuleFiring> firings = s.runs().lastFirings(Caller.manager("m1", "m1"));
            assertTrue(
                    firings.contains(
                            new RuleFiring("playbook.Re-engage a deal with no recent activity", 3)),
                    firings.toString());
            assertTrue(
                    firings.contains(
                            new RuleFiring(
                                    "coaching.Discount above the approval threshold needs a manager",
                                    2)),
                    firings.toString());

            Guidance m1 = s.runs().snapshot(Caller.manager("m1", "m1"), "m1");
            assertEquals(4, m1.recommendations().size());
            assertThrows(
                    NotFoundException.class,
                    () -> s.runs().snapshot(Caller.manager("m2", "m2"), "m1"));
            assertEquals(1, s.runs().snapshot(Caller.system(), "m2").recommendations().size());
            assertEquals(run, s.runs().latest(Caller.system()).orElseThrow());
            assertEquals(1, s.runs().list(Caller.system(), Page.FIRST).total());
            var versions = s.runs().ruleSetVersions(Caller.system());
            assertEquals(run.ruleSetVersion(), versions.get(0).version());
            assertEquals(
                    TestDatabase.rules().current().rules().rules().size(), versions.get(0).rules());
        }
    }

    @OnEachDatabase
    void onlyTheNewestRunsKeepTheirGuidanceSnapshots(TestDatabase.Kind kind) {
        try (Fixture.Loaded f = Fixture.open(kind)) {
            Pandu s = f.services();
            List<Long> runs = new java.util.ArrayList<>();
            for (int i = 0; i < EvaluationRuns.SNAPSHOT_RUNS_KEPT + 2; i++) {
                runs.add(s.runs().runNow(Caller.system(), Trigger.CLI).id());
            }
            List<Long> withSnapshots =
                    f.db().db()
                            .jdbc()
                            .query(
                                    "SELECT DISTINCT run_id FROM guidance_snapshots ORDER BY run_id",
                                    rs -> rs.getLong(1));
            assertEquals(runs.subList(2, runs.size()), withSnapshots);
            assertEquals(
                    runs.size(),
                    s.runs().list(Caller.system(), Page.FIRST).total(),
                    "the runs themselves stay");
            assertEquals(
                    4,
                    s.runs().snapshot(Caller.manager("m1", "m1"), "m1").recommendations().size());
        }
    }

    @OnEachDatabase
    void aScheduledRunHappensByItselfAndAFailedRunSaysWhy(TestDatabase.Kind kind)
            throws InterruptedException {
        try (Fixture.Loaded f = Fixture.open(kind)) {
            Pandu s = f.services();
            s.runs().schedule(Duration.ofMillis(200));
            RunStatus run = null;
            for (int i = 0; i < 300 && (run == null || run.running()); i++) {
                Thread.sleep(100);
                run = s.runs().latest(Caller.system()).orElse(null);
            }
            assertEquals("scheduled", run.trigger());
            assertEquals(RunStatus.SUCCEEDED, run.status(), run.error());

            Pandu broken =
                    Pandu.with(new MutableClock(Fixture.NOW))
                            .store(f.db().db())
                            .hasher(new PasswordHasher(1_000))
                            .threads(1)
                            .open(); // no rules: a run cannot evaluate
            s.runs().close(); // no scheduled run in between
            RunStatus failed = broken.runs().runNow(Caller.system(), Trigger.CLI);
            assertEquals(RunStatus.FAILED, failed.status());
            assertTrue(failed.error().contains("opened without rules"), failed.error());
            assertEquals(2, failed.teams());
            assertFalse(
                    broken.runs().lastFirings(Caller.system()).isEmpty(),
                    "the last successful run still counts");
        }
    }

    @OnEachDatabase
    void aFailedRunIsLoggedWithItsStackTraceAndIsTheLastFailureUntilARunSucceeds(
            TestDatabase.Kind kind) {
        try (Fixture.Loaded f = Fixture.open(kind)) {
            Pandu s = f.services();
            assertTrue(s.runs().lastFailure(Caller.system()).isEmpty(), "no run yet");
            Pandu broken =
                    Pandu.with(new MutableClock(Fixture.NOW))
                            .rules(
                                    () -> {
                                        throw new IllegalStateException("no rules loaded");
                                    })
                            .store(f.db().db())
                            .hasher(new PasswordHasher(1_000))
                            .threads(1)
                            .open();
            ByteArrayOutputStream log = new ByteArrayOutputStream();
            PrintStream stderr = System.err;
            RunStatus failed;
            System.setErr(new PrintStream(log, true, UTF_8));
            try {
                failed = broken.runs().runNow(Caller.system(), Trigger.CLI);
            } finally {
                System.setErr(stderr);
                broken.close();
            }
            assertEquals(RunStatus.FAILED, failed.status());
            assertEquals(
                    new RunFailure(failed.id(), "no rules loaded", failed.finishedAt()),
                    s.runs().lastFailure(Caller.system()).orElseThrow());
            String logged = log.toString(UTF_8);
            assertTrue(
                    logged.contains("Evaluation run " + failed.id() + " failed: no rules loaded"),
                    logged);
            assertTrue(logged.contains("java.lang.IllegalStateException: no rules loaded"), logged);
            assertTrue(
                    logged.contains("\tat io.pandu.evaluate.Evaluator.evaluateAll"),
                    "with the stack trace: " + logged);

            assertEquals(
                    RunStatus.SUCCEEDED, s.runs().runNow(Caller.system(), Trigger.CLI).status());
            assertTrue(
                    s.runs().lastFailure(Caller.system()).isEmpty(),
                    "a run that succeeds clears it");
        }
    }

    @OnEachDatabase
    void aScheduledRunThatFailsDoesNotStopTheLaterOnes(TestDatabase.Kind kind)
            throws InterruptedException {
        try (Fixture.Loaded f = Fixture.open(kind)) {
            AtomicInteger asked = new AtomicInteger();
            Pandu flaky =
                    Pandu.with(new MutableClock(Fixture.NOW))
                            .rules(
                                    () -> {
                                        if (asked.getAndIncrement() == 0) {
                                            throw new IllegalStateException("rules not there yet");
                                        }
                                        return TestDatabase.rules().current();
                                    })
                            .playbooks(() -> TestDatabase.rules().current().playbooks())
                            .store(f.db().db())
                            .hasher(new PasswordHasher(1_000))
                            .threads(2)
                            .open();
            List<RunStatus> newestFirst = List.of();
            try {
                flaky.runs().schedule(Duration.ofMillis(200));
                for (int i = 0;
                        i < 300
                                && newestFirst.stream()
                                        .noneMatch(r -> r.status().equals(RunStatus.SUCCEEDED));
                        i++) {
                    Thread.sleep(100);
                    newestFirst = flaky.runs().list(Caller.system(), Page.FIRST).items();
                }
            } finally {
                flaky.close();
            }
            RunStatus first = newestFirst.get(newestFirst.size() - 1);
            assertEquals("scheduled", first.trigger());
            assertEquals(RunStatus.FAILED, first.status());
            assertEquals("rules not there yet", first.error());
            // the newest finished run: on a loaded machine the next scheduled run may have begun
            RunStatus later =
                    newestFirst.stream()
                            .filter(r -> !r.status().equals(RunStatus.RUNNING))
                            .findFirst()
                            .orElseThrow();
            assertEquals("scheduled", later.trigger());
            assertEquals(RunStatus.SUCCEEDED, later.status(), later.error());
        }
    }

    /**
     * The newest succeeded run's guidance, every team's, as the run kept it; read again only when a
     * newer run succeeded.
     */
    @OnEachDatabase
    void theLatestGuidanceIsTheNewestSucceededRunsSnapshots(TestDatabase.Kind kind) {
        try (Fixture.Loaded f = Fixture.open(kind)) {
            Pandu s = f.services();
            RunRepository records = new RunRepository(s.database(), s.audit());
            LatestGuidance latest = new LatestGuidance(records);
            assertTrue(latest.latest().isEmpty(), "no run yet");
            RunStatus first = s.runs().runNow(Caller.system(), Trigger.ON_DEMAND);
            LatestGuidance.Snapshot one = latest.latest().orElseThrow();
            assertEquals(first.id(), one.runId());
            assertEquals(first.asOf(), one.asOf());
            assertEquals(first.teams(), one.teams().size());
            for (var team : one.teams().entrySet()) {
                assertEquals(
                        records.snapshot(first.id(), team.getKey()).orElseThrow(), team.getValue());
            }
            assertTrue(one == latest.latest().orElseThrow(), "kept while no newer run succeeded");
            RunStatus second = s.runs().runNow(Caller.system(), Trigger.ON_DEMAND);
            assertEquals(second.id(), latest.latest().orElseThrow().runId());
        }
    }
}
