package io.pandu.guidance;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

/**
 * score = priority × (1 + log10(1 + amount / 1000)) × urgency; the rule's urgency (1 to 3) is
 * bounded to at most 1.25, so priority still decides between codes; two decimals.
 */
class ScoringTest {

    @Test
    void dealWorthNothingKeepsItsRulesPriority() {
        assertEquals(50.0, Scoring.score(50, 0, 1));
    }

    @Test
    void everyTenfoldIncreaseInValueAddsOnePriority() {
        assertEquals(100.0, Scoring.score(50, 9_000, 1));
        assertEquals(150.0, Scoring.score(50, 99_000, 1));
        assertEquals(200.0, Scoring.score(50, 999_000, 1));
    }

    @Test
    void urgencyOfOneToThreeMultipliesByOneToOneAndAQuarter() {
        assertEquals(125.0, Scoring.score(50, 9_000, 3));
        assertEquals(112.5, Scoring.score(50, 9_000, 2), "half way");
        assertEquals(125.0, Scoring.score(50, 9_000, 10), "at most a quarter more");
        assertEquals(100.0, Scoring.score(50, 9_000, 0.5), "never less than the plain score");
        assertEquals(100.0, Scoring.score(50, 9_000, Double.NaN), "NaN urgency counts as 1");
    }

    @Test
    void negativeAmountCountsAsNothing() {
        assertEquals(50.0, Scoring.score(50, -5_000, 1));
    }

    @Test
    void roundedToTwoDecimals() {
        // the sample's stale deal: priority 70, 4821 worth, 29 days quiet against a 7-day rule
        assertEquals(134.88, Scoring.score(70, 4821, 1 + (29 - 7) / 30.0));
    }

    @Test
    void theFactorsAreReturnedWithTheTotal() {
        ScoreFactors f = Scoring.factors(70, 9_000, 3);
        assertEquals(new ScoreFactors(70, 2.0, 1.25, 175.0), f);
    }

    @Test
    void aMaximallyUrgentActionDoesNotPassACodeOfAQuarterMorePriorityOnTheSameDeal() {
        // exit criteria (50) at full urgency stays below a plain re-engagement (70) of equal value
        assertEquals(true, Scoring.score(50, 20_000, 3) < Scoring.score(70, 20_000, 1));
        // but a quiet re-engagement (70) may pass an exec sponsor task (72)
        assertEquals(true, Scoring.score(70, 20_000, 3) > Scoring.score(72, 20_000, 1));
    }
}
