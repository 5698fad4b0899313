package io.pandu.runs;

import java.util.Locale;

/** Why a run happened. */
public enum Trigger {
    ON_DEMAND,
    SCHEDULED,
    CLI;

    @com.fasterxml.jackson.annotation.JsonValue
    public String json() {
        return name().toLowerCase(Locale.ROOT).replace('_', '-');
    }
}
