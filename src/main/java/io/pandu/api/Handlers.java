package io.pandu.api;

import io.pandu.auth.Caller;
import io.vertx.core.Handler;
import io.vertx.ext.web.RoutingContext;

/**
 * The common shapes of a handler: read the caller (and the {@code id} of the path), call one
 * service method with them, render the result as JSON.
 */
final class Handlers {
    private Handlers() {}

    /** A service call that needs only the caller. */
    interface ForCaller<T> {
        T call(Caller caller) throws Exception;
    }

    /** A service call about one object, named by the caller and the object's id. */
    interface ForId<I, T> {
        T call(Caller caller, I id) throws Exception;
    }

    static <T> Handler<RoutingContext> forCaller(ForCaller<T> service) {
        return rc -> {
            Caller caller = Access.caller(rc);
            Reply.ok(rc, () -> service.call(caller));
        };
    }

    /** {@code id} is a string path parameter. */
    static <T> Handler<RoutingContext> byId(ForId<String, T> service) {
        return rc -> {
            Caller caller = Access.caller(rc);
            String id = Params.path(rc, "id");
            Reply.ok(rc, () -> service.call(caller, id));
        };
    }

    /** {@code id} is a numeric path parameter (alerts, runs). */
    static <T> Handler<RoutingContext> byNumericId(ForId<Long, T> service) {
        return rc -> {
            Caller caller = Access.caller(rc);
            long id = Params.pathLong(rc, "id");
            Reply.ok(rc, () -> service.call(caller, id));
        };
    }
}
