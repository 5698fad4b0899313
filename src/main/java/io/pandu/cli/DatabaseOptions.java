package io.pandu.cli;

import io.pandu.store.DbConfig;
import java.io.PrintWriter;
import java.util.Map;
import picocli.CommandLine.Option;

/**
 * Where the store is: options, else PANDU_DB_URL / PANDU_DB_USER / PANDU_DB_PASSWORD /
 * PANDU_DB_SCHEMA, else ./data/pandu (H2). The password is read from the environment only (an
 * option would show it in the process list).
 */
final class DatabaseOptions {
    @Option(
            names = "--db-url",
            description =
                    "JDBC URL of the store (default: $PANDU_DB_URL, else "
                            + DbConfig.DEFAULT_URL
                            + ")")
    String url;

    @Option(names = "--db-user", description = "Database user (default: $PANDU_DB_USER)")
    String user;

    @Option(
            names = "--db-schema",
            description =
                    "Schema every table goes in, created if missing (default: $PANDU_DB_SCHEMA, else"
                            + " the database's default)")
    String schema;

    /** The store to open (and migrate), saying which one on stderr. */
    DbConfig config(PrintWriter err) {
        DbConfig config = config(System.getenv());
        err.println("Store: " + config.describe());
        return config;
    }

    /** The store of these options, each one left out taken from {@code env}. */
    DbConfig config(Map<String, String> env) {
        return new DbConfig(
                url != null ? url : env.get("PANDU_DB_URL"),
                user != null ? user : env.get("PANDU_DB_USER"),
                env.get("PANDU_DB_PASSWORD"),
                schema != null ? schema : env.get("PANDU_DB_SCHEMA"),
                0);
    }
}
