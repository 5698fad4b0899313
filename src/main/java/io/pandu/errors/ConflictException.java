package io.pandu.errors;

/**
 * A write that lost a race or met a state it cannot apply to (e.g. acknowledging an alert someone
 * else acknowledged a moment ago): HTTP 409, with the object's current state for the client to
 * show.
 */
public class ConflictException extends PanduException {
    private final transient Object current;

    public ConflictException(String message, String field, Object current) {
        super(409, "conflict", message, field);
        this.current = current;
    }

    /** The object as it is now (rendered as {@code current} in the problem). */
    public Object current() {
        return current;
    }
}
