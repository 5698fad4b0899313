package io.pandu.api;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.pandu.testing.Http;
import io.pandu.testing.TestServer;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/** Health, metrics, the docs page, the web UI, and what unknown routes and methods get. */
class OperationsIT {
    private final TestServer server = TestServer.shared();
    private final Http http = server.http;

    @Test
    void healthTellsRulesVersionStoreAndNoReloadError() {
        JsonNode health = http.get("/health", null).ok();
        assertEquals("ok", health.get("status").asText(), health.toString());
        assertEquals(12, health.get("rulesVersion").asText().length());
        assertTrue(health.get("store").get("reachable").asBoolean());
        assertFalse(health.has("lastReloadError"));
    }

    @Test
    void metricsAreInPrometheusFormat() throws Exception {
        http.post(
                        "/api/v1/evaluate",
                        server.token("rep.a"),
                        Files.readString(Path.of("docs/examples/sample-facts.json")))
                .ok();
        Http.Response metrics = http.get("/metrics", null);
        assertEquals(200, metrics.status());
        assertTrue(metrics.contentType().startsWith("text/plain"), metrics.contentType());
        for (String metric :
                new String[] {
                    "pandu_evaluation_seconds_count",
                    "pandu_evaluation_seconds_bucket",
                    "pandu_rules_fired_total{rule=\"playbook.Re-engage a deal with no recent activity\"}",
                    "pandu_rules_reloads_total{outcome=\"changed\"}",
                    "vertx_http_server_requests_total",
                    "route=\"/api/v1/evaluate\""
                }) {
            assertTrue(metrics.text().contains(metric), metric + " missing");
        }
    }

    @Test
    void theDocsPageTheContractAndTheWebUiAreServed() {
        Http.Response docs = http.get("/docs", null);
        assertEquals(200, docs.status());
        assertTrue(docs.text().contains("swagger-ui-bundle.js"));
        assertEquals(200, http.get("/docs/", null).status());
        assertEquals(200, http.get("/docs/swagger-ui-bundle.js", null).status());
        assertTrue(http.get("/openapi.yaml", null).text().startsWith("openapi: 3.1.0"));
        Http.Response index = http.get("/", null);
        assertEquals(200, index.status());
        assertTrue(index.contentType().startsWith("text/html"));
        assertTrue(index.text().contains("Pandu"));
    }

    @Test
    void unknownRoutesAndMethodsAreProblemsToo() {
        http.get("/api/v1/nothing-here", server.token("ops")).problem(404);
        http.get("/no/such/page", null).problem(404);
        http.send("DELETE", "/api/v1/evaluate", server.token("ops"), null, new byte[0])
                .problem(405);
    }
}
