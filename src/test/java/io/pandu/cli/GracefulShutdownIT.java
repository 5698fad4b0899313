package io.pandu.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.BufferedReader;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * SIGTERM to the packaged jar while a slow request is in flight: the request gets its answer, and
 * the process exits 0 within the grace plus 5 s.
 */
class GracefulShutdownIT {
    private static final Path JAR = Path.of(System.getProperty("pandu.jar", "target/pandu.jar"));
    private static final Pattern LISTENING = Pattern.compile("listening on http://[^:]+:(\\d+)/");
    private static final int GRACE_SECONDS = 20;

    @Test
    void sigtermDrainsTheRequestInFlightAndExitsZero(@TempDir Path tmp) throws Exception {
        ProcessBuilder builder =
                new ProcessBuilder(
                                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                                "-jar",
                                JAR.toAbsolutePath().toString(),
                                "serve",
                                "--demo",
                                "--port",
                                "0",
                                "--shutdown-grace",
                                GRACE_SECONDS + "s")
                        .directory(tmp.toFile())
                        .redirectErrorStream(true);
        builder.environment().put("PANDU_HOST", "127.0.0.1");
        builder.environment()
                .put("PANDU_DB_URL", "jdbc:h2:file:" + tmp.resolve("db").resolve("pandu"));
        builder.environment().put("PANDU_RUN_EVERY", "off");
        Process server = builder.start();
        StringBuilder log = new StringBuilder();
        CompletableFuture<Integer> port = new CompletableFuture<>();
        Thread reader = new Thread(() -> readLog(server, log, port));
        reader.start();
        try {
            int p = port.get(180, TimeUnit.SECONDS);
            String token = token("http://127.0.0.1:" + p, "moses.frase");
            byte[] body =
                    Files.readAllBytes(Path.of("docs/examples/sample-facts.json").toAbsolutePath());
            try (Socket socket = new Socket("127.0.0.1", p)) {
                socket.setSoTimeout((GRACE_SECONDS + 10) * 1000);
                OutputStream out = socket.getOutputStream();
                out.write(
                        ("POST /api/v1/evaluate HTTP/1.1\r\nHost: 127.0.0.1\r\nAuthorization: Bearer "
                                        + token
                                        + "\r\nContent-Type: application/json\r\nContent-Length: "
                                        + body.length
                                        + "\r\n\r\n")
                                .getBytes(StandardCharsets.US_ASCII));
                // the body trickles in over 12 s: a request longer than the old 10 s cut-off
                int chunks = 24;
                long sigtermAt = 0;
                for (int i = 0; i < chunks; i++) {
                    int from = body.length * i / chunks;
                    int to = body.length * (i + 1) / chunks;
                    out.write(body, from, to - from);
                    out.flush();
                    if (i == 2) {
                        server.toHandle().destroy(); // SIGTERM, as a service manager sends
                        sigtermAt = System.nanoTime();
                    }
                    Thread.sleep(500);
                }
                String answer = readResponse(socket.getInputStream());
                assertTrue(answer.startsWith("HTTP/1.1 200"), answer);
                assertTrue(answer.contains("\"ruleSetVersion\""), answer);

                assertTrue(
                        server.waitFor(GRACE_SECONDS + 10, TimeUnit.SECONDS),
                        "the server did not stop");
                long stopMillis = (System.nanoTime() - sigtermAt) / 1_000_000;
                assertEquals(0, server.exitValue(), log.toString());
                assertTrue(
                        stopMillis < (GRACE_SECONDS + 5) * 1000L,
                        "stopped " + stopMillis + " ms after SIGTERM");
                System.out.println(
                        "SIGTERM during a 12 s request: answered 200, exit 0 after "
                                + stopMillis
                                + " ms");
            }
        } finally {
            if (server.isAlive()) {
                server.destroyForcibly();
            }
            reader.join(10_000);
        }
        synchronized (log) {
            assertTrue(log.toString().contains("Stopping Pandu"), log.toString());
            assertTrue(log.toString().contains("Pandu stopped"), log.toString());
        }
    }

    private static void readLog(
            Process server, StringBuilder log, CompletableFuture<Integer> port) {
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
        port.completeExceptionally(new IllegalStateException("the output ended before listening"));
    }

    /** Headers and a Content-Length body (or all until the server closes). */
    private static String readResponse(InputStream in) throws IOException {
        ByteArrayOutputStream got = new ByteArrayOutputStream();
        byte[] buffer = new byte[8192];
        int n;
        while ((n = in.read(buffer)) > 0) {
            got.write(buffer, 0, n);
            String text = got.toString(StandardCharsets.UTF_8);
            int end = text.indexOf("\r\n\r\n");
            Matcher length = Pattern.compile("(?i)content-length:\\s*(\\d+)").matcher(text);
            if (end > 0
                    && length.find()
                    && got.size() >= end + 4 + Integer.parseInt(length.group(1))) {
                break;
            }
        }
        return got.toString(StandardCharsets.UTF_8);
    }

    private static String token(String base, String user) throws Exception {
        HttpResponse<String> login =
                HttpClient.newHttpClient()
                        .send(
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
}
