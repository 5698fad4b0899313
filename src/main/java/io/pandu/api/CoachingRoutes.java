package io.pandu.api;

import io.pandu.auth.Caller;
import io.pandu.coaching.AlertFilter;
import io.pandu.coaching.AlertStatus;
import io.pandu.coaching.Alerts;
import io.pandu.guidance.Severity;
import io.pandu.store.Page;
import io.vertx.ext.web.RoutingContext;
import io.vertx.ext.web.openapi.router.RouterBuilder;

/** Coaching alerts: list with filters, get, acknowledge, resolve with a note, history. */
final class CoachingRoutes {
    private final Alerts alerts;

    record Resolve(String note) {}

    CoachingRoutes(Alerts alerts) {
        this.alerts = alerts;
    }

    void mount(RouterBuilder api) {
        api.getRoute("listAlerts").addHandler(this::list);
        api.getRoute("getAlert").addHandler(Handlers.byNumericId(alerts::get));
        api.getRoute("acknowledgeAlert").addHandler(Handlers.byNumericId(alerts::acknowledge));
        api.getRoute("resolveAlert").addHandler(this::resolve);
        api.getRoute("alertHistory").addHandler(Handlers.byNumericId(alerts::history));
    }

    private void list(RoutingContext rc) {
        Caller caller = Access.caller(rc);
        String status = Params.query(rc, "status");
        String severity = Params.query(rc, "severity");
        AlertFilter filter =
                new AlertFilter(
                        Params.query(rc, "managerId"),
                        Params.query(rc, "repId"),
                        status == null ? null : AlertStatus.parse(status),
                        severity == null ? null : Severity.parse(severity),
                        Params.query(rc, "code"));
        Page page = Params.page(rc);
        Reply.ok(rc, () -> alerts.list(caller, filter, page));
    }

    private void resolve(RoutingContext rc) {
        Caller caller = Access.caller(rc);
        long id = Params.pathLong(rc, "id");
        Reply.ok(rc, () -> alerts.resolve(caller, id, Params.body(rc, Resolve.class).note()));
    }
}
