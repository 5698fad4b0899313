package io.pandu.api;

import io.pandu.auth.Caller;
import io.pandu.runs.EvaluationRuns;
import io.pandu.runs.Trigger;
import io.pandu.store.Page;
import io.vertx.ext.web.openapi.router.RouterBuilder;

/** Evaluation runs over the stored pipeline: start one, follow its progress, read its rule firings. */
final class RunRoutes {
    private final EvaluationRuns runs;

    RunRoutes(Backend backend) {
        this.runs = backend.services().runs();
    }

    void mount(RouterBuilder api) {
        api.getRoute("startRun").addHandler(rc -> {
            Caller caller = Access.caller(rc);
            Reply.json(rc, () -> runs.start(caller, Trigger.ON_DEMAND), run -> 202);
        });
        api.getRoute("listRuns").addHandler(rc -> {
            Caller caller = Access.caller(rc);
            Page page = Params.page(rc);
            Reply.ok(rc, () -> runs.list(caller, page));
        });
        api.getRoute("getRun").addHandler(rc -> {
            Caller caller = Access.caller(rc);
            long id = Params.pathLong(rc, "id");
            Reply.ok(rc, () -> runs.get(caller, id));
        });
        api.getRoute("runFirings").addHandler(rc -> {
            Caller caller = Access.caller(rc);
            long id = Params.pathLong(rc, "id");
            Reply.ok(rc, () -> runs.firings(caller, id));
        });
        api.getRoute("ruleFirings").addHandler(rc -> {
            Caller caller = Access.caller(rc);
            Reply.ok(rc, () -> runs.lastFirings(caller));
        });
    }
}
