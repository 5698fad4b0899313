package io.pandu.cli;

import io.pandu.store.DbConfig;
import java.io.PrintWriter;
import picocli.CommandLine.Option;

/**
 * Where the store is: options, else PANDU_DB_URL / PANDU_DB_USER / PANDU_DB_PASSWORD, else
 * ./data/pandu (H2).
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

    /** The store to open (and migrate), saying which one on stderr. */
    DbConfig config(PrintWriter err) {
        DbConfig env = DbConfig.fromEnv();
        DbConfig config =
                new DbConfig(
                        url != null ? url : env.url(),
                        user != null ? user : env.user(),
                        env.password(),
                        env.schema(),
                        0);
        err.println("Store: " + config.describe());
        return config;
    }
}
