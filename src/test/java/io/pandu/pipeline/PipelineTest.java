package io.pandu.pipeline;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.pandu.app.Pandu;
import io.pandu.auth.Caller;
import io.pandu.errors.ForbiddenException;
import io.pandu.errors.InvalidInputException;
import io.pandu.errors.NotFoundException;
import io.pandu.facts.Activity;
import io.pandu.facts.ActivityType;
import io.pandu.facts.Deal;
import io.pandu.facts.Rep;
import io.pandu.store.Page;
import io.pandu.store.UpsertCounts;
import io.pandu.testing.Fixture;
import io.pandu.testing.OnEachDatabase;
import io.pandu.testing.TestDatabase;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.List;

class PipelineTest {

    @OnEachDatabase
    void eachCallerSeesOnlyWhatTheirRoleAllows(TestDatabase.Kind kind) {
        try (Fixture.Loaded f = Fixture.open(kind)) {
            Pandu s = f.services();
            Pipeline p = s.pipeline();
            assertEquals(
                    List.of("d1", "d2", "d5"), dealIds(p, Fixture.R1, Filters.DealFilter.NONE));
            assertEquals(
                    List.of("d1", "d2", "d3", "d5"),
                    dealIds(p, Fixture.M1, Filters.DealFilter.NONE));
            assertEquals(
                    List.of("d4"),
                    dealIds(p, Fixture.OPS, new Filters.DealFilter(null, "m2", null, null, null)));
            assertEquals(
                    List.of("d2", "d4"),
                    dealIds(
                            p,
                            Fixture.OPS,
                            new Filters.DealFilter(null, null, null, "prospecting", null)));
            assertEquals(
                    List.of("d1", "d2"),
                    dealIds(p, Fixture.OPS, new Filters.DealFilter(null, null, "a1", null, null)));
            assertEquals(5, p.deals(Fixture.OPS, Filters.DealFilter.NONE, new Page(0, 2)).total());

            assertThrows(
                    NotFoundException.class,
                    () -> p.deal(Fixture.R1, "d3"),
                    "another rep's deal is not found");
            assertEquals("d3", p.deal(Fixture.M1, "d3").value().id());
            assertEquals(
                    List.of("r1"),
                    p.reps(Fixture.R1, Filters.RepFilter.NONE, Page.FIRST).items().stream()
                            .map(r -> r.value().id())
                            .toList());
            assertEquals(2, p.reps(Fixture.M1, Filters.RepFilter.NONE, Page.FIRST).total());
            assertThrows(NotFoundException.class, () -> p.rep(Fixture.M1, "r3"));
            assertEquals(
                    1,
                    p.accounts(Fixture.R1, Filters.AccountFilter.NONE, Page.FIRST).total(),
                    "accounts are reference data");
            assertEquals(
                    List.of("x1"),
                    p
                            .activities(Fixture.R1, Filters.ActivityFilter.NONE, Page.FIRST)
                            .items()
                            .stream()
                            .map(a -> a.value().id())
                            .toList());
            assertEquals(
                    0,
                    p.activities(
                                    Caller.rep("rep.three", "r3"),
                                    Filters.ActivityFilter.NONE,
                                    Page.FIRST)
                            .total());
            assertThrows(
                    NotFoundException.class, () -> p.activity(Caller.rep("rep.three", "r3"), "x1"));
        }
    }

    @OnEachDatabase
    void upsertsAreCheckedAndVersioned(TestDatabase.Kind kind) {
        try (Fixture.Loaded f = Fixture.open(kind)) {
            Pandu s = f.services();
            Pipeline p = s.pipeline();
            Deal fresh =
                    new Deal(
                            "d9",
                            "New",
                            null,
                            "r1",
                            null,
                            "GTX Pro",
                            "Prospecting",
                            BigDecimal.TEN,
                            null,
                            LocalDate.of(2017, 6, 29),
                            null,
                            null,
                            null,
                            null,
                            0,
                            null);
            var created = p.upsertDeal(Fixture.R1, fresh);
            assertEquals(UpsertCounts.Outcome.CREATED, created.outcome());
            assertEquals(1, created.version());
            assertEquals(UpsertCounts.Outcome.UNCHANGED, p.upsertDeal(Fixture.R1, fresh).outcome());
            Deal moved =
                    new Deal(
                            "d9",
                            "New",
                            null,
                            "r1",
                            null,
                            "GTX Pro",
                            "Engaging",
                            BigDecimal.TEN,
                            null,
                            LocalDate.of(2017, 6, 29),
                            null,
                            null,
                            null,
                            null,
                            0,
                            null);
            assertEquals(2, p.upsertDeal(Fixture.R1, moved).version());

            Deal forR2 =
                    new Deal(
                            "d10",
                            "Not mine",
                            null,
                            "r2",
                            null,
                            null,
                            "Prospecting",
                            null,
                            null,
                            null,
                            null,
                            null,
                            null,
                            null,
                            0,
                            null);
            assertThrows(InvalidInputException.class, () -> p.upsertDeal(Fixture.R1, forR2));
            assertEquals(UpsertCounts.Outcome.CREATED, p.upsertDeal(Fixture.M1, forR2).outcome());
            Deal badStage =
                    new Deal(
                            "d11",
                            "Typo",
                            null,
                            "r1",
                            null,
                            null,
                            "Negotiatoin",
                            null,
                            null,
                            null,
                            null,
                            null,
                            null,
                            null,
                            0,
                            null);
            InvalidInputException e =
                    assertThrows(
                            InvalidInputException.class, () -> p.upsertDeal(Fixture.R1, badStage));
            assertEquals("stage", e.field());
            assertThrows(
                    NotFoundException.class,
                    () ->
                            p.upsertDeal(
                                    Caller.rep("rep.three", "r3"),
                                    new Deal(
                                            "d3",
                                            "Steal",
                                            null,
                                            "r3",
                                            null,
                                            null,
                                            "Prospecting",
                                            null,
                                            null,
                                            null,
                                            null,
                                            null,
                                            null,
                                            null,
                                            0,
                                            null)));

            assertThrows(
                    ForbiddenException.class,
                    () ->
                            p.upsertRep(
                                    Fixture.R1,
                                    new Rep("r4", "Four", "m1", null, null, null, null)));
            assertEquals(
                    UpsertCounts.Outcome.CREATED,
                    p.upsertRep(Fixture.OPS, new Rep("r4", "Four", "m9", null, null, null, null))
                            .outcome());
            assertEquals(
                    "m9",
                    s.facts().managers().get("m9").orElseThrow().value().id(),
                    "a new manager id gets a record");

            Activity call =
                    new Activity("x2", "d1", "r1", ActivityType.CALL, LocalDate.of(2017, 6, 29));
            assertEquals(
                    UpsertCounts.Outcome.CREATED, p.upsertActivity(Fixture.R1, call).outcome());
            assertThrows(
                    InvalidInputException.class,
                    () ->
                            p.upsertActivity(
                                    Fixture.R1,
                                    new Activity(
                                            "x3",
                                            "d3",
                                            null,
                                            ActivityType.CALL,
                                            LocalDate.of(2017, 6, 29))),
                    "not r1's deal");
            assertEquals(
                    2,
                    s.audit().list("deal.created", Page.FIRST).total(),
                    "every change is audited");
            assertEquals(1, s.audit().list("deal.updated", Page.FIRST).total());
        }
    }

    static List<String> dealIds(Pipeline p, Caller caller, Filters.DealFilter filter) {
        return p.deals(caller, filter, Page.FIRST).items().stream()
                .map(d -> d.value().id())
                .toList();
    }
}
