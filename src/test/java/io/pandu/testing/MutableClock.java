package io.pandu.testing;

import java.time.Duration;
import java.time.Instant;

/** A clock a test moves by hand. */
public final class MutableClock extends UtcClock {
    private volatile Instant now;

    public MutableClock(Instant start) {
        this.now = start;
    }

    public synchronized void advance(Duration d) {
        now = now.plus(d);
    }

    @Override
    public Instant instant() {
        return now;
    }
}
