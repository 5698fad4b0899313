package io.pandu.api;

import io.pandu.facts.FactSet;
import io.vertx.ext.web.RoutingContext;
import io.vertx.ext.web.openapi.router.RouterBuilder;

/** Stateless evaluation. */
final class GuidanceRoutes {
    private final Backend backend;

    GuidanceRoutes(Backend backend) {
        this.backend = backend;
    }

    void mount(RouterBuilder api) {
        api.getRoute("evaluate").addHandler(this::evaluate);
    }

    private void evaluate(RoutingContext rc) {
        Reply.ok(rc, () -> backend.evaluate().evaluate(Params.body(rc, FactSet.class)));
    }
}
