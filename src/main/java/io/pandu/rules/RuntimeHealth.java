package io.pandu.rules;

/**
 * How one compiled rule set fares at run time: every evaluation with it counts as a success or a
 * failure, and the latest {@link #WINDOW} outcomes are kept, so a version that starts failing on
 * data its checks never saw shows it within a few evaluations, whatever it did before.
 */
public final class RuntimeHealth {
    /** How many of the latest evaluations the failure share is taken over. */
    public static final int WINDOW = 50;

    /** The counts at one moment; {@code lastFailure} says what went wrong last (null: nothing). */
    public record Counts(
            long evaluations, long failures, int recent, int recentFailures, String lastFailure) {
        /** The failed share of the recent evaluations (0 when there were none). */
        public double recentFailureShare() {
            return recent == 0 ? 0 : (double) recentFailures / recent;
        }
    }

    private final boolean[] window = new boolean[WINDOW];
    private int next;
    private int filled;
    private int failedInWindow;
    private long evaluations;
    private long failures;
    private String lastFailure;

    public void succeeded() {
        record(false, null);
    }

    public void failed(String why) {
        record(true, why);
    }

    private synchronized void record(boolean failed, String why) {
        if (filled == WINDOW && window[next]) {
            failedInWindow--;
        }
        window[next] = failed;
        next = (next + 1) % WINDOW;
        filled = Math.min(WINDOW, filled + 1);
        evaluations++;
        if (failed) {
            failedInWindow++;
            failures++;
            lastFailure = why;
        }
    }

    /** Forgets the outcomes so far: someone chose to put this version live again. */
    public synchronized void reset() {
        java.util.Arrays.fill(window, false);
        next = 0;
        filled = 0;
        failedInWindow = 0;
        lastFailure = null;
    }

    public synchronized Counts counts() {
        return new Counts(evaluations, failures, filled, failedInWindow, lastFailure);
    }
}
