package io.pandu.decisions;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.pandu.facts.FactSet;
import io.pandu.guidance.Guidance;
import io.pandu.guidance.Recommendation;
import io.pandu.guidance.RuleRef;
import io.pandu.guidance.ScoreFactors;
import io.pandu.store.Scope;
import io.pandu.testing.MutableClock;
import io.pandu.testing.OnEachDatabase;
import io.pandu.testing.TestDatabase;
import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;

class DecisionRepositoryTest {
    private static final LocalDate DAY = LocalDate.of(2017, 12, 31);
    private static final Instant AT = Instant.parse("2026-01-05T09:00:00Z");
    private static final FactSet NO_FACTS = new FactSet(DAY, null, null, null, null, null, null);

    private static Decision decision(
            String deal, String code, String version, LocalDate asOf, Instant at, boolean out) {
        return new Decision(
                deal,
                "r1",
                code,
                "rule " + code,
                version,
                "velocity",
                out,
                asOf,
                asOf,
                at,
                at,
                null);
    }

    @OnEachDatabase
    void anUpsertKeepsOneRowPerSubjectCodeAndVersionWithItsFirstAndLastComputation(
            TestDatabase.Kind kind) {
        try (TestDatabase t = TestDatabase.open(kind)) {
            DecisionRepository repository = new DecisionRepository(t.db());
            repository.upsert(
                    List.of(
                            decision("D1", "A", "v1", DAY, AT, false),
                            decision("D2", "A", "v1", DAY, AT, true),
                            decision(null, "TRAIN", "v1", DAY, AT, false)));
            Instant later = AT.plus(Duration.ofHours(3));
            repository.upsert(
                    List.of(
                            decision("D1", "A", "v1", DAY.plusDays(2), later, false),
                            decision("D1", "A", "v2", DAY.plusDays(2), later, false)));
            List<Decision> all = repository.between(null, null, Scope.ALL);
            assertEquals(4, all.size(), all.toString());
            Decision d1 =
                    all.stream()
                            .filter(d -> "D1".equals(d.dealId()) && d.ruleSetVersion().equals("v1"))
                            .findFirst()
                            .orElseThrow();
            assertEquals(DAY, d1.firstAsOf());
            assertEquals(DAY.plusDays(2), d1.lastAsOf());
            assertEquals(AT, d1.firstComputedAt());
            assertEquals(later, d1.lastComputedAt());
            assertTrue(all.stream().anyMatch(d -> "D2".equals(d.dealId()) && d.heldOut()));
            assertTrue(
                    all.stream()
                            .anyMatch(d -> d.dealId() == null && d.subjectKey().equals("rep:r1")));
            // a period meets a record when it overlaps the record's first..last as-of span
            assertEquals(2, repository.between(DAY.plusDays(1), null, Scope.ALL).size());
            assertEquals(3, repository.between(null, DAY, Scope.ALL).size());
            assertEquals(1, repository.between(DAY.plusDays(1), DAY.plusDays(1), Scope.ALL).size());
            assertEquals(0, repository.between(null, null, Scope.rep("r2")).size());
            assertEquals(4, repository.between(null, null, Scope.rep("r1")).size());
        }
    }

    @OnEachDatabase
    void theLogWritesARunInBatchesOnItsThreadAndSkipsWhatItWroteMinutesAgo(TestDatabase.Kind kind) {
        try (TestDatabase t = TestDatabase.open(kind)) {
            MutableClock clock = new MutableClock(AT);
            DecisionRepository repository = new DecisionRepository(t.db());
            try (DecisionLog log = new DecisionLog(repository, new Holdout(0.1), clock)) {
                List<Recommendation> raised = new ArrayList<>();
                for (int i = 0; i < DecisionLog.BATCH + 500; i++) {
                    raised.add(recommendation("D" + i, "REENGAGE_STALE_DEAL"));
                }
                log.recordRun(guidance("v1", raised), NO_FACTS);
                log.flush();
                List<Decision> stored = repository.between(null, null, Scope.ALL);
                assertEquals(DecisionLog.BATCH + 500, stored.size());
                long out = stored.stream().filter(Decision::heldOut).count();
                for (Decision d : stored) {
                    assertEquals(
                            log.heldOut(d.dealId(), d.repId(), d.code()),
                            d.heldOut(),
                            d.toString());
                }
                assertTrue(out > 150 && out < 350, out + " of 2500 held out at 0.1");

                clock.advance(Duration.ofMinutes(1));
                log.recordRequest(guidance("v1", raised.subList(0, 3)), NO_FACTS);
                log.flush();
                assertFalse(
                        repository.between(null, null, Scope.ALL).stream()
                                .anyMatch(d -> d.lastComputedAt().isAfter(AT)),
                        "a request within minutes of the run writes nothing again");
                clock.advance(DecisionLog.REWRITE_AFTER);
                log.recordRequest(guidance("v1", raised.subList(0, 3)), NO_FACTS);
                log.flush();
                assertEquals(
                        3,
                        repository.between(null, null, Scope.ALL).stream()
                                .filter(d -> d.lastComputedAt().isAfter(AT))
                                .count());
            }
        }
    }

    private static Guidance guidance(String version, List<Recommendation> recommendations) {
        return new Guidance(version, DAY, recommendations, List.of(), List.of(), List.of());
    }

    private static Recommendation recommendation(String deal, String code) {
        return new Recommendation(
                code,
                "Re-engage",
                "quiet",
                deal,
                "r1",
                null,
                null,
                new ScoreFactors(50, 1, 1, 50),
                new RuleRef("Stale deal", "rules/stale.drl", 3, "deal"),
                List.of(),
                BigDecimal.ONE,
                null);
    }
}
