package io.pandu.evaluate;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.core.JsonProcessingException;
import io.pandu.errors.InvalidInputException;
import io.pandu.facts.Account;
import io.pandu.facts.Activity;
import io.pandu.facts.ActivityType;
import io.pandu.facts.Connection;
import io.pandu.facts.Deal;
import io.pandu.facts.FactSet;
import io.pandu.facts.FactSetJson;
import io.pandu.facts.Product;
import io.pandu.facts.Qualification;
import io.pandu.facts.Rep;
import io.pandu.facts.Territory;
import io.pandu.guidance.Guidance;
import io.pandu.guidance.Recommendation;
import io.pandu.rules.RuleRegistry;
import io.pandu.testing.RuleFixtures;
import io.pandu.testing.TestClocks;
import java.math.BigDecimal;
import java.time.Clock;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Evaluating the starter rules: same facts, same bytes; as-of replays the past; odd reps do not
 * break it.
 */
class EvaluatorTest {
    private static final LocalDate AS_OF = LocalDate.of(2017, 6, 30);

    private static RuleRegistry starterRules;
    private static Evaluator evaluator;

    @BeforeAll
    static void loadStarterRules() {
        starterRules = RuleFixtures.loaded(RuleFixtures.STARTER_RULES, RuleFixtures.PLAYBOOKS);
        evaluator = new Evaluator(starterRules::current, TestClocks.fixed());
    }

    @AfterAll
    static void close() {
        starterRules.close();
    }

    @Test
    void sameFactsInAnyOrderGiveByteIdenticalGuidance() throws JsonProcessingException {
        FactSet facts = pipeline(new Random(7));
        String expected = json(evaluator.evaluate(facts).guidance());

        for (long seed = 1; seed <= 5; seed++) {
            String shuffled =
                    json(evaluator.evaluate(shuffled(facts, new Random(seed))).guidance());
            assertEquals(expected, shuffled, "shuffled with seed " + seed);
        }
        Guidance guidance = evaluator.evaluate(facts).guidance();
        assertTrue(
                guidance.recommendations().size() >= 10,
                "enough guidance to have an order to get wrong");
        assertFalse(guidance.coachingAlerts().isEmpty());
        assertFalse(guidance.incentiveInsights().isEmpty());
        assertFalse(guidance.territoryFindings().isEmpty());
    }

    @Test
    void asOfReplaysThePastIgnoringLaterActivity() {
        String facts =
                """
                {"asOf": "%s",
                 "reps": [{"id": "R1", "managerId": "M1"}],
                 "deals": [{"id": "D1", "name": "Cancity", "ownerId": "R1", "stage": "Engaging", "amount": 4821,
                            "createdDate": "2017-05-01", "stageEnteredDate": "2017-05-20", "closeDatePushes": 0}],
                 "activities": [{"id": "X1", "dealId": "D1", "type": "call", "date": "2017-06-01"},
                                {"id": "X2", "dealId": "D1", "type": "call", "date": "2017-07-10"}]}
                """;

        Guidance june =
                evaluator.evaluate(FactSetJson.read(facts.formatted("2017-06-30"))).guidance();
        Guidance july =
                evaluator.evaluate(FactSetJson.read(facts.formatted("2017-07-12"))).guidance();

        assertEquals(LocalDate.of(2017, 6, 30), june.asOf());
        assertEquals(
                "No activity for 29 days; the Velocity (short-cycle SMB) playbook expects contact every 7 days",
                reason(june, "REENGAGE_STALE_DEAL"),
                "the July call has not happened yet on June 30");
        assertEquals(LocalDate.of(2017, 7, 12), july.asOf());
        assertTrue(
                july.recommendations().stream()
                        .noneMatch(r -> r.code().equals("REENGAGE_STALE_DEAL")),
                "two days after the July call the deal is not stale");
    }

    @Test
    void withoutAsOfTheEvaluatorsClockDecidesNotTheWallClock() {
        FactSet facts =
                FactSetJson.read(
                        """
                {"deals": [{"id": "D1", "stage": "Engaging", "amount": 1000, "createdDate": "2017-06-01",
                            "closeDatePushes": 0}]}
                """);
        Clock june30 = Clock.fixed(AS_OF.atStartOfDay().toInstant(ZoneOffset.UTC), ZoneOffset.UTC);

        Guidance guidance =
                new Evaluator(starterRules::current, EvaluationSettings.DEFAULTS, june30)
                        .evaluate(facts)
                        .guidance();

        assertEquals(AS_OF, guidance.asOf());
        assertEquals(
                "No activity for 29 days; the Velocity (short-cycle SMB) playbook expects contact every 7 days",
                reason(guidance, "REENGAGE_STALE_DEAL"));
    }

    @Test
    void repWithNoDealsAndNoQuotaIsEvaluatedWithoutNaN() throws JsonProcessingException {
        FactSet facts =
                FactSetJson.read(
                        """
                {"asOf": "2017-06-30",
                 "reps": [{"id": "R1", "managerId": "M1"}, {"id": "R2"}]}
                """);

        Evaluation evaluation = evaluator.evaluate(facts);

        String json = json(evaluation.guidance());
        assertFalse(json.contains("NaN") || json.contains("Infinity"), json);
        assertEquals(0, evaluation.deals());
    }

    @Test
    void dealInAStageItsPlaybookDoesNotKnowIsRefusedAtItsPath() {
        FactSet facts =
                FactSetJson.read(
                        """
                {"asOf": "2017-06-30",
                 "deals": [{"id": "D0", "stage": "Engaging", "closeDatePushes": 0},
                           {"id": "D1", "stage": "Negotiatoin", "closeDatePushes": 0}]}
                """);

        InvalidInputException e =
                assertThrows(InvalidInputException.class, () -> evaluator.evaluate(facts));

        assertEquals("deals[1].stage", e.field());
        assertEquals(
                "deals[1].stage: unknown stage \"Negotiatoin\" in playbook velocity "
                        + "(known: [Prospecting, Engaging, Won, Lost])",
                e.getMessage());
    }

    private static String reason(Guidance guidance, String code) {
        return guidance.recommendations().stream()
                .filter(r -> r.code().equals(code))
                .map(Recommendation::reason)
                .findFirst()
                .orElseThrow(
                        () ->
                                new AssertionError(
                                        "no " + code + " in " + guidance.recommendations()));
    }

    private static String json(Guidance guidance) throws JsonProcessingException {
        return FactSetJson.mapper().writeValueAsString(guidance);
    }

    private static FactSet shuffled(FactSet facts, Random random) {
        return new FactSet(
                facts.asOf(),
                shuffle(facts.reps(), random),
                shuffle(facts.deals(), random),
                shuffle(facts.activities(), random),
                shuffle(facts.accounts(), random),
                shuffle(facts.territories(), random),
                shuffle(facts.products(), random));
    }

    private static <T> List<T> shuffle(List<T> items, Random random) {
        List<T> copy = new ArrayList<>(items);
        Collections.shuffle(copy, random);
        return copy;
    }

    /**
     * A small pipeline with plenty of ties: four reps under two managers, deals of a few repeated
     * amounts in every stage (by id, name and alias), activities before and after as-of, accounts
     * with and without a territory, and two territories covering the same region.
     */
    private static FactSet pipeline(Random random) {
        List<Rep> reps =
                List.of(
                        new Rep(
                                "R1",
                                "Ada",
                                "M1",
                                "Central",
                                LocalDate.of(2016, 1, 10),
                                new BigDecimal("250000"),
                                List.of("GTX Basic")),
                        new Rep(
                                "R2",
                                "Bo",
                                "M1",
                                "Central",
                                LocalDate.of(2017, 3, 1),
                                new BigDecimal("100000"),
                                List.of()),
                        new Rep(
                                "R3",
                                "Cy",
                                "M2",
                                "East",
                                LocalDate.of(2015, 5, 5),
                                null,
                                List.of("GTX Pro")),
                        new Rep(
                                "R4",
                                "Di",
                                null,
                                "West",
                                null,
                                new BigDecimal("50000"),
                                List.of()));
        List<Account> accounts =
                List.of(
                        new Account(
                                "A1",
                                "Cancity",
                                "retail",
                                "United States",
                                4025,
                                new BigDecimal("718.62"),
                                null,
                                "R1",
                                List.of(new Connection("R1", 0.8))),
                        new Account(
                                "A2",
                                "Isdom",
                                "medical",
                                "Canada",
                                500,
                                new BigDecimal("12.5"),
                                null,
                                null,
                                List.of()),
                        new Account(
                                "A3",
                                "Rundofase",
                                "software",
                                "Germany",
                                120,
                                new BigDecimal("3"),
                                "T-EU",
                                "R3",
                                List.of()),
                        new Account(
                                "A4",
                                "Zoomit",
                                "retail",
                                "United States",
                                80,
                                null,
                                null,
                                "R2",
                                List.of()));
        List<Territory> territories =
                List.of(
                        new Territory(
                                "T-NA",
                                "North America",
                                List.of("United States", "Canada"),
                                List.of(),
                                40),
                        new Territory(
                                "T-AM",
                                "Americas",
                                List.of("United States", "Canada", "Brazil"),
                                List.of(),
                                80),
                        new Territory("T-EU", "Europe", List.of("Germany"), List.of(), 20));
        List<Product> products =
                List.of(
                        new Product("GTX Pro", "GTX", new BigDecimal("4821")),
                        new Product("GTX Basic", "GTX", new BigDecimal("550")),
                        new Product("MG Advanced", "MG", new BigDecimal("3393")));
        String[] stages = {
            "Lead", "Prospecting", "Prospect", "Engaging", "Qualify", "Demo", "Won", "Closed Lost"
        };
        int[] amounts = {1000, 1000, 4821, 550, 3393};
        List<Deal> deals = new ArrayList<>();
        for (int i = 0; i < 24; i++) {
            String stage = stages[i % stages.length];
            LocalDate created = AS_OF.minusDays(10 + random.nextInt(120));
            LocalDate entered = created.plusDays(random.nextInt(10));
            boolean closed = stage.equals("Won") || stage.equals("Closed Lost");
            deals.add(
                    new Deal(
                            "D" + (10 + i),
                            "Deal " + i,
                            "A" + (1 + i % 4),
                            "R" + (1 + i % 4),
                            null,
                            products.get(i % 3).name(),
                            stage,
                            BigDecimal.valueOf(amounts[i % amounts.length]),
                            BigDecimal.valueOf(i % 3 == 0 ? 25 : 10),
                            created,
                            entered,
                            AS_OF.plusDays(i),
                            closed ? entered : null,
                            i % 5 == 0 ? "Rival" : null,
                            i % 4,
                            new Qualification(
                                    i % 2 == 0,
                                    i % 3 == 0,
                                    false,
                                    false,
                                    i % 4 == 0,
                                    false,
                                    true)));
        }
        List<Activity> activities = new ArrayList<>();
        ActivityType[] types = ActivityType.values();
        for (int i = 0; i < 60; i++) {
            Deal deal = deals.get(random.nextInt(deals.size()));
            activities.add(
                    new Activity(
                            "X" + i,
                            deal.id(),
                            deal.ownerId(),
                            types[i % types.length],
                            AS_OF.minusDays(random.nextInt(40) - 5)));
        }
        return new FactSet(AS_OF, reps, deals, activities, accounts, territories, products);
    }
}
