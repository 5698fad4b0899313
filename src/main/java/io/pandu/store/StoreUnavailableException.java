package io.pandu.store;

import io.pandu.errors.ServiceUnavailableException;
import java.sql.SQLException;

/**
 * The database could not be reached (no connection within the timeout, a connection that broke, a
 * server shutting down): 503 with Retry-After. The message names no pool, host or SQL; the cause
 * stays for the log.
 */
public final class StoreUnavailableException extends ServiceUnavailableException {
    /** Seconds a client is asked to wait: about what a database restart or fail-over takes. */
    public static final long RETRY_AFTER_SECONDS = 5;

    public StoreUnavailableException(SQLException cause) {
        super(
                "store-unavailable",
                "the database is not reachable right now; try again in a few seconds",
                RETRY_AFTER_SECONDS);
        initCause(cause);
    }

    /**
     * Whether a failure means the database is out of reach rather than a bad statement: a pool
     * time-out, a connection error (SQL state class 08), or a server shutting down or starting
     * (57P01–57P03).
     */
    static boolean isConnectivity(SQLException e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof java.sql.SQLTransientConnectionException
                    || t instanceof java.sql.SQLNonTransientConnectionException
                    || t instanceof java.net.SocketException
                    || t instanceof java.io.EOFException) {
                return true;
            }
            if (t instanceof SQLException sql && sql.getSQLState() != null) {
                String state = sql.getSQLState();
                if (state.startsWith("08") || state.startsWith("57P")) {
                    return true;
                }
            }
            if (t.getCause() == t) {
                break;
            }
        }
        return false;
    }
}
