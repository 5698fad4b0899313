package io.pandu.api;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.pandu.testing.Http;
import io.pandu.testing.TestServer;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Coaching alerts raised by the fixture's evaluation run: D-A1's 25 % discount (medium, boss.one's
 * team) and D-C1's 35 % (high, boss.two's team).
 */
class CoachingIT {
    private final TestServer server = TestServer.shared();
    private final Http http = server.http;

    private static List<String> deals(JsonNode page) {
        List<String> deals = new ArrayList<>();
        page.get("items").forEach(a -> deals.add(a.get("dealId").asText()));
        return deals;
    }

    private long alertOn(String deal) {
        for (JsonNode a :
                http.get("/api/v1/alerts?code=DISCOUNT_NEEDS_APPROVAL", server.token("ops"))
                        .ok()
                        .get("items")) {
            if (a.get("dealId").asText().equals(deal)) {
                return a.get("id").asLong();
            }
        }
        throw new AssertionError("no alert on " + deal);
    }

    @Test
    void aManagerSeesTheirTeamsAlertsWithTheirWhy() {
        JsonNode page = http.get("/api/v1/alerts", server.token("boss.one")).ok();
        assertEquals(List.of("D-A1"), deals(page));
        JsonNode alert = page.get("items").get(0);
        assertEquals("medium", alert.get("severity").asText());
        assertEquals("rep.a", alert.get("repId").asText());
        assertTrue(alert.get("reason").asText().contains("25"), alert.toString());
        assertEquals("coaching/discounts.drl", alert.get("rule").get("file").asText());
        assertEquals(
                List.of("D-C1"), deals(http.get("/api/v1/alerts", server.token("boss.two")).ok()));
    }

    @Test
    void opsFilterAlertsByManagerRepSeverityCodeAndStatus() {
        String ops = server.token("ops");
        assertTrue(
                deals(http.get("/api/v1/alerts", ops).ok()).containsAll(List.of("D-A1", "D-C1")));
        assertEquals(List.of("D-C1"), deals(http.get("/api/v1/alerts?severity=high", ops).ok()));
        assertEquals(
                List.of("D-A1"), deals(http.get("/api/v1/alerts?managerId=boss.one", ops).ok()));
        assertEquals(
                List.of("D-A1"),
                deals(http.get("/api/v1/alerts?repId=rep.a&status=open", ops).ok()));
        assertEquals(List.of(), deals(http.get("/api/v1/alerts?code=NO_SUCH_CODE", ops).ok()));
        assertEquals("severity", http.get("/api/v1/alerts?severity=apocalyptic", ops).problem(400));
        assertEquals("status", http.get("/api/v1/alerts?status=closed", ops).problem(400));
    }

    @Test
    void repsSeeNoAlertsAndManagersNoOtherTeams() {
        http.get("/api/v1/alerts", server.token("rep.a")).problem(403);
        http.get("/api/v1/alerts", null).problem(401);
        long other = alertOn("D-C1");
        http.get("/api/v1/alerts/" + other, server.token("boss.one")).problem(404);
        http.post("/api/v1/alerts/" + other + "/acknowledge", server.token("boss.one"), null)
                .problem(404);
        http.post(
                        "/api/v1/alerts/" + other + "/resolve",
                        server.token("boss.one"),
                        "{\"note\": \"x\"}")
                .problem(404);
        http.get("/api/v1/alerts/" + other + "/history", server.token("boss.one")).problem(404);
        http.post("/api/v1/alerts/" + other + "/acknowledge", server.token("rep.c"), null)
                .problem(403);
        http.get("/api/v1/alerts/999999", server.token("ops")).problem(404);
        assertEquals("id", http.get("/api/v1/alerts/abc", server.token("ops")).problem(400));
    }

    @Test
    void aManagerAcknowledgesThenResolvesWithANoteAndTheHistoryTellsIt() {
        String boss = server.token("boss.two");
        long id = alertOn("D-C1");
        assertEquals("D-C1", http.get("/api/v1/alerts/" + id, boss).ok().get("dealId").asText());
        assertEquals(
                "acknowledged",
                http.post("/api/v1/alerts/" + id + "/acknowledge", boss, null)
                        .ok()
                        .get("status")
                        .asText());
        Http.Response twice = http.post("/api/v1/alerts/" + id + "/acknowledge", boss, null);
        assertEquals("status", twice.problem(409), "a second acknowledge is a conflict");
        assertEquals("acknowledged", twice.json().get("current").get("status").asText());
        assertEquals(
                "note", http.post("/api/v1/alerts/" + id + "/resolve", boss, "{}").problem(400));
        assertEquals(
                "note",
                http.post("/api/v1/alerts/" + id + "/resolve", boss, "{\"note\": \"\"}")
                        .problem(400));
        JsonNode resolved =
                http.post(
                                "/api/v1/alerts/" + id + "/resolve",
                                boss,
                                "{\"note\": \"approved by finance\"}")
                        .ok();
        assertEquals("resolved", resolved.get("status").asText());
        assertEquals("approved by finance", resolved.get("resolution").asText());
        List<String> events = new ArrayList<>();
        http.get("/api/v1/alerts/" + id + "/history", boss)
                .ok()
                .forEach(e -> events.add(e.get("event").asText()));
        assertEquals(List.of("raised", "acknowledged", "resolved"), events);
    }
}
