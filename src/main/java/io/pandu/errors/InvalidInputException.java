package io.pandu.errors;

/** Input that cannot be accepted: HTTP 400, with the path of the field that is wrong. */
public class InvalidInputException extends PanduException {
    public InvalidInputException(String field, String message) {
        super(400, "invalid-input", field == null ? message : field + ": " + message, field);
    }
}
