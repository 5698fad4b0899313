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
 * A rep's KPIs next to their team's (the manager's coaching view): who may see them, and what they
 * hold.
 */
class KpisIT {
    private final TestServer server = TestServer.shared();
    private final Http http = server.http;

    @Test
    void aRepTheirManagerAndOpsSeeTheRepsKpisOthersDoNot() {
        http.get("/api/v1/reps/rep.a/kpis", server.token("rep.a")).ok();
        http.get("/api/v1/reps/rep.a/kpis", server.token("boss.one")).ok();
        http.get("/api/v1/reps/rep.a/kpis", server.token("ops")).ok();
        http.get("/api/v1/reps/rep.a/kpis", server.token("rep.b")).problem(404);
        http.get("/api/v1/reps/rep.a/kpis", server.token("boss.two")).problem(404);
        http.get("/api/v1/reps/nobody/kpis", server.token("ops")).problem(404);
        http.get("/api/v1/reps/rep.a/kpis", null).problem(401);
    }

    @Test
    void theKpisComeWithTheTeamTwelveMonthsSevenDaysAndThePeers() {
        JsonNode kpis = http.get("/api/v1/reps/rep.a/kpis", server.token("boss.one")).ok();
        assertEquals("rep.a", kpis.get("repId").asText());
        assertEquals("boss.one", kpis.get("managerId").asText());
        String asOf = kpis.get("asOf").asText();
        assertEquals(12, kpis.get("months").size());
        assertEquals(
                asOf.substring(0, 7),
                kpis.get("months").get(11).get("month").asText(),
                "the last month is the as-of month");
        assertEquals(12, kpis.get("teamMonths").size());
        assertEquals(7, kpis.get("activity").size());
        assertEquals(
                asOf, kpis.get("activity").get(6).get("date").asText(), "the last day is as-of");
        List<String> peers = new ArrayList<>();
        kpis.get("peers").forEach(p -> peers.add(p.get("repId").asText()));
        assertTrue(peers.containsAll(List.of("rep.a", "rep.b")), peers.toString());
        assertFalse(peers.contains("rep.c"), "another manager's rep is no peer");
        for (String figure :
                List.of(
                        "winRate",
                        "closedLast180",
                        "openPipeline",
                        "openDeals",
                        "activitiesLast7Days")) {
            assertTrue(kpis.get("rep").has(figure) && kpis.get("team").has(figure), figure);
        }

        // the open pipeline is the rep's open deals; with a quota and nothing won this year,
        // coverage is pipeline / quota
        double open = 0;
        boolean wonThisYear = false;
        for (JsonNode deal :
                http.get("/api/v1/deals?ownerId=rep.a&limit=500", server.token("boss.one"))
                        .ok()
                        .get("items")) {
            String stage = deal.get("value").get("stage").asText();
            if (stage.equalsIgnoreCase("won") || stage.equalsIgnoreCase("closed won")) {
                wonThisYear |=
                        deal.get("value")
                                .path("closeDate")
                                .asText("")
                                .startsWith(asOf.substring(0, 4));
            } else if (!stage.equalsIgnoreCase("lost") && !stage.equalsIgnoreCase("closed lost")) {
                open += deal.get("value").get("amount").asDouble();
            }
        }
        assertEquals(open, kpis.get("rep").get("openPipeline").asDouble(), 0.01);
        double quota =
                http.get("/api/v1/reps/rep.a", server.token("boss.one"))
                        .ok()
                        .get("value")
                        .get("quota")
                        .asDouble();
        if (!wonThisYear) {
            assertEquals(open / quota, kpis.get("rep").get("pipelineCoverage").asDouble(), 1e-9);
        }
    }
}
