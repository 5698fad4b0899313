package io.pandu.app;

import io.pandu.api.ApiServices;
import io.pandu.api.ApiVerticle;
import io.pandu.api.CachedValidatorContract;
import io.pandu.api.HttpSettings;
import io.pandu.api.RouterContract;
import io.pandu.api.Uploads;
import io.pandu.auth.SigningKeyRepository;
import io.pandu.auth.SigningKeys;
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
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
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
    private final List<ApiVerticle> verticles;

    /** How long {@link #close()} lets requests in flight finish, unless told otherwise. */
    public static final Duration DEFAULT_GRACE = Duration.ofSeconds(30);

    /** What a stop may take beyond the grace: closing the store, the watcher, Vert.x. */
    static final Duration AFTER_GRACE = Duration.ofSeconds(4);

    private PanduServer(
            Vertx vertx,
            Pandu pandu,
            Uploads uploads,
            String deploymentId,
            int port,
            List<ApiVerticle> verticles) {
        this.vertx = vertx;
        this.pandu = pandu;
        this.uploads = uploads;
        this.deploymentId = deploymentId;
        this.port = port;
        this.verticles = verticles;
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
        AtomicReference<Pandu> opened = new AtomicReference<>();
        AtomicReference<String> secret = new AtomicReference<>(config.jwtSecret());
        Uploads uploads = Uploads.create();
        return vertx.executeBlocking(
                        () -> {
                            Pandu pandu = Pandu.open(config, clock, metrics);
                            opened.set(pandu);
                            if (secret.get() == null) {
                                secret.set(storedTokenKey(pandu));
                            }
                            return pandu;
                        },
                        false)
                .compose(pandu -> RouterContract.load(vertx, CONTRACT))
                .<OpenAPIContract>map(CachedValidatorContract::new)
                .compose(
                        contract ->
                                deploy(
                                        vertx,
                                        config.http(secret.get()),
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
     * Without PANDU_JWT_SECRET, tokens are signed with the key kept in the store: created on the
     * first start, the same for every restart and every node on that store.
     */
    private static String storedTokenKey(Pandu pandu) {
        LOG.info(
                "PANDU_JWT_SECRET is not set: tokens are signed with the key kept in the store"
                        + " (pandu user rotate-key replaces it)");
        return signingKeys(pandu).tokenKey();
    }

    /** The store's signing keys (also for {@code pandu user rotate-key}). */
    public static SigningKeys signingKeys(Pandu pandu) {
        return new SigningKeys(
                new SigningKeyRepository(pandu.database(), pandu.audit()), pandu.clock());
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
                        uploads,
                        pandu.whyNot(),
                        pandu.effectiveness(),
                        pandu.versions(),
                        pandu.drafts(),
                        pandu.previews(),
                        pandu.territories());
        List<ApiVerticle> verticles = new CopyOnWriteArrayList<>();
        return vertx.deployVerticle(
                        () -> {
                            ApiVerticle verticle = new ApiVerticle(settings, services, contract);
                            verticles.add(verticle);
                            return verticle;
                        },
                        new DeploymentOptions().setInstances(settings.instances()))
                .map(
                        id ->
                                new PanduServer(
                                        vertx,
                                        pandu,
                                        uploads,
                                        id,
                                        verticles.get(0).actualPort(),
                                        List.copyOf(verticles)));
    }

    public int port() {
        return port;
    }

    /** Where uploads are streamed to while their request runs. */
    public java.nio.file.Path uploadsDirectory() {
        return uploads.root();
    }

    /** The object graph serving, e.g. for a test that seeds the store. */
    public Pandu pandu() {
        return pandu;
    }

    /** Graceful stop with the default grace ({@link #DEFAULT_GRACE}). */
    public void close() {
        close(DEFAULT_GRACE);
    }

    /**
     * Graceful stop, blocking (call it from a thread of your own, e.g. a shutdown hook): the
     * servers stop accepting and let requests in flight finish for up to {@code grace}, then the
     * rules watcher and the store close, then Vert.x; all within {@code grace} plus {@link
     * #AFTER_GRACE}, whatever hangs.
     */
    public void close(Duration grace) {
        long deadline = System.nanoTime() + grace.plus(AFTER_GRACE).toNanos();
        verticles.forEach(v -> v.drainFor(grace));
        try {
            await(vertx.undeploy(deploymentId), grace.plusSeconds(1).toNanos());
        } finally {
            try {
                Thread closing =
                        new Thread(
                                () -> {
                                    try {
                                        pandu.close();
                                    } finally {
                                        uploads.close();
                                    }
                                },
                                "pandu-close");
                closing.start();
                closing.join(Math.max(1, remainingMillis(deadline) - 500));
                if (closing.isAlive()) {
                    LOG.warn("closing the store and the rules watcher took too long; going on");
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            } finally {
                await(vertx.close(), Math.max(1, remainingMillis(deadline)) * 1_000_000L);
            }
        }
    }

    private static long remainingMillis(long deadline) {
        return (deadline - System.nanoTime()) / 1_000_000;
    }

    private static void await(Future<?> future, long nanos) {
        try {
            future.toCompletionStage().toCompletableFuture().get(nanos, TimeUnit.NANOSECONDS);
        } catch (ExecutionException e) {
            LOG.warn("while stopping: {}", e.getCause().toString());
        } catch (TimeoutException e) {
            LOG.warn("stopping took longer than {} ms; going on", nanos / 1_000_000);
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
