package io.pandu.api;

import io.pandu.kpi.RepKpis;
import io.vertx.ext.web.openapi.router.RouterBuilder;

/** A rep's KPIs next to their team's, for the manager's coaching view (added for the web UI). */
final class KpiRoutes {
    private final RepKpis kpis;

    KpiRoutes(RepKpis kpis) {
        this.kpis = kpis;
    }

    void mount(RouterBuilder api) {
        api.getRoute("repKpis").addHandler(Handlers.byId(kpis::forRep));
    }
}
