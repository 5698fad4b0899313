package io.pandu.facts;

import io.pandu.errors.InvalidInputException;

/**
 * The range rules of the fact records, checked when a record is built, so that a fact set read from
 * JSON is held to the same bounds as the contract's schemas state. The JSON reader reports a
 * failure at the field's path ({@code deals[2].closeDatePushes}).
 */
final class FieldChecks {
    private FieldChecks() {}

    static void notNegative(Number value, String field) {
        if (value != null && value.doubleValue() < 0) {
            throw new InvalidInputException(field, "must be 0 or more, not " + value);
        }
    }

    static void between(double value, double min, double max, String field) {
        if (value < min || value > max || Double.isNaN(value)) {
            throw new InvalidInputException(
                    field, "must be between " + min + " and " + max + ", not " + value);
        }
    }

    static void required(String value, String field) {
        if (value == null || value.isBlank()) {
            throw new InvalidInputException(field, "is required");
        }
    }
}
