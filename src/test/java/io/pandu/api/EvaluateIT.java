package io.pandu.api;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.pandu.testing.Http;
import io.pandu.testing.TestServer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * POST /api/v1/evaluate: stateless guidance for a posted fact set, and every way to get it wrong.
 */
class EvaluateIT {
    private final TestServer server = TestServer.shared();
    private final Http http = server.http;

    private static String sample() throws Exception {
        return Files.readString(Path.of("docs/examples/sample-facts.json"));
    }

    @Test
    void aFactSetComesBackAsRankedExplainedGuidanceForEveryRole() throws Exception {
        for (String user : List.of("rep.a", "boss.one", "ops", "admin")) {
            JsonNode g = http.post("/api/v1/evaluate", server.token(user), sample()).ok();
            assertEquals("2017-06-30", g.get("asOf").asText());
            assertFalse(g.get("ruleSetVersion").asText().isEmpty());
            for (String kind :
                    List.of(
                            "recommendations",
                            "coachingAlerts",
                            "incentiveInsights",
                            "territoryFindings")) {
                assertTrue(g.get(kind).size() > 0, kind + " empty: " + g);
            }
            JsonNode first = g.get("recommendations").get(0);
            assertTrue(first.get("reason").asText().length() > 0);
            assertTrue(first.get("rule").get("file").asText().endsWith(".drl"), first.toString());
        }
    }

    @Test
    void nothingIsStored() throws Exception {
        String ops = server.token("ops");
        long before = http.get("/api/v1/deals?limit=1", ops).ok().get("total").asLong();
        http.post("/api/v1/evaluate", ops, sample()).ok();
        assertEquals(before, http.get("/api/v1/deals?limit=1", ops).ok().get("total").asLong());
        http.get("/api/v1/deals/D1", ops)
                .problem(404); // the sample's deal did not land in the store
    }

    @Test
    void badInputIs400WithTheJsonPathOfTheField() throws Exception {
        String rep = server.token("rep.a");
        String sample = sample();
        // shape: the strict reader holds every record to its schema in the contract
        assertEquals(
                "deals[1].amount",
                http.post(
                                "/api/v1/evaluate",
                                rep,
                                sample.replace("\"amount\": 3393", "\"amount\": \"lots\""))
                        .problem(400));
        assertEquals(
                "deals[0].colour",
                http.post(
                                "/api/v1/evaluate",
                                rep,
                                sample.replace(
                                        "\"id\": \"D1\",", "\"id\": \"D1\", \"colour\": \"red\","))
                        .problem(400));
        assertEquals(
                "activities[0].type",
                http.post(
                                "/api/v1/evaluate",
                                rep,
                                sample.replace("\"type\": \"call\"", "\"type\": \"telepathy\""))
                        .problem(400));
        // ranges the contract states (minimum, maximum, required) are the records' own checks
        assertEquals(
                "deals[0].closeDatePushes",
                http.post(
                                "/api/v1/evaluate",
                                rep,
                                sample.replace("\"closeDatePushes\": 0", "\"closeDatePushes\": -1"))
                        .problem(400));
        // a key given twice is not silently resolved to one of its values
        assertEquals(
                "$",
                http.post(
                                "/api/v1/evaluate",
                                rep,
                                sample.replace(
                                        "\"closeDatePushes\": 0",
                                        "\"closeDatePushes\": 0, \"closeDatePushes\": 5"))
                        .problem(400));
        assertEquals(
                "accounts[0].connections[0].strength",
                http.post(
                                "/api/v1/evaluate",
                                rep,
                                sample.replace(
                                        "\"id\": \"A1\",",
                                        "\"id\": \"A1\", \"connections\": [{\"repId\": \"R1\", \"strength\": 1.5}],"))
                        .problem(400));
        assertEquals(
                "accounts[0].connections[0].repId",
                http.post(
                                "/api/v1/evaluate",
                                rep,
                                sample.replace(
                                        "\"id\": \"A1\",",
                                        "\"id\": \"A1\", \"connections\": [{\"strength\": 0.5}],"))
                        .problem(400));
        // meaning, not shape: the evaluator knows the playbooks' stages
        String stage =
                http.post(
                                "/api/v1/evaluate",
                                rep,
                                sample.replace(
                                        "\"stage\": \"Engaging\"", "\"stage\": \"Negotiatoin\""))
                        .problem(400);
        assertEquals("deals[0].stage", stage);
        assertEquals(
                "asOf",
                http.post("/api/v1/evaluate", rep, sample.replace("2017-06-30", "2017-13-45"))
                        .problem(400));
        // not JSON, not an object, no body
        assertEquals("$", http.post("/api/v1/evaluate", rep, "{\"deals\": [").problem(400));
        http.post("/api/v1/evaluate", rep, "[1, 2]").problem(400);
        http.post("/api/v1/evaluate", rep, null).problem(400);
        assertEquals(
                "Content-Type",
                http.send(
                                "POST",
                                "/api/v1/evaluate",
                                rep,
                                "text/plain",
                                "hello".getBytes(StandardCharsets.UTF_8))
                        .problem(400));
    }

    @Test
    void noTokenIs401() throws Exception {
        http.post("/api/v1/evaluate", null, sample()).problem(401);
    }

    @Test
    void aBodyAboveOneMegabyteIs413() {
        String rep = "{\"id\": \"R\", \"name\": \"" + "x".repeat(1000) + "\"},";
        String big = "{\"reps\": [" + rep.repeat(1100) + "{\"id\":\"R\"}]}";
        assertTrue(big.length() > 1024 * 1024);
        http.post("/api/v1/evaluate", server.token("rep.a"), big).problem(413);
    }
}
