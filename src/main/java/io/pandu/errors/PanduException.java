package io.pandu.errors;

/**
 * The one error model: every domain failure carries the HTTP status it maps to, a stable type slug,
 * and (for bad input) the path of the offending field. The API renders these as problem JSON, the
 * CLI as a one-line message; neither ever shows a stack trace to a user.
 */
public class PanduException extends RuntimeException {
    private final int status;
    private final String type;
    private final String field;

    public PanduException(int status, String type, String message, String field) {
        super(message);
        this.status = status;
        this.type = type;
        this.field = field;
    }

    public PanduException(int status, String type, String message) {
        this(status, type, message, null);
    }

    public int status() {
        return status;
    }

    public String type() {
        return type;
    }

    /**
     * JSON path of the offending input field, e.g. {@code deals[3].stage}; null when not about one
     * field.
     */
    public String field() {
        return field;
    }
}
