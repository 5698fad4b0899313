package io.pandu.evaluate;

import static io.pandu.testing.RuleFixtures.drl;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.pandu.facts.FactSet;
import io.pandu.facts.FactSetJson;
import io.pandu.guidance.Recommendation;
import io.pandu.rules.RuleRegistry;
import io.pandu.testing.RuleFixtures;
import io.pandu.testing.TestClocks;
import java.nio.file.Path;
import java.util.List;
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

        // R1's five A's (300 each) would take five of its eight deal places: three do, and so do
        // three B's (200); C (150) gets the last two. R2's one deal is capped by the per-deal cap.
        assertEquals(
                List.of(
                        "A D6", "A D1", "A D2", "A D3", "B D6", "C D6", "B D1", "B D2", "B D3",
                        "C D1", "C D2", "T1 null", "T2 null"),
                codesAndDeals(seen));
        List<Recommendation> r1 = seen.stream().filter(r -> r.repId().equals("R1")).toList();
        assertEquals(10, r1.size(), "still ten for R1");
        assertEquals(
                5, r1.stream().map(Recommendation::code).distinct().count(), "A, B, C, T1, T2");
    }

    @Test
    void withoutACodeCapThreePerDealAndTenPerRepBestScoreFirst() {
        List<Recommendation> seen = evaluate(NO_CODE_CAP);

        // D6 is worth 99000 (value 3), D1-D5 9000 (value 2); priority 50 × value × urgency, ties by
        // code then deal.
        // No D anywhere (three per deal); no C for R1, whose A and B fill the eight places its two
        // pieces of training advice (kept places, last by score) leave.
        assertEquals(
                List.of(
                        "A D6", "A D1", "A D2", "A D3", "A D4", "A D5", "B D6", "C D6", "B D1",
                        "B D2", "B D3", "T1 null", "T2 null"),
                codesAndDeals(seen));
        assertEquals(
                List.of(
                        450.0, 300.0, 300.0, 300.0, 300.0, 300.0, 300.0, 225.0, 200.0, 200.0,
                        200.0),
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
        assertEquals(List.of("A D6", "A D1", "A D2", "A D3", "B D6"), codesAndDeals(seen));
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
