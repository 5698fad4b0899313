package io.pandu.api;

import io.pandu.auth.Caller;
import io.pandu.coaching.Alert;
import io.pandu.coaching.AlertFilter;
import io.pandu.coaching.AlertGroup;
import io.pandu.coaching.AlertOrder;
import io.pandu.coaching.AlertPage;
import io.pandu.coaching.AlertStatus;
import io.pandu.coaching.Alerts;
import io.pandu.guidance.Severity;
import io.pandu.store.Page;
import io.vertx.core.buffer.Buffer;
import io.vertx.ext.web.RoutingContext;
import io.vertx.ext.web.openapi.router.RouterBuilder;
import java.util.List;
import java.util.function.Function;

/**
 * Coaching alerts: list (paged by cursor, sorted by severity then value, as JSON or CSV), the
 * manager's inbox and bulk acknowledge of a group, get, acknowledge, resolve with a note, re-open,
 * history; a rep's own alerts.
 */
final class CoachingRoutes {

    private final Alerts alerts;

    record Resolve(String note) {}

    record Reopen(String note) {}

    CoachingRoutes(Alerts alerts) {
        this.alerts = alerts;
    }

    void mount(RouterBuilder api) {
        api.getRoute("listAlerts").addHandler(this::list);
        api.getRoute("alertInbox").addHandler(this::inbox);
        api.getRoute("acknowledgeAlertGroup").addHandler(this::acknowledgeGroup);
        api.getRoute("myAlerts").addHandler(this::mine);
        api.getRoute("getAlert").addHandler(Handlers.byNumericId(alerts::get));
        api.getRoute("acknowledgeAlert").addHandler(Handlers.byNumericId(alerts::acknowledge));
        api.getRoute("resolveAlert").addHandler(this::resolve);
        api.getRoute("reopenAlert").addHandler(this::reopen);
        api.getRoute("alertHistory").addHandler(Handlers.byNumericId(alerts::history));
    }

    private void list(RoutingContext rc) {
        Caller caller = Access.caller(rc);
        String status = Params.query(rc, "status");
        String severity = Params.query(rc, "severity");
        String group = Params.query(rc, "group");
        AlertFilter filter =
                new AlertFilter(
                        Params.query(rc, "managerId"),
                        Params.query(rc, "repId"),
                        status == null ? null : AlertStatus.parse(status),
                        severity == null ? null : Severity.parse(severity),
                        Params.query(rc, "code"),
                        group == null ? null : AlertGroup.parse(group, "group"));
        AlertOrder order = AlertOrder.parse(Params.query(rc, "sort"));
        String cursor = Params.query(rc, "cursor");
        Page page = Params.page(rc);
        if (Reply.wantsCsv(rc)) {
            csv(rc, () -> alerts.list(caller, filter, order, cursor, page));
            return;
        }
        Reply.ok(rc, () -> alerts.list(caller, filter, order, cursor, page));
    }

    private void mine(RoutingContext rc) {
        Caller caller = Access.caller(rc);
        String status = Params.query(rc, "status");
        AlertStatus parsed = status == null ? null : AlertStatus.parse(status);
        String cursor = Params.query(rc, "cursor");
        Page page = Params.page(rc);
        Reply.ok(rc, () -> alerts.mine(caller, parsed, cursor, page));
    }

    private void inbox(RoutingContext rc) {
        Caller caller = Access.caller(rc);
        String managerId = Params.query(rc, "managerId");
        Reply.ok(rc, () -> alerts.inbox(caller, managerId));
    }

    private void acknowledgeGroup(RoutingContext rc) {
        Caller caller = Access.caller(rc);
        String key = Params.path(rc, "key");
        String managerId = Params.query(rc, "managerId");
        Reply.ok(rc, () -> alerts.acknowledgeGroup(caller, key, managerId));
    }

    private void resolve(RoutingContext rc) {
        Caller caller = Access.caller(rc);
        long id = Params.pathLong(rc, "id");
        Reply.ok(rc, () -> alerts.resolve(caller, id, Params.body(rc, Resolve.class).note()));
    }

    private void reopen(RoutingContext rc) {
        Caller caller = Access.caller(rc);
        long id = Params.pathLong(rc, "id");
        boolean hasBody = rc.body() != null && rc.body().length() > 0;
        Reply.ok(
                rc,
                () ->
                        alerts.reopen(
                                caller, id, hasBody ? Params.body(rc, Reopen.class).note() : null));
    }

    /** The columns of the CSV export, in order. */
    private static final List<Column> COLUMNS =
            List.of(
                    new Column("id", a -> String.valueOf(a.id())),
                    new Column("severity", a -> a.severity().json()),
                    new Column("valueAtStake", a -> a.valueAtStake().toPlainString()),
                    new Column("status", a -> a.status().json()),
                    new Column("code", Alert::code),
                    new Column("repId", Alert::repId),
                    new Column("managerId", Alert::managerId),
                    new Column("dealId", Alert::dealId),
                    new Column("title", Alert::title),
                    new Column("reason", Alert::reason),
                    new Column("raisedAt", a -> String.valueOf(a.raisedAt())),
                    new Column("resolution", Alert::resolution));

    private record Column(String name, Function<Alert, String> value) {}

    /** The page as CSV (RFC 4180), the next page's cursor in {@code X-Next-Cursor}. */
    private static void csv(RoutingContext rc, java.util.concurrent.Callable<AlertPage> work) {
        rc.vertx()
                .<AlertPage>executeBlocking(work, false)
                .onComplete(
                        done -> {
                            if (done.failed()) {
                                rc.fail(done.cause());
                                return;
                            }
                            AlertPage page = done.result();
                            StringBuilder out = new StringBuilder();
                            out.append(
                                            String.join(
                                                    ",",
                                                    COLUMNS.stream().map(Column::name).toList()))
                                    .append("\r\n");
                            for (Alert a : page.items()) {
                                out.append(
                                                String.join(
                                                        ",",
                                                        COLUMNS.stream()
                                                                .map(c -> cell(c.value().apply(a)))
                                                                .toList()))
                                        .append("\r\n");
                            }
                            if (page.nextCursor() != null) {
                                rc.response().putHeader("X-Next-Cursor", page.nextCursor());
                            }
                            rc.response()
                                    .putHeader("X-Total-Count", Long.toString(page.total()))
                                    .putHeader("Content-Type", Reply.CSV + "; charset=utf-8")
                                    .end(Buffer.buffer(out.toString()));
                        });
    }

    /**
     * One CSV cell: quoted when it holds a comma, quote or line break; text a spreadsheet would run
     * as a formula (= + - @) is prefixed with an apostrophe.
     */
    static String cell(String value) {
        if (value == null) {
            return "";
        }
        String v = value;
        if (!v.isEmpty() && "=+-@\t\r".indexOf(v.charAt(0)) >= 0 && !v.matches("-?[0-9.]+")) {
            v = "'" + v;
        }
        if (v.contains(",") || v.contains("\"") || v.contains("\n") || v.contains("\r")) {
            v = "\"" + v.replace("\"", "\"\"") + "\"";
        }
        return v;
    }
}
