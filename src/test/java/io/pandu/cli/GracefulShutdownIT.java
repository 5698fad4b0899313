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
import java.net.ConnectException;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * SIGTERM to the packaged jar under load: 8 clients (fast evaluations and reads on keep-alive
 * connections, fast evaluations on a new connection each, and slow requests whose body trickles in
 * for 12 s, longer than the old 10 s cut-off) keep calling. Every request that started before the
 * signal gets its whole answer, 2xx, within the grace; the requests that start after it are
 * refused, answered 503, or (just after the signal, before the server has stopped accepting)
 * answered in full; a new connection a little later is refused; and the process exits 0 within the
 * grace plus 5 s.
 */
class GracefulShutdownIT {
    private static final Path JAR = Path.of(System.getProperty("pandu.jar", "target/pandu.jar"));
    private static final Pattern LISTENING = Pattern.compile("listening on http://[^:]+:(\\d+)/");
    private static final int GRACE_SECONDS = 20;
    private static final int CLIENTS = 8;

    /** What became of one request. */
    private record Outcome(
            String client,
            long startedNanos,
            long endedNanos,
            int status,
            String failure,
            boolean complete,
            String detail) {
        Outcome(
                String client,
                long startedNanos,
                long endedNanos,
                int status,
                String failure,
                boolean complete) {
            this(client, startedNanos, endedNanos, status, failure, complete, "");
        }

        boolean startedBefore(long signal) {
            return startedNanos < signal;
        }
    }

    /** How a client calls: one request on {@code socket}, which it may keep open. */
    private interface Call {
        Outcome on(Socket socket, String client) throws IOException;
    }

    @Test
    void underLoadSigtermAnswersEveryRequestThatStartedBeforeItAndExitsZero(@TempDir Path tmp)
            throws Exception {
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
            String base = "http://127.0.0.1:" + p;
            String rep = token(base, "moses.frase");
            String manager = token(base, "dustin.brinkmann");
            byte[] facts =
                    Files.readAllBytes(Path.of("docs/examples/sample-facts.json").toAbsolutePath());
            Call evaluate = (s, c) -> send(s, c, "POST", "/api/v1/evaluate", rep, facts, 0);
            Call actions =
                    (s, c) -> send(s, c, "GET", "/api/v1/me/next-best-actions", rep, null, 0);
            Call alerts = (s, c) -> send(s, c, "GET", "/api/v1/alerts?limit=20", manager, null, 0);
            Call slow = (s, c) -> send(s, c, "POST", "/api/v1/evaluate", rep, facts, 12_000);

            List<Outcome> outcomes = new ArrayList<>();
            AtomicBoolean stop = new AtomicBoolean();
            AtomicLong signal = new AtomicLong(Long.MAX_VALUE);
            List<Thread> clients = new ArrayList<>();
            for (int i = 0; i < CLIENTS; i++) {
                String name = "client-" + i;
                Thread t;
                if (i < 2) { // slow, staggered so that both are mid-body at the signal
                    long delay = i * 3_000L;
                    t = client(name, p, List.of(slow), false, delay, stop, outcomes);
                } else if (i < 4) {
                    t = client(name, p, List.of(evaluate), false, 0, stop, outcomes);
                } else {
                    t =
                            client(
                                    name,
                                    p,
                                    List.of(evaluate, actions, alerts),
                                    true,
                                    0,
                                    stop,
                                    outcomes);
                }
                clients.add(t);
            }
            clients.forEach(Thread::start);
            Thread.sleep(8_000); // the slow ones are 8 and 5 s into their 12 s
            signal.set(System.nanoTime());
            server.toHandle().destroy(); // SIGTERM, as a service manager sends
            long sigtermAt = signal.get();

            Thread.sleep(3_000);
            String lateConnection;
            try (Socket late = new Socket("127.0.0.1", p)) {
                late.setSoTimeout(5_000);
                Outcome o = send(late, "late", "GET", "/health", null, null, 0);
                lateConnection = "accepted, " + o.status() + " " + o.failure();
            } catch (ConnectException e) {
                lateConnection = "refused";
            }

            boolean exited = server.waitFor(GRACE_SECONDS + 10, TimeUnit.SECONDS);
            long stopMillis = (System.nanoTime() - sigtermAt) / 1_000_000;
            stop.set(true);
            for (Thread t : clients) {
                t.join(30_000);
            }

            List<String> unanswered = new ArrayList<>();
            List<String> badAfter = new ArrayList<>();
            Map<String, Integer> before = new TreeMap<>();
            Map<String, Integer> after = new TreeMap<>();
            long slowestAfterSignal = 0;
            int slowBefore = 0;
            int inFlight = 0;
            java.util.Set<String> loaded = new java.util.TreeSet<>();
            synchronized (outcomes) {
                for (Outcome o : outcomes) {
                    String kind = o.failure() != null ? o.failure() : String.valueOf(o.status());
                    if (o.startedBefore(sigtermAt)) {
                        before.merge(kind, 1, Integer::sum);
                        loaded.add(o.client());
                        if (o.endedNanos() > sigtermAt) {
                            inFlight++;
                        }
                        long answeredAfter = (o.endedNanos() - sigtermAt) / 1_000_000;
                        slowestAfterSignal = Math.max(slowestAfterSignal, answeredAfter);
                        if (o.client().equals("client-0") || o.client().equals("client-1")) {
                            slowBefore++;
                        }
                        if (o.failure() != null
                                || !o.complete()
                                || o.status() < 200
                                || o.status() > 299
                                || answeredAfter > GRACE_SECONDS * 1000L) {
                            unanswered.add(
                                    o.client()
                                            + " "
                                            + kind
                                            + " +"
                                            + answeredAfter
                                            + " ms "
                                            + o.detail());
                        }
                    } else {
                        after.merge(kind, 1, Integer::sum);
                        boolean refused = "refused".equals(o.failure());
                        boolean closedUnanswered = "closed before an answer".equals(o.failure());
                        boolean answered =
                                o.failure() == null
                                        && o.complete()
                                        && (o.status() == 503
                                                || (o.status() >= 200 && o.status() <= 299));
                        if (!refused && !closedUnanswered && !answered) {
                            badAfter.add(o.client() + " " + kind);
                        }
                    }
                }
            }
            System.out.printf(
                    "SIGTERM under load (%d clients, grace %d s): started before the signal %s"
                            + " (%d in flight at the signal, %d of them slow 12 s requests),"
                            + " the last answered %d ms after it;"
                            + " started after %s; a new connection 3 s after: %s;"
                            + " exit %s after %d ms%n",
                    CLIENTS,
                    GRACE_SECONDS,
                    before,
                    inFlight,
                    slowBefore,
                    slowestAfterSignal,
                    after,
                    lateConnection,
                    exited ? String.valueOf(server.exitValue()) : "none",
                    stopMillis);
            assertTrue(exited, "the server did not stop");
            assertEquals(0, server.exitValue(), log.toString());
            assertTrue(
                    stopMillis < (GRACE_SECONDS + 5) * 1000L,
                    "stopped " + stopMillis + " ms after SIGTERM");
            assertEquals(
                    CLIENTS, loaded.size(), "clients that called before the signal: " + loaded);
            assertTrue(inFlight >= 2, "requests in flight at the signal: " + inFlight);
            assertTrue(slowBefore >= 2, "the slow requests did not straddle the signal");
            assertEquals(
                    List.of(),
                    unanswered,
                    () ->
                            "requests started before SIGTERM not answered; the server said:\n"
                                    + log.toString()
                                            .lines()
                                            .filter(l -> l.contains("503") || l.contains("WARN"))
                                            .limit(40)
                                            .reduce("", (a, l) -> a + l + "\n"));
            assertEquals(List.of(), badAfter, "requests started after SIGTERM");
            assertEquals("refused", lateConnection, "a new connection 3 s after SIGTERM");
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

    /**
     * A client thread: calls in turn until {@code stop} or its first refused connection, on one
     * keep-alive connection (a new one when the server closed it) or a new connection each.
     */
    private static Thread client(
            String name,
            int port,
            List<Call> calls,
            boolean keepAlive,
            long delayMillis,
            AtomicBoolean stop,
            List<Outcome> outcomes) {
        return new Thread(
                () -> {
                    sleep(delayMillis);
                    Socket socket = null;
                    for (int i = 0; !stop.get(); i++) {
                        long started = System.nanoTime();
                        Outcome o;
                        try {
                            if (socket == null || socket.isClosed()) {
                                socket = new Socket("127.0.0.1", port);
                                socket.setSoTimeout((GRACE_SECONDS + 10) * 1000);
                            }
                            o = calls.get(i % calls.size()).on(socket, name);
                            if (!keepAlive || o.failure() != null || !o.complete()) {
                                socket.close();
                            }
                        } catch (ConnectException e) {
                            o = new Outcome(name, started, System.nanoTime(), 0, "refused", false);
                        } catch (IOException e) {
                            o =
                                    new Outcome(
                                            name,
                                            started,
                                            System.nanoTime(),
                                            0,
                                            e.getClass().getSimpleName() + ": " + e.getMessage(),
                                            false);
                            close(socket);
                        }
                        synchronized (outcomes) {
                            outcomes.add(o);
                        }
                        if ("refused".equals(o.failure())) {
                            return;
                        }
                        sleep(20);
                    }
                    close(socket);
                },
                name);
    }

    /**
     * One HTTP/1.1 request on {@code socket}, its body (if any) trickled over {@code
     * trickleMillis}; the request starts with its first byte, and is complete when the whole answer
     * (by Content-Length or chunked) has arrived.
     */
    private static Outcome send(
            Socket socket,
            String client,
            String method,
            String path,
            String token,
            byte[] body,
            long trickleMillis)
            throws IOException {
        StringBuilder head = new StringBuilder();
        head.append(method).append(' ').append(path).append(" HTTP/1.1\r\nHost: 127.0.0.1\r\n");
        if (token != null) {
            head.append("Authorization: Bearer ").append(token).append("\r\n");
        }
        if (body != null) {
            head.append("Content-Type: application/json\r\nContent-Length: ")
                    .append(body.length)
                    .append("\r\n");
        }
        head.append("\r\n");
        OutputStream out = socket.getOutputStream();
        long started = System.nanoTime();
        try {
            out.write(head.toString().getBytes(StandardCharsets.US_ASCII));
            if (body != null) {
                int chunks = trickleMillis > 0 ? 24 : 1;
                for (int i = 0; i < chunks; i++) {
                    int from = body.length * i / chunks;
                    int to = body.length * (i + 1) / chunks;
                    out.write(body, from, to - from);
                    out.flush();
                    if (trickleMillis > 0) {
                        sleep(trickleMillis / chunks);
                    }
                }
            }
            out.flush();
        } catch (IOException e) {
            return new Outcome(
                    client,
                    started,
                    System.nanoTime(),
                    0,
                    "write failed: " + e.getMessage(),
                    false);
        }
        return readResponse(socket, client, started);
    }

    private static Outcome readResponse(Socket socket, String client, long started)
            throws IOException {
        InputStream in = socket.getInputStream();
        ByteArrayOutputStream headBytes = new ByteArrayOutputStream();
        int b;
        int matched = 0;
        byte[] end = {'\r', '\n', '\r', '\n'};
        try {
            while (matched < 4 && (b = in.read()) >= 0) {
                headBytes.write(b);
                matched = b == end[matched] ? matched + 1 : (b == '\r' ? 1 : 0);
            }
        } catch (IOException e) {
            if (headBytes.size() == 0) {
                return new Outcome(
                        client, started, System.nanoTime(), 0, "closed before an answer", false);
            }
            throw e;
        }
        if (headBytes.size() == 0) {
            return new Outcome(
                    client, started, System.nanoTime(), 0, "closed before an answer", false);
        }
        String head = headBytes.toString(StandardCharsets.US_ASCII);
        if (matched < 4) {
            return new Outcome(client, started, System.nanoTime(), 0, "truncated head", false);
        }
        int status = Integer.parseInt(head.substring(9, 12));
        Matcher length = Pattern.compile("(?i)\r\ncontent-length:\\s*(\\d+)").matcher(head);
        boolean complete;
        String detail = "";
        if (length.find()) {
            int n = Integer.parseInt(length.group(1));
            byte[] body = in.readNBytes(n);
            complete = body.length == n;
            if (status < 200 || status > 299) {
                detail = head + new String(body, StandardCharsets.UTF_8);
            }
        } else if (Pattern.compile("(?i)\r\ntransfer-encoding:\\s*chunked").matcher(head).find()) {
            complete = chunked(in);
        } else {
            complete = in.readAllBytes().length >= 0; // the body runs until the server closes
        }
        if (Pattern.compile("(?i)\r\nconnection:\\s*close").matcher(head).find()) {
            socket.close();
        }
        return new Outcome(
                client,
                started,
                System.nanoTime(),
                status,
                complete ? null : "truncated body",
                complete,
                detail);
    }

    private static boolean skip(InputStream in, long n) throws IOException {
        return in.readNBytes((int) n).length == n;
    }

    private static boolean chunked(InputStream in) throws IOException {
        while (true) {
            StringBuilder line = new StringBuilder();
            int b;
            while ((b = in.read()) >= 0 && b != '\n') {
                if (b != '\r') {
                    line.append((char) b);
                }
            }
            if (b < 0) {
                return false;
            }
            int size = Integer.parseInt(line.toString().split(";")[0].trim(), 16);
            if (!skip(in, size + 2L)) {
                return false;
            }
            if (size == 0) {
                return true;
            }
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

    private static void close(Socket socket) {
        if (socket != null) {
            try {
                socket.close();
            } catch (IOException e) {
                // already closed
            }
        }
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
