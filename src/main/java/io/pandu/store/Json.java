package io.pandu.store;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import io.pandu.facts.FactSetJson;

/**
 * JSON for stored documents, with Pandu's one mapper; a document that cannot be read is a bug, not
 * bad input.
 */
public final class Json {
    private Json() {}

    /** An enum constant as JSON and the API write it: its name in lower case. */
    public static String name(Enum<?> constant) {
        return constant.name().toLowerCase(java.util.Locale.ROOT);
    }

    /**
     * The constant named {@code value} in any case; else 400 naming {@code field} and the names
     * there are.
     */
    public static <E extends Enum<E>> E parse(Class<E> type, String field, String value) {
        E[] constants = type.getEnumConstants();
        for (E constant : constants) {
            if (constant.name().equalsIgnoreCase(value == null ? "" : value.trim())) {
                return constant;
            }
        }
        java.util.List<String> names = java.util.Arrays.stream(constants).map(Json::name).toList();
        throw new io.pandu.errors.InvalidInputException(
                field,
                "unknown "
                        + field
                        + " \""
                        + value
                        + "\" (expected "
                        + String.join(", ", names.subList(0, names.size() - 1))
                        + " or "
                        + names.get(names.size() - 1)
                        + ")");
    }

    public static String write(Object value) {
        try {
            return FactSetJson.mapper().writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(
                    "cannot write " + value.getClass().getSimpleName() + " as JSON", e);
        }
    }

    public static <T> T read(String json, Class<T> type) {
        try {
            return FactSetJson.mapper().readValue(json, type);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(
                    "stored "
                            + type.getSimpleName()
                            + " is not readable: "
                            + e.getOriginalMessage(),
                    e);
        }
    }

    public static <T> T read(String json, TypeReference<T> type) {
        try {
            return FactSetJson.mapper().readValue(json, type);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(
                    "stored JSON is not readable: " + e.getOriginalMessage(), e);
        }
    }
}
