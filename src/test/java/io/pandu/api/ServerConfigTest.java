package io.pandu.api;

import io.pandu.errors.InvalidInputException;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

/** The service's settings as sales ops write them in the environment. */
class ServerConfigTest {
    @Test
    void theStoredPipelineIsReEvaluatedHourlyUnlessToldOtherwise() {
        assertEquals(Duration.ofHours(1), ServerConfig.fromEnv(Map.of()).runEvery());
        assertEquals(Duration.ofMinutes(30), ServerConfig.fromEnv(Map.of("PANDU_RUN_EVERY", "30m")).runEvery());
        assertEquals(Duration.ofHours(6), ServerConfig.fromEnv(Map.of("PANDU_RUN_EVERY", "PT6H")).runEvery());
        assertEquals(Duration.ofDays(1), ServerConfig.fromEnv(Map.of("PANDU_RUN_EVERY", " 1d ")).runEvery());
        assertNull(ServerConfig.fromEnv(Map.of("PANDU_RUN_EVERY", "off")).runEvery());
    }

    @Test
    void aPeriodThatCannotBeReadNamesTheSetting() {
        InvalidInputException e = assertThrows(InvalidInputException.class,
                () -> ServerConfig.fromEnv(Map.of("PANDU_RUN_EVERY", "hourly")));
        assertEquals("PANDU_RUN_EVERY", e.field());
        assertEquals("--run-every", assertThrows(InvalidInputException.class,
                () -> ServerConfig.runEvery("--run-every", "0.5s")).field());
        assertEquals("--run-every", assertThrows(InvalidInputException.class,
                () -> ServerConfig.runEvery("--run-every", "PT0.1S")).field());
    }

    @Test
    void aPortOutOfRangeIsRefused() {
        assertEquals("PANDU_PORT", assertThrows(InvalidInputException.class,
                () -> ServerConfig.fromEnv(Map.of("PANDU_PORT", "eighty"))).field());
        assertThrows(InvalidInputException.class, () -> ServerConfig.fromEnv(Map.of("PANDU_PORT", "70000")));
    }
}
