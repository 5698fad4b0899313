package io.pandu.actions;

import io.pandu.store.Json;

/** What a rep said about an action: done, dismissed (with a reason) or snoozed (until a date). */
public enum FeedbackKind {
    DONE,
    DISMISSED,
    SNOOZED,
    /**
     * The previous feedback was taken back: the action is pending again. Never posted as feedback.
     */
    UNDONE;

    @com.fasterxml.jackson.annotation.JsonValue
    public String json() {
        return Json.name(this);
    }

    @com.fasterxml.jackson.annotation.JsonCreator
    public static FeedbackKind parse(String value) {
        return Json.parse(FeedbackKind.class, "kind", value);
    }
}
