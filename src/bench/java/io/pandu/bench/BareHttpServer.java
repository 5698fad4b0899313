package io.pandu.bench;

import io.pandu.evaluate.Evaluator;
import io.pandu.facts.FactSetJson;
import io.pandu.rules.RuleRegistry;
import io.vertx.core.DeploymentOptions;
import io.vertx.core.Future;
import io.vertx.core.VerticleBase;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpServerRequest;

/**
 * The baseline of the HTTP benchmark: a bare Vert.x server whose one endpoint reads a fact set and
 * runs it through the same evaluator on the worker pool, as {@code POST /api/v1/evaluate} does, and
 * writes the guidance JSON. No router, no contract validation, no token, no metrics: what is left
 * is HTTP plus the rules, so the API's requests/s divided by these is the cost of the service
 * layers.
 */
public final class BareHttpServer {
    private final Vertx vertx = Vertx.vertx();
    private final Evaluator evaluator;

    public BareHttpServer(RuleRegistry registry) {
        this.evaluator = new Evaluator(registry::current, java.time.Clock.systemUTC());
    }

    /**
     * Listens on {@code port} (0: a free one) with {@code instances} event loops; answers the port.
     */
    public Future<Integer> start(String host, int port, int instances) {
        int[] bound = new int[1];
        return vertx.deployVerticle(
                        () ->
                                new VerticleBase() {
                                    @Override
                                    public Future<?> start() {
                                        return vertx.createHttpServer()
                                                .requestHandler(this::handle)
                                                .listen(port == 0 ? -1 : port, host)
                                                .onSuccess(s -> bound[0] = s.actualPort());
                                    }

                                    private void handle(HttpServerRequest request) {
                                        request.body()
                                                .compose(
                                                        body ->
                                                                vertx.executeBlocking(
                                                                        () ->
                                                                                Buffer.buffer(
                                                                                        FactSetJson
                                                                                                .mapper()
                                                                                                .writeValueAsBytes(
                                                                                                        evaluator
                                                                                                                .evaluate(
                                                                                                                        FactSetJson
                                                                                                                                .read(
                                                                                                                                        body
                                                                                                                                                .toString()))
                                                                                                                .guidance())),
                                                                        false))
                                                .onSuccess(
                                                        json ->
                                                                request.response()
                                                                        .putHeader(
                                                                                "Content-Type",
                                                                                "application/json")
                                                                        .end(json))
                                                .onFailure(
                                                        e ->
                                                                request.response()
                                                                        .setStatusCode(400)
                                                                        .end(
                                                                                String.valueOf(
                                                                                        e
                                                                                                .getMessage())));
                                    }
                                },
                        new DeploymentOptions().setInstances(instances))
                .map(id -> bound[0]);
    }

    public Future<Void> close() {
        return vertx.close();
    }
}
