package io.pandu.api;

import io.vertx.core.Handler;
import io.vertx.core.http.HttpHeaders;
import io.vertx.core.http.HttpMethod;
import io.vertx.ext.web.RoutingContext;
import io.vertx.ext.web.handler.BodyHandler;
import java.nio.file.Path;

/**
 * Reads request bodies, the root handler after {@link Access} (so a caller without the right token
 * is turned away before any body is read). A JSON call is read into memory up to the body limit (1
 * MB); the Maven CRM upload is streamed to files in the uploads directory up to the import limit
 * (64 MB), and those files are deleted when the response ends. The choice is made here, by path,
 * because Vert.x's BodyHandler marks the routing context as seen: a second BodyHandler on the
 * upload route would be skipped. Only a multipart body to that path gets the larger limit, so
 * nothing else is buffered in memory beyond 1 MB.
 */
final class RequestBodies implements Handler<RoutingContext> {
    /** The body limit that applied to a request, for the 413 problem's detail. */
    static final String LIMIT = "pandu.bodyLimit";

    /**
     * Set while the body is being read: a failure then is the client's body, not the server's
     * fault.
     */
    static final String READING = "pandu.readingBody";

    private final BodyHandler json;
    private final BodyHandler uploads;
    private final long bodyLimit;
    private final long importLimit;

    RequestBodies(HttpSettings settings, Path uploadsDir) {
        this.bodyLimit = settings.bodyLimit();
        this.importLimit = settings.importLimit();
        this.json = BodyHandler.create(false).setBodyLimit(bodyLimit);
        this.uploads =
                BodyHandler.create(uploadsDir.toString())
                        .setBodyLimit(importLimit)
                        .setDeleteUploadedFilesOnEnd(true)
                        .setMergeFormAttributes(false);
    }

    @Override
    public void handle(RoutingContext rc) {
        boolean upload =
                rc.request().method() == HttpMethod.POST
                        && MavenCrmUpload.isPath(rc.normalizedPath())
                        && MavenCrmUpload.isMultipart(
                                rc.request().getHeader(HttpHeaders.CONTENT_TYPE));
        rc.put(LIMIT, upload ? importLimit : bodyLimit);
        rc.put(READING, true);
        if (upload) {
            UploadGuard.watch(rc);
        }
        (upload ? uploads : json).handle(rc);
    }

    /** The root handler right after this one: the body has been read. */
    static void read(RoutingContext rc) {
        rc.remove(READING);
        rc.next();
    }

    /**
     * Whether the request failed before its body was read (e.g. a malformed or aborted multipart
     * body).
     */
    static boolean failedReading(RoutingContext rc) {
        return Boolean.TRUE.equals(rc.get(READING));
    }
}
