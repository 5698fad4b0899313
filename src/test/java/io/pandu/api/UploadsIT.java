package io.pandu.api;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.pandu.testing.Http;
import io.pandu.testing.TestServer;
import java.io.ByteArrayOutputStream;
import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * A CSV upload that never ends properly is answered, and leaves no temp file and no open file
 * behind: a body without its closing multipart boundary gets a 400, a client that stops sending a
 * 408 after the idle timeout (the server of its own, so no other test's files are counted).
 */
class UploadsIT {
    private static final String CRM = "/api/v1/import/maven-crm";
    private static final String BOUNDARY = "pandu-unfinished";

    private static TestServer server;

    @BeforeAll
    static void start() {
        server = TestServer.start(config -> config);
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    @Test
    void twentyUploadsWithoutTheirClosingBoundaryAreAnsweredAndLeakNothing() throws Exception {
        String ops = server.token("ops");
        server.http.get("/health", null); // warm up: the connection pool, the first handlers
        long filesBefore = openFiles();
        for (int i = 0; i < 20; i++) {
            long started = System.nanoTime();
            Http.Response answer =
                    server.http.send(
                            "POST",
                            CRM,
                            ops,
                            "multipart/form-data; boundary=" + BOUNDARY,
                            unfinishedBody(i));
            long tookMillis = (System.nanoTime() - started) / 1_000_000;
            assertEquals("$", answer.problem(400), answer.text());
            assertTrue(answer.text().contains("closing boundary"), answer.text());
            assertTrue(tookMillis < 5000, "answered after " + tookMillis + " ms");
        }
        assertEquals(List.of(), eventually(UploadsIT::leftInUploads), "temp files left");
        long filesAfter = eventuallyAtMost(filesBefore);
        assertTrue(
                filesAfter <= filesBefore,
                "open files: " + filesBefore + " before, " + filesAfter + " after 20 uploads");
    }

    @Test
    void anUploadThatStopsSendingGets408AfterTheIdleTimeoutAndLeaksNothing() throws Exception {
        String ops = server.token("ops");
        byte[] body = unfinishedBody(99);
        try (Socket socket = new Socket("127.0.0.1", server.server().port())) {
            socket.setSoTimeout(
                    (int) UploadGuard.IDLE.plusSeconds(5).toMillis()); // the test's own limit
            OutputStream out = socket.getOutputStream();
            String head =
                    "POST "
                            + CRM
                            + " HTTP/1.1\r\nHost: 127.0.0.1\r\nAuthorization: Bearer "
                            + ops
                            + "\r\nContent-Type: multipart/form-data; boundary="
                            + BOUNDARY
                            + "\r\nContent-Length: "
                            + (body.length + 1000) // 1000 bytes more are promised, never sent
                            + "\r\n\r\n";
            out.write(head.getBytes(StandardCharsets.US_ASCII));
            out.write(body);
            out.flush();
            long started = System.nanoTime();
            String answer = readAll(socket.getInputStream());
            long tookMillis = (System.nanoTime() - started) / 1_000_000;
            assertTrue(answer.startsWith("HTTP/1.1 408"), answer);
            assertTrue(answer.contains("application/problem+json"), answer);
            assertTrue(answer.contains("\"status\":408"), answer);
            assertTrue(
                    tookMillis >= UploadGuard.IDLE.toMillis() - 500
                            && tookMillis < UploadGuard.IDLE.toMillis() + 3000,
                    "answered after " + tookMillis + " ms");
        }
        assertEquals(List.of(), eventually(UploadsIT::leftInUploads), "temp files left");
    }

    /** One file part with its data, and then nothing: no {@code --BOUNDARY--}. */
    private static byte[] unfinishedBody(int i) {
        ByteArrayOutputStream body = new ByteArrayOutputStream();
        String part =
                "--"
                        + BOUNDARY
                        + "\r\nContent-Disposition: form-data; name=\"sales_pipeline\";"
                        + " filename=\"sales_pipeline.csv\"\r\nContent-Type: text/csv\r\n\r\n"
                        + "opportunity_id,sales_agent,product,account,deal_stage\r\n"
                        + "X"
                        + i
                        + ",Moses Frase,GTX Pro,Acme,Engaging\r\n";
        body.writeBytes(part.getBytes(StandardCharsets.UTF_8));
        return body.toByteArray();
    }

    /** Reads the response until the server closes the connection or it is complete enough. */
    private static String readAll(InputStream in) throws IOException {
        ByteArrayOutputStream got = new ByteArrayOutputStream();
        byte[] buffer = new byte[4096];
        int n;
        while ((n = in.read(buffer)) > 0) {
            got.write(buffer, 0, n);
            String text = got.toString(StandardCharsets.UTF_8);
            if (text.contains("\r\n\r\n") && text.trim().endsWith("}")) {
                break;
            }
        }
        return got.toString(StandardCharsets.UTF_8);
    }

    private static List<String> leftInUploads() {
        try (Stream<Path> files = Files.walk(server.server().uploadsDirectory())) {
            return files.filter(Files::isRegularFile).map(Path::toString).toList();
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The open file descriptors of this JVM, where the server runs. */
    private static long openFiles() {
        String[] fds = new File("/proc/self/fd").list();
        return fds == null ? -1 : fds.length;
    }

    /** Temp-file deletion is asynchronous: the list as it stands within 3 s. */
    private static List<String> eventually(java.util.function.Supplier<List<String>> left)
            throws InterruptedException {
        List<String> now = new ArrayList<>(left.get());
        for (int i = 0; i < 30 && !now.isEmpty(); i++) {
            TimeUnit.MILLISECONDS.sleep(100);
            now = left.get();
        }
        return now;
    }

    private static long eventuallyAtMost(long before) throws InterruptedException {
        long now = openFiles();
        for (int i = 0; i < 30 && now > before; i++) {
            TimeUnit.MILLISECONDS.sleep(100);
            now = openFiles();
        }
        return now;
    }
}
