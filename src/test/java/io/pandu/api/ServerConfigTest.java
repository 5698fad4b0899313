package io.pandu.api;

import io.pandu.errors.InvalidInputException;
import org.junit.jupiter.api.Test;

import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

/** The import limit from the environment, in bytes or with a unit, and how a limit is shown. */
class ServerConfigTest {

    private static long importLimit(String value) {
        return ServerConfig.fromEnv(value == null ? Map.of() : Map.of("PANDU_IMPORT_LIMIT", value)).importLimit();
    }

    @Test
    void theImportLimitIs64MbUnlessTheEnvironmentSaysOtherwise() {
        assertEquals(64L * 1024 * 1024, importLimit(null));
        assertEquals(256L * 1024 * 1024, importLimit("256MB"));
        assertEquals(512 * 1024, importLimit("512k"));
        assertEquals(2L * 1024 * 1024 * 1024, importLimit(" 2 GB "));
        assertEquals(1000, importLimit("1000"));
        for (String bad : new String[] {"lots", "0", "-5MB", "64TB", "999999999999999G"}) {
            InvalidInputException e = assertThrows(InvalidInputException.class, () -> importLimit(bad), bad);
            assertEquals("PANDU_IMPORT_LIMIT", e.field());
        }
    }

    @Test
    void aLimitIsShownAsPeopleSayIt() {
        assertEquals("64 MB", ServerConfig.describe(ServerConfig.IMPORT_LIMIT));
        assertEquals("1 MB", ServerConfig.describe(ServerConfig.BODY_LIMIT));
        assertEquals("512 KB", ServerConfig.describe(512 * 1024));
        assertEquals("1000 bytes", ServerConfig.describe(1000));
    }
}
