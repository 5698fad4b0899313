package io.pandu.api;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.pandu.testing.Http;
import io.pandu.testing.TestServer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Predicate;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * A rule file edited while the server runs: live within seconds with no failed request meanwhile; a
 * broken edit leaves the previous version serving and shows the error in /health until fixed.
 */
class HotReloadIT {
    private static TestServer server;
    private static Http http;
    private static String facts;

    @BeforeAll
    static void start() throws Exception {
        server = TestServer.start(250);
        http = server.http;
        facts = Files.readString(Path.of("docs/examples/sample-facts.json"));
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    /** Posts the sample facts in a loop on another thread, keeping every status, until stopped. */
    private static final class Load implements AutoCloseable {
        final List<Integer> statuses = new CopyOnWriteArrayList<>();
        final AtomicBoolean running = new AtomicBoolean(true);
        final Thread thread;

        Load(String token) {
            thread =
                    new Thread(
                            () -> {
                                long deadline = System.currentTimeMillis() + 60_000;
                                while (running.get() && System.currentTimeMillis() < deadline) {
                                    statuses.add(
                                            http.post("/api/v1/evaluate", token, facts).status());
                                }
                            });
            thread.start();
        }

        @Override
        public void close() throws InterruptedException {
            running.set(false);
            thread.join();
        }
    }

    private static JsonNode waitFor(
            String what, java.util.function.Supplier<JsonNode> probe, Predicate<JsonNode> done)
            throws InterruptedException {
        long deadline = System.currentTimeMillis() + 15_000;
        JsonNode last = null;
        while (System.currentTimeMillis() < deadline) {
            last = probe.get();
            if (done.test(last)) {
                return last;
            }
            Thread.sleep(100);
        }
        throw new AssertionError(what + " did not happen within 15 s; last: " + last);
    }

    @Test
    void anEditGoesLiveWithoutAFailedRequestAndABrokenOneKeepsTheOldVersion() throws Exception {
        String token = server.token("rep.a");
        Path rule = server.rules().resolve("playbook/stale-deals.drl");
        String original = Files.readString(rule);
        String v1 = http.get("/health", null).ok().get("rulesVersion").asText();

        long edited;
        String v2;
        try (Load load = new Load(token)) {
            Thread.sleep(300);
            Files.writeString(rule, original.replace("\"No activity for \"", "\"Quiet for \""));
            edited = System.currentTimeMillis();
            JsonNode live =
                    waitFor(
                            "the edited rule serving",
                            () -> http.post("/api/v1/evaluate", token, facts).ok(),
                            g -> g.toString().contains("Quiet for "));
            v2 = live.get("ruleSetVersion").asText();
            Thread.sleep(300);
            load.close();
            assertTrue(load.statuses.size() > 5, "the loop ran: " + load.statuses.size());
            assertTrue(
                    load.statuses.stream().allMatch(s -> s == 200),
                    "every request during the reload succeeded: " + load.statuses);
        }
        assertTrue(System.currentTimeMillis() - edited < 10_000);
        assertNotEquals(v1, v2);

        try (Load load = new Load(token)) {
            Files.writeString(rule, original.replace("then", "thne"));
            JsonNode degraded =
                    waitFor(
                            "the reload error in /health",
                            () -> http.get("/health", null).json(),
                            h -> h.has("lastReloadError"));
            assertEquals("degraded", degraded.get("status").asText());
            assertEquals(v2, degraded.get("rulesVersion").asText());
            assertTrue(
                    degraded.get("lastReloadError")
                            .get(0)
                            .get("file")
                            .asText()
                            .contains("stale-deals.drl"),
                    degraded.toString());
            JsonNode still = http.post("/api/v1/evaluate", token, facts).ok();
            assertEquals(v2, still.get("ruleSetVersion").asText());
            assertTrue(still.toString().contains("Quiet for "));
            load.close();
            assertTrue(load.statuses.stream().allMatch(s -> s == 200), load.statuses.toString());
        }

        Files.writeString(rule, original);
        JsonNode healthy =
                waitFor(
                        "recovery",
                        () -> http.get("/health", null).json(),
                        h -> !h.has("lastReloadError"));
        assertEquals("ok", healthy.get("status").asText());
        assertEquals(v1, healthy.get("rulesVersion").asText());
    }
}
