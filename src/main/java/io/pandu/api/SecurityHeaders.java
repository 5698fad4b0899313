package io.pandu.api;

import io.vertx.core.Handler;
import io.vertx.core.MultiMap;
import io.vertx.ext.web.RoutingContext;

/**
 * The router's first handler: every response (API, web UI, {@code /docs}, errors) leaves with a
 * Content-Security-Policy, {@code X-Frame-Options: DENY}, {@code X-Content-Type-Options: nosniff}
 * and {@code Referrer-Policy: no-referrer}; API responses also with {@code Cache-Control:
 * no-store}. The headers are set when the response's headers are written, so a failure rendered
 * later by {@link Problems} carries them too.
 *
 * <p>The web UI's policy admits only its own origin: ES modules, style sheets, images and API calls
 * from 'self', no inline script or style attribute. {@code /docs} (Swagger UI) sets inline styles,
 * so its policy also allows 'unsafe-inline' styles and data: images; its scripts are still 'self'
 * only. The one inline script of the web UI, its import map, is admitted by its hash ({@link
 * ImportMap}).
 */
final class SecurityHeaders implements Handler<RoutingContext> {
    private static final String UI_POLICY =
            "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:;"
                    + " font-src 'self'; connect-src 'self'; object-src 'none'; base-uri 'none';"
                    + " form-action 'self'; frame-ancestors 'none'";
    static final String DOCS_POLICY =
            "default-src 'self'; script-src 'self'; style-src 'self' 'unsafe-inline';"
                    + " img-src 'self' data:; font-src 'self'; connect-src 'self'; object-src 'none';"
                    + " base-uri 'none'; form-action 'self'; frame-ancestors 'none'";

    private final String uiPolicy;

    /**
     * @param importMap the CSP source of the web UI's import map, or null when it has none
     */
    SecurityHeaders(String importMap) {
        this.uiPolicy =
                importMap == null
                        ? UI_POLICY
                        : UI_POLICY.replace(
                                "script-src 'self';", "script-src 'self' " + importMap + ";");
    }

    /** The policy of the web UI's responses. */
    String uiPolicy() {
        return uiPolicy;
    }

    @Override
    public void handle(RoutingContext rc) {
        String path = rc.normalizedPath();
        rc.addHeadersEndHandler(
                v -> {
                    MultiMap headers = rc.response().headers();
                    headers.set(
                            "Content-Security-Policy",
                            path.equals("/docs") || path.startsWith("/docs/")
                                    ? DOCS_POLICY
                                    : uiPolicy);
                    headers.set("X-Frame-Options", "DENY");
                    headers.set("X-Content-Type-Options", "nosniff");
                    headers.set("Referrer-Policy", "no-referrer");
                    if (path.startsWith("/api/")) {
                        headers.set("Cache-Control", "no-store");
                    }
                });
        rc.next();
    }
}
