package io.pandu.facts;

/** The kinds of activity a rep logs against a deal; JSON uses the lower-case name. */
public enum ActivityType {
    CALL,
    EMAIL,
    MEETING,
    DEMO,
    PROPOSAL,
    NOTE;

    @com.fasterxml.jackson.annotation.JsonValue
    public String json() {
        return name().toLowerCase(java.util.Locale.ROOT);
    }

    @com.fasterxml.jackson.annotation.JsonCreator
    public static ActivityType fromJson(String value) {
        for (ActivityType t : values()) {
            if (t.json().equals(value)) {
                return t;
            }
        }
        throw new IllegalArgumentException(
                "unknown activity type \""
                        + value
                        + "\" (expected one of call, email, meeting, demo, proposal, note)");
    }
}
