package io.pandu.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.pandu.app.PanduConfig;
import io.pandu.app.PanduServer;
import io.pandu.errors.InvalidInputException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/** What `pandu serve` makes of its options and the environment. */
class ServeCommandTest {

    private static PanduConfig config(Map<String, String> env, String... args) {
        CommandLine cli = PanduCli.commandLine();
        CommandLine.ParseResult parsed = cli.parseArgs(args);
        ServeCommand serve = (ServeCommand) parsed.subcommand().commandSpec().userObject();
        return serve.config(env);
    }

    @Test
    void theStoreOptionsWinOverTheEnvironment() {
        Map<String, String> env =
                Map.of(
                        "PANDU_DB_URL", "jdbc:postgresql://db.example/pandu",
                        "PANDU_DB_USER", "env-user",
                        "PANDU_DB_PASSWORD", "env-password",
                        "PANDU_DB_SCHEMA", "env_schema");
        PanduConfig fromEnv = config(env, "serve");
        assertEquals("jdbc:postgresql://db.example/pandu", fromEnv.db().url());
        assertEquals("env-user", fromEnv.db().user());
        assertEquals("env_schema", fromEnv.db().schema());

        PanduConfig given =
                config(
                        env,
                        "serve",
                        "--db-url",
                        "jdbc:postgresql://other/pandu",
                        "--db-user",
                        "me",
                        "--db-schema",
                        "sales",
                        "--port",
                        "9090");
        assertEquals("jdbc:postgresql://other/pandu", given.db().url());
        assertEquals("me", given.db().user());
        assertEquals("env-password", given.db().password(), "the password only from the env");
        assertEquals("sales", given.db().schema());
        assertEquals(9090, given.port());
    }

    @Test
    void serveStartsOnTheStoreItWasGiven(@TempDir Path tmp) throws Exception {
        Path db = tmp.resolve("x");
        PanduConfig config =
                config(
                                Map.of("PANDU_HOST", "127.0.0.1"),
                                "serve",
                                "--db-url",
                                "jdbc:h2:file:" + db,
                                "--port",
                                "0",
                                "--run-every",
                                "off")
                        .withDemo(false, null);
        PanduServer server = PanduServer.startAndWait(config);
        try {
            assertTrue(server.port() > 0);
            assertTrue(
                    Files.exists(tmp.resolve("x.mv.db")),
                    "the H2 file of --db-url was created and migrated");
        } finally {
            server.close();
        }
    }

    @Test
    @Timeout(60) // were the port not probed, serve would start and wait for Ctrl-C
    void aPortInUseIsOneLineBeforeAnythingLoads() throws Exception {
        try (ServerSocket taken = new ServerSocket(0)) {
            int port = taken.getLocalPort();
            CliRun run = CliRun.of("serve", "--port", String.valueOf(port));
            assertEquals(1, run.exitCode(), run.err());
            assertEquals(
                    "error: port " + port + " is in use (PANDU_PORT or --port picks another)",
                    run.err().strip());
        }
    }

    @Test
    void aRuleFolderAskedForButMissingIsOneErrorWithItsAbsolutePath(@TempDir Path tmp) {
        Path missing = tmp.resolve("nope");
        InvalidInputException e =
                assertThrows(
                        InvalidInputException.class,
                        () -> config(Map.of("PANDU_RULES", missing.toString()), "serve"));
        assertEquals(
                "rules: no such folder: "
                        + missing.toAbsolutePath()
                        + " (check PANDU_RULES, or leave it out for ./rules or the copy bundled in the jar)",
                e.getMessage());
    }

    @Test
    void theLimitOptionsWinOverTheEnvironmentAndABadOneNamesTheOption() {
        Map<String, String> env =
                Map.of(
                        "PANDU_EVALUATION_TIME_LIMIT", "10s",
                        "PANDU_TOKEN_LIFETIME", "2h",
                        "PANDU_LOGIN_FAILURES_PER_USER", "7");
        io.pandu.app.Limits fromEnv = config(env, "serve").limits();
        assertEquals(java.time.Duration.ofSeconds(10), fromEnv.evaluationTimeLimit());
        assertEquals(java.time.Duration.ofHours(2), fromEnv.tokenLifetime());
        assertEquals(7, fromEnv.loginFailuresPerUser());

        io.pandu.app.Limits given =
                config(
                                env,
                                "serve",
                                "--evaluation-time-limit",
                                "2s",
                                "--token-lifetime",
                                "45m",
                                "--login-failures-per-user",
                                "3",
                                "--login-failures-per-address",
                                "9",
                                "--login-window",
                                "5m")
                        .limits();
        assertEquals(java.time.Duration.ofSeconds(2), given.evaluationTimeLimit());
        assertEquals(java.time.Duration.ofMinutes(45), given.tokenLifetime());
        assertEquals(3, given.loginFailuresPerUser());
        assertEquals(9, given.loginFailuresPerAddress());
        assertEquals(java.time.Duration.ofMinutes(5), given.loginWindow());

        InvalidInputException bad =
                assertThrows(
                        InvalidInputException.class,
                        () -> config(env, "serve", "--token-lifetime", "forever"));
        assertEquals("--token-lifetime", bad.field());
        InvalidInputException badEnv =
                assertThrows(
                        InvalidInputException.class,
                        () -> config(Map.of("PANDU_LOGIN_WINDOW", "0"), "serve"));
        assertEquals("PANDU_LOGIN_WINDOW", badEnv.field());
    }
}
