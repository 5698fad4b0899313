package io.pandu.api;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.core.JsonProcessingException;
import io.pandu.errors.ConflictException;
import io.pandu.errors.Diagnostic;
import io.pandu.errors.PanduException;
import io.pandu.errors.ServiceUnavailableException;
import io.pandu.errors.TooManyRequestsException;
import io.pandu.facts.FactSetJson;
import io.pandu.rules.RuleSetRejectedException;
import io.vertx.core.http.HttpServerResponse;
import io.vertx.ext.web.RoutingContext;
import io.vertx.ext.web.handler.HttpException;
import io.vertx.json.schema.OutputUnit;
import io.vertx.openapi.validation.SchemaValidationException;
import io.vertx.openapi.validation.ValidatorException;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The one failure handler: every error leaves as {@code application/problem+json} with {@code type,
 * title, status, detail} and, for bad input, {@code field} (the JSON path of the offending value,
 * or the name of the offending parameter). Domain exceptions carry their status; contract
 * violations found by the OpenAPI validator are 400s; anything unexpected is a 500 whose detail
 * says nothing about the internals (the stack trace goes to the log only).
 */
public final class Problems {
    private static final Logger LOG = LoggerFactory.getLogger(Problems.class);
    public static final String CONTENT_TYPE = "application/problem+json";
    private static final Pattern PARAMETER =
            Pattern.compile("(?:query|path|header|cookie) parameter (\\S+?)[.,]?(?:\\s|$)");
    private static final Pattern NAMED_PROPERTY =
            Pattern.compile("(?:required property|^Property) \"([^\"]+)\"");
    private static final Map<Integer, String> TITLES =
            Map.of(
                    400,
                    "Bad request",
                    401,
                    "Unauthorized",
                    403,
                    "Forbidden",
                    404,
                    "Not found",
                    405,
                    "Method not allowed",
                    409,
                    "Conflict",
                    413,
                    "Request body too large",
                    415,
                    "Unsupported media type",
                    422,
                    "Unprocessable content",
                    503,
                    "Service unavailable");

    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record Problem(
            String type,
            String title,
            int status,
            String detail,
            String field,
            List<Diagnostic> diagnostics,
            Object current) {
        public Problem(
                String type,
                String title,
                int status,
                String detail,
                String field,
                List<Diagnostic> diagnostics) {
            this(type, title, status, detail, field, diagnostics, null);
        }
    }

    private Problems() {}

    /** Failure handler: renders whatever failed the request. */
    public static void handle(RoutingContext rc) {
        HttpServerResponse response = rc.response();
        if (response.headWritten()) {
            LOG.warn(
                    "failure after the response started: {} {}",
                    rc.request().method(),
                    rc.request().path(),
                    rc.failure());
            response.reset();
            return;
        }
        Long limit = rc.get(RequestBodies.LIMIT);
        Problem problem =
                of(rc.failure(), rc.statusCode(), limit == null ? HttpSettings.BODY_LIMIT : limit);
        if (problem.status() >= 500 && RequestBodies.failedReading(rc)) {
            // Vert.x gives up on a body it cannot decode (e.g. a multipart body over its 256 form
            // fields)
            // with a bare "Streaming aborted": the client sent something unreadable, which is a 400
            LOG.warn(
                    "{} {}: the request body could not be read: {}",
                    rc.request().method(),
                    rc.request().path(),
                    String.valueOf(rc.failure()));
            problem =
                    new Problem(
                            type("bad-request"),
                            title(400),
                            400,
                            "the request body could not be read"
                                    + " (malformed, aborted, or a multipart body with more than 256 parts)",
                            "$",
                            null);
        }
        if (problem.status() == 503) {
            LOG.warn(
                    "{} {}: 503 {}",
                    rc.request().method(),
                    rc.request().path(),
                    String.valueOf(rc.failure() == null ? "" : rc.failure().getCause()));
        } else if (problem.status() >= 500) {
            LOG.error("{} {} failed", rc.request().method(), rc.request().path(), rc.failure());
        }
        if (problem.status() == 401) {
            response.putHeader("WWW-Authenticate", "Bearer realm=\"pandu\"");
        }
        if (rc.failure() instanceof TooManyRequestsException tooMany) {
            response.putHeader("Retry-After", Long.toString(tooMany.retryAfterSeconds()));
        }
        if (rc.failure() instanceof ServiceUnavailableException unavailable) {
            response.putHeader("Retry-After", Long.toString(unavailable.retryAfterSeconds()));
        } else if (problem.status() == 503) {
            response.putHeader("Retry-After", "5");
        }
        if (problem.status() == 413 || !rc.request().isEnded()) {
            response.putHeader("Connection", "close"); // the rest of the body is not read
        }
        render(response, problem);
    }

    public static void render(HttpServerResponse response, Problem problem) {
        byte[] body;
        try {
            body = FactSetJson.mapper().writeValueAsBytes(problem);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
        response.setStatusCode(problem.status())
                .putHeader("Content-Type", CONTENT_TYPE)
                .end(io.vertx.core.buffer.Buffer.buffer(body));
    }

    /**
     * What a failure (or a bare status code, when there is no exception) means to the client;
     * {@code bodyLimit} is the limit a 413 exceeded (it differs by route).
     */
    static Problem of(Throwable failure, int statusCode, long bodyLimit) {
        if (failure instanceof HttpException http
                && http.getCause() instanceof ValidatorException cause) {
            failure = cause; // the contract validator's finding, wrapped with its status
        }
        if (failure instanceof PanduException p && p.status() >= 500 && p.status() != 503) {
            // e.g. a store error, whose message quotes the SQL: logged, never shown
            return internalError();
        }
        if (failure instanceof PanduException p) {
            List<Diagnostic> diagnostics =
                    p instanceof RuleSetRejectedException r ? r.diagnostics() : null;
            return new Problem(
                    type(p.type()),
                    title(p.status()),
                    p.status(),
                    p.getMessage(),
                    p.field(),
                    diagnostics,
                    p instanceof ConflictException conflict ? conflict.current() : null);
        }
        if (failure instanceof SchemaValidationException schema) {
            return fromSchema(schema);
        }
        if (failure instanceof ValidatorException invalid) {
            Matcher m = PARAMETER.matcher(invalid.getMessage());
            String field =
                    m.find() ? m.group(1) : invalid.getMessage().contains("body") ? "$" : null;
            return new Problem(
                    type("invalid-input"), title(400), 400, invalid.getMessage(), field, null);
        }
        if (failure instanceof HttpException http) {
            statusCode = http.getStatusCode();
        }
        if (statusCode >= 400 && statusCode < 500) {
            String detail =
                    failure instanceof HttpException http && http.getPayload() != null
                            ? http.getPayload()
                            : defaultDetail(statusCode, bodyLimit);
            return new Problem(
                    type(slug(statusCode)), title(statusCode), statusCode, detail, null, null);
        }
        if (statusCode == 503) {
            return new Problem(
                    type("unavailable"),
                    title(503),
                    503,
                    "not available right now; try again shortly",
                    null,
                    null);
        }
        return internalError();
    }

    private static Problem internalError() {
        return new Problem(
                type("internal-error"),
                "Internal server error",
                500,
                "the server failed to handle this request; the error is logged",
                null,
                null);
    }

    /**
     * The most specific schema error (the deepest instance location; the last of equals), with its
     * JSON pointer turned into a path like {@code deals[0].stage}. A missing or unexpected property
     * is reported at the property, not at the object that lacks or has it.
     */
    private static Problem fromSchema(SchemaValidationException e) {
        OutputUnit worst = e.getOutputUnit();
        if (worst != null && worst.getErrors() != null) {
            for (OutputUnit unit : worst.getErrors()) {
                if (worst == e.getOutputUnit() || depth(unit) >= depth(worst)) {
                    worst = unit;
                }
            }
        }
        String error =
                worst == null || worst.getError() == null ? e.getMessage() : worst.getError();
        String field = path(worst == null ? null : worst.getInstanceLocation());
        Matcher named = NAMED_PROPERTY.matcher(error);
        if (named.find() && !field.endsWith(named.group(1))) {
            field = field.equals("$") ? named.group(1) : field + "." + named.group(1);
        }
        Matcher parameter = PARAMETER.matcher(e.getMessage());
        if (parameter.find()) {
            field = parameter.group(1);
        }
        return new Problem(
                type("invalid-input"), title(400), 400, field + ": " + error, field, null);
    }

    private static int depth(OutputUnit unit) {
        String location = unit.getInstanceLocation();
        return location == null ? -1 : (int) location.chars().filter(c -> c == '/').count();
    }

    /** {@code /deals/0/stage} → {@code deals[0].stage}; the root is {@code $}. */
    static String path(String pointer) {
        if (pointer == null || pointer.isEmpty() || pointer.equals("/") || pointer.equals("#")) {
            return "$";
        }
        StringBuilder sb = new StringBuilder();
        for (String token : pointer.replaceFirst("^#", "").split("/")) {
            if (token.isEmpty()) {
                continue;
            }
            String name = token.replace("~1", "/").replace("~0", "~");
            if (name.chars().allMatch(Character::isDigit)) {
                sb.append('[').append(name).append(']');
            } else {
                sb.append(sb.isEmpty() ? "" : ".").append(name);
            }
        }
        return sb.isEmpty() ? "$" : sb.toString();
    }

    private static String type(String slug) {
        return "/problems/" + slug;
    }

    private static String title(int status) {
        if (status == 429) {
            return "Too many requests";
        }
        if (status == 408) {
            return "Request timeout";
        }
        return TITLES.getOrDefault(status, status >= 500 ? "Server error" : "Client error");
    }

    private static String slug(int status) {
        return switch (status) {
            case 401 -> "unauthorized";
            case 403 -> "forbidden";
            case 404 -> "not-found";
            case 405 -> "method-not-allowed";
            case 413 -> "body-too-large";
            case 415 -> "unsupported-media-type";
            default -> "bad-request";
        };
    }

    private static String defaultDetail(int status, long bodyLimit) {
        return switch (status) {
            case 401 ->
                    "sign in first: POST /api/v1/auth/login, then send the token as 'Authorization: Bearer <token>'";
            case 404 -> "no such resource";
            case 405 -> "this method is not allowed on this resource";
            case 413 ->
                    "the request body is larger than the limit of "
                            + HttpSettings.describe(bodyLimit);
            default -> TITLES.getOrDefault(status, "bad request");
        };
    }
}
