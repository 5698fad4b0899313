package io.pandu.api;

import io.pandu.auth.Caller;
import io.pandu.effect.Effectiveness;
import io.vertx.ext.web.RoutingContext;
import io.vertx.ext.web.openapi.router.RouterBuilder;

/** Rule effectiveness: shown, done, dismissed, snoozed and outcomes against the holdout. */
final class EffectivenessRoutes {
    private final Effectiveness effectiveness;

    EffectivenessRoutes(Effectiveness effectiveness) {
        this.effectiveness = effectiveness;
    }

    void mount(RouterBuilder api) {
        api.getRoute("ruleEffectiveness").addHandler(this::report);
    }

    private void report(RoutingContext rc) {
        Caller caller = Access.caller(rc);
        var from = Params.queryDate(rc, "from");
        var to = Params.queryDate(rc, "to");
        Reply.ok(rc, () -> effectiveness.report(caller, from, to));
    }
}
