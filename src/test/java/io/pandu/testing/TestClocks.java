package io.pandu.testing;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;

/** Wall clocks for tests that need one but whose outcome must not depend on the day they run. */
public final class TestClocks {
    /**
     * The wall time of the fixtures: the morning of the fixture pipeline's as-of date, 2017-06-30.
     */
    public static final Instant FIXTURE_NOW = Instant.parse("2017-06-30T09:00:00Z");

    private TestClocks() {}

    /** A clock that stands still at {@link #FIXTURE_NOW}. */
    public static Clock fixed() {
        return Clock.fixed(FIXTURE_NOW, ZoneOffset.UTC);
    }
}
