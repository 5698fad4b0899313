package io.pandu.evaluate;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.pandu.context.DealContext;
import io.pandu.errors.InvalidInputException;
import io.pandu.facts.Deal;
import io.pandu.facts.FactSet;
import io.pandu.playbook.PlaybookLibrary;
import io.pandu.playbook.PlaybookLoader;
import io.pandu.playbook.Stage;
import java.math.BigDecimal;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Where a lost deal was lost, as the stage win rates of the sales-training rule read it. */
class StageHistoryTest {
    private static final LocalDate AS_OF = LocalDate.of(2017, 6, 30);
    private static PlaybookLibrary playbooks;

    @BeforeAll
    static void load() {
        playbooks = new PlaybookLoader().load(Path.of("playbooks")).library();
    }

    private static Deal deal(String id, String stage, String lostAt) {
        return new Deal(
                id,
                id,
                null,
                "R1",
                "enterprise",
                null,
                stage,
                BigDecimal.TEN,
                null,
                AS_OF.minusDays(90),
                null,
                null,
                AS_OF.minusDays(10),
                null,
                0,
                null,
                lostAt);
    }

    private static List<DealContext> contexts(Deal... deals) {
        FactSet facts =
                new FactSet(
                        AS_OF,
                        List.of(),
                        List.of(deals),
                        List.of(),
                        List.of(),
                        List.of(),
                        List.of());
        return ContextBuilder.build(facts, playbooks, AS_OF).deals();
    }

    @Test
    void aLostDealReachedTheStagesUpToTheOneItWasLostIn() {
        List<DealContext> deals =
                contexts(
                        deal("L1", "Lost", "Solution"),
                        deal("W1", "Won", null),
                        deal("L2", "Lost", null));
        var enterprise = playbooks.find("enterprise").orElseThrow();
        Stage qualification = enterprise.stage("Qualification").orElseThrow();
        Stage solution = enterprise.stage("Solution").orElseThrow();
        Stage proposal = enterprise.stage("Proposal").orElseThrow();
        DealContext lost = deals.get(0);
        assertTrue(lost.reached(qualification) && lost.reached(solution));
        assertFalse(lost.reached(proposal));
        assertTrue(lost.lostIn(solution));
        assertFalse(lost.lostIn(qualification));
        assertEquals(10, lost.getDaysSinceClose());
        assertTrue(lost.closedWithin(11) && !lost.closedWithin(10));
        DealContext unknown = deals.get(1);
        assertNull(unknown.getLostAtStage());
        assertFalse(
                unknown.reached(qualification),
                "a loss of unknown stage is left out of stage win rates");
        DealContext won = deals.get(2);
        assertTrue(won.reached(proposal), "a won deal went through every stage");
        assertFalse(won.lostIn(proposal));
    }

    @Test
    void aStageOfLossThatIsNotAnOpenStageIsRejectedWithItsPath() {
        InvalidInputException e =
                assertThrows(
                        InvalidInputException.class, () -> contexts(deal("L1", "Lost", "Won")));
        assertTrue(e.getMessage().contains("deals[0].lostAtStage"), e.getMessage());
        assertTrue(
                e.getMessage().contains("not an open stage of playbook enterprise"),
                e.getMessage());
    }
}
