package io.pandu.store;

import io.pandu.errors.PanduException;
import java.sql.SQLException;

/**
 * The database failed (unreachable, constraint broken): HTTP 500, the SQL state kept in the
 * message.
 */
public class StoreException extends PanduException {
    public StoreException(SQLException cause) {
        super(
                500,
                "store-error",
                "database error"
                        + (cause.getSQLState() == null ? "" : " " + cause.getSQLState())
                        + ": "
                        + cause.getMessage());
        initCause(cause);
    }
}
