package io.pandu.api;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.pandu.decisions.Holdout;
import io.pandu.facts.Rep;
import io.pandu.ingest.MavenCrmReader;
import io.pandu.testing.Http;
import io.pandu.testing.TestServer;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The holdout on the demo ({@code serve --demo}, 8,800 deals, the default share of 10 %): after the
 * start-up evaluation run, and again once every rep has opened My day, the held-out share of the
 * recorded (deal, code) pairs is within one point of the setting, and no held-out item is in any
 * rep's {@code /me/next-best-actions}.
 */
class HoldoutDemoIT {
    private static TestServer server;
    private static Http http;
    private static List<String> reps;

    @BeforeAll
    static void start() {
        server = TestServer.startDemo(c -> c.withHoldoutShare(Holdout.DEFAULT_SHARE));
        http = server.http;
        LocalDate asOf = LocalDate.of(2017, 12, 31);
        reps =
                new MavenCrmReader()
                                .read(Path.of("src/main/resources/demo/maven-crm"), asOf)
                                .facts()
                                .reps()
                                .stream()
                                .map(Rep::id)
                                .sorted()
                                .toList();
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    @Test
    void theHeldOutShareOfTheDemoIsWithinOnePointOfTheSettingAndNoRepSeesAHeldOutItem() {
        assertHeldOutShareIsTheSetting("after the start-up run");
        Holdout holdout = new Holdout(Holdout.DEFAULT_SHARE);
        int listed = 0;
        for (String rep : reps) {
            JsonNode mine = http.get("/api/v1/me/next-best-actions", server.token(rep)).ok();
            for (JsonNode a : mine.get("actions")) {
                listed++;
                assertFalse(
                        holdout.heldOut(
                                a.path("dealId").asText(null),
                                a.get("repId").asText(),
                                a.get("code").asText()),
                        "held out, yet shown to " + rep + ": " + a);
            }
        }
        assertTrue(listed > 0, "the reps have actions");
        assertHeldOutShareIsTheSetting("once every rep opened My day");
    }

    private static void assertHeldOutShareIsTheSetting(String when) {
        JsonNode report = http.get("/api/v1/rules/effectiveness", server.token("ops")).ok();
        int shown = 0;
        int heldOut = 0;
        for (JsonNode row : report.get("playbooks")) { // items on deals only
            shown += row.get("shown").asInt();
            heldOut += row.get("heldOut").asInt();
        }
        double share = heldOut / (double) (shown + heldOut);
        System.out.printf(
                "HoldoutDemoIT, %s: %d of %d recorded (deal, code) pairs held out: %.4f (setting %.2f)%n",
                when, heldOut, shown + heldOut, share, Holdout.DEFAULT_SHARE);
        assertTrue(
                shown + heldOut > 2000,
                "most of the demo's pairs are recorded: " + (shown + heldOut));
        assertEquals(Holdout.DEFAULT_SHARE, share, 0.01, heldOut + " of " + (shown + heldOut));
        // the demo's deals all run the velocity playbook: one playbook row
        assertEquals("velocity", report.get("playbooks").get(0).get("playbook").asText());
    }
}
