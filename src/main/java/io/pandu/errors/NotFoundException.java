package io.pandu.errors;

public class NotFoundException extends PanduException {
    public NotFoundException(String message) {
        super(404, "not-found", message);
    }
}
