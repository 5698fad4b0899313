package io.pandu.api;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.pandu.testing.Http;
import io.pandu.testing.TestServer;
import java.io.IOException;
import java.io.Reader;
import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Function;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVRecord;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * {@code GET /api/v1/kpis} on the Maven CRM demo equals an independent computation over the same
 * CSVs (read here with commons-csv, not through Pandu's reader): won, lost, won value, win rate and
 * average won cycle per company, region, team, rep and quarter.
 */
class KpiRollupsIT {
    private static final Path CSVS = Path.of("src/main/resources/demo/maven-crm");
    private static TestServer server;
    private static String ops;

    /** What the CSVs say about one group. */
    private static final class Expected {
        int won;
        int lost;
        long wonValue;
        long wonCycleDays;

        double winRate() {
            return (double) won / (won + lost);
        }

        double avgCycle() {
            return (double) wonCycleDays / won;
        }
    }

    @BeforeAll
    static void startDemo() {
        server = TestServer.startDemo();
        ops = server.token("ops");
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    @Test
    void theCompanysFiguresEqualTheCsvs() throws IOException {
        JsonNode rows = rows("company");
        assertEquals(1, rows.size(), rows.toString());
        Map<String, Expected> expected = expected(r -> "company");
        check(expected, rows);
        // the issue's own figure, computed independently before this route existed
        assertEquals(10_005_534, rows.get(0).get("wonValue").asLong());
    }

    @Test
    void eachRegionTeamAndRepEqualsTheCsvs() throws IOException {
        Map<String, String[]> teams = teams();
        check(expected(r -> teams.get(r.get("sales_agent"))[1]), rows("region"));
        check(expected(r -> teams.get(r.get("sales_agent"))[0]), rows("team"));
        check(expected(r -> r.get("sales_agent")), rows("rep"));
        JsonNode central = byKey(rows("region")).get("Central");
        assertEquals(1629, central.get("won").asInt());
        assertEquals(975, central.get("lost").asInt());
        assertEquals(0.6256, central.get("winRate").asDouble(), 1e-9);
    }

    @Test
    void eachQuarterEqualsTheCsvsAndAPeriodNarrowsTheCount() throws IOException {
        check(
                expected(
                        r -> {
                            LocalDate closed = LocalDate.parse(r.get("close_date"));
                            return closed.getYear() + "-Q" + ((closed.getMonthValue() - 1) / 3 + 1);
                        }),
                rows("quarter"));
        Map<String, JsonNode> quarters = byKey(rows("quarter"));
        assertEquals(2_802_496, quarters.get("2017-Q4").get("wonValue").asLong());
        JsonNode q4 =
                server.http
                        .get("/api/v1/kpis?groupBy=company&from=2017-10-01&to=2017-12-31", ops)
                        .ok();
        assertEquals(2_802_496, q4.get("rows").get(0).get("wonValue").asLong());
        assertEquals(
                quarters.get("2017-Q4").get("won").asInt(),
                q4.get("rows").get(0).get("won").asInt());
    }

    @Test
    void asOfCountsADealClosedLaterAsOpenAndLeavesOutItsOutcome() throws IOException {
        JsonNode endOfYear = rows("company").get(0);
        JsonNode september =
                server.http.get("/api/v1/kpis?asOf=2017-09-30", ops).ok().get("rows").get(0);
        Map<String, Expected> closedBy = new HashMap<>();
        int openOnThe30th = 0;
        for (CSVRecord r : pipeline()) {
            String stage = r.get("deal_stage");
            String engaged = r.get("engage_date");
            String closed = r.get("close_date");
            LocalDate asOf = LocalDate.parse("2017-09-30");
            if (!closed.isEmpty() && !LocalDate.parse(closed).isAfter(asOf)) {
                Expected e = closedBy.computeIfAbsent("company", k -> new Expected());
                if (stage.equals("Won")) {
                    e.won++;
                } else {
                    e.lost++;
                }
            } else if (engaged.isEmpty()
                    ? stage.equals("Prospecting") || stage.equals("Engaging")
                    : !LocalDate.parse(engaged).isAfter(asOf)) {
                openOnThe30th++;
            }
        }
        assertEquals(closedBy.get("company").won, september.get("won").asInt());
        assertEquals(closedBy.get("company").lost, september.get("lost").asInt());
        assertEquals(openOnThe30th, september.get("openDeals").asInt());
        assertTrue(september.get("won").asInt() < endOfYear.get("won").asInt());
    }

    @Test
    void openPipelineShowsItsStalePartAndQuotaFiguresAreOverRepsWithAQuota() throws IOException {
        JsonNode table = server.http.get("/api/v1/kpis?groupBy=team", ops).ok();
        int staleAfter = table.get("staleAfterDays").asInt();
        long longest = 0;
        for (CSVRecord r : pipeline()) {
            if (r.get("deal_stage").equals("Won")) {
                longest =
                        Math.max(
                                longest,
                                ChronoUnit.DAYS.between(
                                        LocalDate.parse(r.get("engage_date")),
                                        LocalDate.parse(r.get("close_date"))));
            }
        }
        assertEquals(longest, staleAfter);
        int stale = 0;
        int open = 0;
        for (JsonNode row : table.get("rows")) {
            stale += row.get("staleOpenDeals").asInt();
            open += row.get("openDeals").asInt();
            assertTrue(row.get("staleOpenDeals").asInt() <= row.get("openDeals").asInt());
            if (row.get("quota").isNull()) {
                assertEquals("no quota", row.get("coverageNote").asText(), row.toString());
            }
        }
        assertTrue(stale > 0 && stale < open, stale + " of " + open);
    }

    @Test
    void aRepSeesOnlyTheirOwnDeals() throws IOException {
        String rep = server.token("moses.frase");
        JsonNode rows = server.http.get("/api/v1/kpis?groupBy=rep", rep).ok().get("rows");
        assertEquals(1, rows.size(), rows.toString());
        assertEquals("Moses Frase", rows.get(0).get("key").asText());
        Map<String, Expected> mine = expected(r -> r.get("sales_agent"));
        mine.keySet().retainAll(List.of("Moses Frase"));
        check(mine, rows);
    }

    @Test
    void csvHasTheSameRows() throws IOException {
        Http.Response csv = server.http.get("/api/v1/kpis?groupBy=region", ops, "text/csv");
        assertEquals(200, csv.status(), csv.text());
        assertTrue(csv.contentType().startsWith("text/csv"), csv.contentType());
        List<CSVRecord> records =
                CSVFormat.DEFAULT
                        .builder()
                        .setHeader()
                        .setSkipHeaderRecord(true)
                        .get()
                        .parse(new StringReader(csv.text()))
                        .getRecords();
        Map<String, JsonNode> json = byKey(rows("region"));
        assertEquals(json.size(), records.size());
        for (CSVRecord r : records) {
            JsonNode row = json.get(r.get("key"));
            assertNotNull(row, r.get("key"));
            assertEquals(row.get("won").asInt(), Integer.parseInt(r.get("won")));
            assertEquals(
                    row.get("wonValue").decimalValue(),
                    new java.math.BigDecimal(r.get("wonValue")));
        }
    }

    /** The server's forecast equals the CLI's backtest figure on the same data (3,552,225). */
    @Test
    void theForecastForQ4FromSeptemberHasItsPartsPerTeamAndTheCompanyLast() {
        JsonNode table =
                server.http
                        .get("/api/v1/forecast?period=2017-Q4&asOf=2017-09-30&groupBy=team", ops)
                        .ok();
        assertEquals("2017-Q4", table.get("period").asText());
        JsonNode groups = table.get("groups");
        assertEquals(7, groups.size(), groups.toString());
        JsonNode company = groups.get(groups.size() - 1);
        assertEquals("company", company.get("key").asText());
        assertEquals(3_552_225, company.get("forecast").asDouble(), 1.0, company.toString());
        double teams = 0;
        for (JsonNode g : groups) {
            JsonNode parts = g.get("parts");
            assertEquals(
                    g.get("forecast").asDouble(),
                    parts.get("openDeals").asDouble() + parts.get("notYetCreated").asDouble(),
                    0.02,
                    g.toString());
            if (!g.get("key").asText().equals("company")) {
                teams += g.get("forecast").asDouble();
            }
        }
        assertEquals(company.get("forecast").asDouble(), teams, 0.1);
        assertTrue(
                server.http
                        .get("/api/v1/forecast?period=Q4&asOf=2017-09-30", ops)
                        .problem(400)
                        .contains("period"));
        assertTrue(server.http.get("/api/v1/forecast", ops).problem(400).contains("period"));
    }

    @Test
    void badParametersAre400sNamingTheParameter() {
        assertTrue(
                server.http
                        .get("/api/v1/kpis?groupBy=galaxy", ops)
                        .problem(400)
                        .contains("groupBy"));
        assertTrue(
                server.http.get("/api/v1/kpis?from=yesterday", ops).problem(400).contains("from"));
        assertTrue(
                server.http
                        .get("/api/v1/kpis?asOf=-999999999-01-01", ops)
                        .problem(400)
                        .contains("asOf"));
        assertTrue(
                server.http
                        .get("/api/v1/kpis?from=2017-10-01&to=2017-09-01", ops)
                        .problem(400)
                        .contains("to"));
    }

    private static JsonNode rows(String groupBy) {
        return server.http.get("/api/v1/kpis?groupBy=" + groupBy, ops).ok().get("rows");
    }

    private static Map<String, JsonNode> byKey(JsonNode rows) {
        Map<String, JsonNode> byKey = new TreeMap<>();
        rows.forEach(r -> byKey.put(r.get("key").asText(), r));
        return byKey;
    }

    /** Every group with a closed deal has a row with the CSVs' figures. */
    private static void check(Map<String, Expected> expected, JsonNode rows) {
        Map<String, JsonNode> actual = byKey(rows);
        for (Map.Entry<String, Expected> e : expected.entrySet()) {
            JsonNode row = actual.get(e.getKey());
            assertNotNull(row, e.getKey() + " missing in " + actual.keySet());
            Expected x = e.getValue();
            String at = e.getKey() + ": " + row;
            assertEquals(x.won, row.get("won").asInt(), at);
            assertEquals(x.lost, row.get("lost").asInt(), at);
            assertEquals(x.wonValue, row.get("wonValue").asLong(), at);
            assertEquals(x.winRate(), row.get("winRate").asDouble(), 0.00005, at);
            assertEquals(x.avgCycle(), row.get("avgWonCycleDays").asDouble(), 0.05, at);
        }
    }

    private static Map<String, Expected> expected(Function<CSVRecord, String> key)
            throws IOException {
        Map<String, Expected> groups = new TreeMap<>();
        for (CSVRecord r : pipeline()) {
            String stage = r.get("deal_stage");
            if (!stage.equals("Won") && !stage.equals("Lost")) {
                continue;
            }
            Expected e = groups.computeIfAbsent(key.apply(r), k -> new Expected());
            if (stage.equals("Won")) {
                e.won++;
                e.wonValue += Long.parseLong(r.get("close_value"));
                e.wonCycleDays +=
                        ChronoUnit.DAYS.between(
                                LocalDate.parse(r.get("engage_date")),
                                LocalDate.parse(r.get("close_date")));
            } else {
                e.lost++;
            }
        }
        return groups;
    }

    private static List<CSVRecord> pipeline() throws IOException {
        return read("sales_pipeline.csv");
    }

    /** sales agent → {manager, regional office} */
    private static Map<String, String[]> teams() throws IOException {
        Map<String, String[]> teams = new HashMap<>();
        for (CSVRecord r : read("sales_teams.csv")) {
            teams.put(
                    r.get("sales_agent"),
                    new String[] {r.get("manager"), r.get("regional_office")});
        }
        return teams;
    }

    private static List<CSVRecord> read(String file) throws IOException {
        try (Reader in = Files.newBufferedReader(CSVS.resolve(file), StandardCharsets.UTF_8)) {
            return CSVFormat.DEFAULT
                    .builder()
                    .setHeader()
                    .setSkipHeaderRecord(true)
                    .get()
                    .parse(in)
                    .getRecords();
        }
    }
}
