package io.pandu.store;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import io.pandu.errors.PanduException;
import java.sql.Connection;
import java.sql.SQLException;
import javax.sql.DataSource;
import org.flywaydb.core.Flyway;

/**
 * The store's connection pool, migrated to the latest schema on open (Flyway, {@code
 * db/migration}). One code path for H2 and PostgreSQL. Use {@link #tx} for work that must be atomic
 * and {@link #jdbc()} for single statements.
 */
public final class Database implements AutoCloseable {
    /** H2's "Database may be already in use" (ErrorCode.DATABASE_ALREADY_OPEN_1). */
    private static final int H2_ALREADY_OPEN = 90020;

    static {
        // H2's AUTO_SERVER would listen on every interface; the commands that share a file store
        // run on the same machine, so the loopback address is enough (read once, before H2 loads)
        if (System.getProperty("h2.bindAddress") == null) {
            System.setProperty("h2.bindAddress", "127.0.0.1");
        }
    }

    private final DbConfig config;
    private final HikariDataSource dataSource;
    private final Jdbc jdbc;
    private final Availability availability;

    private Database(DbConfig config, HikariDataSource dataSource) {
        this.config = config;
        this.dataSource = dataSource;
        this.jdbc = new Jdbc(this);
        this.availability = new Availability(config);
    }

    /**
     * How long a request waits for a connection: a request path would rather answer 503 at once
     * than hang while the database is gone (Hikari's default is 30 s).
     */
    public static final long CONNECTION_TIMEOUT_MILLIS = 2000;

    public static Database open(DbConfig config) {
        HikariConfig hikari =
                pool(config, "pandu-db", config.poolSize(), CONNECTION_TIMEOUT_MILLIS);
        HikariDataSource ds;
        try {
            ds = new HikariDataSource(hikari);
        } catch (RuntimeException e) {
            throw inUse(config, e).orElseThrow(() -> e);
        }
        try {
            var flyway = Flyway.configure().dataSource(ds).locations("classpath:db/migration");
            if (config.schema() != null) {
                flyway.schemas(config.schema()).defaultSchema(config.schema());
            }
            flyway.load().migrate();
        } catch (RuntimeException e) {
            ds.close();
            throw e;
        }
        return new Database(config, ds);
    }

    /**
     * A pool with short time-outs: a connection within {@code connectionTimeoutMillis}, a liveness
     * check within 1 s, and for PostgreSQL a TCP connect and login within 2 s.
     */
    static HikariConfig pool(DbConfig config, String name, int size, long connectionTimeoutMillis) {
        HikariConfig hikari = new HikariConfig();
        hikari.setJdbcUrl(config.url());
        hikari.setUsername(config.user());
        hikari.setPassword(config.password());
        hikari.setMaximumPoolSize(size);
        hikari.setPoolName(name);
        hikari.setConnectionTimeout(connectionTimeoutMillis);
        hikari.setValidationTimeout(Math.min(1000, connectionTimeoutMillis));
        if (config.url().startsWith("jdbc:postgresql:")) {
            hikari.addDataSourceProperty("connectTimeout", "2");
            hikari.addDataSourceProperty("loginTimeout", "2");
        }
        if (config.schema() != null) {
            hikari.setSchema(config.schema());
        }
        return hikari;
    }

    /**
     * H2 refuses a file another process holds without serving it (a Pandu that predates
     * AUTO_SERVER, or a URL that turns it off): said in Pandu's words, with the file.
     */
    private static java.util.Optional<PanduException> inUse(DbConfig config, Throwable failure) {
        for (Throwable t = failure; t != null; t = t.getCause()) {
            if (t instanceof SQLException sql && sql.getErrorCode() == H2_ALREADY_OPEN) {
                return java.util.Optional.of(inUse(config));
            }
        }
        return java.util.Optional.empty();
    }

    /** "another Pandu is using data/pandu.mv.db" (409). */
    public static PanduException inUse(DbConfig config) {
        return new PanduException(
                409,
                "store-in-use",
                "another Pandu is using "
                        + config.h2File().map(Object::toString).orElse(config.describe()));
    }

    /**
     * Fails with {@link #inUse} unless this process holds the store's H2 file itself rather than
     * reaching it through the process that does (AUTO_SERVER): two servers must not share one file.
     * Any other store passes.
     */
    public void requireOwnFile() {
        if (config.h2File().isEmpty()) {
            return;
        }
        try (Connection c = dataSource.getConnection()) {
            if (c.unwrap(org.h2.jdbc.JdbcConnection.class).getSession()
                    instanceof org.h2.engine.SessionRemote) {
                throw inUse(config);
            }
        } catch (SQLException e) {
            throw new StoreException(e);
        }
    }

    public static Database fromEnv() {
        return open(DbConfig.fromEnv());
    }

    public DbConfig config() {
        return config;
    }

    public DataSource dataSource() {
        return dataSource;
    }

    public Jdbc jdbc() {
        return jdbc;
    }

    /** Work that needs a connection of its own. */
    public interface Work<T> {
        T run(Connection connection) throws SQLException;
    }

    /**
     * Runs {@code work} in one transaction: committed when it returns, rolled back when it throws.
     */
    public <T> T tx(Work<T> work) {
        try (Connection c = dataSource.getConnection()) {
            c.setAutoCommit(false);
            try {
                T result = work.run(c);
                c.commit();
                return result;
            } catch (SQLException | RuntimeException e) {
                rollbackQuietly(c);
                throw e;
            }
        } catch (SQLException e) {
            if (StoreUnavailableException.isConnectivity(e)) {
                availability.down();
                throw new StoreUnavailableException(e);
            }
            throw new StoreException(e);
        }
    }

    /** A connection that broke cannot roll back either; the first failure is the one to tell. */
    private static void rollbackQuietly(Connection c) {
        try {
            c.rollback();
        } catch (SQLException ignored) {
            // the transaction dies with the connection
        }
    }

    /**
     * Whether the store answered its last probe, without waiting: a prober checks it twice a second
     * on a connection pool of its own with a 250 ms time-out (started on the first call), and a
     * request that finds it unreachable says so at once.
     */
    public boolean available() {
        return availability.available();
    }

    /**
     * Whether the store answers (a {@code SELECT 1}); false rather than an exception when it does
     * not.
     */
    public boolean reachable() {
        try {
            return jdbc.count("SELECT 1") == 1;
        } catch (RuntimeException e) {
            return false;
        }
    }

    /**
     * Whether a store failure is a broken unique key (SQL state 23505 on H2 and PostgreSQL alike).
     */
    public static boolean isUniqueViolation(StoreException e) {
        for (Throwable t = e.getCause(); t != null; t = t.getCause()) {
            if (t instanceof SQLException sql) {
                for (SQLException s = sql; s != null; s = s.getNextException()) {
                    if ("23505".equals(s.getSQLState())) {
                        return true;
                    }
                }
            }
        }
        return false;
    }

    @Override
    public void close() {
        availability.close();
        dataSource.close();
    }
}
