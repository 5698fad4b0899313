package io.pandu.store;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.pandu.facts.Account;
import io.pandu.facts.Deal;
import io.pandu.facts.Rep;
import io.pandu.testing.MutableClock;
import io.pandu.testing.OnEachDatabase;
import io.pandu.testing.TestDatabase;
import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;

class FactStoreTest {

    static Rep rep(String id, String manager) {
        return new Rep(id, "Rep " + id, manager, "Central", null, null, List.of());
    }

    static Deal deal(String id, String owner, String stage, int amount) {
        return new Deal(
                id,
                "Deal " + id,
                null,
                owner,
                null,
                "GTX Pro",
                stage,
                BigDecimal.valueOf(amount),
                null,
                LocalDate.of(2017, 5, 1),
                null,
                null,
                null,
                null,
                0,
                null);
    }

    /**
     * A first import into an empty PostgreSQL table must not keep the plan chosen while it was
     * empty (a sequential scan per chunk made the first import of 100,000 deals quadratic): the
     * import analyzes the table as it grows.
     */
    @Test
    void aLargeFirstImportIntoPostgresqlRefreshesTheTableStatistics() {
        Assumptions.assumeTrue(
                TestDatabase.postgresReachable(), "PostgreSQL is not reachable: skipped");
        try (TestDatabase t = TestDatabase.open(TestDatabase.Kind.POSTGRES)) {
            FactStore store =
                    new FactStore(t.db(), new MutableClock(Instant.parse("2017-07-01T10:00:00Z")));
            List<Deal> deals = new ArrayList<>();
            for (int i = 0; i < 5_000; i++) {
                deals.add(deal("d" + i, "r1", "Engaging", 100 + i));
            }
            UpsertCounts counts = store.deals().upsertAll(deals, done -> {});
            assertEquals(5_000, counts.created());
            long analyzed =
                    t.db().tx(
                                    c -> {
                                        try (var st = c.createStatement();
                                                var rs =
                                                        st.executeQuery(
                                                                "SELECT analyze_count FROM"
                                                                        + " pg_stat_user_tables"
                                                                        + " WHERE relname = 'deals'"
                                                                        + " AND schemaname ="
                                                                        + " current_schema()")) {
                                            return rs.next() ? rs.getLong(1) : -1L;
                                        }
                                    });
            assertTrue(analyzed >= 1, "deals analyzed " + analyzed + " times");
        }
    }

    @OnEachDatabase
    void upsertCreatesUpdatesAndLeavesEqualRecordsAlone(TestDatabase.Kind kind) {
        try (TestDatabase t = TestDatabase.open(kind)) {
            FactStore store =
                    new FactStore(t.db(), new MutableClock(Instant.parse("2017-07-01T10:00:00Z")));
            assertEquals(UpsertCounts.Outcome.CREATED, store.reps().upsert(rep("r1", "m1")));
            assertEquals(UpsertCounts.Outcome.UNCHANGED, store.reps().upsert(rep("r1", "m1")));
            assertEquals(1, store.reps().get("r1").orElseThrow().version());
            assertEquals(UpsertCounts.Outcome.UPDATED, store.reps().upsert(rep("r1", "m2")));
            Stored<Rep> stored = store.reps().get("r1").orElseThrow();
            assertEquals(2, stored.version());
            assertEquals("m2", stored.value().managerId());
            assertEquals(Instant.parse("2017-07-01T10:00:00Z"), stored.updatedAt());

            UpsertCounts counts =
                    store.deals()
                            .upsertAll(
                                    List.of(
                                            deal("d1", "r1", "Won", 10),
                                            deal("d2", "r1", "Lost", 20),
                                            deal("d1", "r1", "Won", 10)),
                                    done -> {});
            assertEquals(new UpsertCounts(2, 0, 1), counts, "a repeated id counts once");
            counts =
                    store.deals()
                            .upsertAll(
                                    List.of(
                                            deal("d1", "r1", "Won", 11),
                                            deal("d2", "r1", "Lost", 20),
                                            deal("d3", "r1", "Engaging", 30)),
                                    done -> {});
            assertEquals(new UpsertCounts(1, 1, 1), counts);
            assertEquals(
                    0,
                    store.deals()
                            .get("d1")
                            .orElseThrow()
                            .value()
                            .amount()
                            .compareTo(BigDecimal.valueOf(11)));
        }
    }

    @OnEachDatabase
    void writersRacingToCreateTheSameRecordAllSucceedAndOneCreatesIt(TestDatabase.Kind kind)
            throws Exception {
        try (TestDatabase t = TestDatabase.open(kind)) {
            FactStore store = new FactStore(t.db(), java.time.Clock.systemUTC());
            int writers = 4;
            ExecutorService pool = Executors.newFixedThreadPool(writers);
            try {
                for (int round = 0; round < 25; round++) {
                    String id = "race-" + round;
                    CyclicBarrier together = new CyclicBarrier(writers);
                    List<Future<UpsertCounts.Outcome>> outcomes = new ArrayList<>();
                    for (int w = 0; w < writers; w++) {
                        outcomes.add(
                                pool.submit(
                                        () -> {
                                            together.await();
                                            return store.reps().upsert(rep(id, "m1"));
                                        }));
                    }
                    List<UpsertCounts.Outcome> seen = new ArrayList<>();
                    for (Future<UpsertCounts.Outcome> outcome : outcomes) {
                        seen.add(outcome.get()); // a broken primary key would surface here as a
                        // StoreException
                    }
                    assertEquals(
                            1,
                            seen.stream().filter(o -> o == UpsertCounts.Outcome.CREATED).count(),
                            seen.toString());
                    assertEquals(1, store.reps().get(id).orElseThrow().version());
                }
            } finally {
                pool.shutdownNow();
            }
        }
    }

    @OnEachDatabase
    void listsFilterPageAndKeepToTheScope(TestDatabase.Kind kind) {
        try (TestDatabase t = TestDatabase.open(kind)) {
            FactStore store = new FactStore(t.db(), java.time.Clock.systemUTC());
            store.reps()
                    .upsertAll(List.of(rep("r1", "m1"), rep("r2", "m1"), rep("r3", "m2")), d -> {});
            store.deals()
                    .upsertAll(
                            List.of(
                                    deal("d1", "r1", "Won", 1),
                                    deal("d2", "r1", "Engaging", 2),
                                    deal("d3", "r2", "engaging", 3),
                                    deal("d4", "r3", "Engaging", 4)),
                            d -> {});

            PageResult<Stored<Deal>> page =
                    store.deals()
                            .list(new Where().eqIgnoreCase("stage", "ENGAGING"), new Page(0, 2));
            assertEquals(3, page.total());
            assertEquals(
                    List.of("d2", "d3"), page.items().stream().map(s -> s.value().id()).toList());
            assertEquals(
                    List.of("d4"),
                    store
                            .deals()
                            .list(new Where().eqIgnoreCase("stage", "ENGAGING"), new Page(2, 2))
                            .items()
                            .stream()
                            .map(s -> s.value().id())
                            .toList());

            assertEquals(
                    List.of("d1", "d2"),
                    ids(
                            store.deals()
                                    .all(
                                            FactStore.scoped(
                                                    new Where(), Scope.rep("r1"), "owner_id"))));
            assertEquals(
                    List.of("d1", "d2", "d3"),
                    ids(
                            store.deals()
                                    .all(
                                            FactStore.scoped(
                                                    new Where(), Scope.team("m1"), "owner_id"))));
            assertEquals(
                    4,
                    store.deals().all(FactStore.scoped(new Where(), Scope.ALL, "owner_id")).size());
        }
    }

    /**
     * A team (and the whole pipeline) is read once and kept while the store is at the same state: a
     * change made through another FactStore on the same database (another node, a command) or a new
     * as-of date gives a fresh read; writing a record again unchanged does not.
     */
    @OnEachDatabase
    void aTeamIsKeptUntilAnyWriterChangesTheStoreOrItsAsOfDate(TestDatabase.Kind kind) {
        try (TestDatabase t = TestDatabase.open(kind)) {
            FactStore node = new FactStore(t.db(), java.time.Clock.systemUTC());
            FactStore other = new FactStore(t.db(), java.time.Clock.systemUTC());
            other.reps().upsertAll(List.of(rep("r1", "m1"), rep("r2", "m2")), d -> {});
            other.deals().upsertAll(List.of(deal("d1", "r1", "Engaging", 10)), d -> {});
            other.setAsOf(LocalDate.of(2017, 12, 31));
            FactStore.State at = node.state();
            assertEquals(LocalDate.of(2017, 12, 31), at.asOf());

            Team first = node.team("m1", at.asOf());
            assertSame(first, node.team("m1", at.asOf()), "unchanged store: the team is kept");
            List<Team> pipeline = node.pipeline(at.asOf());
            assertSame(pipeline, node.pipeline(at.asOf()), "and so is the pipeline");

            other.deals().upsert(deal("d1", "r1", "Engaging", 10));
            assertEquals(at, node.state(), "a record written again unchanged changes nothing");
            assertSame(first, node.team("m1", at.asOf()));

            other.deals().upsert(deal("d2", "r1", "Engaging", 20));
            FactStore.State changed = node.state();
            assertTrue(changed.changes() > at.changes(), changed + " after " + at);
            assertEquals(List.of("d1", "d2"), ids(node.team("m1", at.asOf()).facts().deals()));
            assertEquals(
                    List.of("d1", "d2"),
                    ids(
                            node.pipeline(at.asOf()).stream()
                                    .filter(team -> team.id().equals("m1"))
                                    .findFirst()
                                    .orElseThrow()
                                    .facts()
                                    .deals()));

            other.setAsOf(LocalDate.of(2018, 1, 31));
            FactStore.State later = node.state();
            assertEquals(LocalDate.of(2018, 1, 31), later.asOf());
            assertEquals(LocalDate.of(2018, 1, 31), node.team("m1", later).facts().asOf());
        }
    }

    @OnEachDatabase
    void thePipelineIsCutIntoOneFactSetPerTeam(TestDatabase.Kind kind) {
        try (TestDatabase t = TestDatabase.open(kind)) {
            FactStore store = new FactStore(t.db(), java.time.Clock.systemUTC());
            store.reps()
                    .upsertAll(List.of(rep("r1", "m1"), rep("r2", "m2"), rep("r3", null)), d -> {});
            store.accounts()
                    .upsertAll(List.of(account("a1"), account("a2"), account("a3")), d -> {});
            Deal withAccount =
                    new Deal(
                            "d1",
                            "D1",
                            "a1",
                            "r1",
                            null,
                            "GTX Pro",
                            "Won",
                            BigDecimal.ONE,
                            null,
                            null,
                            null,
                            null,
                            null,
                            null,
                            0,
                            null);
            store.deals()
                    .upsertAll(
                            List.of(
                                    withAccount,
                                    deal("d2", "r2", "Won", 1),
                                    deal("d3", "r3", "Won", 1)),
                            d -> {});
            store.setAsOf(LocalDate.of(2017, 12, 31));
            assertEquals(LocalDate.of(2017, 12, 31), store.asOf().orElseThrow());
            store.setAsOf(LocalDate.of(2018, 1, 31));
            assertEquals(LocalDate.of(2018, 1, 31), store.asOfOrToday());

            List<Team> teams = store.pipeline(LocalDate.of(2017, 12, 31));
            assertEquals(
                    List.of(Team.NO_MANAGER, "m1", "m2", Team.UNASSIGNED),
                    teams.stream().map(Team::id).toList());
            Team m1 = teams.get(1);
            assertEquals(List.of("d1"), ids(m1.facts().deals()));
            assertEquals(List.of("a1"), m1.facts().accounts().stream().map(Account::id).toList());
            assertEquals(
                    List.of("a2", "a3"),
                    teams.get(3).facts().accounts().stream().map(Account::id).toList());

            Team single = store.team("m1", LocalDate.of(2017, 12, 31));
            assertEquals(m1.facts(), single.facts(), "one team loaded alone is the same fact set");
            assertTrue(
                    store.team(null, LocalDate.of(2017, 12, 31)).facts().reps().stream()
                            .allMatch(r -> r.managerId() == null));
        }
    }

    static Account account(String id) {
        return new Account(
                id,
                "Account " + id,
                "retail",
                "United States",
                10,
                BigDecimal.TEN,
                null,
                null,
                List.of());
    }

    static List<String> ids(List<Deal> deals) {
        return deals.stream().map(Deal::id).toList();
    }
}
