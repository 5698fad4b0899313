package io.pandu.store;

import java.util.Map;

/**
 * Where the store lives. Defaults to an H2 file database under {@code ./data/}; PostgreSQL (or any
 * other H2 URL) by {@code PANDU_DB_URL}, {@code PANDU_DB_USER}, {@code PANDU_DB_PASSWORD}. {@code
 * schema} (optional) puts every table in that schema, created if missing.
 */
public record DbConfig(String url, String user, String password, String schema, int poolSize) {
    public static final String DEFAULT_URL = "jdbc:h2:file:./data/pandu";

    public DbConfig {
        if (url == null || url.isBlank()) {
            url = DEFAULT_URL;
        }
        if (url.startsWith("jdbc:h2:")
                && !url.toUpperCase(java.util.Locale.ROOT).contains("MODE=")) {
            // one dialect for both databases: H2 behaves like PostgreSQL, identifiers in lower case
            url = url + ";MODE=PostgreSQL;DATABASE_TO_LOWER=TRUE;DEFAULT_NULL_ORDERING=HIGH";
        }
        if (isH2File(url) && !url.toUpperCase(java.util.Locale.ROOT).contains("AUTO_SERVER=")) {
            // the first process to open the file serves it to the others (pandu user create, import
            // while pandu serve runs): one process writes the file, the others connect to it
            url = url + ";AUTO_SERVER=TRUE";
        }
        if (user == null) {
            user = url.startsWith("jdbc:h2:") ? "sa" : null;
        }
        if (password == null) {
            password = "";
        }
        poolSize = poolSize <= 0 ? 8 : poolSize;
    }

    public DbConfig(String url, String user, String password) {
        this(url, user, password, null, 0);
    }

    public static DbConfig fromEnv() {
        return fromEnv(System.getenv());
    }

    public static DbConfig fromEnv(Map<String, String> env) {
        return new DbConfig(
                env.get("PANDU_DB_URL"),
                env.get("PANDU_DB_USER"),
                env.get("PANDU_DB_PASSWORD"),
                env.get("PANDU_DB_SCHEMA"),
                0);
    }

    public boolean isH2() {
        return url.startsWith("jdbc:h2:");
    }

    public boolean isPostgres() {
        return url.startsWith("jdbc:postgresql:");
    }

    /** An H2 database in a file (not in memory, not a server of its own). */
    private static boolean isH2File(String url) {
        if (!url.startsWith("jdbc:h2:")) {
            return false;
        }
        String rest = url.substring("jdbc:h2:".length()).toLowerCase(java.util.Locale.ROOT);
        return !rest.startsWith("mem:")
                && !rest.startsWith("tcp:")
                && !rest.startsWith("ssl:")
                && !rest.startsWith("zip:");
    }

    /** The file of an H2 file store ({@code data/pandu.mv.db}); empty for any other store. */
    public java.util.Optional<java.nio.file.Path> h2File() {
        if (!isH2File(url)) {
            return java.util.Optional.empty();
        }
        String path = url.substring("jdbc:h2:".length()).split(";", 2)[0];
        if (path.startsWith("file:")) {
            path = path.substring("file:".length());
        }
        if (path.startsWith("~")) {
            path = System.getProperty("user.home") + path.substring(1);
        }
        return java.util.Optional.of(java.nio.file.Path.of(path + ".mv.db").normalize());
    }

    /** The URL without credentials, for start-up messages. */
    public String describe() {
        int semicolon = url.indexOf(';');
        String shown =
                isH2() && semicolon > 0
                        ? url.substring(0, semicolon)
                        : url.replaceAll("password=[^&]*", "password=***");
        return shown + (schema == null ? "" : " (schema " + schema + ")");
    }
}
