package io.pandu.api;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import com.fasterxml.jackson.databind.JsonNode;
import io.pandu.testing.Http;
import io.pandu.testing.TestServer;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Input beyond what the store keeps (too long, too large, too precise, out of range) is a 400 that
 * names the field, through the strict fact-set reader and the upserts alike; never a 500.
 */
class BoundedInputIT {
    private static final String LONG_ID = "x".repeat(201);
    private final TestServer server = TestServer.shared();
    private final Http http = server.http;

    private String dealUpsert(String extra) {
        return "{\"ownerId\": \"rep.a\", \"stage\": \"Prospecting\"" + extra + "}";
    }

    private String field(Http.Response r) {
        String field = r.problem(400);
        assertFalse(r.text().toLowerCase().contains("select "), r.text());
        return field;
    }

    @Test
    void aDealUpsertBeyondTheBoundsIs400NamingTheField() {
        String rep = server.token("rep.a");
        String[][] cases = {
            {", \"name\": \"" + "n".repeat(1001) + "\"", "name"},
            {", \"product\": \"" + LONG_ID + "\"", "product"},
            {", \"accountId\": \"" + LONG_ID + "\"", "accountId"},
            {", \"amount\": 1e18", "amount"},
            {", \"amount\": 10.001", "amount"},
            {", \"amount\": -5", "amount"},
            {", \"discountPercent\": 101", "discountPercent"},
            {", \"discountPercent\": -0.5", "discountPercent"},
            {", \"closeDate\": \"-999999999-01-01\"", "closeDate"},
            {", \"createdDate\": \"1899-12-31\"", "createdDate"},
        };
        for (String[] c : cases) {
            assertEquals(c[1], field(http.put("/api/v1/deals/D-A9", rep, dealUpsert(c[0]))), c[0]);
        }
        assertEquals("id", field(http.put("/api/v1/deals/" + LONG_ID, rep, dealUpsert(""))));
    }

    @Test
    void repAccountAndActivityUpsertsBeyondTheBoundsAre400() {
        String ops = server.token("ops");
        assertEquals(
                "managerId",
                field(
                        http.put(
                                "/api/v1/reps/rep.z",
                                ops,
                                "{\"name\": \"Z\", \"managerId\": \"rep.z\"}")));
        assertEquals(
                "region",
                field(
                        http.put(
                                "/api/v1/reps/rep.z",
                                ops,
                                "{\"name\": \"Z\", \"region\": \"" + LONG_ID + "\"}")));
        assertEquals(
                "name",
                field(
                        http.put(
                                "/api/v1/reps/rep.z",
                                ops,
                                "{\"name\": \"" + "n".repeat(501) + "\"}")));
        assertEquals(
                "revenue",
                field(
                        http.put(
                                "/api/v1/accounts/acme-2",
                                ops,
                                "{\"name\": \"Acme 2\", \"revenue\": 1.234}")));
        assertEquals(
                "date",
                field(
                        http.put(
                                "/api/v1/activities/act-z",
                                ops,
                                "{\"dealId\": \"D-A2\", \"repId\": \"rep.a\", \"type\": \"call\", \"date\": \"2201-01-01\"}")));
    }

    @Test
    void aFactSetBeyondTheBoundsIs400AtItsPath() {
        String ops = server.token("ops");
        assertEquals(
                "asOf",
                field(http.post("/api/v1/evaluate", ops, "{\"asOf\": \"-999999999-01-01\"}")));
        assertEquals(
                "deals[0].amount",
                field(
                        http.post(
                                "/api/v1/evaluate",
                                ops,
                                "{\"deals\": [{\"id\": \"D\", \"amount\": 12345678901234567890}]}")));
        assertEquals(
                "reps[0].managerId",
                field(
                        http.post(
                                "/api/v1/import",
                                ops,
                                "{\"reps\": [{\"id\": \"r9\", \"name\": \"R\", \"managerId\": \"r9\"}]}")));
        assertEquals(
                "deals[0].id",
                field(
                        http.post(
                                "/api/v1/import",
                                ops,
                                "{\"deals\": [{\"id\": \"" + LONG_ID + "\"}]}")));
    }

    @Test
    void anUploadsAsOfOutsideTheYears1900To2200Is400() {
        assertEquals(
                "asOf",
                field(
                        http.multipart(
                                "/api/v1/import/maven-crm?asOf=-999999999-01-01",
                                server.token("ops"),
                                List.of(Http.Part.field("x", "y")))));
    }

    @Test
    void aSnoozeEndingBeforeThePipelinesAsOfDateIs400() {
        String rep = server.token("rep.b");
        List<String> ids = new ArrayList<>();
        http.get("/api/v1/me/next-best-actions", rep)
                .ok()
                .get("actions")
                .forEach((JsonNode a) -> ids.add(a.get("id").asText()));
        assertFalse(ids.isEmpty());
        String path = "/api/v1/actions/" + ids.get(0) + "/feedback";
        assertEquals(
                "until",
                field(http.post(path, rep, "{\"kind\": \"snoozed\", \"until\": \"2000-01-01\"}")));
        assertEquals(
                "until",
                field(
                        http.post(
                                path,
                                rep,
                                "{\"kind\": \"snoozed\", \"until\": \"+99999-01-01\"}")));
    }
}
