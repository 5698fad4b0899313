package io.pandu.api;

import io.pandu.errors.InvalidInputException;
import io.pandu.errors.PanduException;
import io.vertx.ext.web.FileUpload;
import io.vertx.ext.web.RoutingContext;
import java.time.Duration;

/**
 * Watches an upload while its body is read, so that no upload hangs or leaks. A client that stops
 * sending for {@link #IDLE} gets a 408 and its connection is closed; a body that has ended without
 * its closing multipart boundary (Vert.x would wait for the last part for ever, its file open) gets
 * a 400 once the request has been over for {@link #END_GRACE}. Either way, and whenever the request
 * ends or its connection drops, every file part is cancelled: its file handle closed and its temp
 * file deleted (the body handler deletes the finished ones when the response ends).
 */
final class UploadGuard {
    /** How long an upload may send nothing before it is answered 408. */
    static final Duration IDLE = Duration.ofSeconds(10);

    /** How long after the last byte the body handler may take to hand the upload over. */
    static final Duration END_GRACE = Duration.ofSeconds(1);

    private static final long TICK_MILLIS = 250;

    private final RoutingContext rc;
    private long timer;
    private long bytesSeen = -1;
    private long lastProgress;
    private long endedAt = -1;
    private boolean cancelled;

    private UploadGuard(RoutingContext rc) {
        this.rc = rc;
    }

    /** Starts watching; stops by itself once the body has been read or the response has ended. */
    static void watch(RoutingContext rc) {
        UploadGuard guard = new UploadGuard(rc);
        guard.lastProgress = System.nanoTime();
        guard.timer = rc.vertx().setPeriodic(TICK_MILLIS, id -> guard.tick());
        rc.addEndHandler(done -> guard.finish());
    }

    private void tick() {
        if (rc.response().ended() || !RequestBodies.failedReading(rc)) {
            rc.vertx().cancelTimer(timer); // answered, or the body is read: the handler has it
            return;
        }
        long now = System.nanoTime();
        long bytes = rc.request().bytesRead();
        if (bytes != bytesSeen) {
            bytesSeen = bytes;
            lastProgress = now;
        }
        if (rc.request().isEnded()) {
            if (endedAt < 0) {
                endedAt = now;
            } else if (now - endedAt >= END_GRACE.toNanos()) {
                give(
                        new InvalidInputException(
                                "$",
                                "the multipart body ended without its closing boundary"
                                        + " (--BOUNDARY--): the last part is incomplete"));
            }
        } else if (now - lastProgress >= IDLE.toNanos()) {
            give(
                    new PanduException(
                            408,
                            "request-timeout",
                            "the upload sent nothing for "
                                    + IDLE.toSeconds()
                                    + " s; send the whole body without pausing"));
        }
    }

    private void give(PanduException problem) {
        rc.vertx().cancelTimer(timer);
        cancelUploads();
        if (!rc.response().ended()) {
            rc.fail(problem);
        }
    }

    private void finish() {
        rc.vertx().cancelTimer(timer);
        cancelUploads();
    }

    /**
     * Closes and deletes the files of parts still being written; finished ones say false. Once: a
     * cancelled part's pipe fails, and the body handler then cancels every part itself, so a second
     * cancel meets a closed file (Vert.x throws); each part is cancelled on its own, so one that is
     * already closed does not keep the others open.
     */
    private void cancelUploads() {
        if (cancelled) {
            return;
        }
        cancelled = true;
        for (FileUpload upload : rc.fileUploads()) {
            try {
                upload.cancel();
            } catch (IllegalStateException alreadyClosed) {
                // closed by the body handler's own clean-up: nothing left open
            }
        }
    }
}
