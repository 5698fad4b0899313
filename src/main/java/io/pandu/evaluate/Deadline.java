package io.pandu.evaluate;

import java.time.Duration;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import org.kie.api.runtime.KieSession;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The time limit of one evaluation. When it passes, the session is halted: the engine stops between
 * two firings (a rule set that keeps re-triggering itself). A consequence that never returns (an
 * endless stream, a computation without end) does not look at the halt flag, nor at interrupts, so
 * after a further {@link #GRACE} the evaluating thread is stopped outright ({@link Thread#stop}:
 * the session it was in is thrown away, and the thread, a pooled worker, is free again).
 */
final class Deadline implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(Deadline.class);

    /** How long a halted evaluation may take to notice before its thread is stopped. */
    static final Duration GRACE = Duration.ofMillis(500);

    private static final ScheduledExecutorService WATCHDOG =
            Executors.newSingleThreadScheduledExecutor(
                    r -> {
                        Thread t = new Thread(r, "pandu-evaluation-watchdog");
                        t.setDaemon(true);
                        return t;
                    });

    private final Thread thread = Thread.currentThread();
    private final KieSession session;
    private final ScheduledFuture<?> halt;
    private final ScheduledFuture<?> stop;
    private volatile boolean expired;
    private boolean done; // guarded by this

    Deadline(KieSession session, Duration limit) {
        this.session = session;
        this.halt = WATCHDOG.schedule(this::halt, limit.toMillis(), TimeUnit.MILLISECONDS);
        this.stop =
                WATCHDOG.schedule(this::stop, limit.plus(GRACE).toMillis(), TimeUnit.MILLISECONDS);
    }

    /** Whether the limit passed before the evaluation ended. */
    boolean expired() {
        return expired;
    }

    private void halt() {
        expired = true;
        session.halt();
    }

    /** Only while the evaluation is still running: {@link #close} takes the same lock. */
    @SuppressWarnings("deprecation") // the one way to end a thread that ignores halt and interrupt
    private synchronized void stop() {
        if (done) {
            return;
        }
        LOG.warn(
                "an evaluation ran past its time limit and did not stop when halted; stopping"
                        + " thread {}",
                thread.getName());
        try {
            thread.stop();
        } catch (UnsupportedOperationException e) { // Java 20 and later
            thread.interrupt();
        }
    }

    @Override
    public void close() {
        halt.cancel(false);
        stop.cancel(false);
        synchronized (this) {
            done = true;
        }
    }
}
