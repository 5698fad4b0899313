package io.pandu.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.pandu.app.PanduConfig;
import io.pandu.app.PanduServer;
import io.pandu.auth.Caller;
import io.pandu.auth.NewUser;
import io.pandu.auth.Role;
import io.pandu.store.DbConfig;
import io.pandu.testing.Http;
import io.pandu.testing.RuleFixtures;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Without PANDU_JWT_SECRET the token key is kept in the store: a token stays valid across a restart
 * on the same store, and {@code pandu user rotate-key} ends it.
 */
class SigningKeyIT {
    private static final String PASSWORD = "correct horse battery staple";

    @Test
    void aRestartOnTheSameStoreKeepsATokenValidAndRotatingTheKeyEndsIt(@TempDir Path dir)
            throws Exception {
        RuleFixtures.copyTree(RuleFixtures.PINNED_RULES, dir.resolve("rules"));
        RuleFixtures.copyTree(RuleFixtures.PINNED_PLAYBOOKS, dir.resolve("playbooks"));
        String url = "jdbc:h2:file:" + dir.resolve("db").resolve("pandu");
        PanduConfig config = config(dir, url);

        String token;
        PanduServer first = PanduServer.startAndWait(config);
        try {
            first.pandu()
                    .users()
                    .create(
                            Caller.system(),
                            new NewUser("chief", PASSWORD, Role.ADMIN, null, null));
            Http http = http(first);
            token = http.login("chief", PASSWORD);
            assertEquals("chief", http.get("/api/v1/me", token).ok().get("username").asText());
        } finally {
            first.close();
        }

        PanduServer second = PanduServer.startAndWait(config);
        try {
            Http http = http(second);
            assertEquals("chief", http.get("/api/v1/me", token).ok().get("username").asText());
        } finally {
            second.close();
        }

        CliRun rotate = CliRun.of("user", "rotate-key", "--db-url", url);
        assertEquals(0, rotate.exitCode(), rotate.err());
        assertEquals(
                "Rotated the token signing key: restart the servers; tokens signed with the old key"
                        + " are refused",
                rotate.out().strip());

        PanduServer third = PanduServer.startAndWait(config);
        try {
            Http http = http(third);
            http.get("/api/v1/me", token).problem(401);
            String fresh = http.login("chief", PASSWORD);
            assertEquals("chief", http.get("/api/v1/me", fresh).ok().get("username").asText());
        } finally {
            third.close();
        }
    }

    private static Http http(PanduServer server) {
        return new Http("http://127.0.0.1:" + server.port());
    }

    private static PanduConfig config(Path dir, String url) {
        return new PanduConfig(
                "127.0.0.1",
                0,
                new DbConfig(url, null, null),
                dir.resolve("rules"),
                dir.resolve("playbooks"),
                Path.of("web"),
                null,
                false,
                null,
                PanduConfig.BODY_LIMIT,
                PanduConfig.IMPORT_LIMIT,
                1,
                60_000,
                null,
                0.0);
    }
}
