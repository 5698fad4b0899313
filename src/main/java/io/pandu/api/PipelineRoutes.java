package io.pandu.api;

import io.pandu.auth.Caller;
import io.pandu.errors.NotFoundException;
import io.pandu.facts.Account;
import io.pandu.facts.Activity;
import io.pandu.facts.Deal;
import io.pandu.facts.FactSet;
import io.pandu.facts.Rep;
import io.pandu.ingest.ImportProgress;
import io.pandu.ingest.Importer;
import io.pandu.pipeline.Filters;
import io.pandu.pipeline.Pipeline;
import io.pandu.pipeline.Upserted;
import io.pandu.store.Page;
import io.pandu.store.UpsertCounts;
import io.vertx.ext.web.RoutingContext;
import io.vertx.ext.web.openapi.router.RouterBuilder;

/**
 * Deals, reps, accounts and activities: list (filters, paging), get and upsert, within the caller's
 * view; bulk import of a JSON fact set or of the Maven CRM CSVs as uploaded files.
 */
final class PipelineRoutes {
    private final Pipeline pipeline;
    private final Importer importer;
    private final Uploads uploads;

    PipelineRoutes(Pipeline pipeline, Importer importer, Uploads uploads) {
        this.pipeline = pipeline;
        this.importer = importer;
        this.uploads = uploads;
    }

    void mount(RouterBuilder api) {
        api.getRoute("listDeals").addHandler(this::deals);
        api.getRoute("getDeal").addHandler(this::deal);
        api.getRoute("upsertDeal").addHandler(rc -> upsert(rc, Deal.class, pipeline::upsertDeal));
        api.getRoute("listReps").addHandler(this::reps);
        api.getRoute("getRep").addHandler(Handlers.byId(pipeline::rep));
        api.getRoute("upsertRep").addHandler(rc -> upsert(rc, Rep.class, pipeline::upsertRep));
        api.getRoute("listAccounts").addHandler(this::accounts);
        api.getRoute("getAccount").addHandler(Handlers.byId(pipeline::account));
        api.getRoute("upsertAccount")
                .addHandler(rc -> upsert(rc, Account.class, pipeline::upsertAccount));
        api.getRoute("listActivities").addHandler(this::activities);
        api.getRoute("getActivity").addHandler(Handlers.byId(pipeline::activity));
        api.getRoute("upsertActivity")
                .addHandler(rc -> upsert(rc, Activity.class, pipeline::upsertActivity));
        api.getRoute("importFacts").addHandler(this::importFacts);
        // x-validated-by: upload-handler. vertx-openapi 5.0 validates a multipart body by parsing
        // its raw bytes,
        // which BodyHandler does not keep for multipart requests (it streams the files to disk,
        // rather than
        // holding up to the import limit in memory), so every upload would be a 400 "does not
        // contain the
        // required body"; and it would take a CSV part only if sent as text/plain or
        // application/octet-stream,
        // not text/csv. MavenCrmUpload checks the request instead.
        api.getRoute("importMavenCrm").addHandler(this::importMavenCrm);
        api.getRoute("latestImport").addHandler(this::latestImport);
    }

    private void latestImport(RoutingContext rc) {
        Caller caller = Access.caller(rc);
        Reply.ok(
                rc,
                () ->
                        importer.latest(caller)
                                .orElseThrow(
                                        () ->
                                                new NotFoundException(
                                                        "no import since the server started")));
    }

    private void deals(RoutingContext rc) {
        Caller caller = Access.caller(rc);
        Filters.DealFilter filter =
                new Filters.DealFilter(
                        Params.query(rc, "ownerId"),
                        Params.query(rc, "managerId"),
                        Params.query(rc, "accountId"),
                        Params.query(rc, "stage"),
                        Params.query(rc, "product"));
        Page page = Params.page(rc);
        var asOf = Params.queryDate(rc, "asOf");
        Reply.ok(rc, () -> pipeline.deals(caller, filter, page, asOf));
    }

    private void deal(RoutingContext rc) {
        Caller caller = Access.caller(rc);
        var asOf = Params.queryDate(rc, "asOf");
        Reply.ok(rc, () -> pipeline.deal(caller, Params.path(rc, "id"), asOf));
    }

    private void reps(RoutingContext rc) {
        Caller caller = Access.caller(rc);
        Filters.RepFilter filter =
                new Filters.RepFilter(Params.query(rc, "managerId"), Params.query(rc, "region"));
        Page page = Params.page(rc);
        Reply.ok(rc, () -> pipeline.reps(caller, filter, page));
    }

    private void accounts(RoutingContext rc) {
        Caller caller = Access.caller(rc);
        Filters.AccountFilter filter =
                new Filters.AccountFilter(
                        Params.query(rc, "industry"),
                        Params.query(rc, "region"),
                        Params.query(rc, "territoryId"),
                        Params.query(rc, "ownerId"));
        Page page = Params.page(rc);
        Reply.ok(rc, () -> pipeline.accounts(caller, filter, page));
    }

    private void activities(RoutingContext rc) {
        Caller caller = Access.caller(rc);
        Filters.ActivityFilter filter =
                new Filters.ActivityFilter(
                        Params.query(rc, "dealId"),
                        Params.query(rc, "repId"),
                        Params.query(rc, "type"));
        Page page = Params.page(rc);
        Reply.ok(rc, () -> pipeline.activities(caller, filter, page));
    }

    private void importFacts(RoutingContext rc) {
        Caller caller = Access.caller(rc);
        boolean moveAsOf = moveAsOf(rc);
        Reply.ok(
                rc,
                () ->
                        importer.importFacts(
                                caller,
                                Params.body(rc, FactSet.class),
                                ImportProgress.NONE,
                                moveAsOf));
    }

    /**
     * {@code ?moveAsOf=true}: let an import move the store's as-of date back (or off config). Both
     * import routes skip the contract's validation (their bodies have checkers of their own), so
     * the raw query is read and checked here.
     */
    private static boolean moveAsOf(RoutingContext rc) {
        java.util.List<String> values = rc.queryParams().getAll("moveAsOf");
        if (values.size() > 1) {
            throw new io.pandu.errors.InvalidInputException(
                    "moveAsOf", "is given " + values.size() + " times");
        }
        String value = values.isEmpty() ? null : values.get(0);
        if (value == null || value.isBlank() || value.equals("false")) {
            return false;
        }
        if (value.equals("true")) {
            return true;
        }
        throw new io.pandu.errors.InvalidInputException(
                "moveAsOf", "must be true or false, not \"" + value + "\"");
    }

    /** Never with demo users: their password is public. */
    private void importMavenCrm(RoutingContext rc) {
        Caller caller = Access.caller(rc);
        MavenCrmUpload upload = MavenCrmUpload.of(rc);
        boolean moveAsOf = moveAsOf(rc);
        Reply.ok(
                rc,
                () ->
                        upload.importWith(
                                uploads,
                                dir ->
                                        importer.importMavenCrm(
                                                caller,
                                                "uploaded Maven CRM CSVs",
                                                dir,
                                                upload.asOf(),
                                                false,
                                                ImportProgress.NONE,
                                                moveAsOf)));
    }

    /** One service call that stores an object for a caller. */
    private interface Upsert<T> {
        Upserted<T> upsert(Caller caller, T value);
    }

    /**
     * 201 when the upsert created the record, 200 otherwise; the body's id may be left out but must
     * match the path.
     */
    private static <T> void upsert(RoutingContext rc, Class<T> type, Upsert<T> service) {
        Caller caller = Access.caller(rc);
        String id = Params.path(rc, "id");
        Reply.json(
                rc,
                () -> service.upsert(caller, Params.bodyWithId(rc, type, "id", id)),
                done -> done.outcome() == UpsertCounts.Outcome.CREATED ? 201 : 200);
    }
}
