package io.pandu.api;

import io.pandu.auth.Caller;
import io.pandu.kpi.KpiRollups;
import io.pandu.kpi.RepKpis;
import io.pandu.kpi.Teams;
import io.vertx.ext.web.RoutingContext;
import io.vertx.ext.web.openapi.router.RouterBuilder;

/**
 * A rep's KPIs next to their team's (the manager's coaching view), the roll-ups by company, region,
 * team, rep, product, quarter or month, the forecast, a team's home (roster, stages, forecast, won
 * by month) and every team by region (the director's view); each as JSON, or its table as CSV with
 * {@code Accept: text/csv}.
 */
final class KpiRoutes {
    private final RepKpis kpis;

    KpiRoutes(RepKpis kpis) {
        this.kpis = kpis;
    }

    void mount(RouterBuilder api) {
        api.getRoute("repKpis").addHandler(this::repKpis);
        api.getRoute("kpis").addHandler(this::rollUp);
        api.getRoute("forecast").addHandler(this::forecast);
        api.getRoute("teamHome").addHandler(this::team);
        api.getRoute("teams").addHandler(this::teams);
    }

    private void repKpis(RoutingContext rc) {
        Caller caller = Access.caller(rc);
        String id = Params.path(rc, "id");
        if (Reply.wantsCsv(rc)) {
            Reply.csv(rc, "kpis-" + id + ".csv", () -> RepKpis.csv(kpis.forRep(caller, id)));
            return;
        }
        Reply.ok(rc, () -> kpis.forRep(caller, id));
    }

    private void team(RoutingContext rc) {
        Caller caller = Access.caller(rc);
        String managerId = Params.path(rc, "managerId");
        if (Reply.wantsCsv(rc)) {
            Reply.csv(
                    rc,
                    "team-" + managerId + ".csv",
                    () -> Teams.csv(kpis.teams().team(caller, managerId)));
            return;
        }
        Reply.ok(rc, () -> kpis.teams().team(caller, managerId));
    }

    private void teams(RoutingContext rc) {
        Caller caller = Access.caller(rc);
        if (Reply.wantsCsv(rc)) {
            Reply.csv(rc, "teams.csv", () -> Teams.csv(kpis.teams().overview(caller)));
            return;
        }
        Reply.ok(rc, () -> kpis.teams().overview(caller));
    }

    private void forecast(RoutingContext rc) {
        Caller caller = Access.caller(rc);
        String period = Params.query(rc, "period");
        var asOf = Params.queryDate(rc, "asOf");
        KpiRollups.GroupBy groupBy = KpiRollups.GroupBy.parse(Params.query(rc, "groupBy"));
        if (Reply.wantsCsv(rc)) {
            Reply.csv(
                    rc,
                    "forecast-" + groupBy.json() + ".csv",
                    () -> KpiRollups.csv(kpis.rollups().forecast(caller, period, asOf, groupBy)));
            return;
        }
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
