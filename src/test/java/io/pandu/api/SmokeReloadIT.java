package io.pandu.api;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.pandu.testing.Http;
import io.pandu.testing.TestServer;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Issue 12: a rule that builds but loops is refused by the smoke evaluation of the stored pipeline
 * before it goes live; the running version keeps answering and /health says which rule, where.
 */
class SmokeReloadIT {
    private static TestServer server;
    private static Http http;

    @BeforeAll
    static void start() {
        server = TestServer.start(60_000); // its own server: the test adds a rule file
        http = server.http;
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    @Test
    void aLoopingRuleIsRefusedByReloadAndHealthNamesItWhileTheRunningVersionServes()
            throws Exception {
        String ops = server.token("ops");
        String running = http.get("/health", null).ok().get("rulesVersion").asText();
        Path loop = server.rules().resolve("playbook/loop.drl");
        Files.writeString(
                loop,
                """
                package playbook

                import io.pandu.context.DealContext;

                rule "Touch every open deal again"
                    @category("guided-selling")
                    @priority(10)
                when
                    $d : DealContext( open )
                then
                    update($d);
                end
                """);
        try {
            JsonNode refused = http.post("/api/v1/rules/reload", ops, null).ok();

            assertFalse(refused.get("ok").asBoolean(), refused.toString());
            assertEquals(running, refused.get("version").asText());
            JsonNode health = http.get("/health", null).json();
            assertEquals("degraded", health.get("status").asText(), health.toString());
            assertEquals(running, health.get("rulesVersion").asText());
            // the pinned commission table matches DealContext too, so update($d) re-fires it as
            // often as the loop: each team names its most-fired rule, the loop among them
            JsonNode why = null;
            for (JsonNode error : health.get("lastReloadError")) {
                if (error.get("file").asText().equals("playbook/loop.drl")) {
                    why = error;
                }
            }
            assertTrue(why != null, health.toString());
            assertEquals(5, why.get("line").asInt(), why.toString());
            assertTrue(
                    why.get("message").asText().contains("the stored pipeline of team"),
                    why.toString());
            assertTrue(
                    why.get("message").asText().contains("\"Touch every open deal again\" fired"),
                    why.toString());
            JsonNode evaluated =
                    http.post(
                                    "/api/v1/evaluate",
                                    server.token("rep.a"),
                                    Files.readString(Path.of("docs/examples/sample-facts.json")))
                            .ok();
            assertEquals(running, evaluated.get("ruleSetVersion").asText());
        } finally {
            Files.delete(loop);
        }
        JsonNode recovered = http.post("/api/v1/rules/reload", ops, null).ok();
        assertTrue(recovered.get("ok").asBoolean(), recovered.toString());
        assertEquals("ok", http.get("/health", null).json().get("status").asText());
    }
}
