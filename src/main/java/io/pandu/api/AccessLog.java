package io.pandu.api;

import io.vertx.core.Handler;
import io.vertx.ext.web.RoutingContext;
import java.util.UUID;
import java.util.regex.Pattern;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One line per request on the logger {@code pandu.access}: request id, method, path, status and
 * duration. The path is logged without its query string and no header is logged, so tokens and
 * passwords never reach the log. The request id is the caller's {@code X-Request-Id} when it is a
 * short plain token (a proxy's id, so the two logs can be joined), otherwise a new one; it is
 * returned in the response's {@code X-Request-Id} and kept on the context for error bodies.
 */
final class AccessLog implements Handler<RoutingContext> {
    static final String REQUEST_ID = "requestId";
    private static final Logger LOG = LoggerFactory.getLogger("pandu.access");
    private static final Pattern PLAIN_ID = Pattern.compile("[A-Za-z0-9._-]{1,64}");

    @Override
    public void handle(RoutingContext rc) {
        long started = System.nanoTime();
        String given = rc.request().getHeader("X-Request-Id");
        String id =
                given != null && PLAIN_ID.matcher(given).matches()
                        ? given
                        : UUID.randomUUID().toString();
        rc.put(REQUEST_ID, id);
        rc.addHeadersEndHandler(v -> rc.response().headers().set("X-Request-Id", id));
        if (LOG.isInfoEnabled()) {
            String method = rc.request().method().name();
            String path = rc.request().path();
            rc.addEndHandler(
                    done -> {
                        long ms = (System.nanoTime() - started) / 1_000_000;
                        int status = rc.response().getStatusCode();
                        LOG.atInfo()
                                .addKeyValue("requestId", id)
                                .addKeyValue("method", method)
                                .addKeyValue("path", path)
                                .addKeyValue("status", status)
                                .addKeyValue("durationMs", ms)
                                .log("{} {} {} {} {} ms", id, method, path, status, ms);
                    });
        }
        rc.next();
    }
}
