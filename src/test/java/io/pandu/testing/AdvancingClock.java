package io.pandu.testing;

import java.time.Duration;
import java.time.Instant;

/**
 * The system time plus whatever a test added: for a real server, whose tokens the signature library
 * also checks against the system time, so its clock must go on ticking; a test moves it on by hand
 * (past a token's expiry) instead of sleeping.
 */
public final class AdvancingClock extends UtcClock {
    private volatile Duration ahead = Duration.ZERO;

    public synchronized void advance(Duration by) {
        ahead = ahead.plus(by);
    }

    @Override
    public Instant instant() {
        return Instant.now().plus(ahead);
    }
}
