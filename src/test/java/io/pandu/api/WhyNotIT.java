package io.pandu.api;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.pandu.testing.TestServer;
import java.nio.file.Files;
import org.junit.jupiter.api.Test;

/**
 * {@code GET /api/v1/deals/{id}/why-not}: the failed condition with the value the rule saw when a
 * rule does not fire, and the list's reason (feedback, caps) when it fires but is not shown; who
 * may ask is who may see the deal.
 */
class WhyNotIT {
    private static final String CODE = "IDENTIFY_ECONOMIC_BUYER";

    @Test
    void namesTheFailedConditionOrTheReasonTheListHeldTheActionBack() throws Exception {
        try (TestServer server = TestServer.start(500)) {
            String manager = server.token("boss.one");
            String rep = server.token("rep.a");
            String ops = server.token("ops");

            // D-A1 is in Engaging with no economic buyer: the rule fires and the action is shown
            JsonNode shown = rule(server.http.get(whyNot("D-A1", CODE), manager).ok());
            assertTrue(shown.get("matched").asBoolean(), shown.toString());
            assertEquals("shown", shown.get("status").asText(), shown.toString());

            // the rep dismisses it: it fires, and the answer says who took it off the list and why
            JsonNode actions = server.http.get("/api/v1/deals/D-A1/next-best-actions", rep).ok();
            String actionId = null;
            for (JsonNode a : actions.get("actions")) {
                if (CODE.equals(a.get("code").asText())) {
                    actionId = a.get("id").asText();
                }
            }
            assertTrue(actionId != null, actions.toString());
            server.http
                    .post(
                            "/api/v1/actions/" + actionId + "/feedback",
                            rep,
                            "{\"kind\": \"dismissed\", \"reason\": \"already talked to the CFO\"}")
                    .ok();
            JsonNode dismissed = rule(server.http.get(whyNot("D-A1", CODE), manager).ok());
            assertTrue(dismissed.get("matched").asBoolean());
            assertEquals("feedback", dismissed.get("status").asText(), dismissed.toString());
            assertEquals(
                    "dismissed on 2017-06-30: already talked to the CFO",
                    dismissed.get("sentence").asText());

            // the economic buyer becomes known: the rule no longer fires, and the answer names
            // the condition with the value it saw
            ObjectNode deal =
                    (ObjectNode) server.http.get("/api/v1/deals/D-A1", ops).ok().get("value");
            deal.set(
                    "qualification",
                    new com.fasterxml.jackson.databind.ObjectMapper()
                            .readTree(
                                    "{\"economicBuyer\": true, \"champion\": false, \"metrics\": false,"
                                            + " \"decisionCriteria\": false, \"decisionProcess\": false,"
                                            + " \"paperProcess\": false, \"pain\": false}"));
            assertEquals(200, server.http.put("/api/v1/deals/D-A1", ops, deal.toString()).status());
            JsonNode known = rule(server.http.get(whyNot("D-A1", CODE), manager).ok());
            assertFalse(known.get("matched").asBoolean(), known.toString());
            assertEquals("not-matched", known.get("status").asText());
            assertEquals(
                    "qualification.economicBuyer is true, the rule needs false",
                    known.get("sentence").asText());
            JsonNode conditions = known.get("conditions").get(0).get("conditions");
            JsonNode failed = conditions.get(conditions.size() - 1);
            assertEquals("qualification.economicBuyer == false", failed.get("text").asText());
            assertFalse(failed.get("held").asBoolean());
            assertTrue(failed.get("values").get("qualification.economicBuyer").asBoolean());
            assertTrue(conditions.get(0).get("held").asBoolean(), "open: " + conditions);
            assertEquals("playbook/qualification.drl", known.get("file").asText());

            // the per-code cap: sales ops allow one action of a code per rep, and D-A2 moves to
            // Engaging; D-A1's buyer is unknown again and its dismissal taken back, so D-A2 (worth
            // less) is capped
            deal.remove("qualification");
            assertEquals(
                    200,
                    server.http.delete("/api/v1/actions/" + actionId + "/feedback", rep).status());
            assertEquals(200, server.http.put("/api/v1/deals/D-A1", ops, deal.toString()).status());
            ObjectNode second =
                    (ObjectNode) server.http.get("/api/v1/deals/D-A2", ops).ok().get("value");
            second.put("stage", "Engaging");
            assertEquals(
                    200, server.http.put("/api/v1/deals/D-A2", ops, second.toString()).status());
            Files.writeString(
                    server.rules().resolve("playbook/one-per-code.drl"),
                    """
                    package playbook
                    import io.pandu.facts.Parameter;

                    rule "One action of a code per rep"
                        @category("parameters")
                        @priority(0)
                    when
                    then
                        insert(new Parameter("maxActionsPerCode", 1));
                    end
                    """);
            for (int i = 0;
                    i < 150
                            && !server.http
                                    .get("/api/v1/rules", ops)
                                    .text()
                                    .contains("One action of a code");
                    i++) {
                Thread.sleep(200);
            }
            JsonNode capped = rule(server.http.get(whyNot("D-A2", CODE), ops).ok());
            assertEquals("capped", capped.get("status").asText(), capped.toString());
            assertEquals("capped: 1 " + CODE + " already shown", capped.get("sentence").asText());
            assertEquals("PER_CODE", capped.get("decision").get("cap").asText());
        }
    }

    @Test
    void whoMaySeeTheDealMayAskAndAnUnknownCodeIsNamed() {
        TestServer server = TestServer.shared();
        assertEquals(200, server.http.get(whyNot("D-A1", CODE), server.token("ops")).status());
        assertEquals(200, server.http.get(whyNot("D-A1", CODE), server.token("admin")).status());
        assertEquals(200, server.http.get(whyNot("D-A1", CODE), server.token("boss.one")).status());
        assertEquals(200, server.http.get(whyNot("D-A1", CODE), server.token("rep.a")).status());
        server.http.get(whyNot("D-A1", CODE), server.token("boss.two")).problem(404);
        server.http.get(whyNot("D-A1", CODE), server.token("rep.b")).problem(404);
        server.http.get(whyNot("NO-SUCH-DEAL", CODE), server.token("ops")).problem(404);
        assertEquals(401, server.http.get(whyNot("D-A1", CODE), null).status());
        assertEquals(
                "code",
                server.http.get(whyNot("D-A1", "NO_SUCH_CODE"), server.token("ops")).problem(400));
        assertEquals(
                "code",
                server.http.get(whyNot("D-A1", "lower-case"), server.token("ops")).problem(400));

        JsonNode all = server.http.get("/api/v1/deals/D-A1/why-not", server.token("ops")).ok();
        assertTrue(all.get("rules").size() >= 2, "every deal rule of the fixture: " + all);
        assertEquals("rep.a", all.get("repId").asText());
    }

    private static String whyNot(String deal, String code) {
        return "/api/v1/deals/" + deal + "/why-not?code=" + code;
    }

    /** The one rule of the answer that raises the code. */
    private static JsonNode rule(JsonNode answer) {
        assertEquals(1, answer.get("rules").size(), answer.toString());
        return answer.get("rules").get(0);
    }
}
