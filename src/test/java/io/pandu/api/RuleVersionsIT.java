package io.pandu.api;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.pandu.testing.Http;
import io.pandu.testing.TestServer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Versions over HTTP: publish and rollback while eight reps' clients keep asking for their
 * next-best-actions (every answer 200; after the rollback returns, within 1 s every answer carries
 * the old version), and who may roll back.
 */
class RuleVersionsIT {
    private static final String STALE_URL = "rules%2Fplaybook%2Fstale-deals.drl";
    private static final int CLIENTS = 8;

    private static TestServer server;
    private static Http http;

    @BeforeAll
    static void start() {
        server = TestServer.start(60_000);
        http = server.http;
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    private record Answer(long startedNanos, int status, String version) {}

    private static String live() {
        return http.get("/api/v1/rules", server.token("ops")).ok().get("version").asText();
    }

    @Test
    void rollbackRestoresThePreviousVersionWithinASecondUnderLoadWithNoFailedRequest()
            throws Exception {
        String ops = server.token("ops");
        String rep = server.token("rep.a");
        String old = live();
        Http.Response created = http.post("/api/v1/rules/drafts", ops, null);
        String draft = created.json().get("id").asText();
        String file = "/api/v1/rules/drafts/" + draft + "/files/" + STALE_URL;
        String stale = http.get(file, ops).text();
        http.send(
                        "PUT",
                        file,
                        ops,
                        "text/plain",
                        stale.replace("@priority(70)", "@priority(69)")
                                .getBytes(StandardCharsets.UTF_8))
                .ok();

        ConcurrentLinkedQueue<Answer> answers = new ConcurrentLinkedQueue<>();
        AtomicBoolean running = new AtomicBoolean(true);
        List<Thread> clients = new ArrayList<>();
        for (int i = 0; i < CLIENTS; i++) {
            Thread t =
                    new Thread(
                            () -> {
                                while (running.get()) {
                                    long started = System.nanoTime();
                                    Http.Response r = http.get("/api/v1/me/next-best-actions", rep);
                                    String version =
                                            r.status() == 200
                                                    ? r.json().get("ruleSetVersion").asText()
                                                    : null;
                                    answers.add(new Answer(started, r.status(), version));
                                }
                            });
            t.start();
            clients.add(t);
        }
        String published;
        long rolledBack;
        long rollbackMillis;
        try {
            Thread.sleep(300);
            JsonNode publish =
                    http.post(
                                    "/api/v1/rules/drafts/" + draft + "/publish",
                                    ops,
                                    "{\"note\": \"rank stale deals at 69\"}")
                            .ok();
            published = publish.get("version").asText();
            assertNotEquals(old, published);
            long publishedAt = System.nanoTime();
            Thread.sleep(500);
            assertTrue(
                    answers.stream()
                            .anyMatch(
                                    a ->
                                            a.startedNanos() > publishedAt
                                                    && published.equals(a.version())),
                    "answers carry the published version");

            long rollbackAsked = System.nanoTime();
            JsonNode rollback =
                    http.post(
                                    "/api/v1/rules/versions/" + old + "/rollback",
                                    ops,
                                    "{\"note\": \"back to the old ranking\"}")
                            .ok();
            rolledBack = System.nanoTime();
            rollbackMillis = (rolledBack - rollbackAsked) / 1_000_000;
            assertEquals(old, rollback.get("version").asText());
            assertEquals(published, rollback.get("previous").asText());
            Thread.sleep(1500);
        } finally {
            running.set(false);
            for (Thread t : clients) {
                t.join();
            }
        }
        List<Answer> all = List.copyOf(answers);
        assertTrue(all.size() > 50, "the clients made " + all.size() + " requests");
        List<Answer> failed = all.stream().filter(a -> a.status() != 200).toList();
        assertEquals(List.of(), failed, "no failed request in flight");
        long oneSecondAfter = rolledBack + 1_000_000_000L;
        List<Answer> afterOneSecond =
                all.stream().filter(a -> a.startedNanos() >= oneSecondAfter).toList();
        assertTrue(afterOneSecond.size() > 0, "requests made a second after the rollback");
        assertTrue(
                afterOneSecond.stream().allMatch(a -> old.equals(a.version())),
                "every answer a second after the rollback carries " + old);
        List<Answer> rightAfter = all.stream().filter(a -> a.startedNanos() >= rolledBack).toList();
        assertTrue(
                rightAfter.stream().allMatch(a -> old.equals(a.version())),
                "on the node that rolled back, every answer after it returned carries " + old);
        assertEquals(old, live());
        // the figures for the report: how many requests, and how long the rollback call took
        System.out.printf(
                "rollback under load: %d requests by %d clients, 0 failed; rollback answered in %d ms;"
                        + " %d answers after it, all %s%n",
                all.size(), CLIENTS, rollbackMillis, rightAfter.size(), old);

        JsonNode versions = http.get("/api/v1/rules/versions", server.token("boss.one")).ok();
        JsonNode newest = versions.get(0);
        assertEquals(published, newest.get("id").asText());
        assertEquals("rank stale deals at 69", newest.get("note").asText());
        assertEquals("ops", newest.get("author").asText());
        assertEquals(false, newest.get("live").asBoolean());
        boolean oldIsLive = false;
        for (JsonNode v : versions) {
            if (v.get("id").asText().equals(old)) {
                oldIsLive = v.get("live").asBoolean();
            }
        }
        assertTrue(oldIsLive, versions.toString());
    }

    @Test
    void onlyOpsAndAdminRollBackWithANoteToAStoredVersion() {
        String old = live();
        String body = "{\"note\": \"n\"}";
        for (String user : List.of("rep.a", "boss.one")) {
            http.post("/api/v1/rules/versions/" + old + "/rollback", server.token(user), body)
                    .problem(403);
        }
        http.post("/api/v1/rules/versions/" + old + "/rollback", null, body).problem(401);
        String ops = server.token("ops");
        assertEquals(
                "note",
                http.post("/api/v1/rules/versions/" + old + "/rollback", ops, "{}").problem(400));
        http.post("/api/v1/rules/versions/000000000000/rollback", ops, body).problem(404);
        JsonNode same =
                http.post(
                                "/api/v1/rules/versions/" + old + "/rollback",
                                server.token("admin"),
                                body)
                        .ok();
        assertEquals(false, same.get("changed").asBoolean(), same.toString());
        http.get("/api/v1/rules/versions/" + old + "/diff/" + old, null).problem(401);
        JsonNode none =
                http.get("/api/v1/rules/versions/" + old + "/diff/" + old, server.token("rep.a"))
                        .ok();
        assertEquals(0, none.get("files").size());
    }
}
