package io.pandu.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.pandu.testing.Http;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The first hour of an operator without the demo, with the jar in separate JVMs: `serve` on an
 * empty store says how to make the first admin; `user create` makes one while the server runs on
 * the same H2 file; the admin signs in. A second server on that file, or a command on a file held
 * by a process that does not serve it, is told "another Pandu is using ..." in one line.
 */
class FirstAdminIT {
    private static final Path JAR = Path.of(System.getProperty("pandu.jar", "target/pandu.jar"));
    private static final Pattern LISTENING = Pattern.compile("listening on http://[^:]+:(\\d+)/");

    record Result(int code, String out, String err) {}

    @Test
    void serveOnAnEmptyStoreSaysHowToMakeTheFirstAdminAndThatAdminSignsIn(@TempDir Path tmp)
            throws Exception {
        String dbUrl = "jdbc:h2:file:" + tmp.resolve("db").resolve("pandu");
        Process server =
                new ProcessBuilder(
                                java(
                                        "serve",
                                        "--port",
                                        "0",
                                        "--db-url",
                                        dbUrl,
                                        "--run-every",
                                        "off"))
                        .directory(tmp.toFile()) // no rules/ here: the bundled ones
                        .redirectErrorStream(true)
                        .start();
        StringBuilder log = new StringBuilder();
        CompletableFuture<Integer> port = new CompletableFuture<>();
        Thread reader = new Thread(() -> read(server, log, port));
        reader.start();
        try {
            String base = "http://127.0.0.1:" + port.get(180, TimeUnit.SECONDS);
            String said = text(log);
            assertTrue(
                    said.contains(
                            "No admin in this store yet: create the first one with `java -jar"
                                    + " pandu.jar user create --username admin --role admin"
                                    + " --db-url '"
                                    + dbUrl
                                    + "'`"),
                    said);
            Http http = new Http(base);
            http.post("/api/v1/auth/login", null, "{\"username\":\"chief\",\"password\":\"x\"}")
                    .problem(401); // nobody yet

            Result created =
                    run(
                            tmp,
                            "the first admin's password\n",
                            "user",
                            "create",
                            "--username",
                            "chief",
                            "--role",
                            "admin",
                            "--db-url",
                            dbUrl);
            assertEquals(0, created.code(), created.err());
            assertEquals("Created user chief (admin)", created.out().strip());

            String token = http.login("chief", "the first admin's password");
            JsonNode me = http.get("/api/v1/me", token).ok();
            assertEquals("admin", me.get("role").asText());
            JsonNode users = http.get("/api/v1/users", token).ok();
            assertEquals(1, users.get("total").asInt(), users.toString());
            assertFalse(http.get("/api/v1/auth/options", null).ok().get("demo").asBoolean());

            Result second = run(tmp, null, "serve", "--port", "0", "--db-url", dbUrl);
            assertEquals(1, second.code(), second.out() + second.err());
            String expected =
                    "error: another Pandu is using " + tmp.resolve("db").resolve("pandu.mv.db");
            assertTrue(second.err().contains(expected), second.err());
            assertEquals(
                    1, second.err().lines().filter(l -> l.contains("error")).count(), second.err());
            assertFalse(second.err().contains("Exception"), second.err());
            http.get("/api/v1/me", token).ok(); // the first server serves on
        } finally {
            server.destroy(); // SIGTERM: the graceful stop
            assertTrue(server.waitFor(60, TimeUnit.SECONDS), text(log));
        }
    }

    @Test
    void aStoreHeldByAProcessThatDoesNotServeItIsOneLine(@TempDir Path tmp) throws Exception {
        Path file = tmp.resolve("db").resolve("pandu");
        // a process that holds the file without AUTO_SERVER, as an older Pandu would
        try (Connection held =
                DriverManager.getConnection(
                        "jdbc:h2:file:" + file + ";AUTO_SERVER=FALSE", "sa", "")) {
            assertTrue(held.isValid(1));
            Result r =
                    run(
                            tmp,
                            null,
                            "user",
                            "create",
                            "--username",
                            "chief",
                            "--role",
                            "admin",
                            "--password",
                            "long enough",
                            "--db-url",
                            "jdbc:h2:file:" + file);
            assertEquals(1, r.code(), r.err());
            assertTrue(
                    r.err()
                            .contains(
                                    "error: another Pandu is using "
                                            + tmp.resolve("db").resolve("pandu.mv.db")),
                    r.err());
            assertFalse(r.err().contains("already in use"), r.err()); // not H2's words
            assertFalse(r.err().contains("Exception"), r.err());
        }
    }

    private static List<String> java(String... args) {
        List<String> command =
                new ArrayList<>(
                        List.of(
                                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                                "-jar",
                                JAR.toAbsolutePath().toString()));
        command.addAll(List.of(args));
        return command;
    }

    /** The jar run to its end in {@code dir}, with {@code stdin} (or none) as its input. */
    private static Result run(Path dir, String stdin, String... args)
            throws IOException, InterruptedException {
        Process process = new ProcessBuilder(java(args)).directory(dir.toFile()).start();
        try (OutputStream in = process.getOutputStream()) {
            if (stdin != null) {
                in.write(stdin.getBytes(StandardCharsets.UTF_8));
            }
        }
        CompletableFuture<byte[]> err =
                CompletableFuture.supplyAsync(
                        () -> {
                            try {
                                return process.getErrorStream().readAllBytes();
                            } catch (IOException e) {
                                throw new IllegalStateException(e);
                            }
                        });
        byte[] out = process.getInputStream().readAllBytes();
        assertTrue(process.waitFor(180, TimeUnit.SECONDS), "pandu did not finish");
        return new Result(
                process.exitValue(),
                new String(out, StandardCharsets.UTF_8),
                new String(err.join(), StandardCharsets.UTF_8));
    }

    private static void read(Process server, StringBuilder log, CompletableFuture<Integer> port) {
        try (BufferedReader lines =
                new BufferedReader(
                        new InputStreamReader(server.getInputStream(), StandardCharsets.UTF_8))) {
            for (String line; (line = lines.readLine()) != null; ) {
                synchronized (log) {
                    log.append(line).append('\n');
                }
                Matcher listening = LISTENING.matcher(line);
                if (listening.find()) {
                    port.complete(Integer.parseInt(listening.group(1)));
                }
            }
        } catch (IOException e) {
            port.completeExceptionally(e);
        }
        port.completeExceptionally(
                new IllegalStateException("the server's output ended before it listened: " + log));
    }

    private static String text(StringBuilder log) {
        synchronized (log) {
            return log.toString();
        }
    }
}
