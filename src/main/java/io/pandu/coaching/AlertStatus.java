package io.pandu.coaching;

import io.pandu.errors.InvalidInputException;

import java.util.Locale;

/** Open (new), acknowledged (a manager is on it), resolved (by a manager's note, or automatically). */
public enum AlertStatus {
    OPEN, ACKNOWLEDGED, RESOLVED;

    @com.fasterxml.jackson.annotation.JsonValue
    public String json() {
        return name().toLowerCase(Locale.ROOT);
    }

    @com.fasterxml.jackson.annotation.JsonCreator
    public static AlertStatus parse(String value) {
        for (AlertStatus s : values()) {
            if (s.json().equalsIgnoreCase(value)) {
                return s;
            }
        }
        throw new InvalidInputException("status", "unknown status \"" + value + "\" (expected open, acknowledged or resolved)");
    }
}
