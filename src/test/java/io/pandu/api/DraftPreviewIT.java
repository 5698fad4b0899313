package io.pandu.api;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.pandu.testing.Http;
import io.pandu.testing.TestServer;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The impact preview of a draft over HTTP: started in the background (202), read with its progress
 * until done, the difference counted per code; ops and admin only.
 */
class DraftPreviewIT {
    private static final String VELOCITY = "playbooks%2Fvelocity.yaml";

    private static TestServer server;
    private static Http http;

    @BeforeAll
    static void start() {
        server = TestServer.startShippedRules();
        http = server.http;
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    private static String draftWithStaleAfter(String ops, int days) {
        Http.Response created = http.post("/api/v1/rules/drafts", ops, null);
        assertEquals(201, created.status(), created.text());
        String id = created.json().get("id").asText();
        String yaml = http.get("/api/v1/rules/drafts/" + id + "/files/" + VELOCITY, ops).text();
        assertTrue(yaml.contains("staleAfterDays: 7"), yaml);
        Http.Response put =
                http.send(
                        "PUT",
                        "/api/v1/rules/drafts/" + id + "/files/" + VELOCITY,
                        ops,
                        "text/plain; charset=utf-8",
                        yaml.replace("staleAfterDays: 7", "staleAfterDays: " + days)
                                .getBytes(StandardCharsets.UTF_8));
        assertEquals(200, put.status(), put.text());
        return id;
    }

    private static JsonNode finished(String id, String ops) throws InterruptedException {
        long deadline = System.nanoTime() + 120_000_000_000L;
        while (System.nanoTime() < deadline) {
            JsonNode status = http.get("/api/v1/rules/drafts/" + id + "/preview", ops).ok();
            if (!status.get("state").asText().equals("running")) {
                return status;
            }
            Thread.sleep(100);
        }
        throw new AssertionError("the preview of " + id + " did not finish within 120 s");
    }

    private static JsonNode code(JsonNode result, String code) {
        for (JsonNode c : result.get("byCode")) {
            if (c.get("key").asText().equals(code)) {
                return c;
            }
        }
        return null;
    }

    @Test
    void aDraftThatNeverCallsADealStaleRemovesEveryReengagementAndNothingElse() throws Exception {
        String ops = server.token("ops");
        String live = http.get("/api/v1/rules", ops).ok().get("version").asText();
        String id = draftWithStaleAfter(ops, 100_000);

        Http.Response started = http.post("/api/v1/rules/drafts/" + id + "/preview", ops, null);
        assertEquals(202, started.status(), started.text());
        assertEquals(live, started.json().get("liveVersion").asText());

        JsonNode status = finished(id, ops);
        assertEquals("done", status.get("state").asText(), status.toString());
        assertEquals(status.get("teams").asInt(), status.get("teamsDone").asInt());
        JsonNode result = status.get("result");
        assertTrue(result.get("deals").asInt() > 0, result.toString());

        JsonNode reengage = code(result, "REENGAGE_STALE_DEAL");
        assertTrue(
                reengage != null && reengage.get("before").asInt() > 0,
                "the fixture has stale velocity deals under the live rules: " + result);
        assertEquals(0, reengage.get("after").asInt(), reengage.toString());
        assertEquals(reengage.get("before").asInt(), reengage.get("removed").asInt());
        // every code: after − before = added − removed, and the totals are the codes' sums
        int added = 0;
        int removed = 0;
        for (JsonNode c : result.get("byCode")) {
            assertEquals(
                    c.get("after").asInt() - c.get("before").asInt(),
                    c.get("added").asInt() - c.get("removed").asInt(),
                    c.toString());
            added += c.get("added").asInt();
            removed += c.get("removed").asInt();
        }
        assertEquals(added, result.get("added").asInt());
        assertEquals(removed, result.get("removed").asInt());
        assertTrue(result.get("moneyRemoved").get("deals").asInt() > 0, result.toString());
        assertTrue(result.get("examples").size() > 0, result.toString());
        assertEquals(
                live,
                http.get("/api/v1/rules", ops).ok().get("version").asText(),
                "a preview publishes nothing");
    }

    /**
     * A second preview reuses the live version's side of the first while the store is unchanged,
     * and a change to the store gives fresh figures: a deal whose re-engagement the draft removes
     * is worth 1,000,000 more, and so is the money behind what the draft removes.
     */
    @Test
    void aChangeToTheStoreBetweenTwoPreviewsShowsInTheSecond() throws Exception {
        String ops = server.token("ops");
        String id = draftWithStaleAfter(ops, 100_000);
        assertEquals(202, http.post("/api/v1/rules/drafts/" + id + "/preview", ops, null).status());
        JsonNode first = finished(id, ops).get("result");
        String deal = null;
        for (JsonNode e : first.get("examples")) {
            if (e.get("change").asText().equals("removed")
                    && e.get("code").asText().equals("REENGAGE_STALE_DEAL")) {
                deal = e.get("dealId").asText();
            }
        }
        assertTrue(deal != null, "a removed re-engagement: " + first);
        assertEquals(202, http.post("/api/v1/rules/drafts/" + id + "/preview", ops, null).status());
        JsonNode again = finished(id, ops).get("result");
        assertEquals(first.get("byCode"), again.get("byCode"));
        assertEquals(first.get("moneyRemoved"), again.get("moneyRemoved"));

        com.fasterxml.jackson.databind.node.ObjectNode value =
                (com.fasterxml.jackson.databind.node.ObjectNode)
                        http.get("/api/v1/deals/" + deal, ops).ok().get("value");
        java.math.BigDecimal amount = value.get("amount").decimalValue();
        value.put("amount", amount.add(java.math.BigDecimal.valueOf(1_000_000)));
        assertEquals(200, http.put("/api/v1/deals/" + deal, ops, value.toString()).status());

        assertEquals(202, http.post("/api/v1/rules/drafts/" + id + "/preview", ops, null).status());
        JsonNode changed = finished(id, ops).get("result");
        assertEquals(
                0,
                first.get("moneyRemoved")
                        .get("dealValue")
                        .decimalValue()
                        .add(java.math.BigDecimal.valueOf(1_000_000))
                        .compareTo(changed.get("moneyRemoved").get("dealValue").decimalValue()),
                first.get("moneyRemoved") + " then " + changed.get("moneyRemoved"));
    }

    @Test
    void aPublishAuditsThePreviewSummaryAndSaysWhenNoneWasRun() throws Exception {
        String ops = server.token("ops");
        String live = http.get("/api/v1/rules", ops).ok().get("version").asText();
        String id = draftWithPriority(ops, "@priority(70)", "@priority(40)");
        assertEquals(202, http.post("/api/v1/rules/drafts/" + id + "/preview", ops, null).status());
        JsonNode result = finished(id, ops).get("result");
        String published = publish(id, ops, "stale deals rank lower");
        String detail = audit(published);
        assertTrue(detail.contains("impact preview against " + live), detail);
        assertTrue(
                detail.contains(
                        "+"
                                + result.get("added").asInt()
                                + " added, -"
                                + result.get("removed").asInt()
                                + " removed, "
                                + result.get("changed").asInt()
                                + " changed"),
                detail);
        JsonNode reengage = code(result, "REENGAGE_STALE_DEAL");
        assertTrue(reengage.get("changed").asInt() > 0, reengage.toString());
        assertTrue(
                detail.contains(
                        "REENGAGE_STALE_DEAL +"
                                + reengage.get("added").asInt()
                                + "/-"
                                + reengage.get("removed").asInt()),
                detail);

        // back, without a preview: the audit says none was run
        String again = draftWithPriority(ops, "@priority(40)", "@priority(70)");
        String restored = publish(again, ops, "back to 70");
        assertEquals(live, restored, "the same content is the same version");
        assertTrue(audit(restored).contains("no impact preview was run"), audit(restored));
    }

    private static String draftWithPriority(String ops, String from, String to) {
        String id = http.post("/api/v1/rules/drafts", ops, null).json().get("id").asText();
        String file = "/api/v1/rules/drafts/" + id + "/files/rules%2Fplaybook%2Fstale-deals.drl";
        String drl = http.get(file, ops).text();
        assertTrue(drl.contains(from), drl);
        http.send(
                        "PUT",
                        file,
                        ops,
                        "text/plain; charset=utf-8",
                        drl.replace(from, to).getBytes(StandardCharsets.UTF_8))
                .ok();
        return id;
    }

    private static String publish(String id, String ops, String note) {
        return http.post(
                        "/api/v1/rules/drafts/" + id + "/publish",
                        ops,
                        "{\"note\": \"" + note + "\"}")
                .ok()
                .get("version")
                .asText();
    }

    private static String audit(String version) {
        return server
                .server()
                .pandu()
                .audit()
                .list("rule-version-published", io.pandu.store.Page.FIRST)
                .items()
                .stream()
                .filter(e -> e.subjectId().equals(version))
                .findFirst()
                .orElseThrow()
                .detail();
    }

    @Test
    void onlyOpsAndAdminPreviewAndAnUnknownDraftOrPreviewIsNotFound() {
        String ops = server.token("ops");
        String id = draftWithStaleAfter(ops, 10);
        http.post("/api/v1/rules/drafts/" + id + "/preview", server.token("rep.a"), null)
                .problem(403);
        http.get("/api/v1/rules/drafts/" + id + "/preview", server.token("rep.a")).problem(403);
        http.post("/api/v1/rules/drafts/" + id + "/preview", null, null).problem(401);
        http.get("/api/v1/rules/drafts/" + id + "/preview", ops).problem(404);
        http.post("/api/v1/rules/drafts/no-such-draft/preview", ops, null).problem(404);
    }
}
