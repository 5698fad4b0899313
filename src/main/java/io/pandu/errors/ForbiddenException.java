package io.pandu.errors;

public class ForbiddenException extends PanduException {
    public ForbiddenException(String message) {
        super(403, "forbidden", message);
    }
}
