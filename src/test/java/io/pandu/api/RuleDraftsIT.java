package io.pandu.api;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.pandu.store.AuditLog;
import io.pandu.store.Page;
import io.pandu.testing.Http;
import io.pandu.testing.TestServer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Drafts of the rule set over HTTP: create from the live version or another one, read and write
 * files by their project path, validate, run the scenarios, publish with a note; ops and admin
 * only.
 */
class RuleDraftsIT {
    private static final String STALE = "rules/playbook/stale-deals.drl";
    private static final String STALE_URL = "rules%2Fplaybook%2Fstale-deals.drl";
    private static final String DEMOS = "rules/playbook/demos.drl";
    private static final String DEMOS_URL = "rules%2Fplaybook%2Fdemos.drl";
    private static final String DISCOUNTS = "rules/coaching/discounts.drl";
    private static final String DISCOUNTS_URL = "rules%2Fcoaching%2Fdiscounts.drl";

    private static TestServer server;
    private static Http http;

    @BeforeAll
    static void start() {
        server = TestServer.start(60_000); // its own server: these tests publish
        http = server.http;
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    private static String live() {
        return http.get("/api/v1/rules", server.token("ops")).ok().get("version").asText();
    }

    private static String newDraft(String ops) {
        Http.Response created = http.post("/api/v1/rules/drafts", ops, null);
        assertEquals(201, created.status(), created.text());
        return created.json().get("id").asText();
    }

    private static Http.Response putText(String path, String token, String text) {
        return http.send(
                "PUT",
                path,
                token,
                "text/plain; charset=utf-8",
                text.getBytes(StandardCharsets.UTF_8));
    }

    @Test
    void aFileRemovedFromADraftLeavesItsRuleSetAndCanBeReadNoMore() {
        String ops = server.token("ops");
        String id = newDraft(ops);
        Http.Response removed =
                http.delete("/api/v1/rules/drafts/" + id + "/files/" + DISCOUNTS_URL, ops);
        JsonNode draft = removed.ok();
        assertEquals(id, draft.get("id").asText());
        List<String> files = new ArrayList<>();
        draft.get("files").forEach(f -> files.add(f.asText()));
        assertFalse(files.contains(DISCOUNTS), files.toString());
        assertTrue(files.contains(STALE), files.toString());
        List<String> changed = new ArrayList<>();
        draft.get("changedFiles").forEach(f -> changed.add(f.asText()));
        assertEquals(List.of(DISCOUNTS), changed);
        http.get("/api/v1/rules/drafts/" + id + "/files/" + DISCOUNTS_URL, ops).problem(404);
    }

    @Test
    void aDraftStartsFromTheLiveVersionAndReadsItsFilesByProjectPath() {
        String ops = server.token("ops");
        String live = live();
        Http.Response created = http.post("/api/v1/rules/drafts", ops, null);
        assertEquals(201, created.status(), created.text());
        assertEquals(live, created.json().get("baseVersion").asText());
        String id = created.json().get("id").asText();

        Http.Response file = http.get("/api/v1/rules/drafts/" + id + "/files/" + STALE_URL, ops);
        assertEquals(200, file.status(), file.text());
        assertTrue(
                file.header("Content-Type").startsWith("text/plain"), file.header("Content-Type"));
        assertTrue(file.text().contains("rule \"Re-engage a deal with no recent activity\""));
        Http.Response slashed = http.get("/api/v1/rules/drafts/" + id + "/files/" + STALE, ops);
        assertEquals(200, slashed.status(), slashed.text());
        assertEquals(file.text(), slashed.text(), "with its slashes or URL-encoded: the same file");
        http.get("/api/v1/rules/drafts/" + id + "/files/" + STALE, server.token("rep.a"))
                .problem(403);
        http.get("/api/v1/rules/drafts/" + id + "/files/" + STALE, null).problem(401);
        Http.Response playbook =
                http.get("/api/v1/rules/drafts/" + id + "/files/playbooks%2Fvelocity.yaml", ops);
        assertEquals(200, playbook.status(), playbook.text());
        assertTrue(playbook.text().contains("staleAfterDays"));

        JsonNode list = http.get("/api/v1/rules/drafts", ops).ok();
        JsonNode mine = null;
        for (JsonNode d : list) {
            if (d.get("id").asText().equals(id)) {
                mine = d;
            }
        }
        assertTrue(mine != null, list.toString());
        assertEquals(live, mine.get("baseVersion").asText());
        assertEquals("ops", mine.get("author").asText());
        assertTrue(mine.has("createdAt"));
        assertEquals(0, mine.get("changedFiles").size());

        http.get("/api/v1/rules/drafts/" + id + "/files/rules%2Fplaybook%2Fnope.drl", ops)
                .problem(404);
        assertEquals(
                "path",
                http.get("/api/v1/rules/drafts/" + id + "/files/rules%2F..%2F..%2Fpom.xml", ops)
                        .problem(400));
        assertEquals(
                "path",
                http.get("/api/v1/rules/drafts/" + id + "/files/%2Fetc%2Fpasswd", ops)
                        .problem(400));
        assertEquals(
                "path",
                putText("/api/v1/rules/drafts/" + id + "/files/src%2Fmain%2Fx.drl", ops, "x")
                        .problem(400));
        http.get("/api/v1/rules/drafts/nope/files/" + STALE_URL, ops).problem(404);
        http.delete("/api/v1/rules/drafts/" + id, ops);
        http.get("/api/v1/rules/drafts/" + id, ops).problem(404);
    }

    @Test
    void aDraftFromAnOlderVersionKeepsThatBase() {
        String ops = server.token("ops");
        Http.Response bad =
                http.post("/api/v1/rules/drafts", ops, "{\"baseVersion\": \"000000000000\"}");
        assertEquals("baseVersion", bad.problem(400));
        String live = live();
        Http.Response created =
                http.post("/api/v1/rules/drafts", ops, "{\"baseVersion\": \"" + live + "\"}");
        assertEquals(201, created.status(), created.text());
        assertEquals(live, created.json().get("baseVersion").asText());
    }

    @Test
    void onlyOpsAndAdminTouchDrafts() {
        for (String user : List.of("rep.a", "boss.one")) {
            String token = server.token(user);
            http.get("/api/v1/rules/drafts", token).problem(403);
            http.post("/api/v1/rules/drafts", token, null).problem(403);
            putText("/api/v1/rules/drafts/x/files/" + STALE_URL, token, "x").problem(403);
            http.post("/api/v1/rules/drafts/x/validate", token, null).problem(403);
            http.post("/api/v1/rules/drafts/x/test", token, null).problem(403);
            http.post("/api/v1/rules/drafts/x/publish", token, "{\"note\": \"n\"}").problem(403);
            http.delete("/api/v1/rules/drafts/x", token).problem(403);
        }
        http.get("/api/v1/rules/drafts", null).problem(401);
        http.post("/api/v1/rules/drafts", null, null).problem(401);
        http.get("/api/v1/rules/drafts/x/files/" + STALE_URL, null).problem(401);
        assertEquals(200, http.get("/api/v1/rules/drafts", server.token("admin")).status());
    }

    @Test
    void aRenamedParameterAndASyntaxErrorInAnotherFileComeInOneAnswerAndPublishIsRefused() {
        String ops = server.token("ops");
        String before = live();
        String id = newDraft(ops);
        String base = "/api/v1/rules/drafts/" + id;
        String demos = http.get(base + "/files/" + DEMOS_URL, ops).text();
        putText(base + "/files/" + DEMOS_URL, ops, demos.replaceFirst("then", "thn")).ok();
        String playbook = http.get(base + "/files/playbooks%2Fvelocity.yaml", ops).text();
        putText(
                        base + "/files/playbooks%2Fvelocity.yaml",
                        ops,
                        playbook.replace("staleAfterDays", "staleAfterDayz"))
                .ok();
        // a new file, named with its slashes, and then removed again: not a change any more
        putText(base + "/files/rules/playbook/new.drl", ops, "package playbook\n").ok();
        assertEquals(
                "package playbook\n",
                http.get(base + "/files/rules%2Fplaybook%2Fnew.drl", ops).text());
        http.delete(base + "/files/rules/playbook/new.drl", ops).ok();
        http.get(base + "/files/rules/playbook/new.drl", ops).problem(404);
        JsonNode changed = http.get("/api/v1/rules/drafts/" + id, ops).ok().get("changedFiles");
        assertEquals(2, changed.size(), changed.toString());

        JsonNode validation = http.post(base + "/validate", ops, null).ok();
        assertFalse(validation.get("ok").asBoolean());
        List<String> files = new ArrayList<>();
        validation.get("diagnostics").forEach(d -> files.add(d.get("file").asText()));
        assertTrue(files.contains(DEMOS), "the syntax error: " + validation);
        // the rule that reads the renamed parameter, at its line, in the same answer
        boolean renamed = false;
        for (JsonNode d : validation.get("diagnostics")) {
            renamed |=
                    d.get("file").asText().equals(STALE)
                            && d.get("level").asText().equals("error")
                            && d.get("line").asInt() > 0
                            && d.get("message").asText().contains("\"staleAfterDays\"")
                            && d.get("message")
                                    .asText()
                                    .contains("Re-engage a deal with no recent activity");
        }
        assertTrue(renamed, "the renamed parameter: " + validation);

        Http.Response refused = http.post(base + "/publish", ops, "{\"note\": \"try\"}");
        assertEquals(409, refused.status(), refused.text());
        assertTrue(refused.json().get("current").get("diagnostics").size() > 0, refused.text());
        assertEquals(before, live(), "the live version keeps serving");
        assertEquals("note", http.post(base + "/publish", ops, "{}").problem(400));
        assertEquals("note", http.post(base + "/publish", ops, "{\"note\": \"  \"}").problem(400));
    }

    @Test
    void aCleanDraftIsTestedPublishedWithItsNoteAndAudited() {
        String ops = server.token("ops");
        String before = live();
        String id = newDraft(ops);
        String base = "/api/v1/rules/drafts/" + id;
        String stale = http.get(base + "/files/" + STALE_URL, ops).text();
        String edited = stale.replace("@priority(70)", "@priority(71)");
        assertNotEquals(stale, edited);
        putText(base + "/files/" + STALE_URL, ops, edited).ok();
        assertEquals(
                "body",
                http.send(
                                "PUT",
                                base + "/files/" + STALE_URL,
                                ops,
                                "text/plain",
                                new byte[] {(byte) 0xC3})
                        .problem(400));

        JsonNode validation = http.post(base + "/validate", ops, null).ok();
        assertTrue(validation.get("ok").asBoolean(), validation.toString());
        JsonNode tests = http.post(base + "/test", ops, null).ok();
        assertTrue(tests.get("ok").asBoolean(), tests.toString());

        JsonNode published =
                http.post(base + "/publish", ops, "{\"note\": \"stale deals rank a bit higher\"}")
                        .ok();
        String version = published.get("version").asText();
        assertEquals(validation.get("version").asText(), version);
        assertEquals(before, published.get("parent").asText());
        assertEquals(version, live());
        assertEquals(
                edited,
                http.get("/api/v1/rules/file?path=playbook/stale-deals.drl", ops)
                        .ok()
                        .get("text")
                        .asText());

        JsonNode versions = http.get("/api/v1/rules/versions", server.token("rep.a")).ok();
        JsonNode newest = versions.get(0);
        assertEquals(version, newest.get("id").asText());
        assertEquals("ops", newest.get("author").asText());
        assertEquals("stale deals rank a bit higher", newest.get("note").asText());
        assertEquals(before, newest.get("parent").asText());
        assertTrue(newest.get("live").asBoolean());
        assertTrue(newest.get("files").toString().contains(STALE));

        List<AuditLog.Entry> audit =
                server.server().pandu().audit().list("rule-version-published", Page.FIRST).items();
        assertEquals("ops", audit.get(0).actor());
        assertEquals(version, audit.get(0).subjectId());
        assertTrue(
                audit.get(0).detail().contains("stale deals rank a bit higher"),
                audit.get(0).detail());
        assertTrue(
                audit.get(0).detail().contains(STALE + " changed (+1 -1)"), audit.get(0).detail());

        JsonNode diff = http.get("/api/v1/rules/versions/" + before + "/diff/" + version, ops).ok();
        assertEquals(1, diff.get("files").size(), diff.toString());
        String unified = diff.get("files").get(0).get("unified").asText();
        assertTrue(unified.contains("-    @priority(70)"), unified);
        assertTrue(unified.contains("+    @priority(71)"), unified);
        http.get("/api/v1/rules/versions/" + before + "/diff/000000000000", ops).problem(404);
        http.get("/api/v1/rules/drafts/" + id, ops).problem(404); // published: gone
    }

    @Test
    void aSpreadsheetIsUploadedAsBytesAndABadOneIsAnErrorOfItsFile() {
        String ops = server.token("ops");
        String id = newDraft(ops);
        String path = "/api/v1/rules/drafts/" + id + "/files/rules%2Fincentives%2Frates.drl.xlsx";
        byte[] notASpreadsheet = {0x50, 0x4b, 0x03, 0x04, 0x00, (byte) 0xff, 0x10, 0x00};
        assertEquals(
                200,
                http.send("PUT", path, ops, "application/octet-stream", notASpreadsheet).status());
        Http.Response back = http.get(path, ops);
        assertEquals("application/octet-stream", back.header("Content-Type"));
        JsonNode validation = http.post("/api/v1/rules/drafts/" + id + "/validate", ops, null).ok();
        assertFalse(validation.get("ok").asBoolean());
        assertTrue(
                validation
                        .get("diagnostics")
                        .toString()
                        .contains("rules/incentives/rates.drl.xlsx"),
                validation.toString());
        // the contract admits text/plain and application/octet-stream only
        http.send("PUT", path, ops, "application/json", "{}".getBytes(StandardCharsets.UTF_8))
                .problem(400);
        byte[] tooLarge = new byte[2 * 1024 * 1024];
        java.util.Arrays.fill(tooLarge, (byte) 'a');
        assertEquals(
                413,
                http.send("PUT", path.replace("xlsx", "csv"), ops, "text/plain", tooLarge)
                        .status());
    }

    @Test
    void aDraftPublishedAfterTheLiveVersionMovedSaysSoAndTakesTheLiveOneAsParent() {
        String ops = server.token("ops");
        String first = newDraft(ops);
        String second = newDraft(ops);
        String base = live();
        for (String[] draft :
                new String[][] {{first, "@priority(61)"}, {second, "@priority(62)"}}) {
            String file = "/api/v1/rules/drafts/" + draft[0] + "/files/" + STALE_URL;
            String text = http.get(file, ops).text();
            putText(file, ops, text.replaceFirst("@priority\\(\\d+\\)", draft[1])).ok();
        }
        JsonNode one =
                http.post("/api/v1/rules/drafts/" + first + "/publish", ops, "{\"note\": \"61\"}")
                        .ok();
        assertFalse(one.get("liveMovedSinceBase").asBoolean(), one.toString());
        JsonNode two =
                http.post("/api/v1/rules/drafts/" + second + "/publish", ops, "{\"note\": \"62\"}")
                        .ok();
        assertTrue(two.get("liveMovedSinceBase").asBoolean(), two.toString());
        assertEquals(base, two.get("baseVersion").asText());
        assertEquals(one.get("version").asText(), two.get("parent").asText());
        assertTrue(two.get("message").asText().contains("moved"), two.toString());
        assertEquals(two.get("version").asText(), live());
    }
}
