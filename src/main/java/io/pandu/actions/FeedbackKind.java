package io.pandu.actions;

import io.pandu.errors.InvalidInputException;

import java.util.Locale;

/** What a rep said about an action: done, dismissed (with a reason) or snoozed (until a date). */
public enum FeedbackKind {
    DONE, DISMISSED, SNOOZED;

    @com.fasterxml.jackson.annotation.JsonValue
    public String json() {
        return name().toLowerCase(Locale.ROOT);
    }

    @com.fasterxml.jackson.annotation.JsonCreator
    public static FeedbackKind parse(String value) {
        for (FeedbackKind k : values()) {
            if (k.json().equalsIgnoreCase(value)) {
                return k;
            }
        }
        throw new InvalidInputException("kind", "unknown feedback \"" + value + "\" (expected done, dismissed or snoozed)");
    }
}
