package io.pandu.api;

import io.vertx.core.Vertx;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Base64;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The web UI's one inline script: the import map in {@code index.html} that names where the code
 * editor's bare module specifiers ({@code @codemirror/view}) live. A browser refuses it under
 * {@code script-src 'self'}, and an import map cannot be an external file, so the policy admits
 * exactly this text by its SHA-256 hash: any other inline script is still refused.
 */
final class ImportMap {
    private static final Pattern SCRIPT =
            Pattern.compile("<script type=\"importmap\">(.*?)</script>", Pattern.DOTALL);

    private ImportMap() {}

    /**
     * The CSP source ({@code 'sha256-…'}) of the import map in the web UI's index page, or null
     * when the page has none; read once when the server starts (from the folder, else the jar).
     */
    static String cspSource(Vertx vertx, Path web) {
        String index = web.resolve("index.html").toString();
        if (!vertx.fileSystem().existsBlocking(index)) {
            return null;
        }
        return cspSource(
                vertx.fileSystem().readFileBlocking(index).toString(StandardCharsets.UTF_8));
    }

    /** The CSP source of the import map in this page, or null when it has none. */
    static String cspSource(String html) {
        Matcher m = SCRIPT.matcher(html);
        if (!m.find()) {
            return null;
        }
        try {
            byte[] digest =
                    MessageDigest.getInstance("SHA-256")
                            .digest(m.group(1).getBytes(StandardCharsets.UTF_8));
            return "'sha256-" + Base64.getEncoder().encodeToString(digest) + "'";
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java has SHA-256", e);
        }
    }
}
