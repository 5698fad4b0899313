package io.pandu.api;

import io.vertx.ext.web.RoutingContext;
import io.vertx.ext.web.openapi.router.RouterBuilder;
import io.vertx.micrometer.PrometheusScrapingHandler;

/** Health and metrics, open to anyone who can reach the port (e.g. a load balancer, Prometheus). */
final class OperationsRoutes {
    private final Backend backend;

    OperationsRoutes(Backend backend) {
        this.backend = backend;
    }

    void mount(RouterBuilder api) {
        api.getRoute("health").addHandler(this::health);
        api.getRoute("metrics").addHandler(PrometheusScrapingHandler.create(backend.metrics().registry()));
    }

    private void health(RoutingContext rc) {
        Reply.json(rc, backend::health, h -> h.status().equals("down") ? 503 : 200);
    }
}
