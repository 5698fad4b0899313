package io.pandu.api;

import io.pandu.auth.Caller;
import io.pandu.facts.FactSet;
import io.pandu.ingest.ImportProgress;
import io.vertx.ext.web.RoutingContext;
import io.vertx.ext.web.openapi.router.RouterBuilder;

/** Bulk import of a JSON fact set into the store. */
final class ImportRoutes {
    private final Backend backend;

    ImportRoutes(Backend backend) {
        this.backend = backend;
    }

    void mount(RouterBuilder api) {
        api.getRoute("importFacts").addHandler(this::importFacts);
    }

    private void importFacts(RoutingContext rc) {
        Caller caller = Access.caller(rc);
        Reply.ok(rc, () -> backend.services().importer().importFacts(caller, Params.body(rc, FactSet.class), ImportProgress.NONE));
    }
}
