package io.pandu.api;

import io.vertx.core.Future;
import io.vertx.core.VerticleBase;
import io.vertx.core.WorkerExecutor;
import io.vertx.core.http.HttpServer;
import io.vertx.core.http.HttpServerOptions;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.openapi.router.RequestExtractor;
import io.vertx.ext.web.openapi.router.RouterBuilder;
import io.vertx.openapi.contract.OpenAPIContract;
import java.time.Duration;
import java.util.concurrent.TimeUnit;

/**
 * Wires the HTTP server and nothing else: the router is built from the contract (so every request
 * is validated against it), the feature routes attach their handlers to its operations, and one
 * failure handler renders every error. Several instances may run, one per event loop.
 */
public final class ApiVerticle extends VerticleBase {
    /** How long a stop lets requests in flight finish; {@link #drainFor} sets it before a stop. */
    private volatile Duration grace = Duration.ofSeconds(30);

    /**
     * Vert.x: servers listening on the same negative port share one free port; on port 0 each would
     * get its own.
     */
    private static final int SHARED_FREE_PORT = -1;

    private final HttpSettings settings;
    private final ApiServices services;
    private final OpenAPIContract contract;
    private HttpServer server;

    /**
     * Workers for calls that use the store: twice the default connection pool, so that while the
     * database is gone at most these wait out their connection time-out.
     */
    static final int STORE_WORKERS = 16;

    /** Workers for calls that need no store: evaluation, rules, playbooks, health. */
    static final int RULES_WORKERS = 8;

    private WorkerExecutor storeWorkers;
    private WorkerExecutor rulesWorkers;

    public ApiVerticle(HttpSettings settings, ApiServices services, OpenAPIContract contract) {
        this.settings = settings;
        this.services = services;
        this.contract = contract;
    }

    @Override
    public Future<?> start() {
        Access access =
                new Access(
                        vertx,
                        contract,
                        settings.jwtSecret(),
                        services.clock(),
                        services.users(),
                        settings.tokenLifetime());
        storeWorkers = vertx.createSharedWorkerExecutor("pandu-store", STORE_WORKERS);
        rulesWorkers = vertx.createSharedWorkerExecutor("pandu-rules", RULES_WORKERS);
        RouterBuilder api =
                RouterBuilder.create(vertx, contract, RequestExtractor.withBodyHandler())
                        // first of all: every response, even a 401 or a 404, gets them
                        .rootHandler(
                                new SecurityHeaders(ImportMap.cspSource(vertx, settings.web())))
                        .rootHandler(Reply.workers(storeWorkers, rulesWorkers))
                        .rootHandler(new AccessLog())
                        .rootHandler(
                                access) // first: a caller without the right token is turned away
                        // before the body is read
                        .rootHandler(new RequestBodies(settings, services.uploads().root()))
                        .rootHandler(RequestBodies::read);
        api.getRoutes()
                .forEach(
                        route ->
                                route.setDoSecurity(
                                        false)); // Access enforces the contract's security
        new OperationsRoutes(services.health(), services.metrics()).mount(api);
        new AuthRoutes(services.users(), access, settings.demo()).mount(api);
        new UserRoutes(services.users()).mount(api);
        new GuidanceRoutes(services.evaluate(), services.actions()).mount(api);
        new PipelineRoutes(services.pipeline(), services.importer(), services.uploads()).mount(api);
        new RuleRoutes(services.rules()).mount(api);
        new RuleVersionRoutes(services.versions(), services.drafts()).mount(api);
        new PreviewRoutes(services.previews()).mount(api);
        new CoachingRoutes(services.alerts()).mount(api);
        new RunRoutes(services.runs()).mount(api);
        new KpiRoutes(services.kpis()).mount(api);
        new TerritoryRoutes(services.territories()).mount(api);
        new WhyNotRoutes(services.whyNot()).mount(api);
        new EffectivenessRoutes(services.effectiveness()).mount(api);
        api.getRoutes()
                .forEach(
                        route ->
                                route.setDoValidation(
                                        !route.getOperation()
                                                .getExtensions()
                                                .containsKey(Params.VALIDATED_BY_EXTENSION)));
        api.getRoutes().stream()
                .filter(route -> route.getHandlers().isEmpty())
                .findFirst()
                .ifPresent(
                        route -> {
                            throw new IllegalStateException(
                                    "operation "
                                            + route.getOperation().getOperationId()
                                            + " has no handler");
                        });
        Router router = api.createRouter();
        // before everything (the contract matches one segment per path parameter): a draft file
        // named with its slashes is routed as the URL-encoded path the contract declares
        router.route().order(-1).handler(RuleVersionRoutes::encodeDraftFilePath);
        StaticRoutes.mount(router, settings.web());
        router.route().failureHandler(Problems::handle);
        for (int status : new int[] {400, 404, 405, 413, 500}) {
            router.errorHandler(status, Problems::handle);
        }
        return vertx.createHttpServer(new HttpServerOptions().setCompressionSupported(true))
                .requestHandler(router)
                .listen(settings.port() == 0 ? SHARED_FREE_PORT : settings.port(), settings.host())
                .onSuccess(s -> server = s);
    }

    /** The time the next stop gives requests in flight to finish. */
    public void drainFor(Duration grace) {
        this.grace = grace;
    }

    /**
     * Stops accepting connections and lets requests in flight finish (up to the grace, {@link
     * #drainFor}).
     */
    @Override
    public Future<?> stop() {
        Future<?> stopped =
                server == null
                        ? Future.succeededFuture()
                        : server.shutdown(grace.toMillis(), TimeUnit.MILLISECONDS);
        return stopped.eventually(
                () -> {
                    if (storeWorkers != null) {
                        storeWorkers.close();
                        rulesWorkers.close();
                    }
                    return Future.succeededFuture();
                });
    }

    public int actualPort() {
        return server.actualPort();
    }
}
