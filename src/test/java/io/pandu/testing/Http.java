package io.pandu.testing;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.UUID;

/**
 * A plain HTTP client (java.net.http) for the API tests: JSON in, status + headers + JSON out.
 * Every response is checked against the contract ({@link ResponseContract}).
 */
public final class Http {
    private static final ObjectMapper JSON = new ObjectMapper();
    private final String base;
    private final HttpClient client =
            HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    public record Response(
            int status, String contentType, String text, java.net.http.HttpHeaders headers) {
        /** The first value of a response header, or null. */
        public String header(String name) {
            return headers.firstValue(name).orElse(null);
        }

        public JsonNode json() {
            try {
                return JSON.readTree(text);
            } catch (IOException e) {
                throw new AssertionError("not JSON (" + status + "): " + text, e);
            }
        }

        /** Asserts a problem+json of this status and returns its {@code field} (null when none). */
        public String problem(int expected) {
            assertEquals(expected, status, text);
            assertEquals("application/problem+json", contentType, text);
            JsonNode p = json();
            assertEquals(expected, p.get("status").asInt(), text);
            for (String key : new String[] {"type", "title", "detail"}) {
                if (!p.hasNonNull(key)) {
                    throw new AssertionError("problem without " + key + ": " + text);
                }
            }
            if (text.contains("\tat ") || text.contains("Exception")) {
                throw new AssertionError("a problem must not show internals: " + text);
            }
            return p.hasNonNull("field") ? p.get("field").asText() : null;
        }

        public JsonNode ok() {
            if (status != 200) {
                throw new AssertionError("expected 200, got " + status + ": " + text);
            }
            return json();
        }
    }

    /**
     * One part of a multipart/form-data body: a file when it has a file name, else a plain form
     * field.
     */
    public record Part(String name, String fileName, byte[] content) {
        public static Part file(String name, Path file) {
            try {
                return new Part(name, file.getFileName().toString(), Files.readAllBytes(file));
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }

        public static Part file(String name, String fileName, String content) {
            return new Part(name, fileName, content.getBytes(StandardCharsets.UTF_8));
        }

        public static Part field(String name, String value) {
            return new Part(name, null, value.getBytes(StandardCharsets.UTF_8));
        }
    }

    public Http(String base) {
        this.base = base;
    }

    public String base() {
        return base;
    }

    public Response get(String path, String token) {
        return send(request(path, token).GET());
    }

    /** A GET with an {@code Accept} header, e.g. {@code text/csv}. */
    public Response get(String path, String token, String accept) {
        return send(request(path, token).header("Accept", accept).GET());
    }

    public Response post(String path, String token, String json) {
        return send(
                request(path, token)
                        .header("Content-Type", "application/json")
                        .POST(
                                json == null
                                        ? HttpRequest.BodyPublishers.noBody()
                                        : HttpRequest.BodyPublishers.ofString(json)));
    }

    public Response delete(String path, String token) {
        return send(request(path, token).DELETE());
    }

    public Response put(String path, String token, String json) {
        return send(
                request(path, token)
                        .header("Content-Type", "application/json")
                        .PUT(HttpRequest.BodyPublishers.ofString(json)));
    }

    public Response send(
            String method, String path, String token, String contentType, byte[] body) {
        HttpRequest.Builder b =
                request(path, token).method(method, HttpRequest.BodyPublishers.ofByteArray(body));
        if (contentType != null) {
            b.header("Content-Type", contentType);
        }
        return send(b);
    }

    /**
     * A multipart/form-data POST, as a browser's file upload or {@code curl -F name=@file} sends
     * it.
     */
    public Response multipart(String path, String token, List<Part> parts) {
        String boundary = "pandu-" + UUID.randomUUID();
        ByteArrayOutputStream body = new ByteArrayOutputStream();
        for (Part part : parts) {
            String head =
                    "--"
                            + boundary
                            + "\r\nContent-Disposition: form-data; name=\""
                            + part.name()
                            + "\""
                            + (part.fileName() == null
                                    ? ""
                                    : "; filename=\""
                                            + part.fileName()
                                            + "\"\r\nContent-Type: text/csv")
                            + "\r\n\r\n";
            body.writeBytes(head.getBytes(StandardCharsets.UTF_8));
            body.writeBytes(part.content());
            body.writeBytes("\r\n".getBytes(StandardCharsets.UTF_8));
        }
        body.writeBytes(("--" + boundary + "--\r\n").getBytes(StandardCharsets.UTF_8));
        return send(
                "POST",
                path,
                token,
                "multipart/form-data; boundary=" + boundary,
                body.toByteArray());
    }

    public String login(String username, String password) {
        Response r =
                post(
                        "/api/v1/auth/login",
                        null,
                        "{\"username\":\"" + username + "\",\"password\":\"" + password + "\"}");
        return r.ok().get("token").asText();
    }

    private HttpRequest.Builder request(String path, String token) {
        HttpRequest.Builder b =
                HttpRequest.newBuilder(URI.create(base + path)).timeout(Duration.ofSeconds(60));
        if (token != null) {
            b.header("Authorization", "Bearer " + token);
        }
        return b;
    }

    private Response send(HttpRequest.Builder b) {
        try {
            HttpRequest request = b.build();
            HttpResponse<String> r = client.send(request, HttpResponse.BodyHandlers.ofString());
            String contentType = r.headers().firstValue("Content-Type").orElse(null);
            // every response an API test receives must be one the contract declares
            ResponseContract.get()
                    .check(request.method(), request.uri(), r.statusCode(), contentType, r.body());
            return new Response(r.statusCode(), contentType, r.body(), r.headers());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
