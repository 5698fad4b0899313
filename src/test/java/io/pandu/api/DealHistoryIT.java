package io.pandu.api;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.pandu.store.DbConfig;
import io.pandu.testing.Http;
import io.pandu.testing.OnEachDatabase;
import io.pandu.testing.TestDatabase;
import io.pandu.testing.TestServer;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.DriverManager;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVRecord;
import org.junit.jupiter.api.Assumptions;

/**
 * Issue 11 item 1's done-when, over HTTP on the Maven CRM demo (as of 2017-12-31), on H2 and on
 * PostgreSQL: {@code asOf} reads see the pipeline as it was on that date. What was so on 2017-09-30
 * is read independently from the demo's CSV here (engage and close dates), not through Pandu's
 * reader.
 */
class DealHistoryIT {
    private static final Path PIPELINE =
            Path.of("src/main/resources/demo/maven-crm/sales_pipeline.csv");
    private static final LocalDate SEPT_30 = LocalDate.parse("2017-09-30");

    @OnEachDatabase
    void asOfSeptember30TheDemoIsThePipelineOfThatDateAndAnEditKeepsTheOldAmountBeforeIt(
            TestDatabase.Kind kind) throws Exception {
        String schema = null;
        if (kind == TestDatabase.Kind.POSTGRES) {
            Assumptions.assumeTrue(
                    TestDatabase.postgresReachable(), "PostgreSQL not reachable: SKIPPED");
            schema = "pandu_hist_" + UUID.randomUUID().toString().replace("-", "").substring(0, 10);
        }
        String pgSchema = schema;
        try (TestServer server =
                TestServer.startDemo(
                        c ->
                                pgSchema == null
                                        ? c
                                        : c.withDb(
                                                new DbConfig(
                                                        TestDatabase.PG_URL,
                                                        TestDatabase.PG_USER,
                                                        "",
                                                        pgSchema,
                                                        4)))) {
            check(server);
        } finally {
            if (schema != null) {
                try (var c =
                                DriverManager.getConnection(
                                        TestDatabase.PG_URL, TestDatabase.PG_USER, "");
                        var s = c.createStatement()) {
                    s.execute("DROP SCHEMA " + schema + " CASCADE");
                }
            }
        }
    }

    private static void check(TestServer server) throws Exception {
        Http http = server.http;
        String ops = server.token("ops");
        List<CSVRecord> rows = csv();
        // independently: which deals were open on 09-30 and closed later, which came later
        CSVRecord wonInNovember = null;
        Map<String, String> ownerOf = new HashMap<>();
        Map<String, Set<String>> openThenClosedLater = new HashMap<>();
        Map<String, Set<String>> engagedLater = new HashMap<>();
        int openOnSept30 = 0;
        for (CSVRecord r : rows) {
            String owner = r.get("sales_agent");
            ownerOf.put(r.get("opportunity_id"), owner);
            LocalDate engaged = date(r.get("engage_date"));
            LocalDate closed = date(r.get("close_date"));
            if (engaged == null) {
                openOnSept30 += r.get("deal_stage").equals("Prospecting") ? 1 : 0;
                continue;
            }
            if (engaged.isAfter(SEPT_30)) {
                engagedLater
                        .computeIfAbsent(owner, o -> new HashSet<>())
                        .add(r.get("opportunity_id"));
            } else if (closed == null || closed.isAfter(SEPT_30)) {
                openOnSept30++;
                if (closed != null) {
                    openThenClosedLater
                            .computeIfAbsent(owner, o -> new HashSet<>())
                            .add(r.get("opportunity_id"));
                    if (wonInNovember == null
                            && r.get("deal_stage").equals("Won")
                            && closed.getMonthValue() == 11) {
                        wonInNovember = r;
                    }
                }
            }
        }
        assertNotNull(wonInNovember);
        String won = wonInNovember.get("opportunity_id");
        String engagedInOctober =
                rows.stream()
                        .filter(r -> r.get("engage_date").startsWith("2017-10"))
                        .findFirst()
                        .orElseThrow()
                        .get("opportunity_id");

        // a deal won in November was open in Engaging on 09-30
        JsonNode now = http.get("/api/v1/deals/" + won, ops).ok().get("value");
        assertEquals("Won", now.get("stage").asText());
        JsonNode then =
                http.get("/api/v1/deals/" + won + "?asOf=2017-09-30", ops).ok().get("value");
        assertEquals("Engaging", then.get("stage").asText(), then.toString());
        assertTrue(
                then.get("closeDate") == null || then.get("closeDate").isNull(), then.toString());
        assertEquals(now.get("ownerId"), then.get("ownerId"));
        // a deal engaged in October did not exist yet
        http.get("/api/v1/deals/" + engagedInOctober, ops).ok();
        Http.Response gone =
                http.get("/api/v1/deals/" + engagedInOctober + "?asOf=2017-09-30", ops);
        gone.problem(404);
        assertTrue(gone.text().contains("as of 2017-09-30"), gone.text());
        assertEquals(
                "asOf", http.get("/api/v1/deals/" + won + "?asOf=2017-13-01", ops).problem(400));

        // the lists: as many open deals as the CSV says were open then, none engaged later
        int listedOpen =
                http.get("/api/v1/deals?asOf=2017-09-30&stage=Engaging&limit=1", ops)
                                .ok()
                                .get("total")
                                .asInt()
                        + http.get("/api/v1/deals?asOf=2017-09-30&stage=Prospecting&limit=1", ops)
                                .ok()
                                .get("total")
                                .asInt();
        assertEquals(openOnSept30, listedOpen);
        int existed =
                (int)
                        rows.stream()
                                .filter(
                                        r ->
                                                r.get("engage_date").isEmpty()
                                                        || !date(r.get("engage_date"))
                                                                .isAfter(SEPT_30))
                                .count();
        assertEquals(
                existed,
                http.get("/api/v1/deals?asOf=2017-09-30&limit=1", ops).ok().get("total").asInt());
        assertEquals(rows.size(), http.get("/api/v1/deals?limit=1", ops).ok().get("total").asInt());

        // KPIs as of 09-30 count the deals open then
        JsonNode company =
                http.get("/api/v1/kpis?groupBy=company&asOf=2017-09-30", ops)
                        .ok()
                        .get("rows")
                        .get(0);
        assertEquals(openOnSept30, company.get("openDeals").asInt(), company.toString());

        // guidance as of 09-30: the rep with the most deals open then and closed later
        String rep =
                openThenClosedLater.entrySet().stream()
                        .filter(e -> engagedLater.containsKey(e.getKey()))
                        .max(Map.Entry.comparingByValue((a, b) -> a.size() - b.size()))
                        .orElseThrow()
                        .getKey();
        String repId = rep.toLowerCase().replaceAll("[^a-z0-9]+", ".");
        JsonNode past =
                http.get("/api/v1/reps/" + repId + "/next-best-actions?asOf=2017-09-30", ops).ok();
        List<String> pastDeals = new ArrayList<>();
        past.get("actions").forEach(a -> pastDeals.add(a.path("dealId").asText(null)));
        assertTrue(
                pastDeals.stream().anyMatch(openThenClosedLater.get(rep)::contains),
                "as of 09-30 a deal open then and closed later has an action: " + pastDeals);
        assertFalse(
                pastDeals.stream().anyMatch(engagedLater.get(rep)::contains),
                "no action on a deal engaged after 09-30: " + pastDeals);
        JsonNode current = http.get("/api/v1/reps/" + repId + "/next-best-actions", ops).ok();
        current.get("actions")
                .forEach(
                        a ->
                                assertFalse(
                                        openThenClosedLater
                                                .get(rep)
                                                .contains(a.path("dealId").asText()),
                                        "now those deals are closed: " + a));

        // an edit on the store's date (2017-12-31): the old amount before it, the new one from it
        CSVRecord open =
                rows.stream()
                        .filter(
                                r ->
                                        r.get("deal_stage").equals("Engaging")
                                                && !date(r.get("engage_date")).isAfter(SEPT_30))
                        .findFirst()
                        .orElseThrow();
        String id = open.get("opportunity_id");
        ObjectNode deal = (ObjectNode) http.get("/api/v1/deals/" + id, ops).ok().get("value");
        double before = deal.get("amount").asDouble();
        deal.put("amount", before + 1000);
        assertEquals(
                "updated",
                http.put("/api/v1/deals/" + id, ops, deal.toString()).ok().get("outcome").asText());
        assertEquals(before, amount(http, ops, id, "?asOf=2017-12-30"), 0.001);
        assertEquals(before, amount(http, ops, id, "?asOf=2017-09-30"), 0.001);
        assertEquals(before + 1000, amount(http, ops, id, "?asOf=2017-12-31"), 0.001);
        assertEquals(before + 1000, amount(http, ops, id, ""), 0.001);
        // a second edit the same day replaces that day's state, the day before keeps the first
        deal.put("amount", before + 2000);
        http.put("/api/v1/deals/" + id, ops, deal.toString()).ok();
        assertEquals(before, amount(http, ops, id, "?asOf=2017-12-30"), 0.001);
        assertEquals(before + 2000, amount(http, ops, id, "?asOf=2017-12-31"), 0.001);
    }

    private static double amount(Http http, String token, String id, String query) {
        return http.get("/api/v1/deals/" + id + query, token)
                .ok()
                .get("value")
                .get("amount")
                .asDouble();
    }

    private static List<CSVRecord> csv() throws Exception {
        try (Reader in = Files.newBufferedReader(PIPELINE, StandardCharsets.UTF_8)) {
            return CSVFormat.DEFAULT
                    .builder()
                    .setHeader()
                    .setSkipHeaderRecord(true)
                    .get()
                    .parse(in)
                    .getRecords();
        }
    }

    private static LocalDate date(String s) {
        return s == null || s.isEmpty() ? null : LocalDate.parse(s);
    }
}
