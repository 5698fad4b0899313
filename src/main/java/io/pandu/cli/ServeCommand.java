package io.pandu.cli;

import io.pandu.app.BundledKnowledge;
import io.pandu.app.PanduConfig;
import io.pandu.app.PanduServer;
import java.io.PrintWriter;
import java.nio.file.Path;
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
                    + " PANDU_RUN_EVERY, PANDU_IMPORT_LIMIT."
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

    @Mixin DatabaseOptions database;

    @Override
    public Integer call() throws Exception {
        PanduServer server = PanduServer.startAndWait(config(System.getenv()));
        waitForShutdown(server);
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
        return config;
    }

    private void waitForShutdown(PanduServer server) throws InterruptedException {
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime()
                .addShutdownHook(
                        new Thread(
                                () -> {
                                    spec.commandLine()
                                            .getErr()
                                            .println(
                                                    "Stopping Pandu: finishing requests in flight");
                                    server.close();
                                    stopped.countDown();
                                },
                                "pandu-shutdown"));
        stopped.await();
    }
}
