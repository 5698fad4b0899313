package io.pandu.errors;

/** Input that cannot be accepted: HTTP 400, with the path of the field that is wrong. */
public class InvalidInputException extends PanduException {
    private final String reason;

    public InvalidInputException(String field, String message) {
        super(400, "invalid-input", field == null ? message : field + ": " + message, field);
        this.reason = message;
    }

    /**
     * The same problem reported at another field, e.g. at the form part an uploaded file came in
     * rather than its file name.
     */
    public InvalidInputException at(String otherField) {
        return new InvalidInputException(otherField, reason);
    }
}
