package io.pandu.coaching;

import io.pandu.store.Json;

/**
 * Open (new), acknowledged (a manager is on it), resolved (by a manager's note, or automatically).
 */
public enum AlertStatus {
    OPEN,
    ACKNOWLEDGED,
    RESOLVED;

    @com.fasterxml.jackson.annotation.JsonValue
    public String json() {
        return Json.name(this);
    }

    @com.fasterxml.jackson.annotation.JsonCreator
    public static AlertStatus parse(String value) {
        return Json.parse(AlertStatus.class, "status", value);
    }
}
