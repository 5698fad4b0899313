package io.pandu.api;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.pandu.testing.Http;
import io.pandu.testing.RuleFixtures;
import io.pandu.testing.TestServer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Evaluation runs over the stored pipeline: started on demand, followed to the end. */
class RunsIT {
    private final TestServer server = TestServer.shared();
    private final Http http = server.http;

    @Test
    void opsStartARunThatReportsProgressAndDuration() throws Exception {
        String ops = server.token("ops");
        Http.Response started = http.post("/api/v1/runs", ops, null);
        assertEquals(202, started.status(), started.text());
        long id = started.json().get("id").asLong();
        JsonNode run = started.json();
        for (int i = 0; i < 100 && run.get("status").asText().equals("running"); i++) {
            Thread.sleep(100);
            run = http.get("/api/v1/runs/" + id, ops).ok();
        }
        assertEquals("succeeded", run.get("status").asText(), run.toString());
        assertEquals(run.get("teams").asInt(), run.get("teamsDone").asInt());
        assertTrue(run.get("durationMs").asLong() >= 0);
        assertTrue(run.get("deals").asInt() >= 4, run.toString());
        assertEquals(
                id,
                http.get("/api/v1/runs", server.token("boss.one"))
                        .ok()
                        .get("items")
                        .get(0)
                        .get("id")
                        .asLong());
        assertTrue(http.get("/api/v1/runs/" + id + "/firings", ops).ok().size() > 0);
    }

    @Test
    void aScheduledRunReEvaluatesThePipelineWithoutAnyoneAsking() throws Exception {
        try (TestServer scheduled =
                TestServer.start(config -> config.withRunEvery(Duration.ofSeconds(1)))) {
            String ops = scheduled.token("ops");
            JsonNode newest = null;
            for (int i = 0; i < 100; i++) {
                newest = scheduled.http.get("/api/v1/runs", ops).ok().get("items").get(0);
                if (newest.get("trigger").asText().equals("scheduled")
                        && newest.get("status").asText().equals("succeeded")) {
                    break;
                }
                Thread.sleep(100);
            }
            assertEquals("scheduled", newest.get("trigger").asText(), newest.toString());
            assertEquals("succeeded", newest.get("status").asText(), newest.toString());
            assertTrue(newest.get("deals").asInt() >= 4, newest.toString());
        }
    }

    @Test
    void onlyOpsAndAdminStartRunsAndRepsDoNotReadThem() {
        for (String user : List.of("rep.a", "boss.one")) {
            http.post("/api/v1/runs", server.token(user), null).problem(403);
        }
        http.get("/api/v1/runs", server.token("rep.a")).problem(403);
        http.get("/api/v1/runs/1", server.token("rep.a")).problem(403);
        http.post("/api/v1/runs", null, null).problem(401);
        http.get("/api/v1/runs/999999", server.token("ops")).problem(404);
        assertEquals("id", http.get("/api/v1/runs/first", server.token("ops")).problem(400));
        assertEquals("limit", http.get("/api/v1/runs?limit=0", server.token("ops")).problem(400));
    }

    /**
     * A rule that throws on the stored pipeline fails the run; /health says which run and why until
     * one succeeds.
     */
    @Test
    void aFailedRunShowsItsErrorInHealthUntilARunSucceeds() throws Exception {
        try (TestServer own = TestServer.start(60_000)) {
            String ops = own.token("ops");
            assertFalse(
                    own.http.get("/health", null).ok().has("lastRunError"),
                    "the seeding run succeeded");
            // every check before a version goes live passes (the parameter's name is computed, and
            // no stored deal is called "Explodes" yet); the run fails on data that came later
            Path rule =
                    RuleFixtures.write(
                            own.rules(),
                            "test/fails-at-runtime.drl",
                            RuleFixtures.drl(
                                    """
                    rule "Read a parameter nobody defined"
                        @category("test")
                        @priority(50)
                    when
                        $d : DealContext( open, deal.name() == "Explodes" )
                    then
                        double threshold = $d.param("noSuch" + "Param");
                    end
                    """));
            JsonNode reloaded = own.http.post("/api/v1/rules/reload", ops, null).ok();
            assertTrue(reloaded.get("ok").asBoolean(), reloaded.toString());
            Http.Response explodes =
                    own.http.put(
                            "/api/v1/deals/D-EXPLODES",
                            ops,
                            """
                            {"id": "D-EXPLODES", "name": "Explodes", "accountId": "acme", "ownerId": "rep.a",
                             "product": "GTX Pro", "stage": "Engaging", "amount": 1000,
                             "createdDate": "2017-05-01", "stageEnteredDate": "2017-05-20"}
                            """);
            assertTrue(explodes.status() == 200 || explodes.status() == 201, explodes.text());
            JsonNode failed = finished(own, own.http.post("/api/v1/runs", ops, null).json());
            assertEquals("failed", failed.get("status").asText(), failed.toString());
            assertTrue(
                    failed.get("error")
                            .asText()
                            .contains("rule \"Read a parameter nobody defined\" failed"),
                    failed.toString());

            JsonNode error = own.http.get("/health", null).ok().get("lastRunError");
            assertEquals(
                    failed.get("id").asLong(), error.get("runId").asLong(), String.valueOf(error));
            assertEquals(failed.get("error").asText(), error.get("message").asText());
            assertEquals(failed.get("finishedAt").asText(), error.get("at").asText());

            Files.delete(rule);
            assertTrue(own.http.post("/api/v1/rules/reload", ops, null).ok().get("ok").asBoolean());
            JsonNode succeeded = finished(own, own.http.post("/api/v1/runs", ops, null).json());
            assertEquals("succeeded", succeeded.get("status").asText(), succeeded.toString());
            assertFalse(own.http.get("/health", null).ok().has("lastRunError"));
        }
    }

    private static JsonNode finished(TestServer server, JsonNode run) throws InterruptedException {
        for (int i = 0; i < 100 && run.get("status").asText().equals("running"); i++) {
            Thread.sleep(100);
            run =
                    server.http
                            .get("/api/v1/runs/" + run.get("id").asLong(), server.token("ops"))
                            .ok();
        }
        return run;
    }
}
