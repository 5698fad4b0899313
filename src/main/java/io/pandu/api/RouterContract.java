package io.pandu.api;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import io.vertx.openapi.contract.MediaType;
import io.vertx.openapi.contract.OpenAPIContract;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Map;

/**
 * The contract as the router reads it (requests only). openapi.yaml declares every error response
 * as {@code application/problem+json}, which is what clients get, but vertx-openapi 5.0 refuses to
 * load a contract with a response media type it cannot validate (it admits JSON, HAL, vendor {@code
 * vnd.*+json}, text and bytes). The router validates requests only, never responses, so the copy it
 * loads leaves out the response media types it does not know; the contract served at {@code
 * /openapi.yaml} and {@code /docs} is the file itself. Likewise the schema of a text or byte
 * request body, which the router cannot apply.
 */
public final class RouterContract {
    private RouterContract() {}

    /** Loads the contract (a class-path resource) for the router. */
    public static Future<OpenAPIContract> load(Vertx vertx, String resource) {
        return vertx.executeBlocking(() -> forRouter(read(resource)), false)
                .compose(raw -> OpenAPIContract.from(vertx, raw));
    }

    /** The contract as parsed JSON. */
    public static JsonObject read(String resource) {
        try (InputStream in = RouterContract.class.getClassLoader().getResourceAsStream(resource)) {
            if (in == null) {
                throw new IllegalStateException("no " + resource + " on the class path");
            }
            @SuppressWarnings("unchecked")
            Map<String, Object> map = new ObjectMapper(new YAMLFactory()).readValue(in, Map.class);
            return new JsonObject(map);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** A copy of {@code raw} without the response media types vertx-openapi cannot load. */
    public static JsonObject forRouter(JsonObject raw) {
        JsonObject copy = raw.copy();
        JsonObject components = copy.getJsonObject("components", new JsonObject());
        dropUnknownMedia(components.getJsonObject("responses", new JsonObject()));
        copy.getJsonObject("paths", new JsonObject())
                .forEach(
                        path ->
                                ((JsonObject) path.getValue())
                                        .forEach(
                                                op -> {
                                                    if (op.getValue() instanceof JsonObject o) {
                                                        dropUnknownMedia(
                                                                o.getJsonObject(
                                                                        "responses",
                                                                        new JsonObject()));
                                                        dropByteBodySchemas(o);
                                                    }
                                                }));
        return copy;
    }

    /**
     * The schema of a text or byte request body ({@code {type: string}}) tells clients what to
     * send, but vertx-openapi 5.0 fails (a 500) applying a JSON schema to a body it holds as bytes;
     * the handler checks such a body.
     */
    private static void dropByteBodySchemas(JsonObject operation) {
        if (operation.getValue("requestBody") instanceof JsonObject body
                && body.getValue("content") instanceof JsonObject content) {
            content.forEach(
                    media -> {
                        if (!media.getKey().contains("json")
                                && !media.getKey().startsWith("multipart/")
                                && media.getValue() instanceof JsonObject m) {
                            m.remove("schema");
                        }
                    });
        }
    }

    private static void dropUnknownMedia(JsonObject responses) {
        responses.forEach(
                r -> {
                    if (r.getValue() instanceof JsonObject response
                            && response.getValue("content") instanceof JsonObject content) {
                        content.fieldNames()
                                .removeIf(media -> !MediaType.isMediaTypeSupported(media));
                        if (content.isEmpty()) {
                            response.remove("content");
                        }
                    }
                });
    }
}
