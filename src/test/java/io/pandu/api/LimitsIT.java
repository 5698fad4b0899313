package io.pandu.api;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.pandu.app.Limits;
import io.pandu.testing.Http;
import io.pandu.testing.TestServer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.time.Duration;
import java.util.Base64;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The configured limits are the ones the service applies (a server started with an evaluation time
 * limit of 1 s, tokens of 2 h and a throttle of 2 failed sign-ins per user name).
 */
class LimitsIT {
    private static final Limits LIMITS =
            new Limits(Duration.ofSeconds(1), Duration.ofHours(2), 2, 20, Duration.ofMinutes(15));

    /** Spins (a square root to fifty million digits) only on one deal no shipped sample has. */
    private static final String SPIN =
            """
            package playbook

            import io.pandu.context.DealContext;
            import java.math.BigDecimal;
            import java.math.MathContext;

            global io.pandu.guidance.GuidanceCollector guidance;

            rule "Spin on the deal named spin"
                @category("hostile")
                @priority(50)
            when
                $d : DealContext( dealId == "D-SPIN" )
            then
                BigDecimal root = BigDecimal.valueOf(2).sqrt(new MathContext(50000000));
                guidance.recommend("ROOT", $d, "Root", root.toString(), 1.0);
            end
            """;

    private static TestServer server;

    @BeforeAll
    static void start() {
        server =
                TestServer.start(
                        c -> {
                            try {
                                Files.writeString(
                                        c.rules().resolve("playbook").resolve("spin.drl"), SPIN);
                            } catch (java.io.IOException e) {
                                throw new java.io.UncheckedIOException(e);
                            }
                            return c.withLimits(LIMITS);
                        });
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    @Test
    void anEvaluationIsHaltedAfterTheConfiguredTimeLimitNotTheDefault30Seconds() throws Exception {
        String facts;
        try (var in = LimitsIT.class.getResourceAsStream("/api/fixture-facts.json")) {
            facts =
                    new String(in.readAllBytes(), StandardCharsets.UTF_8)
                            .replace("\"D-A1\"", "\"D-SPIN\"");
        }
        long started = System.nanoTime();
        Http.Response r =
                server.http.post(
                        "/api/v1/evaluate", server.http.login("rep.a", TestServer.PASSWORD), facts);
        long millis = (System.nanoTime() - started) / 1_000_000;
        assertEquals(422, r.status(), r.text());
        assertTrue(r.text().contains("time limit of 1000 ms"), r.text());
        assertTrue(millis < 10_000, "answered after " + millis + " ms");
        System.out.println(
                "LimitsIT: evaluation halted by a 1 s limit, answered in " + millis + " ms");
    }

    @Test
    void aTokenLastsTheConfiguredLifetimeAndNoLonger() throws Exception {
        long before = server.clock().instant().getEpochSecond();
        String token = server.http.login("rep.b", TestServer.PASSWORD);
        long after = server.clock().instant().getEpochSecond();
        JsonNode claims =
                new ObjectMapper().readTree(Base64.getUrlDecoder().decode(token.split("\\.")[1]));
        long exp = claims.get("exp").asLong();
        long lifetime = Duration.ofHours(2).toSeconds();
        assertTrue(
                exp >= before + lifetime && exp <= after + lifetime,
                "exp " + exp + " for a token signed between " + before + " and " + after);
        assertEquals(200, server.http.get("/api/v1/me", token).status());
        server.clock().advance(Duration.ofHours(2).plusMinutes(1));
        assertEquals(401, server.http.get("/api/v1/me", token).status(), "after 2 h 1 min");
    }

    @Test
    void theThirdFailedSignInForAUserNameIsRefusedWhenTheLimitIsTwo() {
        String wrong = "{\"username\":\"rep.c\",\"password\":\"not the password\"}";
        assertEquals(401, server.http.post("/api/v1/auth/login", null, wrong).status());
        assertEquals(401, server.http.post("/api/v1/auth/login", null, wrong).status());
        Http.Response third =
                server.http.post(
                        "/api/v1/auth/login",
                        null,
                        "{\"username\":\"rep.c\",\"password\":\"" + TestServer.PASSWORD + "\"}");
        assertEquals(429, third.status(), third.text());
        assertTrue(third.header("Retry-After") != null, third.text());
    }
}
