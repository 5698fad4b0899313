package io.pandu.api;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.pandu.errors.InvalidInputException;
import io.pandu.facts.FactSetJson;
import io.pandu.store.Page;
import io.vertx.ext.web.RoutingContext;
import io.vertx.ext.web.openapi.router.RouterBuilder;
import io.vertx.openapi.validation.RequestParameter;
import io.vertx.openapi.validation.ValidatedRequest;
import java.util.Map;

/**
 * Reads what the OpenAPI validator has already checked: path and query parameters (typed as the
 * contract says) and the JSON body, which is read strictly into Pandu's records so that a wrong
 * field is reported with its path.
 */
public final class Params {
    /**
     * Marks an operation whose request the handler checks itself instead of the router (see the
     * contract's description): the fact-set operations, read by the strict reader, and the CSV
     * upload.
     */
    public static final String VALIDATED_BY_EXTENSION = "x-validated-by";

    private Params() {}

    private static ValidatedRequest validated(RoutingContext rc) {
        ValidatedRequest request = rc.get(RouterBuilder.KEY_META_DATA_VALIDATED_REQUEST);
        if (request == null) {
            throw new IllegalStateException(
                    "route " + rc.normalizedPath() + " is not validated against the contract");
        }
        return request;
    }

    public static String path(RoutingContext rc, String name) {
        return string(validated(rc).getPathParameters(), name);
    }

    public static long pathLong(RoutingContext rc, String name) {
        RequestParameter p = validated(rc).getPathParameters().get(name);
        if (p == null || p.isNull()) {
            throw new InvalidInputException(name, "is required");
        }
        return p.getLong();
    }

    public static String query(RoutingContext rc, String name) {
        return string(validated(rc).getQuery(), name);
    }

    public static Integer queryInt(RoutingContext rc, String name) {
        RequestParameter p = validated(rc).getQuery().get(name);
        return p == null || p.isNull() ? null : p.getInteger();
    }

    /**
     * An optional ISO date ({@code 2017-09-30}) in the query, within the years the store keeps;
     * anything else is a 400 naming the parameter.
     */
    public static java.time.LocalDate queryDate(RoutingContext rc, String name) {
        String value = query(rc, name);
        if (value == null || value.isBlank()) {
            return null;
        }
        java.time.LocalDate date;
        try {
            date = java.time.LocalDate.parse(value.trim());
        } catch (java.time.format.DateTimeParseException e) {
            throw new InvalidInputException(
                    name, "must be a date as YYYY-MM-DD, not \"" + value + "\"");
        }
        io.pandu.facts.FieldChecks.date(date, name);
        return date;
    }

    /** {@code offset} and {@code limit} of a list. */
    public static Page page(RoutingContext rc) {
        return Page.of(queryInt(rc, "offset"), queryInt(rc, "limit"));
    }

    private static String string(Map<String, RequestParameter> params, String name) {
        RequestParameter p = params.get(name);
        return p == null || p.isNull() ? null : String.valueOf(p.get());
    }

    /**
     * The body as {@code type}, strictly: unknown fields and wrong types are 400s naming the field.
     */
    public static <T> T body(RoutingContext rc, Class<T> type) {
        return FactSetJson.readValue(text(rc), type);
    }

    /**
     * The body of an upsert to {@code .../{id}}: the id may be left out of the body (the path names
     * it), but when given it must match.
     */
    public static <T> T bodyWithId(RoutingContext rc, Class<T> type, String idField, String id) {
        JsonNode tree;
        try {
            tree = FactSetJson.mapper().readTree(text(rc));
        } catch (JsonProcessingException e) {
            throw FactSetJson.translate(e);
        }
        if (!(tree instanceof ObjectNode object)) {
            throw new InvalidInputException("$", "a JSON object is required");
        }
        JsonNode given = object.get(idField);
        if (given == null || given.isNull()) {
            object.put(idField, id);
        } else if (!given.isTextual() || !given.asText().equals(id)) {
            throw new InvalidInputException(
                    idField, "is \"" + given.asText() + "\" but the path names \"" + id + "\"");
        }
        try {
            return FactSetJson.mapper().treeToValue(object, type);
        } catch (JsonProcessingException e) {
            throw FactSetJson.translate(e);
        }
    }

    public static String text(RoutingContext rc) {
        String contentType = rc.request().getHeader("Content-Type");
        if (contentType != null && !isJson(contentType)) {
            throw new InvalidInputException(
                    "Content-Type", "the body must be application/json, not " + contentType);
        }
        String text = rc.body() == null ? null : rc.body().asString();
        if (text == null || text.isBlank()) {
            throw new InvalidInputException("$", "a JSON body is required");
        }
        return text;
    }

    private static boolean isJson(String contentType) {
        String type = contentType.split(";", 2)[0].trim().toLowerCase(java.util.Locale.ROOT);
        return type.equals("application/json") || type.endsWith("+json");
    }
}
