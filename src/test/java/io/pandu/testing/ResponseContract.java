package io.pandu.testing;

import io.pandu.api.RouterContract;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.json.DecodeException;
import io.vertx.core.json.Json;
import io.vertx.core.json.JsonObject;
import io.vertx.json.schema.OutputUnit;
import io.vertx.openapi.contract.MediaType;
import io.vertx.openapi.contract.OpenAPIContract;
import io.vertx.openapi.contract.Operation;
import io.vertx.openapi.contract.Response;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;

/**
 * The contract as a client reads it, checked against every response the API tests receive: the
 * status must be declared for the operation (or a {@code default} response), the media type must be
 * one the response declares, and a JSON body must match the declared schema. Vert.x's router
 * validates requests only; this is the other half. Responses to paths the contract does not declare
 * (the web UI, {@code /docs}) are not checked. The one exception is CSV: vertx-openapi 5.0 refuses
 * {@code text/csv} in a contract, so the CSV answers of the JSON operations stay undeclared and a
 * {@code text/csv} body is accepted wherever the operation answers JSON.
 *
 * <p>The operations that received at least one validated response are listed, at the end of the
 * JVM, in {@code target/contract-coverage/exercised-<pid>.txt} (with the ones that did not in
 * {@code not-exercised-<pid>.txt}).
 */
public final class ResponseContract {
    private static final String CSV = "text/csv";
    private static final String PROBLEM = "application/problem+json";
    private static final String PROBLEM_AS_VENDOR = "application/vnd.pandu.problem+json";
    private static ResponseContract instance;

    private final OpenAPIContract contract;
    private final JsonObject raw;
    private final Set<String> exercised = ConcurrentHashMap.newKeySet();

    private ResponseContract(OpenAPIContract contract, JsonObject raw) {
        this.contract = contract;
        this.raw = raw;
    }

    /** The contract of target/classes (openapi.yaml on the class path), loaded once per JVM. */
    public static synchronized ResponseContract get() {
        if (instance == null) {
            Vertx vertx = Vertx.vertx();
            try {
                // vertx-openapi loads no application/problem+json; under a vendor name it reads
                // the same schema (the router's copy drops it, see RouterContract)
                JsonObject published = RouterContract.read("openapi.yaml");
                String raw =
                        published
                                .encode()
                                .replace("\"" + PROBLEM + "\"", "\"" + PROBLEM_AS_VENDOR + "\"");
                OpenAPIContract contract =
                        OpenAPIContract.from(vertx, new JsonObject(raw))
                                .toCompletionStage()
                                .toCompletableFuture()
                                .get(60, TimeUnit.SECONDS);
                instance = new ResponseContract(contract, published);
            } catch (Exception e) {
                throw new IllegalStateException("the contract does not load", e);
            } finally {
                vertx.close();
            }
            Runtime.getRuntime().addShutdownHook(new Thread(instance::writeCoverage));
        }
        return instance;
    }

    /** The operation ids of the contract. */
    public Set<String> operations() {
        return contract.operations().stream()
                .map(Operation::getOperationId)
                .collect(Collectors.toCollection(TreeSet::new));
    }

    /** The operations that received a validated response in this JVM so far. */
    public Set<String> exercised() {
        return new TreeSet<>(exercised);
    }

    /**
     * Throws an AssertionError naming the operation, status and every schema error when the
     * response is not one the contract declares; does nothing for paths outside the contract.
     */
    public void check(String method, URI uri, int status, String contentType, String body) {
        // the server resolves dot segments first (RFC 3986): /deals/.. is not the deal "..", so
        // the answer is judged by the route the server matched
        String path = uri.normalize().getRawPath();
        Operation op = contract.findOperation(path, HttpMethod.valueOf(method));
        if (op == null) {
            return; // not an operation of the contract (web UI, /docs, an unknown route's 404)
        }
        String where = method + " " + path + " (" + op.getOperationId() + ") → " + status;
        Response declared = op.getResponse(status);
        if (declared == null) {
            declared = op.getDefaultResponse();
        }
        if (declared == null) {
            throw new AssertionError(
                    where
                            + ": status "
                            + status
                            + " is not declared in the contract; body: "
                            + cut(body));
        }
        boolean hasBody = body != null && !body.isEmpty();
        if (declared.getContent() == null || declared.getContent().isEmpty()) {
            if (hasBody) {
                throw new AssertionError(
                        where
                                + ": the contract declares no body, the server sent "
                                + contentType
                                + ": "
                                + cut(body));
            }
            exercised.add(op.getOperationId());
            return;
        }
        if (!hasBody) {
            throw new AssertionError(
                    where
                            + ": the contract declares "
                            + declared.getContent().keySet()
                            + ", the server sent no body");
        }
        String media =
                contentType == null
                        ? ""
                        : contentType.split(";")[0].trim().toLowerCase(Locale.ROOT);
        MediaType declaredMedia =
                mediaType(declared, media.equals(PROBLEM) ? PROBLEM_AS_VENDOR : media);
        if (declaredMedia == null) {
            if (media.equals(CSV) && declared.getContent().containsKey("application/json")) {
                exercised.add(op.getOperationId());
                return; // the undeclarable CSV variant of a JSON answer
            }
            throw new AssertionError(
                    where
                            + ": media type "
                            + contentType
                            + " is not among the declared "
                            + declared.getContent().keySet());
        }
        if (media.equals("application/json") || media.endsWith("+json")) {
            Object json;
            try {
                json = Json.decodeValue(body);
            } catch (DecodeException e) {
                throw new AssertionError(where + ": not JSON: " + cut(body), e);
            }
            OutputUnit result =
                    contract.getSchemaRepository()
                            .validator(declaredMedia.getSchema())
                            .validate(json);
            if (!Boolean.TRUE.equals(result.getValid())) {
                List<String> errors = new ArrayList<>();
                collect(result, errors);
                throw new AssertionError(
                        where
                                + ": the body does not match the contract's "
                                + media
                                + " schema:\n  "
                                + String.join("\n  ", errors)
                                + "\nbody: "
                                + cut(body));
            }
            List<String> undeclared = new ArrayList<>();
            undeclared(List.of(declaredSchema(op, status, contentType)), json, "$", undeclared);
            if (!undeclared.isEmpty()) {
                throw new AssertionError(
                        where
                                + ": the body has properties the contract does not declare: "
                                + undeclared
                                + "\nbody: "
                                + cut(body));
            }
        }
        exercised.add(op.getOperationId());
    }

    /** The raw schema object of the response, as written in openapi.yaml. */
    private JsonObject declaredSchema(Operation op, int status, String contentType) {
        JsonObject responses =
                raw.getJsonObject("paths")
                        .getJsonObject(op.getOpenAPIPath())
                        .getJsonObject(op.getHttpMethod().name().toLowerCase(Locale.ROOT))
                        .getJsonObject("responses");
        JsonObject response = responses.getJsonObject(String.valueOf(status));
        if (response == null) {
            response = responses.getJsonObject("default");
        }
        response = resolve(response);
        String media = contentType.split(";")[0].trim().toLowerCase(Locale.ROOT);
        for (String key : response.getJsonObject("content").fieldNames()) {
            if (key.split(";")[0].trim().equalsIgnoreCase(media)) {
                return response.getJsonObject("content").getJsonObject(key).getJsonObject("schema");
            }
        }
        throw new AssertionError("no " + media + " in " + response);
    }

    private JsonObject resolve(JsonObject schema) {
        while (schema != null && schema.containsKey("$ref")) {
            JsonObject node = raw;
            for (String part : schema.getString("$ref").replaceFirst("^#/", "").split("/")) {
                node = node.getJsonObject(part.replace("~1", "/").replace("~0", "~"));
            }
            schema = node;
        }
        return schema;
    }

    /** The schema and every allOf/anyOf/oneOf member it is made of, references resolved. */
    private void flatten(JsonObject schema, List<JsonObject> into) {
        schema = resolve(schema);
        if (schema == null) {
            return;
        }
        into.add(schema);
        for (String combinator : List.of("allOf", "anyOf", "oneOf")) {
            if (schema.getValue(combinator) instanceof io.vertx.core.json.JsonArray members) {
                for (Object member : members) {
                    flatten((JsonObject) member, into);
                }
            }
        }
    }

    /**
     * Strictness the schemas leave open: every property of a response object must be declared by
     * one of the schemas that apply to it (properties, or additionalProperties), unless none of
     * them describes the object's properties at all (a free-form object such as Problem.current).
     */
    private void undeclared(List<JsonObject> schemas, Object value, String path, List<String> out) {
        List<JsonObject> applicable = new ArrayList<>();
        schemas.forEach(s -> flatten(s, applicable));
        if (value instanceof JsonObject object) {
            boolean described = false;
            List<JsonObject> additional = new ArrayList<>();
            boolean anyAdditional = false;
            for (JsonObject s : applicable) {
                if (s.getValue("properties") instanceof JsonObject) {
                    described = true;
                }
                Object extra = s.getValue("additionalProperties");
                if (extra instanceof JsonObject e) {
                    described = true;
                    anyAdditional = true;
                    additional.add(e);
                } else if (Boolean.TRUE.equals(extra)) {
                    anyAdditional = true;
                }
            }
            if (!described) {
                return;
            }
            for (String key : object.fieldNames()) {
                List<JsonObject> child = new ArrayList<>();
                for (JsonObject s : applicable) {
                    if (s.getValue("properties") instanceof JsonObject props
                            && props.getValue(key) instanceof JsonObject p) {
                        child.add(p);
                    }
                }
                if (child.isEmpty() && !anyAdditional) {
                    out.add(path + "." + key);
                    continue;
                }
                if (child.isEmpty()) {
                    child.addAll(additional);
                }
                undeclared(child, object.getValue(key), path + "." + key, out);
            }
        } else if (value instanceof io.vertx.core.json.JsonArray array) {
            List<JsonObject> items = new ArrayList<>();
            for (JsonObject s : applicable) {
                if (s.getValue("items") instanceof JsonObject i) {
                    items.add(i);
                }
            }
            for (int i = 0; i < array.size() && i < 200; i++) {
                undeclared(items, array.getValue(i), path + "[" + i + "]", out);
            }
        }
    }

    private static MediaType mediaType(Response declared, String media) {
        for (var e : declared.getContent().entrySet()) {
            if (e.getKey().split(";")[0].trim().equalsIgnoreCase(media)) {
                return e.getValue();
            }
        }
        return null;
    }

    private static void collect(OutputUnit unit, List<String> errors) {
        if (unit.getError() != null) {
            errors.add(
                    unit.getInstanceLocation()
                            + " ("
                            + unit.getKeywordLocation()
                            + "): "
                            + unit.getError());
        }
        if (unit.getErrors() != null) {
            unit.getErrors().forEach(u -> collect(u, errors));
        }
    }

    private static String cut(String body) {
        return body == null ? "" : body.length() > 1500 ? body.substring(0, 1500) + "…" : body;
    }

    private void writeCoverage() {
        if (exercised.isEmpty()) {
            return;
        }
        Path dir = Path.of("target", "contract-coverage");
        long pid = ProcessHandle.current().pid();
        Set<String> missing = operations();
        missing.removeAll(exercised);
        try {
            Files.createDirectories(dir);
            Files.writeString(
                    dir.resolve("exercised-" + pid + ".txt"),
                    String.join("\n", exercised()) + "\n",
                    StandardCharsets.UTF_8);
            Files.writeString(
                    dir.resolve("not-exercised-" + pid + ".txt"),
                    String.join("\n", missing) + "\n",
                    StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
