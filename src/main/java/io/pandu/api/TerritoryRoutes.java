package io.pandu.api;

import io.pandu.territory.Territories;
import io.vertx.ext.web.openapi.router.RouterBuilder;

/** The territories with their load, and the territory rules' findings of the newest run. */
final class TerritoryRoutes {
    private final Territories territories;

    TerritoryRoutes(Territories territories) {
        this.territories = territories;
    }

    void mount(RouterBuilder api) {
        api.getRoute("listTerritories")
                .addHandler(rc -> Reply.ok(rc, () -> territories.list(Access.caller(rc))));
        api.getRoute("territoryFindings")
                .addHandler(rc -> Reply.ok(rc, () -> territories.findings(Access.caller(rc))));
    }
}
