package io.pandu.guidance;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

/**
 * score = priority × (1 + log10(1 + amount / 1000)) × urgency, urgency clamped to [1, 3], two
 * decimals.
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
    void urgencyMultipliesWithinOneToThree() {
        assertEquals(300.0, Scoring.score(50, 9_000, 3));
        assertEquals(300.0, Scoring.score(50, 9_000, 10), "at most triple");
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
        assertEquals(214.15, Scoring.score(70, 4821, 1 + (29 - 7) / 30.0));
    }
}
