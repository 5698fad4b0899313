package io.pandu.api;

import io.pandu.health.HealthCheck;
import io.pandu.metrics.PanduMetrics;
import io.vertx.ext.web.RoutingContext;
import io.vertx.ext.web.openapi.router.RouterBuilder;
import io.vertx.micrometer.PrometheusScrapingHandler;

/** Health and metrics, open to anyone who can reach the port (e.g. a load balancer, Prometheus). */
final class OperationsRoutes {
    private final HealthCheck health;
    private final PanduMetrics metrics;

    OperationsRoutes(HealthCheck health, PanduMetrics metrics) {
        this.health = health;
        this.metrics = metrics;
    }

    void mount(RouterBuilder api) {
        api.getRoute("health").addHandler(this::health);
        api.getRoute("metrics").addHandler(PrometheusScrapingHandler.create(metrics.registry()));
    }

    private void health(RoutingContext rc) {
        // on the workers that never wait for the database: the health check knows its state
        Reply.stateless(rc, health::health, h -> h.status().equals("down") ? 503 : 200);
    }
}
