package io.pandu.guidance;

import java.util.Locale;

public enum Severity {
    LOW,
    MEDIUM,
    HIGH,
    CRITICAL;

    @com.fasterxml.jackson.annotation.JsonValue
    public String json() {
        return name().toLowerCase(Locale.ROOT);
    }

    @com.fasterxml.jackson.annotation.JsonCreator
    public static Severity parse(String value) {
        for (Severity s : values()) {
            if (s.name().equalsIgnoreCase(value)) {
                return s;
            }
        }
        throw new IllegalArgumentException(
                "unknown severity \"" + value + "\" (expected low, medium, high or critical)");
    }
}
