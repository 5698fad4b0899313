package io.pandu.api;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.pandu.auth.Caller;
import io.pandu.runs.Trigger;
import io.pandu.testing.Http;
import io.pandu.testing.TestServer;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.Function;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Alerts worth a manager's attention, over HTTP: writes that race are decided once, the list is
 * ordered by severity then value and paged by cursor (JSON and CSV), the inbox surfaces a daily
 * budget and groups the rest, resolved alerts come back when their condition still holds, and reps
 * read their own. Each team below is a manager of its own, so the tests do not share alerts:
 * boss.race (concurrent decisions), boss.page (ordering and paging), boss.inbox (budget and
 * groups), boss.back (re-opening). Every deal has a discount above the pinned playbook's 20 %
 * approval threshold (25 %: medium, 35 %: high), which raises DISCOUNT_NEEDS_APPROVAL.
 */
class AlertAttentionIT {
    private static TestServer server;
    private static Http http;
    private static final Map<String, String> TOKENS =
            new java.util.concurrent.ConcurrentHashMap<>();

    /** Deals of the test teams: id → {owner, amount, discount}. */
    private static final Map<String, Object[]> DEALS = new java.util.LinkedHashMap<>();

    @BeforeAll
    static void start() {
        server = TestServer.start(c -> c);
        http = server.http;
        for (int i = 1; i <= 3; i++) {
            DEALS.put("RACE-" + i, new Object[] {"rep.race", 4000, 25});
        }
        int[] amounts = {55, 550, 550, 1096, 3393, 4821, 4821, 5482, 9000, 26768, 120, 7000};
        for (int i = 0; i < amounts.length; i++) {
            DEALS.put(
                    String.format("PAGE-%02d", i + 1),
                    new Object[] {"rep.page", amounts[i], i % 3 == 0 ? 35 : 25});
        }
        for (int i = 1; i <= 40; i++) {
            // 28 small deals (60 to 330) and 12 of 2,500 to 8,000, across two reps
            int amount = i <= 28 ? 50 + i * 10 : 2000 + (i - 28) * 500;
            DEALS.put(
                    String.format("INBOX-%02d", i),
                    new Object[] {i % 2 == 0 ? "rep.inbox1" : "rep.inbox2", amount, 25});
        }
        for (String d : List.of("BACK-COOL", "BACK-RISE", "BACK-HAND")) {
            DEALS.put(d, new Object[] {"rep.back", 3000, 25});
        }
        importFacts("2017-06-30", Map.of());
        server.server()
                .pandu()
                .users()
                .createDemoUsers(
                        Caller.system(),
                        List.of("rep.race", "rep.page", "rep.inbox1", "rep.inbox2", "rep.back"),
                        List.of("boss.race", "boss.page", "boss.inbox", "boss.back"));
        run();
    }

    /** A fresh token per user (the cache is cleared when the test moves the clock a day on). */
    private static String token(String user) {
        return TOKENS.computeIfAbsent(user, u -> http.login(u, TestServer.PASSWORD));
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    /** Imports the test teams as of the date, with some deals' discounts changed. */
    private static void importFacts(String asOf, Map<String, Integer> discounts) {
        StringBuilder deals = new StringBuilder();
        DEALS.forEach(
                (id, d) -> {
                    if (deals.length() > 0) {
                        deals.append(",");
                    }
                    deals.append(
                            String.format(
                                    "{\"id\":\"%s\",\"name\":\"Deal %s\",\"accountId\":\"acme\","
                                            + "\"ownerId\":\"%s\",\"product\":\"GTX Pro\",\"stage\":\"Engaging\","
                                            + "\"amount\":%s,\"discountPercent\":%s,"
                                            + "\"createdDate\":\"2017-05-01\",\"stageEnteredDate\":\"2017-06-20\","
                                            + "\"expectedCloseDate\":\"2017-09-30\"}",
                                    id,
                                    id,
                                    d[0],
                                    d[1],
                                    discounts.getOrDefault(id, (Integer) d[2])));
                });
        StringBuilder reps = new StringBuilder();
        String[][] team = {
            {"rep.race", "boss.race"},
            {"rep.page", "boss.page"},
            {"rep.inbox1", "boss.inbox"},
            {"rep.inbox2", "boss.inbox"},
            {"rep.back", "boss.back"}
        };
        for (String[] r : team) {
            if (reps.length() > 0) {
                reps.append(",");
            }
            reps.append(
                    String.format(
                            "{\"id\":\"%s\",\"name\":\"%s\",\"managerId\":\"%s\",\"region\":\"Central\","
                                    + "\"hireDate\":\"2016-01-10\",\"quota\":250000}",
                            r[0], r[0], r[1]));
        }
        String facts =
                "{\"asOf\":\"" + asOf + "\",\"reps\":[" + reps + "],\"deals\":[" + deals + "]}";
        JsonNode result = http.post("/api/v1/import", token("ops"), facts).ok();
        assertEquals(
                0, result.get("records").get("deals").get("rejected").asInt(), result.toString());
    }

    private static void run() {
        server.server().pandu().runs().runNow(Caller.system(), Trigger.CLI);
    }

    private static List<JsonNode> items(JsonNode page) {
        List<JsonNode> items = new ArrayList<>();
        page.get("items").forEach(items::add);
        return items;
    }

    private static long alertOn(String deal) {
        String rep = (String) DEALS.get(deal)[0];
        for (JsonNode a :
                items(http.get("/api/v1/alerts?limit=500&repId=" + rep, token("ops")).ok())) {
            if (a.get("dealId").asText().equals(deal)) {
                return a.get("id").asLong();
            }
        }
        throw new AssertionError("no alert on " + deal);
    }

    private static List<String> events(long id) {
        List<String> events = new ArrayList<>();
        http.get("/api/v1/alerts/" + id + "/history", token("ops"))
                .ok()
                .forEach(e -> events.add(e.get("event").asText()));
        return events;
    }

    /** Sends the same call from 8 threads at once; the statuses, in no order. */
    private static List<Http.Response> eightAtOnce(Function<Integer, Http.Response> call)
            throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(8);
        try {
            CountDownLatch go = new CountDownLatch(1);
            List<Future<Http.Response>> calls = new ArrayList<>();
            for (int i = 0; i < 8; i++) {
                int n = i;
                calls.add(
                        pool.submit(
                                () -> {
                                    go.await();
                                    return call.apply(n);
                                }));
            }
            go.countDown();
            List<Http.Response> responses = new ArrayList<>();
            for (Future<Http.Response> f : calls) {
                responses.add(f.get());
            }
            return responses;
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void ofEightConcurrentAcknowledgesExactlyOneWinsAndSevenGet409WithTheCurrentState()
            throws Exception {
        String boss = token("boss.race");
        long id = alertOn("RACE-1");
        List<Http.Response> responses =
                eightAtOnce(n -> http.post("/api/v1/alerts/" + id + "/acknowledge", boss, null));
        List<Http.Response> won = responses.stream().filter(r -> r.status() == 200).toList();
        assertEquals(1, won.size(), responses.toString());
        for (Http.Response lost : responses) {
            if (lost.status() != 200) {
                assertEquals("status", lost.problem(409));
                assertEquals("acknowledged", lost.json().get("current").get("status").asText());
                assertEquals(
                        "boss.race", lost.json().get("current").get("acknowledgedBy").asText());
            }
        }
        assertEquals(List.of("raised", "acknowledged"), events(id));
    }

    @Test
    void ofEightConcurrentResolvesExactlyOneNoteIsSavedAndSevenGet409() throws Exception {
        String boss = token("boss.race");
        long id = alertOn("RACE-2");
        List<Http.Response> responses =
                eightAtOnce(
                        n ->
                                http.post(
                                        "/api/v1/alerts/" + id + "/resolve",
                                        boss,
                                        "{\"note\":\"note " + n + "\"}"));
        List<Http.Response> won = responses.stream().filter(r -> r.status() == 200).toList();
        assertEquals(1, won.size(), responses.toString());
        assertEquals(7, responses.stream().filter(r -> r.status() == 409).count());
        String note = won.get(0).json().get("resolution").asText();
        assertEquals(note, http.get("/api/v1/alerts/" + id, boss).ok().get("resolution").asText());
        assertEquals(List.of("raised", "resolved"), events(id));
        JsonNode lost =
                responses.stream().filter(r -> r.status() == 409).findFirst().orElseThrow().json();
        assertEquals(note, lost.get("current").get("resolution").asText());
    }

    @Test
    void theListIsOrderedBySeverityThenValueAndCursorsWalkEveryAlertOnce() {
        String boss = token("boss.page");
        List<JsonNode> all = new ArrayList<>();
        String cursor = null;
        int pages = 0;
        do {
            JsonNode page =
                    http.get(
                                    "/api/v1/alerts?limit=5"
                                            + (cursor == null ? "" : "&cursor=" + cursor),
                                    boss)
                            .ok();
            assertEquals(12, page.get("total").asInt(), page.toString());
            all.addAll(items(page));
            cursor = page.hasNonNull("nextCursor") ? page.get("nextCursor").asText() : null;
            pages++;
        } while (cursor != null);
        assertEquals(3, pages);
        assertEquals(12, all.size());
        assertEquals(12, all.stream().map(a -> a.get("id").asLong()).distinct().count());
        // 35 % discounts are high, 25 % medium: the four high ones first, each band by value
        List<String> expected =
                List.of(
                        "PAGE-10", "PAGE-07", "PAGE-04", "PAGE-01", // high: 26768, 4821, 1096, 55
                        "PAGE-09", "PAGE-12", "PAGE-08", "PAGE-06", "PAGE-05", "PAGE-02", "PAGE-03",
                        "PAGE-11");
        assertEquals(expected, all.stream().map(a -> a.get("dealId").asText()).toList());
        assertEquals("high", all.get(0).get("severity").asText());
        assertEquals(26768, all.get(0).get("valueAtStake").asInt());
        assertTrue(
                all.get(9).get("id").asLong() < all.get(10).get("id").asLong(),
                "equal values (550) go by id");

        assertEquals("cursor", http.get("/api/v1/alerts?cursor=bm9wZQ", boss).problem(400));
        assertEquals("sort", http.get("/api/v1/alerts?sort=loudest", boss).problem(400));
        assertEquals(
                List.of("PAGE-01"),
                items(
                                http.get(
                                                "/api/v1/alerts?group=DISCOUNT_NEEDS_APPROVAL.lt1k&severity=high",
                                                boss)
                                        .ok())
                        .stream()
                        .map(a -> a.get("dealId").asText())
                        .toList());
        List<String> small =
                items(http.get("/api/v1/alerts?group=DISCOUNT_NEEDS_APPROVAL.lt1k", boss).ok())
                        .stream()
                        .map(a -> a.get("dealId").asText())
                        .toList();
        assertEquals(List.of("PAGE-01", "PAGE-02", "PAGE-03", "PAGE-11"), small);
        assertEquals("group", http.get("/api/v1/alerts?group=stalled", boss).problem(400));
    }

    @Test
    void theListComesAsCsvWithTheNextCursorInAHeader() {
        String boss = token("boss.page");
        Http.Response csv = http.get("/api/v1/alerts?limit=4", boss, "text/csv");
        assertEquals(200, csv.status(), csv.text());
        assertTrue(csv.contentType().startsWith("text/csv"), csv.contentType());
        List<String> lines = csv.text().lines().toList();
        assertEquals(5, lines.size(), csv.text());
        assertTrue(lines.get(0).startsWith("id,severity,valueAtStake,status,code,"), lines.get(0));
        assertTrue(lines.get(1).contains(",high,26768.00,"), lines.get(1));
        assertEquals("12", csv.header("X-Total-Count"));
        String next = csv.header("X-Next-Cursor");
        assertNotNull(next);
        JsonNode rest = http.get("/api/v1/alerts?limit=100&cursor=" + next, boss).ok();
        assertEquals(8, rest.get("items").size());
        assertFalse(rest.has("nextCursor"));
    }

    @Test
    void theInboxSurfacesFifteenNewAlertsADayAndGroupsTheRest() {
        String boss = token("boss.inbox");
        JsonNode inbox = http.get("/api/v1/alerts/inbox", boss).ok();
        assertEquals(15, inbox.get("budgetPerDay").asInt());
        assertEquals(15, inbox.get("surfacedToday").asInt());
        assertEquals(40, inbox.get("open").asInt());
        List<JsonNode> top = new ArrayList<>();
        inbox.get("top").forEach(top::add);
        assertEquals(15, top.size());
        // all medium: the largest values first, the 12 of 2,000 and more, then 3 of the small ones
        assertEquals(8000, top.get(0).get("valueAtStake").asInt());
        for (int i = 1; i < top.size(); i++) {
            assertTrue(
                    top.get(i - 1).get("valueAtStake").asDouble()
                            >= top.get(i).get("valueAtStake").asDouble(),
                    "ordered by severity x value");
        }
        assertEquals(310, top.get(14).get("valueAtStake").asInt());
        Map<String, JsonNode> groups = new HashMap<>();
        inbox.get("groups").forEach(g -> groups.put(g.get("key").asText(), g));
        assertEquals(Set.of("DISCOUNT_NEEDS_APPROVAL.lt1k"), groups.keySet(), inbox.toString());
        JsonNode small = groups.get("DISCOUNT_NEEDS_APPROVAL.lt1k");
        assertEquals(25, small.get("count").asInt());
        assertEquals("25 discounts to approve under $1,000 in 2 reps", small.get("label").asText());

        // the top stays put during the day; deciding on it does not bring in more
        JsonNode again = http.get("/api/v1/alerts/inbox", boss).ok();
        assertEquals(ids(inbox.get("top")), ids(again.get("top")));
        http.post("/api/v1/alerts/" + top.get(0).get("id").asLong() + "/acknowledge", boss, null)
                .ok();
        JsonNode after = http.get("/api/v1/alerts/inbox", boss).ok();
        assertEquals(14, after.get("top").size());
        assertEquals(15, after.get("surfacedToday").asInt());

        // the next day, the budget surfaces 15 more; the 14 still open stay on top
        server.clock().advance(Duration.ofDays(1));
        TOKENS.clear(); // a day on, the tokens have expired
        boss = token("boss.inbox");
        JsonNode tomorrow = http.get("/api/v1/alerts/inbox", boss).ok();
        assertEquals(15, tomorrow.get("surfacedToday").asInt());
        assertEquals(29, tomorrow.get("top").size());
        assertEquals(10, tomorrow.get("groups").get(0).get("count").asInt());

        // one click acknowledges the group, and only the group
        JsonNode bulk =
                http.post(
                                "/api/v1/alerts/groups/DISCOUNT_NEEDS_APPROVAL.lt1k/acknowledge",
                                boss,
                                null)
                        .ok();
        assertEquals(10, bulk.get("acknowledged").asInt());
        JsonNode cleared = http.get("/api/v1/alerts/inbox", boss).ok();
        assertEquals(0, cleared.get("groups").size());
        assertEquals(29, cleared.get("top").size());
        assertEquals(
                11,
                http.get("/api/v1/alerts?status=acknowledged&managerId=boss.inbox", token("ops"))
                        .ok()
                        .get("total")
                        .asInt());
        assertEquals(
                "key",
                http.post("/api/v1/alerts/groups/nonsense/acknowledge", boss, null).problem(400));
        http.get("/api/v1/alerts/inbox", token("rep.inbox1")).problem(403);
    }

    private static Set<Long> ids(JsonNode list) {
        Set<Long> ids = new HashSet<>();
        list.forEach(a -> ids.add(a.get("id").asLong()));
        return ids;
    }

    @Test
    void aResolvedAlertWhoseConditionHoldsComesBackAfterTheCoolOffOrWhenItsSeverityRises() {
        String boss = token("boss.back");
        long cool = alertOn("BACK-COOL");
        long rise = alertOn("BACK-RISE");
        long hand = alertOn("BACK-HAND");
        for (long id : List.of(cool, rise, hand)) {
            http.post(
                            "/api/v1/alerts/" + id + "/resolve",
                            boss,
                            "{\"note\":\"talked to rep.back\"}")
                    .ok();
        }

        // a manager re-opens by hand; once open, a second re-open is a conflict
        JsonNode reopened =
                http.post("/api/v1/alerts/" + hand + "/reopen", boss, "{\"note\":\"not done yet\"}")
                        .ok();
        assertEquals("open", reopened.get("status").asText());
        assertNull(reopened.get("resolution"));
        assertEquals(
                "status", http.post("/api/v1/alerts/" + hand + "/reopen", boss, null).problem(409));
        http.post("/api/v1/alerts/" + hand + "/reopen", token("rep.back"), null).problem(403);

        // 13 days of the pipeline calendar later it stays resolved, its severity rising re-opens
        importFacts("2017-07-13", Map.of("BACK-RISE", 35));
        run();
        assertEquals(
                "resolved", http.get("/api/v1/alerts/" + cool, boss).ok().get("status").asText());
        JsonNode risen = http.get("/api/v1/alerts/" + rise, boss).ok();
        assertEquals("open", risen.get("status").asText());
        assertEquals("high", risen.get("severity").asText());
        assertEquals("re-opened: severity rose to high", lastNote(rise));

        // after 14 days it comes back by itself
        importFacts("2017-07-14", Map.of("BACK-RISE", 35));
        run();
        assertEquals("open", http.get("/api/v1/alerts/" + cool, boss).ok().get("status").asText());
        assertEquals("re-opened: condition still holds after 14 days", lastNote(cool));
        assertEquals(List.of("raised", "resolved", "reopened"), events(cool));
    }

    private static String lastNote(long id) {
        JsonNode events = http.get("/api/v1/alerts/" + id + "/history", token("ops")).ok();
        JsonNode last = events.get(events.size() - 1);
        assertEquals("reopened", last.get("event").asText(), events.toString());
        return last.get("note").asText();
    }

    @Test
    void aRepReadsTheAlertsAboutThemWithTheManagersNoteButCannotDecide() {
        long id = alertOn("RACE-3");
        http.post(
                        "/api/v1/alerts/" + id + "/resolve",
                        token("boss.race"),
                        "{\"note\":\"discount approved by finance\"}")
                .ok();
        String rep = token("rep.race");
        JsonNode mine = http.get("/api/v1/me/alerts", rep).ok();
        assertEquals(3, mine.get("total").asInt(), mine.toString());
        items(mine).forEach(a -> assertEquals("rep.race", a.get("repId").asText()));
        JsonNode resolved = http.get("/api/v1/me/alerts?status=resolved", rep).ok();
        assertEquals(
                "discount approved by finance",
                items(resolved).stream()
                        .filter(a -> a.get("id").asLong() == id)
                        .findFirst()
                        .orElseThrow()
                        .get("resolution")
                        .asText());
        http.post("/api/v1/alerts/" + id + "/reopen", rep, null).problem(403);
        http.get("/api/v1/me/alerts", token("boss.race")).problem(403);
    }
}
