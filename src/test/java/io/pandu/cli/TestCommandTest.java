package io.pandu.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.pandu.testing.RuleFixtures;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TestCommandTest {

    @Test
    void shippedScenariosPassAndTheSummaryLineCountsThem() {
        CliRun run = CliRun.of("test", "--rules", "rules", "--playbooks", "playbooks");
        assertEquals(0, run.exitCode(), run.out());
        assertTrue(run.out().lines().anyMatch(l -> l.matches("\\d+ passed, 0 failed")), run.out());
    }

    @Test
    void aBrokenExpectationFailsWithExpectedAndActual(@TempDir Path tmp) throws IOException {
        Path rules = tmp.resolve("rules");
        RuleFixtures.copyTree(Path.of("rules"), rules);
        Files.writeString(
                rules.resolve("playbook/scenarios/broken.yaml"),
                """
                name: claims a fresh deal is stale
                asOf: 2017-06-30
                given:
                  deals: [{id: D9, name: Fresh, ownerId: R1, stage: Prospecting, amount: 10, createdDate: 2017-06-29}]
                expect:
                  present: [{code: REENGAGE_STALE_DEAL, dealId: D9}]
                """);
        CliRun run = CliRun.of("test", "--rules", rules.toString(), "--playbooks", "playbooks");
        assertEquals(1, run.exitCode(), run.out());
        assertTrue(
                run.out()
                        .contains(
                                "FAIL playbook/scenarios/broken.yaml › claims a fresh deal is stale"),
                run.out());
        assertTrue(
                run.out().contains("expected present: REENGAGE_STALE_DEAL dealId=D9"), run.out());
        assertTrue(run.out().contains("actual: no REENGAGE_STALE_DEAL at all"), run.out());
        assertTrue(run.out().lines().anyMatch(l -> l.matches("\\d+ passed, 1 failed")), run.out());
    }
}
