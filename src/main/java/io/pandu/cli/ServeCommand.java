package io.pandu.cli;

import io.pandu.app.BundledKnowledge;
import io.pandu.app.Limits;
import io.pandu.app.PanduConfig;
import io.pandu.app.PanduServer;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicBoolean;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import sun.misc.Signal;

@Command(
        mixinStandardHelpOptions = true,
        version = PanduCli.VERSION,
        name = "serve",
        description = {
            "Start the Pandu service: the HTTP API under /api/v1, the web UI at /,"
                    + " API docs at /docs, /health and /metrics.",
            "Environment: PANDU_PORT, PANDU_HOST, PANDU_DB_URL (PANDU_DB_USER, PANDU_DB_PASSWORD, PANDU_DB_SCHEMA), PANDU_RULES, PANDU_PLAYBOOKS, PANDU_WEB, PANDU_JWT_SECRET,"
                    + " PANDU_RUN_EVERY, PANDU_IMPORT_LIMIT, PANDU_SHUTDOWN_GRACE, PANDU_EVALUATION_TIME_LIMIT,"
                    + " PANDU_TOKEN_LIFETIME, PANDU_LOGIN_FAILURES_PER_USER, PANDU_LOGIN_FAILURES_PER_ADDRESS,"
                    + " PANDU_LOGIN_WINDOW."
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
            names = "--evaluation-time-limit",
            paramLabel = "PERIOD",
            description =
                    "Halt an evaluation (a rule that spins) after PERIOD: 500ms, 30s, 2m"
                            + " (default: PANDU_EVALUATION_TIME_LIMIT, else 30s)")
    String evaluationTimeLimit;

    @Option(
            names = "--token-lifetime",
            paramLabel = "PERIOD",
            description =
                    "How long a sign-in's token works: 30m, 12h, 7d"
                            + " (default: PANDU_TOKEN_LIFETIME, else 12h)")
    String tokenLifetime;

    @Option(
            names = "--login-failures-per-user",
            paramLabel = "N",
            description =
                    "Failed sign-ins for one user name before 429, within the login window"
                            + " (default: PANDU_LOGIN_FAILURES_PER_USER, else 5)")
    String loginFailuresPerUser;

    @Option(
            names = "--login-failures-per-address",
            paramLabel = "N",
            description =
                    "Failed sign-ins from one address before 429, within the login window"
                            + " (default: PANDU_LOGIN_FAILURES_PER_ADDRESS, else 20)")
    String loginFailuresPerAddress;

    @Option(
            names = "--login-window",
            paramLabel = "PERIOD",
            description =
                    "The window the failed sign-ins are counted in: 15m, 1h"
                            + " (default: PANDU_LOGIN_WINDOW, else 15m)")
    String loginWindow;

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
        Map<String, String> flags = new java.util.HashMap<>();
        Map<String, String> given = new java.util.HashMap<>();
        limit(
                flags,
                given,
                Limits.EVALUATION_TIME_LIMIT,
                "--evaluation-time-limit",
                evaluationTimeLimit);
        limit(flags, given, Limits.TOKEN_LIFETIME, "--token-lifetime", tokenLifetime);
        limit(
                flags,
                given,
                Limits.LOGIN_FAILURES_PER_USER,
                "--login-failures-per-user",
                loginFailuresPerUser);
        limit(
                flags,
                given,
                Limits.LOGIN_FAILURES_PER_ADDRESS,
                "--login-failures-per-address",
                loginFailuresPerAddress);
        limit(flags, given, Limits.LOGIN_WINDOW, "--login-window", loginWindow);
        if (!given.isEmpty()) {
            config = config.withLimits(config.limits().with(given::get, flags::get));
        }
        if (asOf != null) {
            config = config.withAsOf(PanduConfig.asOfDate("--as-of", asOf));
        }
        return config;
    }

    /** Notes an option that sets a limit, under the limit's environment variable name. */
    private static void limit(
            Map<String, String> flags,
            Map<String, String> given,
            String variable,
            String option,
            String value) {
        flags.put(variable, option);
        if (value != null) {
            given.put(variable, value);
        }
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
     * On SIGTERM (or Ctrl-C) the server drains for the grace and the command returns 0: a stop that
     * was asked for is a success, not the JVM's 143. The signals are handled here rather than in a
     * shutdown hook because the JVM runs all its hooks at once, and H2's own hook would close the
     * store (and the bundled rules' clean-up would delete the watched folder) under requests still
     * in flight; the hooks run only once the drain is over. A watchdog halts at grace + 4.5 s
     * whatever hangs. Where the signals cannot be handled (e.g. {@code -Xrs}), a shutdown hook
     * drains instead.
     */
    private void waitForShutdown(PanduServer server, Duration grace) throws InterruptedException {
        CountDownLatch stopped = new CountDownLatch(1);
        AtomicBoolean stopping = new AtomicBoolean();
        Runnable stop =
                () -> {
                    if (!stopping.compareAndSet(false, true)) {
                        awaitQuietly(stopped);
                        return;
                    }
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
                                            Thread.sleep(grace.plusMillis(4500).toMillis());
                                            Runtime.getRuntime().halt(0);
                                        } catch (InterruptedException e) {
                                            // stopped in time
                                        }
                                    },
                                    "pandu-shutdown-watchdog");
                    watchdog.setDaemon(true);
                    watchdog.start();
                    try {
                        server.close(grace);
                        err.println("Pandu stopped");
                        err.flush();
                    } finally {
                        stopped.countDown();
                    }
                };
        boolean handled = handle("TERM", stop) & handle("INT", stop);
        Runtime.getRuntime()
                .addShutdownHook(
                        new Thread(
                                () -> {
                                    boolean first = !stopping.get();
                                    stop.run();
                                    if (first && !handled) {
                                        Runtime.getRuntime().halt(0);
                                    }
                                },
                                "pandu-shutdown"));
        stopped.await();
    }

    /** Runs {@code stop} on a thread of its own on the signal; false where it cannot be handled. */
    private static boolean handle(String signal, Runnable stop) {
        try {
            Signal.handle(new Signal(signal), s -> new Thread(stop, "pandu-stop").start());
            return true;
        } catch (IllegalArgumentException e) {
            return false; // the JVM keeps it (-Xrs) or the platform has no such signal
        }
    }

    private static void awaitQuietly(CountDownLatch latch) {
        try {
            latch.await();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
