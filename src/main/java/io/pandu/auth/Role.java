package io.pandu.auth;

import io.pandu.errors.InvalidInputException;

import java.util.Locale;

/** What a user may do: a rep works their own deals, a manager their team, ops and admin everything (admin also users). */
public enum Role {
    REP, MANAGER, OPS, ADMIN;

    @com.fasterxml.jackson.annotation.JsonValue
    public String json() {
        return name().toLowerCase(Locale.ROOT);
    }

    @com.fasterxml.jackson.annotation.JsonCreator
    public static Role parse(String value) {
        for (Role r : values()) {
            if (r.json().equalsIgnoreCase(value == null ? "" : value.trim())) {
                return r;
            }
        }
        throw new InvalidInputException("role", "unknown role \"" + value + "\" (expected rep, manager, ops or admin)");
    }
}
