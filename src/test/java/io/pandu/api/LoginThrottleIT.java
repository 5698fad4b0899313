package io.pandu.api;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.pandu.testing.Http;
import io.pandu.testing.TestServer;
import java.time.Duration;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Password guessing is slowed down: after 5 failed sign-ins for a user name in 15 minutes, even the
 * right password gets 429 until the window passes. A server of its own, as the test moves its
 * clock.
 */
class LoginThrottleIT {
    private static TestServer server;

    @BeforeAll
    static void start() {
        server = TestServer.start(1000);
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    @Test
    void fiveWrongPasswordsThrottleTheUserUntilTheWindowPasses() {
        Http http = server.http;
        for (int i = 0; i < 5; i++) {
            login(http, "rep.a", "wrong").problem(401);
        }
        Http.Response throttled = login(http, "rep.a", TestServer.PASSWORD);
        throttled.problem(429);
        assertEquals("/problems/too-many-requests", throttled.json().get("type").asText());
        String retryAfter = throttled.header("Retry-After");
        assertNotNull(retryAfter);
        long seconds = Long.parseLong(retryAfter);
        assertTrue(seconds > 0 && seconds <= 15 * 60, retryAfter);
        // an unknown name is counted like a known one: the throttle tells nothing about which exist
        for (int i = 0; i < 5; i++) {
            login(http, "no.such.user", "wrong").problem(401);
        }
        login(http, "no.such.user", "wrong").problem(429);
        // someone else is not affected
        login(http, "rep.b", TestServer.PASSWORD).ok();

        server.clock().advance(Duration.ofMinutes(16));
        login(http, "rep.a", TestServer.PASSWORD).ok();
    }

    private static Http.Response login(Http http, String username, String password) {
        return http.post(
                "/api/v1/auth/login",
                null,
                "{\"username\":\"" + username + "\",\"password\":\"" + password + "\"}");
    }
}
