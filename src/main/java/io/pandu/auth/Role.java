package io.pandu.auth;

import io.pandu.store.Json;

/**
 * What a user may do: a rep works their own deals, a manager their team, ops and admin everything
 * (admin also users); a director reads every team's and region's figures, deals and alerts, as a
 * manager of everyone would, but changes nothing (no rules, users, deals or alerts).
 */
public enum Role {
    REP,
    MANAGER,
    OPS,
    ADMIN,
    DIRECTOR;

    @com.fasterxml.jackson.annotation.JsonValue
    public String json() {
        return Json.name(this);
    }

    @com.fasterxml.jackson.annotation.JsonCreator
    public static Role parse(String value) {
        return Json.parse(Role.class, "role", value);
    }
}
