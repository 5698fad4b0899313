package io.pandu.coaching;

import io.pandu.errors.InvalidInputException;

/**
 * How the alert list is sorted: by severity, then value at stake, then id (the default: what
 * deserves attention first), or newest first.
 */
public enum AlertOrder {
    SEVERITY("severity_rank DESC, value_at_stake DESC, id"),
    NEWEST("raised_at DESC, id DESC");

    private final String sql;

    AlertOrder(String sql) {
        this.sql = sql;
    }

    String sql() {
        return sql;
    }

    /**
     * {@code severity} (also for null) or {@code newest}; anything else is a 400 on {@code sort}.
     */
    public static AlertOrder parse(String value) {
        if (value == null || value.equals("severity")) {
            return SEVERITY;
        }
        if (value.equals("newest")) {
            return NEWEST;
        }
        throw new InvalidInputException(
                "sort", "unknown sort \"" + value + "\" (expected severity or newest)");
    }
}
