package io.pandu.api;

import io.pandu.auth.Caller;
import io.pandu.kpi.KpiRollups;
import io.pandu.kpi.RepKpis;
import io.vertx.ext.web.RoutingContext;
import io.vertx.ext.web.openapi.router.RouterBuilder;

/**
 * A rep's KPIs next to their team's (the manager's coaching view) and the roll-ups by company,
 * region, team, rep, product, quarter or month (JSON, or CSV with {@code Accept: text/csv}).
 */
final class KpiRoutes {
    private final RepKpis kpis;

    KpiRoutes(RepKpis kpis) {
        this.kpis = kpis;
    }

    void mount(RouterBuilder api) {
        api.getRoute("repKpis").addHandler(Handlers.byId(kpis::forRep));
        api.getRoute("kpis").addHandler(this::rollUp);
        api.getRoute("forecast").addHandler(this::forecast);
    }

    private void forecast(RoutingContext rc) {
        Caller caller = Access.caller(rc);
        String period = Params.query(rc, "period");
        var asOf = Params.queryDate(rc, "asOf");
        KpiRollups.GroupBy groupBy = KpiRollups.GroupBy.parse(Params.query(rc, "groupBy"));
        Reply.ok(rc, () -> kpis.rollups().forecast(caller, period, asOf, groupBy));
    }

    private void rollUp(RoutingContext rc) {
        Caller caller = Access.caller(rc);
        KpiRollups.GroupBy groupBy = KpiRollups.GroupBy.parse(Params.query(rc, "groupBy"));
        var from = Params.queryDate(rc, "from");
        var to = Params.queryDate(rc, "to");
        var asOf = Params.queryDate(rc, "asOf");
        if (Reply.wantsCsv(rc)) {
            Reply.csv(
                    rc,
                    "kpis-" + groupBy.json() + ".csv",
                    () -> KpiRollups.csv(kpis.rollups().rollUp(caller, groupBy, from, to, asOf)));
            return;
        }
        Reply.ok(rc, () -> kpis.rollups().rollUp(caller, groupBy, from, to, asOf));
    }
}
