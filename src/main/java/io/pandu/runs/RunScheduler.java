package io.pandu.runs;

import java.time.Duration;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * When scheduled runs happen: every period, first after one period, on a timer thread of its own.
 * Starting a run only hands it over ({@link EvaluationRuns#start}), so a run that fails does not
 * touch the timer, and a run that cannot even start is logged and tried again the next period.
 */
public final class RunScheduler implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(RunScheduler.class);

    private final Runnable startRun;
    private ScheduledExecutorService timer;

    public RunScheduler(Runnable startRun) {
        this.startRun = startRun;
    }

    /** Starts a run every {@code every}, first after one period; replaces an earlier schedule. */
    public synchronized void every(Duration every) {
        if (timer != null) {
            timer.shutdownNow();
        }
        timer =
                Executors.newSingleThreadScheduledExecutor(
                        EvaluationRuns.daemon("pandu-evaluation-schedule"));
        timer.scheduleWithFixedDelay(
                () -> {
                    try {
                        startRun.run();
                    } catch (RuntimeException e) {
                        // an exception escaping here would cancel every later run; the next period
                        // tries again
                        LOG.warn("scheduled evaluation run not started: {}", e.toString());
                    }
                },
                every.toMillis(),
                every.toMillis(),
                TimeUnit.MILLISECONDS);
    }

    /** Stops the schedule; a run already started goes on. */
    @Override
    public synchronized void close() {
        if (timer != null) {
            timer.shutdownNow();
        }
    }
}
