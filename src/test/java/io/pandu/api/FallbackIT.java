package io.pandu.api;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.pandu.store.AuditLog;
import io.pandu.store.Page;
import io.pandu.testing.Http;
import io.pandu.testing.TestServer;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Issue 12 item 3's last line, as ops meet it: a rule that passes every check and the smoke
 * evaluation, because no stored deal has the shape that breaks it, is published; a deal edited into
 * that shape then makes its team's evaluations fail. After more than half of the latest ten failed,
 * Pandu puts the version before it live again by itself (within the one-second poll), the rep's
 * list answers again, and ops find a critical alert saying which version failed and why.
 */
class FallbackIT {
    private static final String FILE = "rules%2Fplaybook%2Ffragile.drl";
    private static final String FRAGILE =
            """
            package playbook

            import io.pandu.context.DealContext;

            global io.pandu.guidance.GuidanceCollector guidance;

            // Reads the 100th character of a deal's name: fine until a deal with a short name
            // matches.
            rule "Read far into a flagged deal's name"
                @category("guided-selling")
                @priority(10)
            when
                $d : DealContext( open, deal.name == "Fragile" )
            then
                char far = $d.getDeal().name().charAt(100);
            end
            """;

    private static TestServer server;
    private static Http http;

    @BeforeAll
    static void start() {
        server = TestServer.start(60_000);
        http = server.http;
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    private static String live() {
        return http.get("/api/v1/rules", server.token("ops")).ok().get("version").asText();
    }

    @Test
    void aVersionThatFailsOnLaterDataFallsBackByItselfAndOpsAreAlerted() throws Exception {
        String ops = server.token("ops");
        String rep = server.token("rep.a");
        String good = live();
        String draft = http.post("/api/v1/rules/drafts", ops, null).json().get("id").asText();
        http.send(
                        "PUT",
                        "/api/v1/rules/drafts/" + draft + "/files/" + FILE,
                        ops,
                        "text/plain",
                        FRAGILE.getBytes(StandardCharsets.UTF_8))
                .ok();
        String fragile =
                http.post(
                                "/api/v1/rules/drafts/" + draft + "/publish",
                                ops,
                                "{\"note\": \"read the flagged deals\"}")
                        .ok()
                        .get("version")
                        .asText();
        assertNotEquals(good, fragile);
        assertEquals(fragile, live());
        assertEquals(
                fragile,
                http.get("/api/v1/me/next-best-actions", rep).ok().get("ruleSetVersion").asText());

        ObjectNode deal = (ObjectNode) http.get("/api/v1/deals/D-A1", ops).ok().get("value");
        deal.put("name", "Fragile");
        http.put("/api/v1/deals/D-A1", ops, deal.toString()).ok();

        int failed = 0;
        String servedAfter = null;
        long deadline = System.nanoTime() + 20_000_000_000L;
        while (System.nanoTime() < deadline) {
            Http.Response answer = http.get("/api/v1/me/next-best-actions", rep);
            if (answer.status() == 200) {
                servedAfter = answer.json().get("ruleSetVersion").asText();
                break;
            }
            assertEquals(422, answer.status(), answer.text());
            assertTrue(
                    answer.text().contains("Read far into a flagged deal's name"), answer.text());
            failed++;
        }
        assertEquals(good, servedAfter, "the version before the fragile one serves again");
        assertTrue(failed >= 10, "it judged on at least ten evaluations, saw " + failed);
        assertEquals(good, live());
        JsonNode versions = http.get("/api/v1/rules/versions", ops).ok();
        for (JsonNode v : versions) {
            assertEquals(
                    v.get("id").asText().equals(good), v.get("live").asBoolean(), v.toString());
        }

        JsonNode alerts = http.get("/api/v1/alerts?limit=200", ops).ok().get("items");
        JsonNode fellBack = null;
        for (JsonNode a : alerts) {
            if (a.get("code").asText().equals("RULES_FELL_BACK")) {
                fellBack = a;
            }
        }
        assertTrue(fellBack != null, "ops see the fall-back alert: " + alerts);
        assertEquals("open", fellBack.get("status").asText());
        assertEquals("critical", fellBack.get("severity").asText());
        String reason = fellBack.get("reason").asText();
        assertTrue(reason.contains(fragile) && reason.contains(good), reason);
        assertTrue(reason.contains("Read far into a flagged deal's name"), reason);
        JsonNode managers = http.get("/api/v1/alerts?limit=200", server.token("boss.one")).ok();
        assertTrue(
                !managers.toString().contains("RULES_FELL_BACK"), "a manager's inbox stays theirs");

        // the decisions the version standing in makes say which version it stands in for
        long standingIn = 0;
        long until = System.nanoTime() + 10_000_000_000L;
        while (standingIn == 0 && System.nanoTime() < until) {
            http.get("/api/v1/me/next-best-actions", rep).ok();
            standingIn =
                    server.server()
                            .pandu()
                            .database()
                            .jdbc()
                            .count(
                                    "SELECT COUNT(*) FROM decision_records"
                                            + " WHERE rule_set_version = ? AND fallback_from = ?",
                                    good,
                                    fragile);
            Thread.sleep(100);
        }
        assertTrue(standingIn > 0, "decision records name the version that fell back");

        List<AuditLog.Entry> audit =
                server.server().pandu().audit().list("rule-version-fell-back", Page.FIRST).items();
        assertEquals(1, audit.size());
        assertEquals("system", audit.get(0).actor());
        assertEquals(good, audit.get(0).subjectId());
    }
}
