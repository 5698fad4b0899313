package io.pandu.api;

import io.pandu.facts.FactSetJson;
import io.vertx.core.Future;
import io.vertx.core.Handler;
import io.vertx.core.WorkerExecutor;
import io.vertx.core.buffer.Buffer;
import io.vertx.ext.web.RoutingContext;
import java.util.concurrent.Callable;
import java.util.function.ToIntFunction;

/**
 * How a handler answers: the service call runs on a worker thread (never the event loop, since
 * rules and JDBC block), its result is rendered to JSON there too, and the event loop only writes
 * the bytes. A failure goes to the failure handler, which renders it as problem JSON.
 */
public final class Reply {
    public static final String JSON = "application/json";

    private Reply() {}

    private record Rendered(int status, Buffer body) {}

    /** Where the routing context keeps the workers for calls that use the store. */
    static final String STORE_WORKERS = "pandu.storeWorkers";

    /** ... and for calls that need no store (evaluation, rules, playbooks, health). */
    static final String RULES_WORKERS = "pandu.rulesWorkers";

    /**
     * A root handler that hands every request the two worker pools: calls that wait on the database
     * run on one, calls that need no database on the other, so a database outage that blocks every
     * store worker for its connection time-out cannot starve evaluation.
     */
    static Handler<RoutingContext> workers(WorkerExecutor store, WorkerExecutor rules) {
        return rc -> {
            rc.put(STORE_WORKERS, store);
            rc.put(RULES_WORKERS, rules);
            rc.next();
        };
    }

    /** 200 with the result of {@code work} as JSON. */
    public static <T> void ok(RoutingContext rc, Callable<T> work) {
        json(rc, work, result -> 200);
    }

    /** 200 with the result of {@code work}, which needs no database, on the rules workers. */
    public static <T> void stateless(RoutingContext rc, Callable<T> work) {
        json(rc, RULES_WORKERS, work, result -> 200);
    }

    /** The same, with a status that may depend on the result. */
    public static <T> void stateless(RoutingContext rc, Callable<T> work, ToIntFunction<T> status) {
        json(rc, RULES_WORKERS, work, status);
    }

    private static <T> Future<T> blocking(RoutingContext rc, String pool, Callable<T> work) {
        WorkerExecutor workers = rc.get(pool);
        return workers == null
                ? rc.vertx().executeBlocking(work, false)
                : workers.executeBlocking(work, false);
    }

    /**
     * The result of {@code work} as JSON, with a status that may depend on it (e.g. 201 when
     * created).
     */
    public static <T> void json(RoutingContext rc, Callable<T> work, ToIntFunction<T> status) {
        json(rc, STORE_WORKERS, work, status);
    }

    private static <T> void json(
            RoutingContext rc, String pool, Callable<T> work, ToIntFunction<T> status) {
        Reply.<Rendered>blocking(
                        rc,
                        pool,
                        () -> {
                            T result = work.call();
                            return new Rendered(
                                    status.applyAsInt(result),
                                    Buffer.buffer(FactSetJson.mapper().writeValueAsBytes(result)));
                        })
                .onComplete(
                        done -> {
                            if (done.failed()) {
                                rc.fail(done.cause());
                                return;
                            }
                            rc.response()
                                    .setStatusCode(done.result().status())
                                    .putHeader("Content-Type", JSON)
                                    .end(done.result().body());
                        });
    }

    public static final String CSV = "text/csv";

    /** Whether the caller asked for CSV ({@code Accept: text/csv}) rather than JSON. */
    public static boolean wantsCsv(RoutingContext rc) {
        String accept = rc.request().getHeader("Accept");
        return accept != null && accept.toLowerCase(java.util.Locale.ROOT).contains(CSV);
    }

    /** 200 with the text {@code work} makes as a CSV download named {@code fileName}. */
    public static void csv(RoutingContext rc, String fileName, Callable<String> work) {
        rc.vertx()
                .executeBlocking(work, false)
                .onComplete(
                        done -> {
                            if (done.failed()) {
                                rc.fail(done.cause());
                                return;
                            }
                            rc.response()
                                    .setStatusCode(200)
                                    .putHeader("Content-Type", CSV + "; charset=utf-8")
                                    .putHeader(
                                            "Content-Disposition",
                                            "attachment; filename=\"" + fileName + "\"")
                                    .end(done.result());
                        });
    }

    /** 200 with the bytes {@code work} reads (a file's content) as {@code contentType}. */
    public static void bytes(RoutingContext rc, String contentType, Callable<byte[]> work) {
        blocking(rc, STORE_WORKERS, work)
                .onComplete(
                        done -> {
                            if (done.failed()) {
                                rc.fail(done.cause());
                                return;
                            }
                            rc.response()
                                    .setStatusCode(200)
                                    .putHeader("Content-Type", contentType)
                                    .end(Buffer.buffer(done.result()));
                        });
    }

    /** 204 once {@code work} has run. */
    public static void noContent(RoutingContext rc, Callable<?> work) {
        blocking(rc, STORE_WORKERS, work)
                .onComplete(
                        done -> {
                            if (done.failed()) {
                                rc.fail(done.cause());
                                return;
                            }
                            rc.response().setStatusCode(204).end();
                        });
    }
}
