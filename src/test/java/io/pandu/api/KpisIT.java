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
        for (JsonNode figures : List.of(kpis.get("rep"), kpis.get("team"))) {
            assertEquals(
                    figures.get("closedLast180").asInt() > 0,
                    figures.has("winRate"),
                    "a win rate exactly when something closed: " + figures);
        }
        for (String figure :
                List.of("closedLast180", "openPipeline", "openDeals", "activitiesLast7Days")) {
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

    /**
     * A rep who closed nothing has no win rate (not 0 %); a rep over quota shows "quota met", not a
     * coverage of 0; the team's coverage counts only the pipeline of reps with a quota.
     */
    @Test
    void noClosedDealsMeansNoWinRateAndAMetQuotaMeansNoCoverage() {
        try (TestServer own = TestServer.start(1000)) {
            String ops = own.token("ops");
            String newcomer =
                    "{\"id\": \"rep.new\", \"name\": \"New Rep\", \"managerId\": \"boss.one\","
                            + " \"region\": \"Central\", \"hireDate\": \"2016-01-10\"}";
            assertEquals(201, own.http.put("/api/v1/reps/rep.new", ops, newcomer).status());
            JsonNode fresh = own.http.get("/api/v1/reps/rep.new/kpis", ops).ok().get("rep");
            assertEquals(0, fresh.get("closedLast180").asInt(), fresh.toString());
            assertFalse(fresh.has("winRate"), "undefined, not 0 %: " + fresh);

            JsonNode before = own.http.get("/api/v1/reps/rep.a/kpis", ops).ok();
            assertTrue(before.get("rep").has("pipelineCoverage"), before.toString());
            JsonNode repA = own.http.get("/api/v1/reps/rep.a", ops).ok().get("value");
            String tinyQuota =
                    repA.toString().replace("\"quota\":250000", "\"quota\":1").replace(".0,", ",");
            assertTrue(tinyQuota.contains("\"quota\":1"), tinyQuota);
            assertEquals(200, own.http.put("/api/v1/reps/rep.a", ops, tinyQuota).status());
            JsonNode after = own.http.get("/api/v1/reps/rep.a/kpis", ops).ok();
            JsonNode rep = after.get("rep");
            if (rep.get("attainment").asDouble() >= 1) {
                assertTrue(rep.get("quotaMet").asBoolean(), rep.toString());
                assertFalse(rep.has("pipelineCoverage"), "quota met, not coverage 0: " + rep);
            } else {
                // the fixture's rep.a won nothing this year: the quota of 1 still remains
                assertFalse(rep.get("quotaMet").asBoolean(), rep.toString());
            }
            // the team's coverage: the pipeline of reps with a quota over their remaining quota
            JsonNode team = after.get("team");
            double openWithQuota = 0;
            double remaining = 0;
            for (JsonNode peer : after.get("peers")) {
                JsonNode f = peer.get("figures");
                if (f.has("quota")) {
                    openWithQuota += f.get("openPipeline").asDouble();
                    remaining +=
                            Math.max(
                                    0,
                                    f.get("quota").asDouble()
                                            - f.get("attainment").asDouble()
                                                    * f.get("quota").asDouble());
                }
            }
            if (remaining > 0) {
                assertEquals(
                        openWithQuota / remaining,
                        team.get("pipelineCoverage").asDouble(),
                        1e-6,
                        team.toString());
            }
        }
    }
}
