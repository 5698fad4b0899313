package io.pandu.auth;

import io.pandu.errors.TooManyRequestsException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.Iterator;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Slows down password guessing: after {@code maxPerUser} failed sign-ins for one user name, or
 * {@code maxPerAddress} from one address, within {@code window}, further attempts for it are
 * refused (429) until the oldest of those failures is older than the window. A successful sign-in
 * clears the user name's failures (not the address's). Unknown user names count like known ones, so
 * the throttle tells nothing about which exist. Time is the injected clock's; the state is in
 * memory (per process).
 */
public final class LoginThrottle {
    /** Above this many tracked keys, entries whose failures have all expired are dropped. */
    private static final int PRUNE_ABOVE = 10_000;

    /** Failed sign-ins for one user name the standard throttle allows within its window. */
    public static final int FAILURES_PER_USER = 5;

    /** ... and from one address. */
    public static final int FAILURES_PER_ADDRESS = 20;

    public static final Duration WINDOW = Duration.ofMinutes(15);

    private final Clock clock;
    private final int maxPerUser;
    private final int maxPerAddress;
    private final Duration window;
    private final Map<String, Deque<Instant>> failures = new ConcurrentHashMap<>();

    public LoginThrottle(Clock clock, int maxPerUser, int maxPerAddress, Duration window) {
        if (maxPerUser < 1 || maxPerAddress < 1 || window.isNegative() || window.isZero()) {
            throw new IllegalArgumentException("limits of at least 1 and a positive window");
        }
        this.clock = clock;
        this.maxPerUser = maxPerUser;
        this.maxPerAddress = maxPerAddress;
        this.window = window;
    }

    /**
     * 5 failures for a user name, 20 from an address (an office behind one NAT address, and the
     * user name's own reset on success, would mean little if the address had the same limit), in 15
     * minutes.
     */
    public static LoginThrottle standard(Clock clock) {
        return new LoginThrottle(clock, FAILURES_PER_USER, FAILURES_PER_ADDRESS, WINDOW);
    }

    /** Throws a 429 when this user name or address may not try now. */
    public void check(String username, String address) {
        Instant now = clock.instant();
        Duration wait =
                longest(
                        blockedFor(userKey(username), maxPerUser, now),
                        blockedFor(addressKey(address), maxPerAddress, now));
        if (wait != null) {
            throw new TooManyRequestsException(
                    "too many failed sign-ins; try again in "
                            + Math.max(1, (wait.toSeconds() + 59) / 60)
                            + " minute(s)",
                    wait);
        }
    }

    public void failed(String username, String address) {
        Instant now = clock.instant();
        record(userKey(username), maxPerUser, now);
        record(addressKey(address), maxPerAddress, now);
        if (failures.size() > PRUNE_ABOVE) {
            prune(now);
        }
    }

    public void succeeded(String username) {
        failures.remove(userKey(username));
    }

    private Duration blockedFor(String key, int maxFailures, Instant now) {
        if (key == null) {
            return null;
        }
        Deque<Instant> times = failures.get(key);
        if (times == null) {
            return null;
        }
        synchronized (times) {
            expire(times, now);
            if (times.size() < maxFailures) {
                return null;
            }
            return Duration.between(now, times.peekFirst().plus(window));
        }
    }

    private void record(String key, int maxFailures, Instant now) {
        if (key == null) {
            return;
        }
        Deque<Instant> times = failures.computeIfAbsent(key, k -> new ArrayDeque<>());
        synchronized (times) {
            expire(times, now);
            times.addLast(now);
            while (times.size() > maxFailures) {
                times.removeFirst();
            }
        }
    }

    private void expire(Deque<Instant> times, Instant now) {
        Instant horizon = now.minus(window);
        while (!times.isEmpty() && !times.peekFirst().isAfter(horizon)) {
            times.removeFirst();
        }
    }

    private void prune(Instant now) {
        for (Iterator<Deque<Instant>> it = failures.values().iterator(); it.hasNext(); ) {
            Deque<Instant> times = it.next();
            synchronized (times) {
                expire(times, now);
                if (times.isEmpty()) {
                    it.remove();
                }
            }
        }
    }

    private static Duration longest(Duration a, Duration b) {
        if (a == null) {
            return b;
        }
        return b == null || a.compareTo(b) >= 0 ? a : b;
    }

    private static String userKey(String username) {
        return username == null
                ? null
                : "user:" + username.trim().toLowerCase(java.util.Locale.ROOT);
    }

    private static String addressKey(String address) {
        return address == null ? null : "address:" + address;
    }
}
