package io.pandu.facts;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParseException;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.databind.DeserializationContext;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.deser.std.StdScalarDeserializer;
import com.fasterxml.jackson.databind.exc.InvalidFormatException;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import com.fasterxml.jackson.databind.exc.UnrecognizedPropertyException;
import com.fasterxml.jackson.databind.exc.ValueInstantiationException;
import com.fasterxml.jackson.databind.module.SimpleModule;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import com.fasterxml.jackson.datatype.jsr310.deser.LocalDateDeserializer;
import io.pandu.errors.InvalidInputException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;

/**
 * Reads fact sets from JSON strictly: unknown fields, wrong types, bad dates and enum values are
 * rejected with the JSON path of the field (e.g. {@code deals[3].closeDate}), so nothing is
 * silently dropped.
 */
public final class FactSetJson {

    private static final ObjectMapper MAPPER = strictMapper();

    private FactSetJson() {}

    /** The mapper every part of Pandu uses for facts and guidance: strict in, ISO dates out. */
    public static ObjectMapper strictMapper() {
        // a key given twice would otherwise silently keep the last value
        return new ObjectMapper(
                        JsonFactory.builder()
                                .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
                                .build())
                .registerModule(new JavaTimeModule())
                .registerModule(
                        new SimpleModule()
                                .addDeserializer(LocalDate.class, new IsoDateDeserializer()))
                .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
                .enable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES)
                .enable(DeserializationFeature.FAIL_ON_NUMBERS_FOR_ENUMS)
                .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
                .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS);
    }

    /**
     * Jackson reads a bare number as a day count since 1970, so {@code "hireDate": 20170101} would
     * be the year 57196; a date must be written as one. (Strict mode would also refuse "", which
     * reads as null.)
     */
    private static final class IsoDateDeserializer extends StdScalarDeserializer<LocalDate> {
        IsoDateDeserializer() {
            super(LocalDate.class);
        }

        @Override
        public LocalDate deserialize(JsonParser p, DeserializationContext ctxt) throws IOException {
            if (p.hasToken(JsonToken.VALUE_NUMBER_INT)) {
                return (LocalDate) ctxt.handleUnexpectedToken(LocalDate.class, p);
            }
            return LocalDateDeserializer.INSTANCE.deserialize(p, ctxt);
        }
    }

    public static ObjectMapper mapper() {
        return MAPPER;
    }

    public static FactSet read(String json) {
        try {
            return requireBody(MAPPER.readValue(json, FactSet.class));
        } catch (JsonProcessingException e) {
            throw translate(e);
        }
    }

    public static FactSet read(InputStream json) {
        try {
            return requireBody(MAPPER.readValue(json, FactSet.class));
        } catch (IOException e) {
            throw translate(e);
        }
    }

    public static FactSet read(Path file) {
        try (InputStream in = Files.newInputStream(file)) {
            return read(in);
        } catch (IOException e) {
            throw new InvalidInputException(null, "cannot read " + file + ": " + e.getMessage());
        }
    }

    /** Any value of a fact type (used for single objects posted to the API). */
    public static <T> T readValue(String json, Class<T> type) {
        try {
            T value = MAPPER.readValue(json, type);
            if (value == null) {
                throw new InvalidInputException("$", "a JSON object is required");
            }
            if (value instanceof FactSet facts) {
                requireBody(facts);
            }
            return value;
        } catch (JsonProcessingException e) {
            throw translate(e);
        }
    }

    private static FactSet requireBody(FactSet facts) {
        if (facts == null) {
            throw new InvalidInputException("$", "a fact set JSON object is required");
        }
        // here, not in FactSet: the CSV reader uses LocalDate.MIN for "the last date in the data"
        FieldChecks.date(facts.asOf(), "asOf");
        return facts;
    }

    public static InvalidInputException translate(Exception e) {
        // a syntax error inside a list or object arrives wrapped with that path; its position says
        // more
        if (e instanceof JsonMappingException mapping
                && mapping.getCause() instanceof JsonParseException parse) {
            return translate(parse);
        }
        if (e instanceof JsonMappingException mapping) {
            String path = path(mapping);
            String message;
            if (e instanceof UnrecognizedPropertyException unknown) {
                message = "unknown field \"" + unknown.getPropertyName() + "\"";
            } else if (e instanceof InvalidFormatException format) {
                message =
                        "cannot read "
                                + describe(format.getValue())
                                + " as "
                                + typeName(format.getTargetType());
            } else if (e instanceof ValueInstantiationException inst
                    && inst.getCause() instanceof InvalidInputException field
                    && field.field() != null) {
                // a record's range check names its own field; the reader knows where the record is
                String at = path.isEmpty() ? field.field() : path + "." + field.field();
                return new InvalidInputException(
                        at, field.getMessage().substring(field.field().length() + 2));
            } else if (e instanceof ValueInstantiationException inst && inst.getCause() != null) {
                message = inst.getCause().getMessage();
            } else if (mapping.getCause() instanceof IllegalArgumentException iae
                    && iae.getMessage() != null) {
                message = iae.getMessage();
            } else if (e instanceof MismatchedInputException mismatch
                    && mismatch.getTargetType() != null) {
                message = mismatch(mismatch);
            } else {
                message = mapping.getOriginalMessage();
                int cut = message.indexOf(" at [Source");
                if (cut > 0) {
                    message = message.substring(0, cut);
                }
                message =
                        message.replaceAll("`[a-z.]+\\.([A-Z][A-Za-z]*)`", "$1").replace('\n', ' ');
            }
            return new InvalidInputException(path.isEmpty() ? "$" : path, message);
        }
        if (e instanceof JsonProcessingException parse) {
            String where =
                    parse.getLocation() == null
                            ? ""
                            : " at line "
                                    + parse.getLocation().getLineNr()
                                    + ", column "
                                    + parse.getLocation().getColumnNr();
            String message = parse.getOriginalMessage();
            int cut = message.indexOf(" (for ");
            return new InvalidInputException(
                    "$",
                    "malformed JSON"
                            + where
                            + ": "
                            + (cut > 0 ? message.substring(0, cut) : message));
        }
        return new InvalidInputException("$", e.getMessage());
    }

    /** A value of the wrong shape, said without Jackson's vocabulary (tokens, feature flags). */
    private static String mismatch(MismatchedInputException e) {
        String original = String.valueOf(e.getOriginalMessage());
        if (original.startsWith("Trailing token")) {
            return "unexpected content after the end of the JSON value";
        }
        String expected = "expected " + typeName(e.getTargetType());
        // a record's primitive that is absent reaches the mapper as null, just like an explicit
        // null
        return original.startsWith("Cannot map `null`")
                ? expected + ", not null or missing"
                : expected;
    }

    private static String describe(Object value) {
        return value instanceof String s ? "\"" + s + "\"" : String.valueOf(value);
    }

    private static String typeName(Class<?> type) {
        if (type == java.time.LocalDate.class) {
            return "a date (YYYY-MM-DD)";
        }
        if (type == java.math.BigDecimal.class
                || type == int.class
                || type == Integer.class
                || type == double.class
                || type == Double.class) {
            return "a number";
        }
        if (type == boolean.class || type == Boolean.class) {
            return "true or false";
        }
        if (java.util.Collection.class.isAssignableFrom(type) || type.isArray()) {
            return "a list";
        }
        if (type.isRecord()) {
            return "an object";
        }
        return type.getSimpleName();
    }

    private static String path(JsonMappingException e) {
        StringBuilder sb = new StringBuilder();
        for (JsonMappingException.Reference ref : e.getPath()) {
            if (ref.getIndex() >= 0) {
                sb.append('[').append(ref.getIndex()).append(']');
            } else if (ref.getFieldName() != null) {
                if (!sb.isEmpty()) {
                    sb.append('.');
                }
                sb.append(ref.getFieldName());
            }
        }
        return sb.toString();
    }
}
