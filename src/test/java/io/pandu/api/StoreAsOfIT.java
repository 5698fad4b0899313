package io.pandu.api;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.pandu.testing.TestServer;
import java.time.LocalDate;
import org.junit.jupiter.api.Test;

/**
 * Issue 11: the store's as-of date is explicit. /health states it and its source (the latest
 * import's, or the configuration's); an import never moves it silently: an older date, or one off
 * the configured date, stays out unless the import asks ({@code moveAsOf=true}), and the import's
 * summary says which happened. The fixture pipeline is imported as of 2017-06-30.
 */
class StoreAsOfIT {
    private static final String ONE_DEAL =
            "{\"asOf\": \"%s\", \"reps\": [{\"id\": \"rep.a\", \"name\": \"Rep A\", \"managerId\": \"boss.one\"}]}";

    @Test
    void healthStatesTheLatestImportsDateAndAnOlderImportDoesNotMoveItBackUnlessAsked() {
        try (TestServer server = TestServer.start(c -> c)) {
            String ops = server.token("ops");
            assertAsOf(server, "2017-06-30", "import");

            JsonNode older =
                    server.http
                            .post("/api/v1/import", ops, String.format(ONE_DEAL, "2017-03-31"))
                            .ok();
            JsonNode kept = older.get("storeAsOf");
            assertFalse(kept.get("moved").asBoolean(), kept.toString());
            assertEquals("2017-06-30", kept.get("date").asText());
            assertTrue(
                    kept.get("note").asText().contains("older than the store's 2017-06-30"),
                    kept.toString());
            assertAsOf(server, "2017-06-30", "import");

            JsonNode asked =
                    server.http
                            .post(
                                    "/api/v1/import?moveAsOf=true",
                                    ops,
                                    String.format(ONE_DEAL, "2017-03-31"))
                            .ok();
            assertTrue(asked.get("storeAsOf").get("moved").asBoolean(), asked.toString());
            assertAsOf(server, "2017-03-31", "import");

            JsonNode newer =
                    server.http
                            .post("/api/v1/import", ops, String.format(ONE_DEAL, "2017-07-31"))
                            .ok();
            assertTrue(newer.get("storeAsOf").get("moved").asBoolean(), newer.toString());
            assertAsOf(server, "2017-07-31", "import");

            assertEquals(
                    "moveAsOf",
                    server.http
                            .post(
                                    "/api/v1/import?moveAsOf=yes",
                                    ops,
                                    String.format(ONE_DEAL, "2017-07-31"))
                            .problem(400));
        }
    }

    @Test
    void aConfiguredDateIsStatedAndKeptThroughImportsUnlessOneAsks() {
        try (TestServer server = TestServer.start(c -> c.withAsOf(LocalDate.parse("2017-05-15")))) {
            String ops = server.token("ops");
            // the fixture's import (as of 2017-06-30) came after the configuration: it did not move
            // it
            assertAsOf(server, "2017-05-15", "config");
            JsonNode newer =
                    server.http
                            .post("/api/v1/import", ops, String.format(ONE_DEAL, "2017-07-31"))
                            .ok();
            assertFalse(newer.get("storeAsOf").get("moved").asBoolean(), newer.toString());
            assertTrue(
                    newer.get("storeAsOf").get("note").asText().contains("configuration"),
                    newer.toString());
            assertAsOf(server, "2017-05-15", "config");
            server.http
                    .post(
                            "/api/v1/import?moveAsOf=true",
                            ops,
                            String.format(ONE_DEAL, "2017-07-31"))
                    .ok();
            assertAsOf(server, "2017-07-31", "import");
        }
    }

    private static void assertAsOf(TestServer server, String date, String source) {
        JsonNode asOf = server.http.get("/health", null).ok().get("asOf");
        assertEquals(date, asOf.get("date").asText(), asOf.toString());
        assertEquals(source, asOf.get("source").asText(), asOf.toString());
    }
}
