package io.pandu.effect;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

class IntervalTest {

    @Test
    void aRateHasWilsonsScoreInterval() {
        // 5 of 10: Wilson 95 % is 0.2366 .. 0.7634 (Newcombe 1998, table I)
        Interval half = Interval.rate(5, 10);
        assertEquals(0.5, half.value());
        assertEquals(0.2366, half.low(), 0.0001);
        assertEquals(0.7634, half.high(), 0.0001);
        assertEquals(10, half.n());
        // 0 of 10 stays inside [0, 1]: 0 .. 0.2775
        Interval none = Interval.rate(0, 10);
        assertEquals(0.0, none.low());
        assertEquals(0.2775, none.high(), 0.0001);
        assertNull(Interval.rate(0, 0).value(), "no rate without a count");
    }

    @Test
    void theDifferenceOfTwoRatesHasNewcombesHybridScoreInterval() {
        // Newcombe 1998, example (b): 56/70 − 48/80 = 0.2, method 10 gives 0.0524 .. 0.3339
        Interval.Difference d =
                Interval.rateDifference(Interval.rate(56, 70), Interval.rate(48, 80));
        assertEquals(0.2, d.value(), 0.0001);
        assertEquals(0.0524, d.low(), 0.0005);
        assertEquals(0.3339, d.high(), 0.0005);
        assertNull(Interval.rateDifference(Interval.rate(1, 2), Interval.rate(0, 0)));
    }

    @Test
    void aMeanAndADifferenceOfMeansHaveNormalIntervals() {
        Interval m = Interval.mean(List.of(10, 20, 30));
        assertEquals(20.0, m.value());
        // sd 10, se 5.7735: 20 ± 11.316
        assertEquals(8.684, m.low(), 0.001);
        assertEquals(31.316, m.high(), 0.001);
        Interval.Difference d = Interval.meanDifference(List.of(10, 20, 30), List.of(5, 15));
        assertEquals(10.0, d.value(), 0.0001);
        assertTrue(d.low() < 10 && d.high() > 10);
        assertNull(Interval.meanDifference(List.of(1), List.of(2, 3)));
    }
}
