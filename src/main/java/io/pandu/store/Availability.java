package io.pandu.store;

import com.zaxxer.hikari.HikariDataSource;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Whether the database answers, known without waiting: a daemon thread runs {@code SELECT 1} every
 * {@link #PROBE_MILLIS} on a one-connection pool with a 250 ms time-out, so that {@code /health}
 * can say 503 at once while the database is gone instead of hanging on the request pool. Started on
 * the first question, so that a command-line run never starts it.
 */
final class Availability implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(Availability.class);
    static final long PROBE_MILLIS = 500;
    private static final long PROBE_TIMEOUT_MILLIS = 250;

    private final DbConfig config;
    private volatile boolean available = true;
    private ScheduledExecutorService prober; // guarded by this
    private volatile HikariDataSource probePool; // made on the prober thread, closed with it
    private boolean closed; // guarded by this

    Availability(DbConfig config) {
        this.config = config;
    }

    boolean available() {
        start();
        return available;
    }

    /** A request found the database unreachable: say so before the next probe does. */
    void down() {
        if (available) {
            LOG.warn("the database is not reachable; requests that need it answer 503");
        }
        available = false;
    }

    private synchronized void start() {
        if (prober != null || closed) {
            return;
        }
        prober =
                Executors.newSingleThreadScheduledExecutor(
                        r -> {
                            Thread t = new Thread(r, "pandu-db-probe");
                            t.setDaemon(true);
                            return t;
                        });
        prober.scheduleWithFixedDelay(this::probe, 0, PROBE_MILLIS, TimeUnit.MILLISECONDS);
    }

    private void probe() {
        try {
            if (probePool == null) {
                var hikari = Database.pool(config, "pandu-db-probe", 1, PROBE_TIMEOUT_MILLIS);
                hikari.setMinimumIdle(0);
                hikari.setInitializationFailTimeout(-1); // start even while the database is down
                probePool = new HikariDataSource(hikari);
            }
            try (Connection c = probePool.getConnection();
                    Statement s = c.createStatement()) {
                s.setQueryTimeout(1);
                s.execute("SELECT 1");
            }
            if (!available) {
                LOG.info("the database is reachable again");
            }
            available = true;
        } catch (SQLException | RuntimeException e) {
            down();
        }
    }

    @Override
    public synchronized void close() {
        closed = true;
        if (prober != null) {
            prober.shutdownNow();
            try {
                prober.awaitTermination(2, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        if (probePool != null) {
            probePool.close();
        }
    }
}
