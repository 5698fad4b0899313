package io.pandu.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/** `pandu evaluate --maven-crm DIR --as-of DATE --counts` over the bundled copy of the data set. */
class EvaluateMavenCrmTest {
    private static final String DATA = "src/main/resources/demo/maven-crm";

    @Test
    void countsTheReferenceRuleBaseOverTheDataSet() {
        CliRun run =
                CliRun.of("evaluate", "--maven-crm", DATA, "--as-of", "2017-12-31", "--counts");
        assertEquals(0, run.exitCode(), run.err());
        assertTrue(
                run.out()
                        .contains("as of 2017-12-31: 8800 deals (2089 open), 35 reps, 85 accounts"),
                run.out());
        // Engaging deals engaged more than 30 days before as-of: checked independently against the
        // CSV
        assertTrue(
                run.out()
                        .lines()
                        .anyMatch(
                                l ->
                                        l.matches(
                                                "DEAL_STALLED_IN_STAGE\\s+alert\\s+1571\\s+1571\\s+75\\.2%.*")),
                run.out());
        assertTrue(
                run.out().contains("    1571  coaching.Deal stalled beyond the stage's time limit"),
                run.out());
        assertTrue(
                run.out()
                        .contains(
                                "       0  playbook.Cross-sell the rest of a series to an account that bought from it"),
                "rules that never fired are listed with 0: " + run.out());
        assertTrue(
                run.err().contains("product spelt differently from products.csv: 1480"), run.err());
    }

    @Test
    void theDataSetNeedsAnAsOfDate() {
        CliRun run = CliRun.of("evaluate", "--maven-crm", DATA, "--counts");
        assertEquals(2, run.exitCode(), run.err());
        assertTrue(run.err().contains("--as-of: is required with --maven-crm"), run.err());
    }

    @Test
    void factsAndTheDataSetAreAlternatives() {
        CliRun run =
                CliRun.of(
                        "evaluate",
                        "--maven-crm",
                        DATA,
                        "--facts",
                        "docs/examples/sample-facts.json");
        assertEquals(2, run.exitCode(), run.err());
        assertTrue(run.err().contains("mutually exclusive"), run.err());
    }
}
