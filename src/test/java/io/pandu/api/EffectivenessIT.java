package io.pandu.api;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.pandu.decisions.Holdout;
import io.pandu.testing.Http;
import io.pandu.testing.TestServer;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * {@code GET /api/v1/rules/effectiveness}: the done, dismissed (with reasons) and snoozed counts
 * per rule and code are the feedback the test posts through the API; ops see every team, a manager
 * their own, reps nobody's; bad dates are 400s naming the parameter.
 */
class EffectivenessIT {
    private static final String PATH = "/api/v1/rules/effectiveness";
    private static final Holdout HOLDOUT = new Holdout(Holdout.DEFAULT_SHARE);
    private static TestServer server;
    private static Http http;

    @BeforeAll
    static void start() {
        server = TestServer.start(c -> c.withHoldoutShare(Holdout.DEFAULT_SHARE));
        http = server.http;
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    /** rule|code → {done, dismissed, snoozed} as this test posted them. */
    private final Map<String, int[]> posted = new TreeMap<>();

    private void post(String token, JsonNode action, String body, int kind) {
        http.post("/api/v1/actions/" + action.get("id").asText() + "/feedback", token, body).ok();
        posted.computeIfAbsent(
                        action.get("rule").get("name").asText() + "|" + action.get("code").asText(),
                        k -> new int[3])[kind]++;
    }

    private static List<JsonNode> actions(JsonNode list) {
        List<JsonNode> all = new ArrayList<>();
        list.get("actions").forEach(all::add);
        return all;
    }

    @Test
    void theCountsPerRuleAndCodeAreTheFeedbackPostedAndOnlyAsManyAsAllowedSeeThem() {
        String repA = server.token("rep.a");
        String repB = server.token("rep.b");
        String repC = server.token("rep.c");
        List<JsonNode> a = actions(http.get("/api/v1/me/next-best-actions", repA).ok());
        List<JsonNode> b = actions(http.get("/api/v1/me/next-best-actions", repB).ok());
        List<JsonNode> c = actions(http.get("/api/v1/me/next-best-actions", repC).ok());
        assertTrue(a.size() >= 2 && !b.isEmpty() && c.size() >= 2, a + " " + b + " " + c);
        for (JsonNode action : concat(a, b, c)) {
            assertFalse(
                    HOLDOUT.heldOut(
                            action.path("dealId").asText(null),
                            action.get("repId").asText(),
                            action.get("code").asText()),
                    "a held-out item is never shown: " + action);
        }
        post(repA, a.get(0), "{\"kind\": \"done\"}", 0);
        post(
                repA,
                a.get(1),
                "{\"kind\": \"dismissed\", \"reason\": \"already talked to the CFO\"}",
                1);
        post(
                repB,
                b.get(0),
                "{\"kind\": \"dismissed\", \"reason\": \"already talked to the CFO\"}",
                1);
        post(repC, c.get(0), "{\"kind\": \"snoozed\", \"until\": \"2099-01-01\"}", 2);
        post(repC, c.get(1), "{\"kind\": \"done\"}", 0);
        // taken back: counts in none
        String undone = "/api/v1/actions/" + c.get(1).get("id").asText() + "/feedback";
        http.delete(undone, repC).ok();
        posted.get(c.get(1).get("rule").get("name").asText() + "|" + c.get(1).get("code").asText())[
                0]--;

        JsonNode report = http.get(PATH, server.token("ops")).ok();
        assertEquals(Holdout.DEFAULT_SHARE, report.get("holdoutShare").asDouble());
        Map<String, int[]> counted = new TreeMap<>();
        int shown = 0;
        for (JsonNode row : report.get("rules")) {
            int[] n = {
                row.get("done").asInt(), row.get("dismissed").asInt(), row.get("snoozed").asInt()
            };
            if (n[0] + n[1] + n[2] > 0) {
                counted.put(row.get("rule").asText() + "|" + row.get("code").asText(), n);
            }
            shown += row.get("shown").asInt();
        }
        posted.values().removeIf(n -> n[0] + n[1] + n[2] == 0);
        assertEquals(asText(posted), asText(counted), report.toString());
        assertTrue(shown >= a.size() + b.size() + c.size(), "every shown item is recorded");

        JsonNode dismissedRow = row(report, a.get(1));
        JsonNode reasons = dismissedRow.get("topDismissReasons");
        assertEquals("already talked to the CFO", reasons.get(0).get("reason").asText());
        JsonNode doneRow = row(report, a.get(0));
        int done = doneRow.get("done").asInt();
        int dismissed = doneRow.get("dismissed").asInt();
        assertEquals(
                done / (double) (done + dismissed),
                doneRow.get("acceptanceRate").get("value").asDouble(),
                0.0001,
                "acceptance is done / (done + dismissed)");
        assertFalse(report.get("playbooks").isEmpty(), report.toString());

        // boss.two manages rep.c only: rep.c's snooze, not rep.a's or rep.b's feedback
        JsonNode team = http.get(PATH, server.token("boss.two")).ok();
        int teamDone = 0;
        int teamDismissed = 0;
        int teamSnoozed = 0;
        for (JsonNode row : team.get("rules")) {
            teamDone += row.get("done").asInt();
            teamDismissed += row.get("dismissed").asInt();
            teamSnoozed += row.get("snoozed").asInt();
        }
        assertEquals(
                List.of(0, 0, 1), List.of(teamDone, teamDismissed, teamSnoozed), team.toString());

        http.get(PATH, repA).problem(403);
        http.get(PATH, null).problem(401);
        assertEquals("from", http.get(PATH + "?from=yesterday", server.token("ops")).problem(400));
        assertEquals(
                "to",
                http.get(PATH + "?from=2017-12-01&to=2017-11-01", server.token("ops"))
                        .problem(400));
        JsonNode before = http.get(PATH + "?to=2000-01-01", server.token("ops")).ok();
        assertTrue(before.get("rules").isEmpty(), "nothing was computed before 2000: " + before);
    }

    private static JsonNode row(JsonNode report, JsonNode action) {
        for (JsonNode row : report.get("rules")) {
            if (row.get("code").asText().equals(action.get("code").asText())
                    && row.get("rule").asText().equals(action.get("rule").get("name").asText())) {
                return row;
            }
        }
        throw new AssertionError("no row for " + action + " in " + report);
    }

    @SafeVarargs
    private static List<JsonNode> concat(List<JsonNode>... lists) {
        List<JsonNode> all = new ArrayList<>();
        for (List<JsonNode> l : lists) {
            all.addAll(l);
        }
        return all;
    }

    private static String asText(Map<String, int[]> counts) {
        StringBuilder s = new StringBuilder();
        counts.forEach(
                (k, v) ->
                        s.append(k).append('=').append(java.util.Arrays.toString(v)).append('\n'));
        return s.toString();
    }
}
