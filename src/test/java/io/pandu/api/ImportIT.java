package io.pandu.api;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Bulk import of a JSON fact set: the summary, idempotence, rejected records, roles and limits. */
class ImportIT {
    private final TestServer server = TestServer.shared();
    private final Http http = server.http;

    private static final String FACTS = """
            {"reps": [{"id": "rep.z", "name": "Rep Z", "managerId": "boss.three", "region": "North"}],
             "deals": [
               {"id": "D-Z1", "name": "Zeta", "ownerId": "rep.z", "stage": "Prospecting", "amount": 500},
               {"id": "D-Z2", "name": "Orphan", "ownerId": "rep.nobody", "stage": "Prospecting", "amount": 500}
             ]}
            """;

    @Test
    void opsImportAFactSetAndGetTheSummaryAgainAndAgain() {
        String ops = server.token("ops");
        JsonNode first = http.post("/api/v1/import", ops, FACTS).ok();
        assertEquals(1, first.get("records").get("reps").get("created").asInt(), first.toString());
        assertEquals(1, first.get("records").get("deals").get("created").asInt(), first.toString());
        assertEquals(1, first.get("records").get("deals").get("rejected").asInt(), first.toString());
        JsonNode rejection = first.get("rejected").get(0);
        assertEquals("deals[1].ownerId", rejection.get("where").asText(), first.toString());
        assertTrue(rejection.get("reason").asText().contains("rep.nobody"));
        JsonNode again = http.post("/api/v1/import", server.token("admin"), FACTS).ok();
        assertEquals(0, again.get("records").get("deals").get("created").asInt(), again.toString());
        assertEquals(1, again.get("records").get("deals").get("unchanged").asInt(), again.toString());
        assertEquals("Zeta", http.get("/api/v1/deals/D-Z1", ops).ok().get("value").get("name").asText());
    }

    @Test
    void onlyOpsAndAdminImport() {
        http.post("/api/v1/import", server.token("rep.a"), FACTS).problem(403);
        http.post("/api/v1/import", server.token("boss.one"), FACTS).problem(403);
        http.post("/api/v1/import", null, FACTS).problem(401);
    }

    @Test
    void aMalformedFactSetIs400WithThePathAndATooLargeOne413() {
        String ops = server.token("ops");
        assertEquals("deals[0].amount", http.post("/api/v1/import", ops, FACTS.replaceFirst("\"amount\": 500", "\"amount\": []"))
                .problem(400));
        assertEquals("reps[0].nickname", http.post("/api/v1/import", ops,
                FACTS.replace("\"region\": \"North\"", "\"region\": \"North\", \"nickname\": \"Z\"")).problem(400));
        String big = "{\"accounts\": [" + ("{\"id\": \"a\", \"name\": \"" + "n".repeat(2000) + "\"},").repeat(600) + "{\"id\": \"b\", \"name\": \"b\"}]}";
        http.post("/api/v1/import", ops, big).problem(413);
    }
}
