package io.pandu.facts;

import io.pandu.errors.InvalidInputException;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.List;

/**
 * The range rules of the fact records, checked when a record is built, so that a fact set read from
 * JSON is held to the same bounds as the contract's schemas state. The JSON reader reports a
 * failure at the field's path ({@code deals[2].closeDatePushes}).
 */
public final class FieldChecks {
    /** An id or a short name as the store keeps it (VARCHAR(200)). */
    public static final int ID = 200;

    /** A person's, account's or territory's name (VARCHAR(500)). */
    public static final int NAME = 500;

    /** A deal's name (VARCHAR(1000)). */
    public static final int LONG_NAME = 1000;

    /** The earliest and latest year of a date Pandu accepts. */
    public static final int FIRST_YEAR = 1900;

    public static final int LAST_YEAR = 2200;

    /** An amount as the store keeps it: NUMERIC(20, 2). */
    private static final int AMOUNT_DIGITS = 20;

    private static final int AMOUNT_DECIMALS = 2;

    private FieldChecks() {}

    /** At most {@code max} characters. */
    public static void maxLength(String value, int max, String field) {
        if (value != null && value.length() > max) {
            throw new InvalidInputException(
                    field, "must have at most " + max + " characters, not " + value.length());
        }
    }

    /** Each entry at most {@code max} characters. */
    static void maxLengths(List<String> values, int max, String field) {
        for (int i = 0; i < values.size(); i++) {
            maxLength(values.get(i), max, field + "[" + i + "]");
        }
    }

    /** A date in the years {@value #FIRST_YEAR} to {@value #LAST_YEAR}. */
    public static void date(LocalDate value, String field) {
        if (value != null && (value.getYear() < FIRST_YEAR || value.getYear() > LAST_YEAR)) {
            throw new InvalidInputException(
                    field,
                    "must be a date in the years "
                            + FIRST_YEAR
                            + " to "
                            + LAST_YEAR
                            + ", not "
                            + value);
        }
    }

    /**
     * A money amount: 0 or more, at most 2 decimals and 18 digits before the point (NUMERIC(20,
     * 2)).
     */
    static void amount(BigDecimal value, String field) {
        if (value == null) {
            return;
        }
        notNegative(value, field);
        BigDecimal plain = value.stripTrailingZeros();
        if (plain.scale() > AMOUNT_DECIMALS) {
            throw new InvalidInputException(
                    field, "must have at most " + AMOUNT_DECIMALS + " decimals, not " + value);
        }
        if (plain.precision() - plain.scale() > AMOUNT_DIGITS - AMOUNT_DECIMALS) {
            throw new InvalidInputException(
                    field,
                    "must be less than 10^"
                            + (AMOUNT_DIGITS - AMOUNT_DECIMALS)
                            + ", not "
                            + value.toPlainString());
        }
    }

    /** A percentage, 0 to 100. */
    static void percent(BigDecimal value, String field) {
        if (value != null && (value.signum() < 0 || value.compareTo(BigDecimal.valueOf(100)) > 0)) {
            throw new InvalidInputException(field, "must be between 0 and 100, not " + value);
        }
    }

    static void notNegative(Number value, String field) {
        if (value instanceof BigDecimal d
                ? d.signum() < 0
                : value != null && value.doubleValue() < 0) {
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
