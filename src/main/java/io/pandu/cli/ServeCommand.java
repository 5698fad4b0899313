package io.pandu.cli;

import io.pandu.app.BundledKnowledge;
import io.pandu.app.PanduConfig;
import io.pandu.app.PanduServer;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

@Command(
        mixinStandardHelpOptions = true,
        version = PanduCli.VERSION,
        name = "serve",
        description = {
            "Start the Pandu service: the HTTP API under /api/v1, the web UI at /,"
                    + " API docs at /docs, /health and /metrics.",
            "Environment: PANDU_PORT, PANDU_HOST, PANDU_DB_URL (PANDU_DB_USER, PANDU_DB_PASSWORD, PANDU_DB_SCHEMA), PANDU_RULES, PANDU_PLAYBOOKS, PANDU_WEB, PANDU_JWT_SECRET,"
                    + " PANDU_RUN_EVERY, PANDU_IMPORT_LIMIT, PANDU_SHUTDOWN_GRACE."
        })
public final class ServeCommand implements Callable<Integer> {
    @Spec CommandSpec spec;

    @Option(
            names = "--port",
            description = "Port to listen on (default: PANDU_PORT, else 8080; 0 picks a free one)")
    Integer port;

    @Option(
            names = "--demo",
            description =
                    "First import the Maven CRM demo data set and demo users (password \"demo\")")
    boolean demo;

    @Option(
            names = "--demo-data",
            paramLabel = "DIR",
            description = "Maven CRM CSVs to import with --demo (default: the copy in the jar)")
    Path demoData;

    @Option(
            names = "--run-every",
            paramLabel = "PERIOD",
            description =
                    "Re-evaluate the whole stored pipeline"
                            + " (refreshing coaching alerts) every PERIOD: 30m, 6h, 1d, PT1H, or off (default: PANDU_RUN_EVERY, else 1h)")
    String runEvery;

    @Option(
            names = "--shutdown-grace",
            paramLabel = "PERIOD",
            description =
                    "On SIGTERM or Ctrl-C, let requests in flight finish for up to PERIOD (30s, 2m,"
                            + " PT45S), then exit 0 within PERIOD + 5 s"
                            + " (default: PANDU_SHUTDOWN_GRACE, else 30s)")
    String shutdownGrace;

    @Option(
            names = "--as-of",
            paramLabel = "DATE",
            description =
                    "The store's as-of date (YYYY-MM-DD), kept whatever imports say"
                            + " (default: PANDU_AS_OF, else the latest import's)")
    String asOf;

    @Mixin DatabaseOptions database;

    @Override
    public Integer call() throws Exception {
        Duration grace = grace(System.getenv());
        PanduServer server = PanduServer.startAndWait(config(System.getenv()));
        waitForShutdown(server, grace);
        return 0;
    }

    /** The service's configuration: {@code env}, with what the options say instead. */
    PanduConfig config(Map<String, String> env) {
        PanduConfig config = PanduConfig.fromEnv(env).withDb(database.config(env));
        PrintWriter err = spec.commandLine().getErr();
        config =
                config.withKnowledge(
                        BundledKnowledge.folder(
                                "rules",
                                env.containsKey("PANDU_RULES") ? config.rules() : null,
                                "PANDU_RULES",
                                err::println),
                        BundledKnowledge.folder(
                                "playbooks",
                                env.containsKey("PANDU_PLAYBOOKS") ? config.playbooks() : null,
                                "PANDU_PLAYBOOKS",
                                err::println));
        if (port != null) {
            config = config.withPort(port);
        }
        if (runEvery != null) {
            config = config.withRunEvery(PanduConfig.runEvery("--run-every", runEvery));
        }
        if (demo || demoData != null) {
            config = config.withDemo(true, demoData);
        }
        if (asOf != null) {
            config = config.withAsOf(PanduConfig.asOfDate("--as-of", asOf));
        }
        return config;
    }

    /** {@code --shutdown-grace}, else PANDU_SHUTDOWN_GRACE, else 30 s. */
    Duration grace(Map<String, String> env) {
        String value = shutdownGrace != null ? shutdownGrace : env.get("PANDU_SHUTDOWN_GRACE");
        String field = shutdownGrace != null ? "--shutdown-grace" : "PANDU_SHUTDOWN_GRACE";
        if (value == null || value.isBlank()) {
            return PanduServer.DEFAULT_GRACE;
        }
        Duration grace = PanduConfig.runEvery(field, value);
        return grace == null ? Duration.ofSeconds(1) : grace;
    }

    /**
     * On SIGTERM (or Ctrl-C) the hook drains the server for the grace and exits 0: a stop that was
     * asked for is a success, not the JVM's 143. A watchdog halts at grace + 4.5 s whatever hangs.
     */
    private void waitForShutdown(PanduServer server, Duration grace) throws InterruptedException {
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime()
                .addShutdownHook(
                        new Thread(
                                () -> {
                                    PrintWriter err = spec.commandLine().getErr();
                                    err.println(
                                            "Stopping Pandu: finishing requests in flight (up to "
                                                    + grace.toSeconds()
                                                    + " s)");
                                    err.flush();
                                    Thread watchdog =
                                            new Thread(
                                                    () -> {
                                                        try {
                                                            Thread.sleep(
                                                                    grace.plusMillis(4500)
                                                                            .toMillis());
                                                            Runtime.getRuntime().halt(0);
                                                        } catch (InterruptedException e) {
                                                            // stopped in time
                                                        }
                                                    },
                                                    "pandu-shutdown-watchdog");
                                    watchdog.setDaemon(true);
                                    watchdog.start();
                                    server.close(grace);
                                    err.println("Pandu stopped");
                                    err.flush();
                                    stopped.countDown();
                                    Runtime.getRuntime().halt(0);
                                },
                                "pandu-shutdown"));
        stopped.await();
    }
}
