package io.pandu.preview;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.pandu.preview.ImpactPreview.Change;
import io.pandu.preview.ImpactPreview.Item;
import io.pandu.preview.ImpactPreview.Side;
import java.math.BigDecimal;
import java.util.List;
import org.junit.jupiter.api.Test;

/** How two sides' items pair into added, removed, changed and unchanged. */
class ImpactPreviewTest {
    private static Item rec(String code, String deal, double score, int rank, String reason) {
        return new Item(
                "recommendation",
                code,
                deal,
                "rep-1",
                null,
                null,
                new Side(score, rank, null, reason),
                BigDecimal.TEN,
                null);
    }

    private static List<String> kinds(List<Change> changes) {
        return changes.stream()
                .map(c -> c.kind() + " " + (c.after() != null ? c.after() : c.before()).dealId())
                .sorted()
                .toList();
    }

    @Test
    void anItemOnlyInTheCandidateIsAddedAndOnlyInTheLiveVersionRemoved() {
        List<Change> changes =
                ImpactPreview.pair(
                        List.of(rec("REENGAGE", "d1", 10, 1, "r")),
                        List.of(rec("REENGAGE", "d2", 10, 1, "r")));
        assertEquals(List.of("added d2", "removed d1"), kinds(changes));
    }

    @Test
    void theSameItemWithAnotherScoreRankOrReasonIsChanged() {
        List<Change> changes =
                ImpactPreview.pair(
                        List.of(
                                rec("REENGAGE", "d1", 10, 1, "r"),
                                rec("REENGAGE", "d2", 10, 2, "r"),
                                rec("REENGAGE", "d3", 10, 3, "r"),
                                rec("REENGAGE", "d4", 10, 4, "r")),
                        List.of(
                                rec("REENGAGE", "d1", 11, 1, "r"),
                                rec("REENGAGE", "d2", 10, 3, "r"),
                                rec("REENGAGE", "d3", 10, 3, "other reason"),
                                rec("REENGAGE", "d4", 10, 4, "r")));
        assertEquals(
                List.of("changed d1", "changed d2", "changed d3", "unchanged d4"), kinds(changes));
    }

    @Test
    void anotherCodeOnTheSameDealIsANewItem() {
        List<Change> changes =
                ImpactPreview.pair(
                        List.of(rec("REENGAGE", "d1", 10, 1, "r")),
                        List.of(rec("SCHEDULE_DEMO", "d1", 10, 1, "r")));
        assertEquals(List.of("added d1", "removed d1"), kinds(changes));
    }

    @Test
    void surplusItemsOfOneIdentityAreAddedOrRemoved() {
        List<Change> changes =
                ImpactPreview.pair(
                        List.of(rec("X", "d1", 1, 1, "r"), rec("X", "d1", 1, 1, "r")),
                        List.of(rec("X", "d1", 1, 1, "r")));
        assertEquals(List.of("removed d1", "unchanged d1"), kinds(changes));
    }
}
