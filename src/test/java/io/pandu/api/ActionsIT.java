package io.pandu.api;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.pandu.testing.Http;
import io.pandu.testing.TestServer;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Next-best-actions from the stored pipeline, feedback on them, and incentive insights, by
 * visibility.
 */
class ActionsIT {
    private final TestServer server = TestServer.shared();
    private final Http http = server.http;

    private static List<String> actionIds(JsonNode list) {
        List<String> ids = new ArrayList<>();
        list.get("actions").forEach(a -> ids.add(a.get("id").asText()));
        return ids;
    }

    @Test
    void aRepGetsTheirRankedActionsEachWithItsWhy() {
        JsonNode mine = http.get("/api/v1/me/next-best-actions", server.token("rep.a")).ok();
        assertEquals("rep.a", mine.get("repId").asText());
        assertEquals(
                http.get("/health", null).ok().get("rulesVersion").asText(),
                mine.get("ruleSetVersion").asText(),
                "the rules that produced the actions");
        assertFalse(mine.get("actions").isEmpty(), mine.toString());
        double previous = Double.MAX_VALUE;
        for (JsonNode action : mine.get("actions")) {
            assertEquals("rep.a", action.get("repId").asText());
            assertTrue(action.get("reason").asText().length() > 0);
            assertTrue(action.get("rule").get("name").asText().length() > 0);
            assertTrue(action.get("score").asDouble() <= previous, "ranked best first");
            previous = action.get("score").asDouble();
        }
    }

    @Test
    void onlyRepsHaveTheirOwnActionsAndOthersAreSeenByTeam() {
        http.get("/api/v1/me/next-best-actions", server.token("boss.one")).problem(403);
        http.get("/api/v1/me/next-best-actions", null).problem(401);
        http.get("/api/v1/reps/rep.b/next-best-actions", server.token("rep.a")).problem(404);
        http.get("/api/v1/reps/rep.b/next-best-actions", server.token("boss.two")).problem(404);
        http.get("/api/v1/reps/nobody/next-best-actions", server.token("ops")).problem(404);
        assertEquals(
                actionIds(
                        http.get("/api/v1/reps/rep.a/next-best-actions", server.token("boss.one"))
                                .ok()),
                actionIds(http.get("/api/v1/me/next-best-actions", server.token("rep.a")).ok()));
        http.get("/api/v1/reps/rep.a/next-best-actions", server.token("admin")).ok();
    }

    @Test
    void feedbackTakesAnActionOffTheList() {
        String rep = server.token("rep.b");
        List<String> before = actionIds(http.get("/api/v1/me/next-best-actions", rep).ok());
        assertFalse(before.isEmpty());
        String id = before.get(0);
        JsonNode recorded =
                http.post(
                                "/api/v1/actions/" + id + "/feedback",
                                rep,
                                "{\"kind\": \"dismissed\", \"reason\": \"customer asked for September\"}")
                        .ok();
        assertEquals("dismissed", recorded.get("kind").asText());
        assertEquals("rep.b", recorded.get("by").asText());
        assertFalse(actionIds(http.get("/api/v1/me/next-best-actions", rep).ok()).contains(id));
    }

    @Test
    void aManagerSnoozesATeamRepsActionByNamingTheRep() {
        String boss = server.token("boss.one");
        List<String> actions =
                actionIds(http.get("/api/v1/reps/rep.a/next-best-actions", boss).ok());
        String id = actions.get(actions.size() - 1);
        http.post(
                        "/api/v1/actions/" + id + "/feedback",
                        boss,
                        "{\"kind\": \"snoozed\", \"until\": \"2099-01-01\", \"repId\": \"rep.a\"}")
                .ok();
        assertFalse(
                actionIds(http.get("/api/v1/reps/rep.a/next-best-actions", boss).ok())
                        .contains(id));
        http.post(
                        "/api/v1/actions/" + id + "/feedback",
                        server.token("boss.two"),
                        "{\"kind\": \"done\", \"repId\": \"rep.a\"}")
                .problem(404);
    }

    @Test
    void badFeedbackIs400WithTheFieldAndUnknownActionsAre404() {
        String rep = server.token("rep.c");
        String id = actionIds(http.get("/api/v1/me/next-best-actions", rep).ok()).get(0);
        String path = "/api/v1/actions/" + id + "/feedback";
        assertEquals("reason", http.post(path, rep, "{\"kind\": \"dismissed\"}").problem(400));
        assertEquals("until", http.post(path, rep, "{\"kind\": \"snoozed\"}").problem(400));
        assertEquals(
                "until",
                http.post(path, rep, "{\"kind\": \"snoozed\", \"until\": \"soon\"}").problem(400));
        assertEquals("kind", http.post(path, rep, "{\"kind\": \"ignored\"}").problem(400));
        assertEquals("kind", http.post(path, rep, "{}").problem(400));
        assertEquals(
                "note", http.post(path, rep, "{\"kind\": \"done\", \"note\": \"x\"}").problem(400));
        http.post("/api/v1/actions/0000000000000000/feedback", rep, "{\"kind\": \"done\"}")
                .problem(404);
        http.post(path, server.token("rep.a"), "{\"kind\": \"done\"}")
                .problem(404); // rep.c's action, not rep.a's
        http.post(path, null, "{\"kind\": \"done\"}").problem(401);
    }

    @Test
    void incentiveInsightsAreTheRepsOwn() {
        JsonNode mine = http.get("/api/v1/me/incentive-insights", server.token("rep.a")).ok();
        assertEquals("rep.a", mine.get("repId").asText());
        mine.get("insights").forEach(i -> assertEquals("rep.a", i.get("repId").asText()));
        http.get("/api/v1/me/incentive-insights", server.token("ops")).problem(403);
        http.get("/api/v1/reps/rep.b/incentive-insights", server.token("rep.a")).problem(404);
        http.get("/api/v1/reps/rep.b/incentive-insights", server.token("boss.two")).problem(404);
        http.get("/api/v1/reps/rep.b/incentive-insights", server.token("boss.one")).ok();
    }

    @Test
    void aDealListsEveryPendingActionOnItForWhoeverMaySeeTheDeal() {
        try (TestServer own = TestServer.start(1000)) {
            Http http = own.http;
            String rep = own.token("rep.c");
            JsonNode mine = http.get("/api/v1/me/next-best-actions", rep).ok().get("actions");
            String dealId = null;
            for (JsonNode a : mine) {
                if (a.hasNonNull("dealId")) {
                    dealId = a.get("dealId").asText();
                    break;
                }
            }
            assertTrue(dealId != null, "rep.c has an action on a deal: " + mine);
            String path = "/api/v1/deals/" + dealId + "/next-best-actions";
            JsonNode onDeal = http.get(path, rep).ok();
            assertEquals("rep.c", onDeal.get("repId").asText());
            List<String> ids = actionIds(onDeal);
            for (JsonNode a : onDeal.get("actions")) {
                assertEquals(dealId, a.get("dealId").asText());
            }
            for (JsonNode a : mine) {
                if (dealId.equals(a.path("dealId").asText(null))) {
                    assertTrue(
                            ids.contains(a.get("id").asText()), "My day's actions on it are there");
                }
            }
            assertEquals(ids, actionIds(http.get(path, own.token("boss.two")).ok()), "the manager");
            http.get(path, own.token("ops")).ok();
            http.get(path, own.token("rep.a")).problem(404);
            http.get(path, own.token("boss.one")).problem(404);
            http.get(path, null).problem(401);
            http.get("/api/v1/deals/no-such-deal/next-best-actions", own.token("ops")).problem(404);

            http.post(
                            "/api/v1/actions/" + ids.get(0) + "/feedback",
                            rep,
                            "{\"kind\": \"dismissed\", \"reason\": \"not this quarter\"}")
                    .ok();
            assertEquals(
                    ids.subList(1, ids.size()),
                    actionIds(http.get(path, rep).ok()),
                    "a dismissed action leaves the deal's list too");
        }
    }

    @Test
    void feedbackCanBeReadBackAndUndone() {
        try (TestServer own = TestServer.start(1000)) {
            Http http = own.http;
            String rep = own.token("rep.a");
            String id = actionIds(http.get("/api/v1/me/next-best-actions", rep).ok()).get(0);
            http.delete("/api/v1/actions/" + id + "/feedback", rep).problem(404); // nothing to undo
            http.post(
                            "/api/v1/actions/" + id + "/feedback",
                            rep,
                            "{\"kind\": \"dismissed\", \"reason\": \"wrong contact\"}")
                    .ok();
            assertFalse(actionIds(http.get("/api/v1/me/next-best-actions", rep).ok()).contains(id));
            http.delete("/api/v1/actions/" + id + "/feedback", own.token("boss.two"))
                    .problem(404); // not their team
            JsonNode undone = http.delete("/api/v1/actions/" + id + "/feedback", rep).ok();
            assertEquals("undone", undone.get("kind").asText());
            assertTrue(
                    actionIds(http.get("/api/v1/me/next-best-actions", rep).ok()).contains(id),
                    "the action is back");
            http.delete("/api/v1/actions/" + id + "/feedback", rep).problem(404); // already undone

            JsonNode history = http.get("/api/v1/me/feedback", rep).ok();
            assertEquals("undone", history.get(0).get("kind").asText());
            assertEquals("dismissed", history.get(1).get("kind").asText());
            assertEquals("wrong contact", history.get(1).get("reason").asText());
            assertEquals(
                    history, http.get("/api/v1/reps/rep.a/feedback", own.token("boss.one")).ok());
            http.get("/api/v1/reps/rep.a/feedback", own.token("boss.two")).problem(404);
            http.get("/api/v1/reps/rep.a/feedback", own.token("rep.b")).problem(404);
            http.get("/api/v1/me/feedback", own.token("boss.one")).problem(403);
            assertEquals(
                    "kind",
                    http.post("/api/v1/actions/" + id + "/feedback", rep, "{\"kind\": \"undone\"}")
                            .problem(400));

            http.post(
                            "/api/v1/actions/" + id + "/feedback",
                            own.token("boss.one"),
                            "{\"kind\": \"done\", \"repId\": \"rep.a\"}")
                    .ok();
            http.delete("/api/v1/actions/" + id + "/feedback?repId=rep.a", own.token("boss.one"))
                    .ok();
            assertTrue(actionIds(http.get("/api/v1/me/next-best-actions", rep).ok()).contains(id));
        }
    }
}
