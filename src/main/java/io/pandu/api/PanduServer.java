package io.pandu.api;

import io.vertx.core.DeploymentOptions;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.VertxOptions;
import io.vertx.micrometer.Label;
import io.vertx.micrometer.MicrometerMetricsFactory;
import io.vertx.micrometer.MicrometerMetricsOptions;
import io.vertx.openapi.contract.OpenAPIContract;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicReference;

/**
 * Starts and stops the service. Start-up is one chain: configuration → backend (rules, store, demo
 * data; on a worker thread) → contract → server verticles listening. A failure anywhere closes what
 * was opened and fails the chain.
 */
public final class PanduServer {
    private static final Logger LOG = LoggerFactory.getLogger(PanduServer.class);
    private static final String CONTRACT = "openapi.yaml";

    private final Vertx vertx;
    private final Backend backend;
    private final String deploymentId;
    private final int port;

    private PanduServer(Vertx vertx, Backend backend, String deploymentId, int port) {
        this.vertx = vertx;
        this.backend = backend;
        this.deploymentId = deploymentId;
        this.port = port;
    }

    public static Future<PanduServer> start(ServerConfig config) {
        ApiMetrics metrics = new ApiMetrics();
        Vertx vertx = Vertx.builder()
                .with(new VertxOptions().setMetricsOptions(new MicrometerMetricsOptions().setEnabled(true)
                        .setLabels(java.util.EnumSet.of(Label.HTTP_ROUTE, Label.HTTP_METHOD, Label.HTTP_CODE))))
                .withMetrics(new MicrometerMetricsFactory(metrics.registry()))
                .build();
        String secret = config.jwtSecret() != null ? config.jwtSecret() : Access.generatedSecret();
        if (config.jwtSecret() == null) {
            LOG.info("PANDU_JWT_SECRET is not set: tokens are signed with a secret generated now and die with this process");
        }
        AtomicReference<Backend> opened = new AtomicReference<>();
        return vertx.executeBlocking(() -> Backend.open(config, metrics), false)
                .onSuccess(opened::set)
                .compose(backend -> OpenAPIContract.from(vertx, CONTRACT))
                .<OpenAPIContract>map(CachedValidatorContract::new)
                .compose(contract -> deploy(vertx, config, opened.get(), contract, secret))
                .onSuccess(s -> LOG.info("Pandu is listening on http://{}:{}/ (API docs at /docs)",
                        config.host().equals("0.0.0.0") ? "localhost" : config.host(), s.port()))
                .onFailure(failure -> {
                    Backend backend = opened.get();
                    if (backend != null) {
                        backend.close();
                    }
                    vertx.close();
                });
    }

    /** One server verticle per event loop (all listening on the same port); the first one tells the port. */
    private static Future<PanduServer> deploy(Vertx vertx, ServerConfig config, Backend backend,
                                              OpenAPIContract contract, String secret) {
        AtomicReference<ApiVerticle> first = new AtomicReference<>();
        return vertx.deployVerticle(() -> {
            ApiVerticle verticle = new ApiVerticle(config, backend, contract, secret);
            first.compareAndSet(null, verticle);
            return verticle;
        }, new DeploymentOptions().setInstances(config.instances()))
                .map(id -> new PanduServer(vertx, backend, id, first.get().actualPort()));
    }

    public int port() {
        return port;
    }

    public Backend backend() {
        return backend;
    }

    /**
     * Graceful stop, blocking (call it from a thread of your own, e.g. a shutdown hook): the servers
     * stop accepting and let requests in flight finish, then the rules watcher and the store close,
     * then Vert.x.
     */
    public void close() {
        try {
            await(vertx.undeploy(deploymentId));
        } finally {
            try {
                backend.close();
            } finally {
                await(vertx.close());
            }
        }
    }

    private static void await(Future<?> future) {
        try {
            future.toCompletionStage().toCompletableFuture().get(30, TimeUnit.SECONDS);
        } catch (ExecutionException e) {
            LOG.warn("while stopping: {}", e.getCause().toString());
        } catch (TimeoutException e) {
            LOG.warn("stopping took longer than 30 s; going on");
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** Starts from a synchronous caller (the CLI), unwrapping the failure. */
    public static PanduServer startAndWait(ServerConfig config) throws InterruptedException {
        try {
            return start(config).toCompletionStage().toCompletableFuture().get();
        } catch (ExecutionException e) {
            if (e.getCause() instanceof RuntimeException re) {
                throw re;
            }
            throw new IllegalStateException("Pandu did not start: " + e.getCause(), e.getCause());
        }
    }
}
