package io.pandu.app;

import io.pandu.api.Access;
import io.pandu.api.ApiServices;
import io.pandu.api.ApiVerticle;
import io.pandu.api.CachedValidatorContract;
import io.pandu.api.HttpSettings;
import io.pandu.api.Uploads;
import io.pandu.errors.PanduException;
import io.pandu.metrics.PanduMetrics;
import io.vertx.core.DeploymentOptions;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.VertxOptions;
import io.vertx.micrometer.Label;
import io.vertx.micrometer.MicrometerMetricsFactory;
import io.vertx.micrometer.MicrometerMetricsOptions;
import io.vertx.openapi.contract.OpenAPIContract;
import java.io.IOException;
import java.net.BindException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.time.Clock;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicReference;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Starts and stops the service. Start-up is one chain: configuration → the object graph of {@link
 * Pandu} (rules, store, demo data; on a worker thread) → contract → server verticles listening. A
 * failure anywhere closes what was opened and fails the chain.
 */
public final class PanduServer {
    private static final Logger LOG = LoggerFactory.getLogger(PanduServer.class);
    private static final String CONTRACT = "openapi.yaml";

    private final Vertx vertx;
    private final Pandu pandu;
    private final Uploads uploads;
    private final String deploymentId;
    private final int port;

    private PanduServer(Vertx vertx, Pandu pandu, Uploads uploads, String deploymentId, int port) {
        this.vertx = vertx;
        this.pandu = pandu;
        this.uploads = uploads;
        this.deploymentId = deploymentId;
        this.port = port;
    }

    /** Starts on the system clock. */
    public static Future<PanduServer> start(PanduConfig config) {
        return start(config, Pandu.systemClock());
    }

    /** Starts with this wall clock (tests advance one by hand). */
    public static Future<PanduServer> start(PanduConfig config, Clock clock) {
        try {
            ensurePortFree(config.host(), config.port());
        } catch (PanduException e) {
            return Future.failedFuture(e);
        }
        PanduMetrics metrics = new PanduMetrics();
        Vertx vertx =
                Vertx.builder()
                        .with(
                                new VertxOptions()
                                        // start-up (demo import + first run) and big imports
                                        // legitimately hold a worker for minutes: warn after 10
                                        .setMaxWorkerExecuteTime(10)
                                        .setMaxWorkerExecuteTimeUnit(
                                                java.util.concurrent.TimeUnit.MINUTES)
                                        .setMetricsOptions(
                                                new MicrometerMetricsOptions()
                                                        .setEnabled(true)
                                                        .setLabels(
                                                                java.util.EnumSet.of(
                                                                        Label.HTTP_ROUTE,
                                                                        Label.HTTP_METHOD,
                                                                        Label.HTTP_CODE))))
                        .withMetrics(new MicrometerMetricsFactory(metrics.registry()))
                        .build();
        String secret = config.jwtSecret() != null ? config.jwtSecret() : Access.generatedSecret();
        if (config.jwtSecret() == null) {
            LOG.info(
                    "PANDU_JWT_SECRET is not set: tokens are signed with a secret generated now and die with this process");
        }
        AtomicReference<Pandu> opened = new AtomicReference<>();
        Uploads uploads = Uploads.create();
        return vertx.executeBlocking(() -> Pandu.open(config, clock, metrics), false)
                .onSuccess(opened::set)
                .compose(pandu -> OpenAPIContract.from(vertx, CONTRACT))
                .<OpenAPIContract>map(CachedValidatorContract::new)
                .compose(
                        contract ->
                                deploy(
                                        vertx,
                                        config.http(secret),
                                        opened.get(),
                                        uploads,
                                        metrics,
                                        contract))
                .onSuccess(
                        s ->
                                LOG.info(
                                        "Pandu is listening on http://{}:{}/ (API docs at /docs)",
                                        config.host().equals("0.0.0.0")
                                                ? "localhost"
                                                : config.host(),
                                        s.port()))
                .onFailure(
                        failure -> {
                            Pandu pandu = opened.get();
                            if (pandu != null) {
                                pandu.close();
                            }
                            uploads.close();
                            vertx.close();
                        });
    }

    /**
     * Fails at once, before rules and store are loaded, when {@code host:port} cannot be listened
     * on: a socket is bound there and closed again. Port 0 (any free one) is not probed.
     */
    static void ensurePortFree(String host, int port) {
        if (port == 0) {
            return;
        }
        try (ServerSocket probe = new ServerSocket()) {
            probe.setReuseAddress(true); // as the HTTP server binds: a closing socket is no owner
            probe.bind(new InetSocketAddress(host, port));
        } catch (BindException e) {
            String reason = e.getMessage() == null ? "" : e.getMessage();
            throw new PanduException(
                    409,
                    "port-in-use",
                    reason.toLowerCase(java.util.Locale.ROOT).contains("in use")
                            ? "port " + port + " is in use (PANDU_PORT or --port picks another)"
                            : "cannot listen on " + host + ":" + port + ": " + reason);
        } catch (IOException e) {
            throw new PanduException(
                    409,
                    "port-in-use",
                    "cannot listen on " + host + ":" + port + ": " + e.getMessage());
        }
    }

    /**
     * One server verticle per event loop (all listening on the same port); the first one tells the
     * port.
     */
    private static Future<PanduServer> deploy(
            Vertx vertx,
            HttpSettings settings,
            Pandu pandu,
            Uploads uploads,
            PanduMetrics metrics,
            OpenAPIContract contract) {
        ApiServices services =
                new ApiServices(
                        pandu.clock(),
                        metrics,
                        pandu.health(),
                        pandu.users(),
                        pandu.evaluate(),
                        pandu.actions(),
                        pandu.pipeline(),
                        pandu.importer(),
                        pandu.studio(),
                        pandu.alerts(),
                        pandu.runs(),
                        pandu.kpis(),
                        uploads);
        AtomicReference<ApiVerticle> first = new AtomicReference<>();
        return vertx.deployVerticle(
                        () -> {
                            ApiVerticle verticle = new ApiVerticle(settings, services, contract);
                            first.compareAndSet(null, verticle);
                            return verticle;
                        },
                        new DeploymentOptions().setInstances(settings.instances()))
                .map(id -> new PanduServer(vertx, pandu, uploads, id, first.get().actualPort()));
    }

    public int port() {
        return port;
    }

    /** The object graph serving, e.g. for a test that seeds the store. */
    public Pandu pandu() {
        return pandu;
    }

    /**
     * Graceful stop, blocking (call it from a thread of your own, e.g. a shutdown hook): the
     * servers stop accepting and let requests in flight finish, then the rules watcher and the
     * store close, then Vert.x.
     */
    public void close() {
        try {
            await(vertx.undeploy(deploymentId));
        } finally {
            try {
                pandu.close();
                uploads.close();
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
    public static PanduServer startAndWait(PanduConfig config) throws InterruptedException {
        return startAndWait(config, Pandu.systemClock());
    }

    /** Starts from a synchronous caller with this wall clock, unwrapping the failure. */
    public static PanduServer startAndWait(PanduConfig config, Clock clock)
            throws InterruptedException {
        try {
            return start(config, clock).toCompletionStage().toCompletableFuture().get();
        } catch (ExecutionException e) {
            if (e.getCause() instanceof RuntimeException re) {
                throw re;
            }
            throw new IllegalStateException("Pandu did not start: " + e.getCause(), e.getCause());
        }
    }
}
