package io.pandu.bench;

import io.pandu.rules.RuleRegistry;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

@Command(
        name = "bench-http",
        mixinStandardHelpOptions = true,
        description = {
            "Serve the baseline of the HTTP benchmark: POST /evaluate on a bare Vert.x server that only runs the rules",
            "(no router, contract, token or metrics). See docs/BENCHMARKS.md for the wrk commands."
        })
final class BenchHttpCommand implements Callable<Integer> {
    @Spec CommandSpec spec;

    @Mixin BenchRuleOptions options;

    @Option(
            names = "--port",
            defaultValue = "8081",
            description = "Port (default: ${DEFAULT-VALUE})")
    int port;

    @Option(
            names = "--host",
            defaultValue = "127.0.0.1",
            description = "Address to listen on (default: ${DEFAULT-VALUE})")
    String host;

    @Option(
            names = "--instances",
            description = "Event loops serving HTTP (default: the number of cores, as pandu serve)")
    Integer instances;

    @Override
    public Integer call() throws Exception {
        RuleRegistry registry = options.load(spec.commandLine().getErr());
        BareHttpServer server = new BareHttpServer(registry);
        int n = instances != null ? instances : Runtime.getRuntime().availableProcessors();
        int bound = server.start(host, port, n).toCompletionStage().toCompletableFuture().get();
        spec.commandLine()
                .getErr()
                .println("Bare evaluate endpoint: POST http://" + host + ":" + bound + "/evaluate");
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime()
                .addShutdownHook(
                        new Thread(
                                () -> {
                                    server.close();
                                    registry.close();
                                    stopped.countDown();
                                },
                                "pandu-bench-http-shutdown"));
        stopped.await();
        return 0;
    }
}
