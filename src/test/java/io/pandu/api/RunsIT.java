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
                        $d : DealContext( open, dealId == "D-LATE" )
                    then
                        double threshold = $d.param("noSuch" + "Param");
                    end
                    """));
            // a rule failing on the stored pipeline is refused at reload (smoke evaluation), so
            // this one fails only on a deal written after the reload
            assertTrue(own.http.post("/api/v1/rules/reload", ops, null).ok().get("ok").asBoolean());
            assertEquals(
                    201,
                    own.http
                            .put(
                                    "/api/v1/deals/D-LATE",
                                    ops,
                                    "{\"name\": \"Late\", \"ownerId\": \"rep.b\", \"stage\":"
                                            + " \"Prospecting\", \"amount\": 1000, \"createdDate\":"
                                            + " \"2017-06-20\"}")
                            .status());
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
