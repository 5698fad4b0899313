package io.pandu.api;

import java.nio.file.Path;

/**
 * What the HTTP server needs to know, taken from the service's configuration by the composition
 * root.
 *
 * @param web static files of the web UI (without that folder, the copy in the jar)
 * @param jwtSecret HS256 secret the tokens are signed with
 * @param bodyLimit largest request body in bytes (a JSON call is read into memory)
 * @param importLimit largest body of a CSV upload in bytes; its files are streamed to disk
 * @param instances server verticle instances (event loops serving HTTP)
 * @param tokenLifetime how long a token issued at sign-in works; one claiming longer is refused
 * @param demo demo mode: the sign-in page shows the demo accounts
 */
public record HttpSettings(
        String host,
        int port,
        Path web,
        String jwtSecret,
        long bodyLimit,
        long importLimit,
        int instances,
        java.time.Duration tokenLifetime,
        boolean demo) {
    public static final long BODY_LIMIT = 1024 * 1024;

    /** Tokens work 12 hours: a working day, and not the night after. */
    public static final java.time.Duration TOKEN_LIFETIME = java.time.Duration.ofHours(12);

    /** {@code 64 MB}, {@code 512 KB}, {@code 1000 bytes}: a limit as people say it. */
    public static String describe(long bytes) {
        if (bytes % (1024 * 1024) == 0) {
            return bytes / (1024 * 1024) + " MB";
        }
        return bytes % 1024 == 0 ? bytes / 1024 + " KB" : bytes + " bytes";
    }
}
