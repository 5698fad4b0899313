package io.pandu.api;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.pandu.testing.Http;
import io.pandu.testing.TestServer;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Bulk import of a JSON fact set, and of the Maven CRM CSVs uploaded as files: the summary,
 * idempotence, rejected records, roles and limits.
 */
class ImportIT {
    private final TestServer server = TestServer.shared();
    private final Http http = server.http;

    private static final String CRM = "/api/v1/import/maven-crm";

    /** The Maven CRM data set as bundled with Pandu (the same files as the published data set). */
    private static final Path DEMO = Path.of("src/main/resources/demo/maven-crm");

    private static final String BAD_PIPELINE =
            """
            opportunity_id,sales_agent,product,account,engage_date,close_date
            1C1I7A6R,Moses Frase,GTX Plus Basic,Cancity,2016-10-20,2017-03-01
            """;

    private static final String FACTS =
            """
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
        assertEquals(
                1, first.get("records").get("deals").get("rejected").asInt(), first.toString());
        JsonNode rejection = first.get("rejected").get(0);
        assertEquals("deals[1].ownerId", rejection.get("where").asText(), first.toString());
        assertTrue(rejection.get("reason").asText().contains("rep.nobody"));
        JsonNode again = http.post("/api/v1/import", server.token("admin"), FACTS).ok();
        assertEquals(0, again.get("records").get("deals").get("created").asInt(), again.toString());
        assertEquals(
                1, again.get("records").get("deals").get("unchanged").asInt(), again.toString());
        assertEquals(
                "Zeta", http.get("/api/v1/deals/D-Z1", ops).ok().get("value").get("name").asText());
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
        assertEquals(
                "deals[0].amount",
                http.post(
                                "/api/v1/import",
                                ops,
                                FACTS.replaceFirst("\"amount\": 500", "\"amount\": []"))
                        .problem(400));
        assertEquals(
                "reps[0].nickname",
                http.post(
                                "/api/v1/import",
                                ops,
                                FACTS.replace(
                                        "\"region\": \"North\"",
                                        "\"region\": \"North\", \"nickname\": \"Z\""))
                        .problem(400));
        String big =
                "{\"accounts\": ["
                        + ("{\"id\": \"a\", \"name\": \"" + "n".repeat(2000) + "\"},").repeat(600)
                        + "{\"id\": \"b\", \"name\": \"b\"}]}";
        http.post("/api/v1/import", ops, big).problem(413);
    }

    /**
     * The four files of the demo data set as the parts of an upload, the part named {@code
     * replaced} swapped for {@code with}.
     */
    private static List<Http.Part> crmParts(String replaced, Http.Part with) {
        List<Http.Part> parts = new ArrayList<>();
        for (String part : List.of("sales_pipeline", "sales_teams", "accounts", "products")) {
            if (!part.equals(replaced)) {
                parts.add(Http.Part.file(part, DEMO.resolve(part + ".csv")));
            } else if (with != null) {
                parts.add(with);
            }
        }
        return parts;
    }

    private static List<Http.Part> crmParts() {
        return crmParts(null, null);
    }

    @Test
    void opsUploadTheMavenCrmCsvsAndUploadingThemAgainChangesNothing() {
        // a server of its own: 8,800 deals would change what the other tests see on the shared one
        try (TestServer own = TestServer.start(1000)) {
            String ops = own.token("ops");
            JsonNode first = own.http.multipart(CRM + "?asOf=2017-12-31", ops, crmParts()).ok();
            assertEquals("uploaded Maven CRM CSVs", first.get("source").asText(), first.toString());
            assertEquals("2017-12-31", first.get("asOf").asText());
            assertEquals(8800, first.get("rowsRead").get("sales_pipeline.csv").asInt());
            Map<String, Integer> read =
                    Map.of("managers", 6, "reps", 35, "accounts", 85, "products", 7, "deals", 8800);
            read.forEach(
                    (kind, n) -> {
                        JsonNode counts = first.get("records").get(kind);
                        assertEquals(n, counts.get("read").asInt(), kind + ": " + counts);
                        assertEquals(0, counts.get("rejected").asInt(), kind + ": " + counts);
                        // the fixture already has two of the products
                        assertEquals(
                                kind.equals("products") ? 5 : n,
                                counts.get("created").asInt(),
                                kind + ": " + counts);
                    });
            assertEquals(0, first.get("rejected").size(), first.get("rejected").toString());
            assertFalse(first.has("users"), "an upload creates no demo users");
            Map<String, JsonNode> quirks = new java.util.HashMap<>();
            first.get("quirks").forEach(q -> quirks.put(q.get("kind").asText(), q));
            assertTrue(
                    quirks.get("product spelt differently from products.csv")
                            .get("example")
                            .asText()
                            .contains("GTXPro → GTX Pro"),
                    quirks.toString());
            assertEquals(1425, quirks.get("deal with no account").get("count").asInt());
            assertEquals(5, quirks.get("agent with no deals").get("count").asInt());

            JsonNode again = own.http.multipart(CRM, own.token("admin"), crmParts()).ok();
            assertEquals(
                    "2017-12-31",
                    again.get("asOf").asText(),
                    "asOf defaults to the last date in the data");
            read.forEach(
                    (kind, n) -> {
                        JsonNode counts = again.get("records").get(kind);
                        assertEquals(0, counts.get("created").asInt(), kind + ": " + counts);
                        assertEquals(0, counts.get("updated").asInt(), kind + ": " + counts);
                        assertEquals(n, counts.get("unchanged").asInt(), kind + ": " + counts);
                    });
            assertEquals(first.get("quirks"), again.get("quirks"));
            JsonNode deal = own.http.get("/api/v1/deals/1C1I7A6R", ops).ok();
            assertEquals(1, deal.get("version").asInt(), deal.toString());
            assertEquals("moses.frase", deal.get("value").get("ownerId").asText(), deal.toString());
        }
    }

    @Test
    void onlyOpsAndAdminUploadCsvs() {
        http.multipart(CRM, server.token("rep.a"), crmParts()).problem(403);
        http.multipart(CRM, server.token("boss.one"), crmParts()).problem(403);
        http.multipart(CRM, null, crmParts()).problem(401);
    }

    @Test
    void aMissingUnknownOrTextPartIs400NamingThePart() {
        String ops = server.token("ops");
        assertEquals(
                "sales_teams",
                http.multipart(CRM, ops, crmParts("sales_teams", null)).problem(400));
        assertEquals(
                "teams",
                http.multipart(
                                CRM,
                                ops,
                                crmParts(
                                        "sales_teams",
                                        Http.Part.file("teams", DEMO.resolve("sales_teams.csv"))))
                        .problem(400));
        assertEquals(
                "accounts",
                http.multipart(
                                CRM,
                                ops,
                                crmParts(
                                        "accounts",
                                        Http.Part.field(
                                                "accounts", "account,sector\nAcme,retail\n")))
                        .problem(400));
        List<Http.Part> twice = crmParts();
        twice.add(Http.Part.file("products", DEMO.resolve("products.csv")));
        assertEquals("products", http.multipart(CRM, ops, twice).problem(400));
        assertEquals("sales_pipeline", http.multipart(CRM, ops, List.of()).problem(400));
    }

    @Test
    void aCsvWhoseHeaderLacksAColumnIs400NamingThePartAndStoresNothing() {
        String ops = server.token("ops");
        Http.Response response =
                http.multipart(
                        CRM,
                        ops,
                        crmParts(
                                "sales_pipeline",
                                Http.Part.file("sales_pipeline", "pipeline.csv", BAD_PIPELINE)));
        assertEquals("sales_pipeline", response.problem(400));
        assertTrue(
                response.json()
                        .get("detail")
                        .asText()
                        .contains("lacks the columns deal_stage, close_value"),
                response.text());
        http.get("/api/v1/accounts/acme-corporation", ops)
                .problem(404); // the good accounts.csv was not imported
    }

    @Test
    void aBadAsOfIs400() {
        String ops = server.token("ops");
        assertEquals(
                "asOf", http.multipart(CRM + "?asOf=31.12.2017", ops, crmParts()).problem(400));
        assertEquals(
                "asOf", http.multipart(CRM + "?asOf=2017-02-30", ops, crmParts()).problem(400));
    }

    @Test
    void anUploadOverTheImportLimitIs413() {
        String big =
                "opportunity_id,sales_agent,product,account,deal_stage,engage_date,close_date,close_value\n"
                        + "X,Nobody,GTX Pro,Nowhere,Won,2017-01-01,2017-02-01,1\n"
                                .repeat((int) (TestServer.IMPORT_LIMIT / 50));
        Http.Response response =
                http.multipart(
                        CRM,
                        server.token("ops"),
                        crmParts(
                                "sales_pipeline",
                                Http.Part.file("sales_pipeline", "sales_pipeline.csv", big)));
        response.problem(413);
        assertTrue(
                response.json().get("detail").asText().endsWith("limit of 2 MB"), response.text());
        // the caller is checked before the body is read: no one streams megabytes to disk without a
        // token
        http.multipart(
                        CRM,
                        null,
                        crmParts(
                                "sales_pipeline",
                                Http.Part.file("sales_pipeline", "sales_pipeline.csv", big)))
                .problem(401);
        http.multipart(
                        CRM,
                        server.token("rep.a"),
                        crmParts(
                                "sales_pipeline",
                                Http.Part.file("sales_pipeline", "sales_pipeline.csv", big)))
                .problem(403);
    }

    @Test
    void anUploadOfMoreFilesThanVertxDecodesIs400NotAServerError() {
        List<Http.Part> many = new java.util.ArrayList<>(crmParts());
        for (int i = 0; i < 300; i++) {
            many.add(Http.Part.file("extra" + i, "extra" + i + ".csv", "a,b\n"));
        }
        assertEquals("$", http.multipart(CRM, server.token("ops"), many).problem(400));
    }

    @Test
    void aBodyThatIsNotMultipartIs400NamingTheContentType() {
        String ops = server.token("ops");
        assertEquals("Content-Type", http.post(CRM, ops, FACTS).problem(400));
        assertEquals("Content-Type", http.send("POST", CRM, ops, null, new byte[0]).problem(400));
        assertEquals(
                "Content-Type",
                http.send("POST", CRM, ops, "multipart/form-data", "x=y".getBytes()).problem(400));
    }
}
