package io.pandu.decisions;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.pandu.errors.InvalidInputException;
import org.junit.jupiter.api.Test;

class HoldoutTest {

    @Test
    void theSamePairGetsTheSameAnswerFromEveryInstance() {
        Holdout one = new Holdout(0.1);
        Holdout other = new Holdout(0.1);
        for (int i = 0; i < 1000; i++) {
            String deal = "D" + i;
            assertEquals(
                    one.heldOut(deal, "rep", "REENGAGE_STALE_DEAL"),
                    other.heldOut(deal, "someone else", "REENGAGE_STALE_DEAL"),
                    "a deal's pair does not depend on the rep or the instance");
        }
    }

    @Test
    void aboutTheShareOfManyPairsIsHeldOut() {
        Holdout holdout = new Holdout(0.1);
        int out = 0;
        int n = 40_000;
        for (int i = 0; i < n; i++) {
            if (holdout.heldOut("D" + i, "r", i % 2 == 0 ? "A" : "B")) {
                out++;
            }
        }
        // 40,000 pairs: the standard error of the share is 0.15 points
        assertEquals(0.1, out / (double) n, 0.005);
    }

    @Test
    void aLargerShareHoldsOutEverythingASmallerOneDoes() {
        Holdout small = new Holdout(0.05);
        Holdout large = new Holdout(0.2);
        for (int i = 0; i < 5000; i++) {
            if (small.heldOut("D" + i, "r", "C")) {
                assertTrue(large.heldOut("D" + i, "r", "C"), "D" + i);
            }
        }
    }

    @Test
    void adviceAboutNoDealIsHeldOutByRepAndCode() {
        assertEquals("rep:r7", Holdout.subjectKey(null, "r7"));
        assertEquals("D1", Holdout.subjectKey("D1", "r7"));
        Holdout all = new Holdout(0.5);
        int out = 0;
        for (int i = 0; i < 200; i++) {
            boolean a = all.heldOut(null, "r" + i, "SALES_TRAINING");
            assertEquals(a, all.heldOut(null, "r" + i, "SALES_TRAINING"));
            out += a ? 1 : 0;
        }
        assertTrue(out > 60 && out < 140, out + " of 200 reps held out at 0.5");
    }

    @Test
    void noShareHoldsOutNothingAndABadShareIsRefusedByName() {
        for (int i = 0; i < 1000; i++) {
            assertFalse(Holdout.NONE.heldOut("D" + i, "r", "C"));
        }
        assertEquals(
                "holdoutShare",
                assertThrows(InvalidInputException.class, () -> new Holdout(0.9)).field());
        assertThrows(InvalidInputException.class, () -> new Holdout(-0.1));
        assertThrows(InvalidInputException.class, () -> new Holdout(Double.NaN));
    }
}
