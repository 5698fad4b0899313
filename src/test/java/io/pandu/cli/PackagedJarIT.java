package io.pandu.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.jar.JarEntry;
import java.util.jar.JarFile;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The fat jar as a user runs it: `java -jar target/pandu.jar ...` in a separate JVM. */
class PackagedJarIT {
    private static final Path JAR = Path.of(System.getProperty("pandu.jar", "target/pandu.jar"));

    record Result(int code, String out, String err) {}

    static Result pandu(String... args) throws IOException, InterruptedException {
        return panduIn(Path.of("."), args);
    }

    /** The jar run from the working directory {@code dir}. */
    static Result panduIn(Path dir, String... args) throws IOException, InterruptedException {
        List<String> command =
                new ArrayList<>(
                        List.of(
                                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                                "-jar",
                                JAR.toAbsolutePath().toString()));
        command.addAll(List.of(args));
        Process process = new ProcessBuilder(command).directory(dir.toFile()).start();
        var out = process.getInputStream().readAllBytes();
        var err = process.getErrorStream().readAllBytes();
        assertTrue(process.waitFor(120, TimeUnit.SECONDS), "pandu did not finish");
        return new Result(
                process.exitValue(),
                new String(out, StandardCharsets.UTF_8),
                new String(err, StandardCharsets.UTF_8));
    }

    @Test
    void theProductJarHoldsNoBenchmarks() throws Exception {
        try (JarFile jar = new JarFile(JAR.toFile())) {
            List<String> bench =
                    jar.stream()
                            .map(JarEntry::getName)
                            .filter(
                                    n ->
                                            n.startsWith("io/pandu/bench/")
                                                    || n.startsWith("org/openjdk/jmh/")
                                                    || n.equals("META-INF/BenchmarkList"))
                            .limit(5)
                            .toList();
            assertEquals(
                    List.of(),
                    bench,
                    "the benchmarks belong in target/pandu-bench.jar (mvn -Pbench package)");
        }
        Result r = pandu("bench");
        assertEquals(2, r.code(), r.out() + r.err());
        assertTrue(r.err().contains("Unmatched argument"), r.err());
    }

    @Test
    void evaluatesTheShippedSampleIntoAllFourKindsOfGuidance() throws Exception {
        Result r = pandu("evaluate", "--facts", "docs/examples/sample-facts.json");
        assertEquals(0, r.code(), r.err());
        for (String code :
                List.of(
                        "REENGAGE_STALE_DEAL",
                        "DISCOUNT_NEEDS_APPROVAL",
                        "COMMISSION_ESTIMATE",
                        "ACCOUNT_TERRITORY")) {
            assertTrue(
                    r.out().contains("\"code\" : \"" + code + "\""),
                    code + " missing in:\n" + r.out());
        }
        assertTrue(r.out().contains("\"ruleSetVersion\""), r.out());
        assertTrue(r.err().contains("Rule set"), "start-up messages belong on stderr: " + r.err());
    }

    @Test
    void validateReportsEveryBrokenFileAndExitsOne(@TempDir Path tmp) throws Exception {
        Path rules = tmp.resolve("rules");
        Files.createDirectories(rules);
        Files.writeString(
                rules.resolve("syntax.drl"),
                """
                package broken
                rule "missing then"
                when
                    String( )
                end
                """);
        Files.writeString(
                rules.resolve("field.drl"),
                """
                package broken
                import io.pandu.context.DealContext;
                rule "unknown field"
                when
                    DealContext( stagee == "x" )
                then
                end
                """);
        Result r = pandu("validate", "--rules", rules.toString(), "--playbooks", "playbooks");
        assertEquals(1, r.code(), r.out() + r.err());
        assertTrue(
                r.out()
                        .lines()
                        .anyMatch(l -> l.startsWith("syntax.drl:") && l.contains(": error: ")),
                r.out());
        assertTrue(r.out().lines().anyMatch(l -> l.startsWith("field.drl:5:18: error: ")), r.out());
    }

    @Test
    void testCommandPassesTheShippedScenarios() throws Exception {
        Result r = pandu("test");
        assertEquals(0, r.code(), r.out() + r.err());
        assertTrue(r.out().lines().anyMatch(l -> l.matches("\\d+ passed, 0 failed")), r.out());
    }

    @Test
    void theJarRunsFromAnEmptyDirectoryOnItsBundledRulesAndPlaybooks(@TempDir Path empty)
            throws Exception {
        Result validate = panduIn(empty, "validate");
        assertEquals(0, validate.code(), validate.err() + validate.out());
        assertTrue(validate.out().contains("valid: rule set"), validate.out());
        assertTrue(
                validate.err()
                        .contains("No ./rules folder here: using the rules bundled in the jar"),
                validate.err());
        assertTrue(
                validate.err()
                        .contains(
                                "No ./playbooks folder here: using the playbooks bundled in the jar"),
                validate.err());

        Result test = panduIn(empty, "test");
        assertEquals(0, test.code(), test.err() + test.out());
        assertTrue(test.out().matches("(?s).*\\d+ passed, 0 failed\\s*"), test.out());

        Result evaluate =
                panduIn(
                        empty,
                        "evaluate",
                        "--facts",
                        Path.of("docs/examples/sample-facts.json").toAbsolutePath().toString());
        assertEquals(0, evaluate.code(), evaluate.err());
        assertTrue(evaluate.out().contains("\"code\" : \"REENGAGE_STALE_DEAL\""), evaluate.out());

        Path missing = empty.resolve("my-rules");
        Result asked = panduIn(empty, "validate", "--rules", missing.toString());
        assertEquals(2, asked.code(), asked.err());
        assertEquals(
                "error: rules: no such folder: "
                        + missing.toAbsolutePath()
                        + " (check --rules, or leave it out for ./rules or the copy bundled in the jar)",
                asked.err().strip());
    }

    @Test
    void serveOnAPortInUseSaysSoInOneLineBeforeLoadingAnything() throws Exception {
        try (ServerSocket taken = new ServerSocket(0)) {
            int port = taken.getLocalPort();
            Result run = pandu("serve", "--port", String.valueOf(port));
            assertEquals(1, run.code(), run.err());
            String expected =
                    "error: port " + port + " is in use (PANDU_PORT or --port picks another)";
            assertTrue(run.err().contains(expected), run.err());
            assertEquals(1, run.err().lines().filter(l -> l.contains("error")).count(), run.err());
            assertFalse(run.err().contains("Rules loaded"), "failed before loading: " + run.err());
            assertFalse(run.err().contains("Store:"), "failed before the store: " + run.err());
            assertFalse(run.err().contains("Exception"), run.err());
        }
    }

    /**
     * The README's first command and the three calls it shows a newcomer, against the jar; then a
     * graceful stop.
     */
    @Test
    void serveDemoAnswersTheReadmesThreeCallsAndStopsGracefully(@TempDir Path tmp)
            throws Exception {
        ProcessBuilder builder =
                new ProcessBuilder(
                                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                                "-jar",
                                JAR.toString(),
                                "serve",
                                "--demo",
                                "--port",
                                "0")
                        .redirectErrorStream(true);
        builder.environment().put("PANDU_HOST", "127.0.0.1");
        builder.environment()
                .put("PANDU_DB_URL", "jdbc:h2:file:" + tmp.resolve("db").resolve("pandu"));
        builder.environment().put("PANDU_RUN_EVERY", "off");
        Process server = builder.start();
        StringBuilder log = new StringBuilder();
        String accessLine;
        String repToken;
        CompletableFuture<Integer> port = new CompletableFuture<>();
        Thread reader =
                new Thread(
                        () -> {
                            try (BufferedReader lines =
                                    new BufferedReader(
                                            new InputStreamReader(
                                                    server.getInputStream(),
                                                    StandardCharsets.UTF_8))) {
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
                                    new IllegalStateException(
                                            "the server's output ended before it listened"));
                        });
        reader.start();
        try {
            String base = "http://127.0.0.1:" + port.get(180, TimeUnit.SECONDS);
            HttpClient http = HttpClient.newHttpClient();
            String rep = token(http, base, "moses.frase");
            repToken = rep;
            HttpResponse<String> traced =
                    http.send(
                            HttpRequest.newBuilder(
                                            URI.create(
                                                    base
                                                            + "/api/v1/me/next-best-actions?asOf=2017-12-31"))
                                    .header("Authorization", "Bearer " + rep)
                                    .header("X-Request-Id", "trace-42")
                                    .build(),
                            HttpResponse.BodyHandlers.ofString());
            assertEquals(200, traced.statusCode(), traced.body());
            assertEquals("trace-42", traced.headers().firstValue("X-Request-Id").orElse(null));
            accessLine = waitForLine(log, "trace-42 GET /api/v1/me/next-best-actions 200 ");
            JsonNode mine = get(http, base + "/api/v1/me/next-best-actions", rep);
            assertEquals("moses.frase", mine.get("repId").asText());
            assertTrue(mine.get("actions").size() > 0, mine.toString());
            assertTrue(
                    mine.get("actions").get(0).get("rule").get("file").asText().endsWith(".drl"),
                    mine.toString());
            JsonNode alerts =
                    get(
                            http,
                            base + "/api/v1/alerts?status=open&limit=20",
                            token(http, base, "dustin.brinkmann"));
            assertTrue(alerts.get("items").size() > 0, alerts.toString());
            alerts.get("items")
                    .forEach(a -> assertEquals("dustin.brinkmann", a.get("managerId").asText()));
            HttpResponse<String> page =
                    http.send(
                            HttpRequest.newBuilder(URI.create(base + "/")).build(),
                            HttpResponse.BodyHandlers.ofString());
            assertEquals(200, page.statusCode());
            assertTrue(page.body().contains("<script type=\"module\""), "the web UI is served");
        } finally {
            // SIGTERM, as Ctrl-C does, through the handle: Process.destroy() would also close the
            // output we read
            server.toHandle().destroy();
            assertTrue(server.waitFor(60, TimeUnit.SECONDS), "the server did not stop");
            reader.join(10_000);
        }
        // the access log: a line per request with its id, status and duration, never the token or
        // the query; every log line starts with an ISO-8601 UTC time, the level and the logger
        assertTrue(
                accessLine.matches(
                        "\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\d\\.\\d{3}Z INFO  pandu.access - trace-42 GET"
                                + " /api/v1/me/next-best-actions 200 \\d+ ms"),
                accessLine);
        synchronized (log) {
            String all = log.toString();
            assertFalse(all.contains(repToken), "a token reached the log");
            assertFalse(all.contains("asOf=2017"), "a query string reached the log");
            assertTrue(
                    all.lines()
                            .filter(l -> l.contains("Listening on") || l.contains("listening on"))
                            .allMatch(l -> l.matches("\\d{4}-\\d\\d-\\d\\dT.*Z (INFO|WARN) .*")),
                    all);
        }
        synchronized (log) {
            assertTrue(log.toString().contains("Stopping Pandu"), log.toString());
            assertFalse(log.toString().contains("Exception"), log.toString());
        }
    }

    /** PANDU_LOG_FORMAT=json: every log line is one JSON object with time, level and logger. */
    @Test
    void theLogIsJsonLinesWhenAskedFor(@TempDir Path tmp) throws Exception {
        ProcessBuilder builder =
                new ProcessBuilder(
                        Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                        "-jar",
                        JAR.toString(),
                        "serve",
                        "--port",
                        "0",
                        "--db-url",
                        "jdbc:h2:file:" + tmp.resolve("db").resolve("pandu"));
        builder.environment().put("PANDU_HOST", "127.0.0.1");
        builder.environment().put("PANDU_RUN_EVERY", "off");
        builder.environment().put("PANDU_LOG_FORMAT", "json");
        Process server = builder.start();
        List<JsonNode> logged = new ArrayList<>();
        try (BufferedReader lines =
                new BufferedReader(
                        new InputStreamReader(server.getErrorStream(), StandardCharsets.UTF_8))) {
            for (String line; (line = lines.readLine()) != null; ) {
                if (!line.startsWith("{")) {
                    continue; // the CLI's own notes (bundled rules) are plain text, not log lines
                }
                JsonNode entry = new ObjectMapper().readTree(line);
                logged.add(entry);
                if (entry.path("formattedMessage").asText().contains("listening on")) {
                    break;
                }
            }
        } finally {
            server.toHandle().destroy();
            server.waitFor(60, TimeUnit.SECONDS);
        }
        assertTrue(logged.size() >= 3, "log lines: " + logged);
        for (JsonNode entry : logged) {
            assertTrue(entry.path("timestamp").asLong() > 0, entry.toString());
            assertTrue(entry.path("level").asText().matches("INFO|WARN|ERROR"), entry.toString());
            assertTrue(entry.path("loggerName").asText().startsWith("io."), entry.toString());
        }
        assertTrue(
                logged.get(logged.size() - 1)
                        .path("formattedMessage")
                        .asText()
                        .contains("listening on"),
                logged.toString());
    }

    private static final Pattern LISTENING = Pattern.compile("listening on http://[^:]+:(\\d+)/");

    /**
     * The first line of the server's output that contains {@code text}, waiting up to 10 s for it.
     */
    private static String waitForLine(StringBuilder log, String text) throws InterruptedException {
        for (int i = 0; i < 100; i++) {
            synchronized (log) {
                var found = log.toString().lines().filter(l -> l.contains(text)).findFirst();
                if (found.isPresent()) {
                    return found.get();
                }
            }
            Thread.sleep(100);
        }
        synchronized (log) {
            throw new AssertionError("no line with '" + text + "' in:\n" + log);
        }
    }

    private static String token(HttpClient http, String base, String user) throws Exception {
        HttpResponse<String> login =
                http.send(
                        HttpRequest.newBuilder(URI.create(base + "/api/v1/auth/login"))
                                .header("Content-Type", "application/json")
                                .POST(
                                        HttpRequest.BodyPublishers.ofString(
                                                "{\"username\":\""
                                                        + user
                                                        + "\",\"password\":\"demo\"}"))
                                .build(),
                        HttpResponse.BodyHandlers.ofString());
        assertEquals(200, login.statusCode(), login.body());
        return new ObjectMapper().readTree(login.body()).get("token").asText();
    }

    private static JsonNode get(HttpClient http, String url, String token) throws Exception {
        HttpResponse<String> response =
                http.send(
                        HttpRequest.newBuilder(URI.create(url))
                                .header("Authorization", "Bearer " + token)
                                .build(),
                        HttpResponse.BodyHandlers.ofString());
        assertEquals(200, response.statusCode(), response.body());
        return new ObjectMapper().readTree(response.body());
    }
}
