package io.pandu.evaluate;

import static io.pandu.testing.RuleFixtures.drl;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.pandu.facts.FactSet;
import io.pandu.facts.FactSetJson;
import io.pandu.guidance.Recommendation;
import io.pandu.guidance.RuleRef;
import io.pandu.guidance.ScoreFactors;
import io.pandu.guidance.Scoring;
import io.pandu.rules.RuleRegistry;
import io.pandu.testing.RuleFixtures;
import io.pandu.testing.TestClocks;
import java.math.BigDecimal;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * What a rep sees: one recommendation per (code, deal), the best-scoring first, at most a few per
 * deal and per rep. Every open deal here gets four codes, A to D in falling urgency, and A twice;
 * rep R1 also gets three pieces of advice about no deal (T1 to T3), scoring below everything.
 */
class ArbitrationTest {

    @TempDir static Path rules;

    private static RuleRegistry registry;

    /** Rep R1 owns five equal deals, rep R2 one. */
    private static final FactSet FACTS =
            FactSetJson.read(
                    """
            {"asOf": "2017-06-30",
             "reps": [{"id": "R1"}, {"id": "R2"}],
             "deals": [
               {"id": "D1", "ownerId": "R1", "stage": "Engaging", "amount": 9000, "closeDatePushes": 0},
               {"id": "D2", "ownerId": "R1", "stage": "Engaging", "amount": 9000, "closeDatePushes": 0},
               {"id": "D3", "ownerId": "R1", "stage": "Engaging", "amount": 9000, "closeDatePushes": 0},
               {"id": "D4", "ownerId": "R1", "stage": "Engaging", "amount": 9000, "closeDatePushes": 0},
               {"id": "D5", "ownerId": "R1", "stage": "Engaging", "amount": 9000, "closeDatePushes": 0},
               {"id": "D6", "ownerId": "R2", "stage": "Engaging", "amount": 99000, "closeDatePushes": 0}]}
            """);

    @BeforeAll
    static void writeRules() {
        RuleFixtures.write(
                rules,
                "codes.drl",
                drl(
                        """
                rule "Four codes per deal"
                    @category("guided-selling")
                    @priority(50)
                when
                    $d : DealContext( open )
                then
                    guidance.recommend("A", $d, null, "most urgent", 3.0);
                    guidance.recommend("B", $d, null, "urgent", 2.0);
                    guidance.recommend("C", $d, null, "less urgent", 1.5);
                    guidance.recommend("D", $d, null, "least urgent", 1.0);
                end

                rule "Advice about no deal for R1"
                    @category("training")
                    @priority(10)
                when
                    $r : RepContext( rep.id == "R1" )
                then
                    guidance.recommendToRep("T1", $r, "Training one", "skill gap one");
                    guidance.recommendToRep("T2", $r, "Training two", "skill gap two");
                    guidance.recommendToRep("T3", $r, "Training three", "skill gap three");
                end

                rule "A again, less urgent"
                    @category("guided-selling")
                    @priority(50)
                when
                    $d : DealContext( open )
                then
                    guidance.recommend("A", $d, null, "duplicate", 1.0);
                end
                """));
        registry = RuleFixtures.loaded(rules, RuleFixtures.PLAYBOOKS);
    }

    @AfterAll
    static void close() {
        registry.close();
    }

    /** The defaults but for the per-code cap, which the first tests leave out to see the others. */
    private static final EvaluationSettings NO_CODE_CAP =
            new EvaluationSettings(3, 10, 10, 2, 50, 10_000);

    @Test
    void byDefaultNoCodeTakesMoreThanThreeOfARepsPlaces() {
        List<Recommendation> seen = evaluate(EvaluationSettings.DEFAULTS);

        // R1's five A's (125 each) would take five of its eight deal places: three do, and so do
        // three B's (112.5); C (106.25) gets the last two. R2's one deal is capped by the per-deal
        // cap.
        assertEquals(
                List.of(
                        "A D6", "B D6", "C D6", "A D1", "A D2", "A D3", "B D1", "B D2", "B D3",
                        "C D1", "C D2", "T1 null", "T2 null"),
                codesAndDeals(seen));
        List<Recommendation> r1 = seen.stream().filter(r -> r.repId().equals("R1")).toList();
        assertEquals(10, r1.size(), "still ten for R1");
        assertEquals(
                5, r1.stream().map(Recommendation::code).distinct().count(), "A, B, C, T1, T2");
    }

    @Test
    void theLastCardOfACappedCodeSaysHowManyMoreLikeItWereHeldBack() {
        List<Recommendation> seen = evaluate(EvaluationSettings.DEFAULTS);

        // A D4, A D5 and B D4, B D5 would have had places but for the cap; C D3 would not (R1's
        // list is full when its turn comes)
        assertEquals(
                List.of("A D3 2", "B D3 2"),
                seen.stream()
                        .filter(r -> r.moreLikeThis() != null)
                        .map(r -> r.code() + " " + r.dealId() + " " + r.moreLikeThis())
                        .toList());
    }

    @Test
    void eachCardCarriesTheFactorsOfItsScore() {
        Recommendation aOnD6 = evaluate(EvaluationSettings.DEFAULTS).get(0);

        assertEquals("A D6", aOnD6.code() + " " + aOnD6.dealId());
        // priority 50 × value 3 (99000) × urgency 1.25 (the rule's 3, bounded)
        assertEquals(new ScoreFactors(50, 3.0, 1.25, 187.5), aOnD6.scoreFactors());
        assertEquals(187.5, aOnD6.score());
        assertEquals(new BigDecimal("99000"), aOnD6.dealValue());
    }

    @Test
    void withoutACodeCapThreePerDealAndTenPerRepBestScoreFirst() {
        List<Recommendation> seen = evaluate(NO_CODE_CAP);

        // D6 is worth 99000 (value 3), D1-D5 9000 (value 2); priority 50 × value × urgency (the
        // rules' 3, 2 and 1.5 count 1.25, 1.125 and 1.0625), equal deals by id.
        // No D anywhere (three per deal); no C for R1, whose A and B fill the eight places its two
        // pieces of training advice (kept places, last by score) leave.
        assertEquals(
                List.of(
                        "A D6", "B D6", "C D6", "A D1", "A D2", "A D3", "A D4", "A D5", "B D1",
                        "B D2", "B D3", "T1 null", "T2 null"),
                codesAndDeals(seen));
        assertEquals(
                List.of(
                        187.5, 168.75, 159.38, 125.0, 125.0, 125.0, 125.0, 125.0, 112.5, 112.5,
                        112.5),
                seen.stream().filter(r -> r.dealId() != null).map(Recommendation::score).toList());
    }

    @Test
    void duplicateCodeOnADealKeepsTheBetterScore() {
        List<Recommendation> seen = evaluate(EvaluationSettings.DEFAULTS);

        List<Recommendation> aOnD1 =
                seen.stream().filter(r -> r.code().equals("A") && r.dealId().equals("D1")).toList();
        assertEquals(1, aOnD1.size());
        assertEquals("most urgent", aOnD1.get(0).reason());
        assertEquals("Four codes per deal", aOnD1.get(0).rule().name());
    }

    @Test
    void theBestTwoItemsOfAdviceAboutNoDealKeepTheirPlaceOnAFullPipeline() {
        List<Recommendation> seen = evaluate(NO_CODE_CAP);
        List<Recommendation> r1 = seen.stream().filter(r -> r.repId().equals("R1")).toList();

        assertEquals(10, r1.size(), "still ten for R1");
        // T1..T3 score lowest of all (priority 10, no deal); two of them are kept, ranked where
        // they score
        assertEquals(
                List.of("T1", "T2"),
                r1.stream().filter(r -> r.dealId() == null).map(Recommendation::code).toList());
        assertEquals(
                List.of(
                        "A D1", "A D2", "A D3", "A D4", "A D5", "B D1", "B D2", "B D3", "T1 null",
                        "T2 null"),
                codesAndDeals(r1));
    }

    @Test
    void noPlacesAreKeptWhenTheSettingsSayNone() {
        List<Recommendation> seen = evaluate(new EvaluationSettings(3, 10, 10, 0, 50, 10_000));
        assertEquals(List.of(), seen.stream().filter(r -> r.dealId() == null).toList());
    }

    @Test
    void smallerCapsAreHonoured() {
        List<Recommendation> seen = evaluate(new EvaluationSettings(2, 3, 10, 0, 50, 10_000));

        // R1 stops at three; D6 at two, so C D6 goes although R2 has room
        assertEquals(List.of("A D6", "B D6", "A D1", "A D2", "A D3"), codesAndDeals(seen));
    }

    @Test
    void equalScoresGoByDealValueThenExpectedCloseThenId() {
        // 9000 and 9001 both score 100.0 at priority 50 (two decimals)
        List<Recommendation> raised =
                List.of(
                        raised("X4", 9000, null),
                        raised("X1", 9000, LocalDate.parse("2017-08-01")),
                        raised("X3", 9000, LocalDate.parse("2017-07-15")),
                        raised("X2", 9001, null),
                        raised("X0", 9000, null));

        List<Recommendation> ranked =
                Arbiter.recommendations(raised, EvaluationSettings.DEFAULTS.uncapped());

        assertEquals(
                List.of(100.0),
                ranked.stream().map(Recommendation::score).distinct().toList(),
                "all tie on score");
        assertEquals(
                List.of("X2", "X3", "X1", "X0", "X4"),
                ranked.stream().map(Recommendation::dealId).toList());
    }

    @Test
    void salesOpsSetThePerCodeCapInTheRuleSet() {
        EvaluationSettings two =
                EvaluationSettings.DEFAULTS.withRuleParameters(
                        Map.of(EvaluationSettings.MAX_ACTIONS_PER_CODE, 2.0));
        assertEquals(2, two.maxPerCode());
        assertEquals(
                1,
                EvaluationSettings.DEFAULTS
                        .withRuleParameters(Map.of(EvaluationSettings.MAX_ACTIONS_PER_CODE, 0.0))
                        .maxPerCode(),
                "at least one");
        assertEquals(
                Integer.MAX_VALUE,
                EvaluationSettings.DEFAULTS
                        .uncapped()
                        .withRuleParameters(Map.of(EvaluationSettings.MAX_ACTIONS_PER_CODE, 2.0))
                        .maxPerCode(),
                "uncapped stays uncapped");
    }

    private static Recommendation raised(String deal, int amount, LocalDate close) {
        return new Recommendation(
                "A",
                "title",
                "reason",
                deal,
                "R1",
                null,
                null,
                Scoring.factors(50, amount, 1),
                new RuleRef("rule", "f.drl", 1, "guided-selling"),
                List.of(),
                new BigDecimal(amount),
                close);
    }

    private static List<Recommendation> evaluate(EvaluationSettings settings) {
        return new Evaluator(registry::current, settings, TestClocks.fixed())
                .evaluate(FACTS)
                .guidance()
                .recommendations();
    }

    private static List<String> codesAndDeals(List<Recommendation> recommendations) {
        return recommendations.stream().map(r -> r.code() + " " + r.dealId()).toList();
    }
}
