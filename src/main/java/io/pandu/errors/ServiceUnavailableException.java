package io.pandu.errors;

/**
 * Something the request needs is down for now (e.g. the database): 503, and the client is told when
 * to try again ({@code Retry-After}).
 */
public class ServiceUnavailableException extends PanduException {
    private final long retryAfterSeconds;

    public ServiceUnavailableException(String type, String message, long retryAfterSeconds) {
        super(503, type, message);
        this.retryAfterSeconds = retryAfterSeconds;
    }

    public long retryAfterSeconds() {
        return retryAfterSeconds;
    }
}
