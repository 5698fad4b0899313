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
 */
public record HttpSettings(
        String host,
        int port,
        Path web,
        String jwtSecret,
        long bodyLimit,
        long importLimit,
        int instances) {
    public static final long BODY_LIMIT = 1024 * 1024;

    /** {@code 64 MB}, {@code 512 KB}, {@code 1000 bytes}: a limit as people say it. */
    public static String describe(long bytes) {
        if (bytes % (1024 * 1024) == 0) {
            return bytes / (1024 * 1024) + " MB";
        }
        return bytes % 1024 == 0 ? bytes / 1024 + " KB" : bytes + " bytes";
    }
}
