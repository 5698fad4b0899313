package io.pandu.api;

import io.pandu.auth.Caller;
import io.pandu.runs.EvaluationRuns;
import io.pandu.runs.Trigger;
import io.pandu.store.Page;
import io.vertx.ext.web.RoutingContext;
import io.vertx.ext.web.openapi.router.RouterBuilder;

/**
 * Evaluation runs over the stored pipeline: start one, follow its progress, read its rule firings.
 */
final class RunRoutes {
    private final EvaluationRuns runs;

    RunRoutes(EvaluationRuns runs) {
        this.runs = runs;
    }

    void mount(RouterBuilder api) {
        api.getRoute("startRun").addHandler(this::start);
        api.getRoute("listRuns").addHandler(this::list);
        api.getRoute("getRun").addHandler(Handlers.byNumericId(runs::get));
        api.getRoute("runFirings").addHandler(Handlers.byNumericId(runs::firings));
        api.getRoute("ruleFirings").addHandler(Handlers.forCaller(runs::lastFirings));
    }

    /** 202: the run goes on in the background; GET /api/v1/runs/{id} follows it. */
    private void start(RoutingContext rc) {
        Caller caller = Access.caller(rc);
        Reply.json(rc, () -> runs.start(caller, Trigger.ON_DEMAND), run -> 202);
    }

    private void list(RoutingContext rc) {
        Caller caller = Access.caller(rc);
        Page page = Params.page(rc);
        Reply.ok(rc, () -> runs.list(caller, page));
    }
}
