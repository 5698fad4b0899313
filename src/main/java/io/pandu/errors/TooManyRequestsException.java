package io.pandu.errors;

import java.time.Duration;

/** Too many attempts for now: HTTP 429, with how long until the next one is admitted. */
public class TooManyRequestsException extends PanduException {
    private final Duration retryAfter;

    public TooManyRequestsException(String message, Duration retryAfter) {
        super(429, "too-many-requests", message);
        this.retryAfter = retryAfter;
    }

    /** Whole seconds until the next attempt is admitted (at least 1), for {@code Retry-After}. */
    public long retryAfterSeconds() {
        long seconds = retryAfter.toSeconds() + (retryAfter.toNanosPart() > 0 ? 1 : 0);
        return Math.max(1, seconds);
    }
}
