package io.pandu.app;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.pandu.errors.InvalidInputException;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The protective limits as an operator sets them in the environment: each has today's value as its
 * default, reads the usual ways of writing it, and a bad value stops the start naming the variable.
 */
class LimitsTest {

    private static Limits limits(String variable, String value) {
        return PanduConfig.fromEnv(Map.of(variable, value)).limits();
    }

    private static void refused(String variable, String... values) {
        for (String bad : values) {
            InvalidInputException e =
                    assertThrows(InvalidInputException.class, () -> limits(variable, bad), bad);
            assertEquals(variable, e.field(), bad);
            assertTrue(e.getMessage().length() > 10, e.getMessage());
        }
    }

    @Test
    void withoutTheEnvironmentTheLimitsAreTheOnesPanduHadBuiltIn() {
        Limits limits = PanduConfig.fromEnv(Map.of()).limits();
        assertEquals(Duration.ofSeconds(30), limits.evaluationTimeLimit());
        assertEquals(Duration.ofHours(12), limits.tokenLifetime());
        assertEquals(5, limits.loginFailuresPerUser());
        assertEquals(20, limits.loginFailuresPerAddress());
        assertEquals(Duration.ofMinutes(15), limits.loginWindow());
        assertEquals(Duration.ofHours(12), PanduConfig.fromEnv(Map.of()).http("k").tokenLifetime());
    }

    @Test
    void theEvaluationTimeLimitIsAPeriodBetween100MillisecondsAndAnHour() {
        assertEquals(
                Duration.ofSeconds(5),
                limits("PANDU_EVALUATION_TIME_LIMIT", "5s").evaluationTimeLimit());
        assertEquals(
                Duration.ofMillis(500),
                limits("PANDU_EVALUATION_TIME_LIMIT", "500ms").evaluationTimeLimit());
        assertEquals(
                Duration.ofMinutes(2),
                limits("PANDU_EVALUATION_TIME_LIMIT", "PT2M").evaluationTimeLimit());
        refused("PANDU_EVALUATION_TIME_LIMIT", "soon", "0", "off", "-5s", "50ms", "2h");
    }

    @Test
    void theTokenLifetimeIsAPeriodBetweenAMinuteAndThirtyDaysAndReachesTheHttpServer() {
        assertEquals(Duration.ofHours(8), limits("PANDU_TOKEN_LIFETIME", "8h").tokenLifetime());
        assertEquals(Duration.ofDays(7), limits("PANDU_TOKEN_LIFETIME", "7d").tokenLifetime());
        assertEquals(
                Duration.ofMinutes(30),
                PanduConfig.fromEnv(Map.of("PANDU_TOKEN_LIFETIME", "30m"))
                        .http("k")
                        .tokenLifetime());
        refused("PANDU_TOKEN_LIFETIME", "forever", "30s", "31d", "off", "12");
    }

    @Test
    void theLoginThrottleCountsAreWholeNumbersFromOneTo10000() {
        assertEquals(3, limits("PANDU_LOGIN_FAILURES_PER_USER", "3").loginFailuresPerUser());
        assertEquals(
                100, limits("PANDU_LOGIN_FAILURES_PER_ADDRESS", " 100 ").loginFailuresPerAddress());
        refused("PANDU_LOGIN_FAILURES_PER_USER", "0", "-1", "five", "2.5", "10001");
        refused("PANDU_LOGIN_FAILURES_PER_ADDRESS", "0", "lots", "99999999999");
    }

    @Test
    void theLoginWindowIsAPeriodBetweenASecondAndADay() {
        assertEquals(Duration.ofHours(1), limits("PANDU_LOGIN_WINDOW", "1h").loginWindow());
        assertEquals(Duration.ofSeconds(90), limits("PANDU_LOGIN_WINDOW", "90s").loginWindow());
        refused("PANDU_LOGIN_WINDOW", "a while", "0", "2d", "100ms");
    }
}
