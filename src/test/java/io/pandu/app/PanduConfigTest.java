package io.pandu.app;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.pandu.api.HttpSettings;
import io.pandu.errors.InvalidInputException;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The service's settings as sales ops write them in the environment, and how a limit is shown. */
class PanduConfigTest {

    private static long importLimit(String value) {
        return PanduConfig.fromEnv(value == null ? Map.of() : Map.of("PANDU_IMPORT_LIMIT", value))
                .importLimit();
    }

    @Test
    void theImportLimitIs64MbUnlessTheEnvironmentSaysOtherwise() {
        assertEquals(64L * 1024 * 1024, importLimit(null));
        assertEquals(256L * 1024 * 1024, importLimit("256MB"));
        assertEquals(512 * 1024, importLimit("512k"));
        assertEquals(2L * 1024 * 1024 * 1024, importLimit(" 2 GB "));
        assertEquals(1000, importLimit("1000"));
        for (String bad : new String[] {"lots", "0", "-5MB", "64TB", "999999999999999G"}) {
            InvalidInputException e =
                    assertThrows(InvalidInputException.class, () -> importLimit(bad), bad);
            assertEquals("PANDU_IMPORT_LIMIT", e.field());
        }
    }

    @Test
    void tenPercentIsHeldOutUnlessTheEnvironmentSaysOtherwise() {
        assertEquals(0.1, PanduConfig.fromEnv(Map.of()).holdoutShare());
        assertEquals(0.2, PanduConfig.fromEnv(Map.of("PANDU_HOLDOUT_SHARE", "0.2")).holdoutShare());
        assertEquals(
                0.05, PanduConfig.fromEnv(Map.of("PANDU_HOLDOUT_SHARE", " 5% ")).holdoutShare());
        assertEquals(0.0, PanduConfig.fromEnv(Map.of("PANDU_HOLDOUT_SHARE", "0")).holdoutShare());
        for (String bad : new String[] {"some", "0.9", "-1", "60%"}) {
            InvalidInputException e =
                    assertThrows(
                            InvalidInputException.class,
                            () -> PanduConfig.fromEnv(Map.of("PANDU_HOLDOUT_SHARE", bad)),
                            bad);
            assertEquals("PANDU_HOLDOUT_SHARE", e.field());
        }
    }

    @Test
    void aLimitIsShownAsPeopleSayIt() {
        assertEquals("64 MB", HttpSettings.describe(PanduConfig.IMPORT_LIMIT));
        assertEquals("1 MB", HttpSettings.describe(PanduConfig.BODY_LIMIT));
        assertEquals("512 KB", HttpSettings.describe(512 * 1024));
        assertEquals("1000 bytes", HttpSettings.describe(1000));
    }

    @Test
    void theStoredPipelineIsReEvaluatedHourlyUnlessToldOtherwise() {
        assertEquals(Duration.ofHours(1), PanduConfig.fromEnv(Map.of()).runEvery());
        assertEquals(
                Duration.ofMinutes(30),
                PanduConfig.fromEnv(Map.of("PANDU_RUN_EVERY", "30m")).runEvery());
        assertEquals(
                Duration.ofHours(6),
                PanduConfig.fromEnv(Map.of("PANDU_RUN_EVERY", "PT6H")).runEvery());
        assertEquals(
                Duration.ofDays(1),
                PanduConfig.fromEnv(Map.of("PANDU_RUN_EVERY", " 1d ")).runEvery());
        assertNull(PanduConfig.fromEnv(Map.of("PANDU_RUN_EVERY", "off")).runEvery());
    }

    @Test
    void aPeriodThatCannotBeReadNamesTheSetting() {
        InvalidInputException e =
                assertThrows(
                        InvalidInputException.class,
                        () -> PanduConfig.fromEnv(Map.of("PANDU_RUN_EVERY", "hourly")));
        assertEquals("PANDU_RUN_EVERY", e.field());
        assertEquals(
                "--run-every",
                assertThrows(
                                InvalidInputException.class,
                                () -> PanduConfig.runEvery("--run-every", "0.5s"))
                        .field());
        assertEquals(
                "--run-every",
                assertThrows(
                                InvalidInputException.class,
                                () -> PanduConfig.runEvery("--run-every", "PT0.1S"))
                        .field());
    }

    @Test
    void aPortOutOfRangeIsRefused() {
        assertEquals(
                "PANDU_PORT",
                assertThrows(
                                InvalidInputException.class,
                                () -> PanduConfig.fromEnv(Map.of("PANDU_PORT", "eighty")))
                        .field());
        assertThrows(
                InvalidInputException.class,
                () -> PanduConfig.fromEnv(Map.of("PANDU_PORT", "70000")));
    }
}
