package io.pandu.auth;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.pandu.errors.TooManyRequestsException;
import io.pandu.testing.MutableClock;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class LoginThrottleTest {
    private final MutableClock clock = new MutableClock(Instant.parse("2026-01-05T09:00:00Z"));
    private final LoginThrottle throttle = LoginThrottle.standard(clock);

    @Test
    void fiveFailuresForAUserBlockItUntilTheWindowPasses() {
        for (int i = 0; i < 5; i++) {
            throttle.check("Rep.A", "10.0.0." + i);
            throttle.failed("Rep.A", "10.0.0." + i);
            clock.advance(Duration.ofMinutes(1));
        }
        TooManyRequestsException e =
                assertThrows(
                        TooManyRequestsException.class, () -> throttle.check("rep.a", "10.9.9.9"));
        assertEquals(429, e.status());
        assertEquals(Duration.ofMinutes(10).toSeconds(), e.retryAfterSeconds());
        assertDoesNotThrow(() -> throttle.check("rep.b", "10.9.9.9"));
        clock.advance(Duration.ofMinutes(10));
        assertDoesNotThrow(() -> throttle.check("rep.a", "10.9.9.9"));
    }

    @Test
    void aSuccessClearsTheUsersFailures() {
        for (int i = 0; i < 4; i++) {
            throttle.failed("rep.a", "10.0.0.1");
        }
        throttle.succeeded("rep.a");
        for (int i = 0; i < 4; i++) {
            throttle.check("rep.a", "10.0.0.1");
            throttle.failed("rep.a", "10.0.0.1");
        }
        assertDoesNotThrow(() -> throttle.check("rep.a", "10.0.0.1"));
    }

    @Test
    void twentyFailuresFromOneAddressBlockEveryName() {
        for (int i = 0; i < 20; i++) {
            throttle.failed("user" + i, "10.0.0.1");
        }
        assertThrows(TooManyRequestsException.class, () -> throttle.check("someone", "10.0.0.1"));
        assertDoesNotThrow(() -> throttle.check("someone", "10.0.0.2"));
        clock.advance(Duration.ofMinutes(16));
        assertDoesNotThrow(() -> throttle.check("someone", "10.0.0.1"));
    }
}
