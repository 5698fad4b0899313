package io.pandu.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;

/**
 * Severity uses the value at stake as well as the overrun: on the Maven CRM demo (as of
 * 2017-12-31), no manager gets more than a fifth of their alerts as critical, and a stalled $55
 * deal is never critical, however long it has sat.
 */
class DemoAlertSeverityTest {
    private static final String DATA = "src/main/resources/demo/maven-crm";

    @Test
    void atMostOneAlertInFiveIsCriticalForEveryManagerOnTheDemo() throws Exception {
        CliRun run = CliRun.of("evaluate", "--maven-crm", DATA, "--as-of", "2017-12-31");
        assertEquals(0, run.exitCode(), run.err());
        JsonNode alerts = new ObjectMapper().readTree(run.out()).get("coachingAlerts");
        Map<String, int[]> byManager = new TreeMap<>(); // {all, critical}
        int smallCritical = 0;
        int smallStalled = 0;
        for (JsonNode a : alerts) {
            int[] n = byManager.computeIfAbsent(a.get("managerId").asText(), m -> new int[2]);
            n[0]++;
            boolean critical = a.get("severity").asText().equals("critical");
            if (critical) {
                n[1]++;
            }
            assertTrue(a.hasNonNull("valueAtStake"), a.toString());
            if (a.get("code").asText().equals("DEAL_STALLED_IN_STAGE")
                    && a.get("valueAtStake").asDouble() < 1000) {
                smallStalled++;
                smallCritical += critical ? 1 : 0;
            }
        }
        assertEquals(6, byManager.size(), byManager.keySet().toString());
        byManager.forEach(
                (manager, n) ->
                        assertTrue(
                                n[1] * 5 <= n[0],
                                manager + ": " + n[1] + " of " + n[0] + " alerts critical"));
        assertTrue(byManager.values().stream().mapToInt(n -> n[1]).sum() > 0, "some are critical");
        assertTrue(smallStalled > 300, "the demo has small stalled deals: " + smallStalled);
        assertEquals(0, smallCritical, "stalled deals under 1000 are never critical");
    }
}
