package io.pandu.bench;

import io.pandu.bench.PipelineBench.Variant;
import io.pandu.rules.RuleRegistry;
import java.io.PrintWriter;
import java.lang.management.ManagementFactory;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.EnumMap;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

@Command(
        name = "bench",
        mixinStandardHelpOptions = true,
        description = {
            "Benchmark the engine on a generated pipeline against hand-coded Java and a bare Drools session.",
            "Checks first that all three raise the same guidance; then warms up and times each, interleaved."
        })
final class BenchCommand implements Callable<Integer> {
    static final double TARGET_DEALS_PER_SECOND = 50_000;
    static final double TARGET_MAX_SLOWDOWN = 10;
    static final double TARGET_ARBITRATION_SHARE = 0.10;

    @Spec CommandSpec spec;

    @Mixin BenchRuleOptions options;

    @Option(
            names = "--deals",
            defaultValue = "100000",
            description = "Deals to generate (default: ${DEFAULT-VALUE})")
    int deals;

    @Option(
            names = "--reps",
            defaultValue = "500",
            description = "Reps (default: ${DEFAULT-VALUE})")
    int reps;

    @Option(
            names = "--teams",
            defaultValue = "70",
            description = "Manager teams, one fact set each (default: ${DEFAULT-VALUE})")
    int teams;

    @Option(
            names = "--activities",
            defaultValue = "1000000",
            description = "Activities (default: ${DEFAULT-VALUE})")
    int activities;

    @Option(
            names = "--accounts-per-rep",
            defaultValue = "40",
            description = "Accounts per rep (default: ${DEFAULT-VALUE})")
    int accountsPerRep;

    @Option(
            names = "--seed",
            defaultValue = "42",
            description = "Generator seed (default: ${DEFAULT-VALUE})")
    long seed;

    @Option(
            names = "--threads",
            defaultValue = "2",
            description = "Threads for each variant (default: ${DEFAULT-VALUE})")
    int threads;

    @Option(
            names = "--warmup",
            defaultValue = "3",
            description = "Warm-up rounds (default: ${DEFAULT-VALUE})")
    int warmup;

    @Option(
            names = "--iterations",
            defaultValue = "5",
            description = "Measured rounds (default: ${DEFAULT-VALUE})")
    int iterations;

    @Option(
            names = "--tiers",
            description =
                    "Commission decision table the hand-coded rules read "
                            + "(default: <rules>/incentives/commission-tiers.drl.csv)")
    Path tiers;

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        try (RuleRegistry registry = options.load(spec.commandLine().getErr())) {
            PipelineGenerator.Settings settings =
                    new PipelineGenerator.Settings(
                            seed,
                            deals,
                            reps,
                            teams,
                            accountsPerRep,
                            activities,
                            PipelineGenerator.Settings.DEFAULTS.asOf());
            long start = System.nanoTime();
            PipelineGenerator.Pipeline pipeline = PipelineGenerator.generate(settings);
            out.printf(
                    Locale.ROOT,
                    "Pipeline (seed %d, as of %s): %,d deals, %,d reps in %d teams (one fact set each), "
                            + "%,d activities, %,d accounts; generated in %.1f s%n",
                    seed,
                    settings.asOf(),
                    pipeline.deals(),
                    pipeline.reps(),
                    pipeline.teams().size(),
                    pipeline.activities(),
                    pipeline.accounts(),
                    (System.nanoTime() - start) / 1e9);
            out.printf(
                    Locale.ROOT,
                    "JVM: %s %s, %d processors available, max heap %,d MiB; %d threads per variant%n%n",
                    System.getProperty("java.vm.name"),
                    System.getProperty("java.version"),
                    Runtime.getRuntime().availableProcessors(),
                    Runtime.getRuntime().maxMemory() >> 20,
                    threads);
            Path table =
                    tiers != null
                            ? tiers
                            : options.rules.resolve("incentives/commission-tiers.drl.csv");
            PipelineBench bench =
                    new PipelineBench(
                            registry.current(),
                            HandCodedStarterRules.readTiers(table),
                            pipeline,
                            threads);

            PipelineBench.Equivalence eq = bench.equivalence();
            printEquivalence(out, eq);
            if (!eq.ok()) {
                out.println(
                        "NOT EQUIVALENT: the hand-coded rules or the bare session disagree with the engine; not timing.");
                return 1;
            }
            out.flush();
            return time(out, bench);
        }
    }

    private int time(PrintWriter out, PipelineBench bench) {
        Variant[] variants = Variant.values();
        Map<Variant, Long> items = new EnumMap<>(Variant.class);
        Map<Variant, double[]> rates = new EnumMap<>(Variant.class);
        Map<Variant, double[]> cpuRates = new EnumMap<>(Variant.class);
        for (Variant v : variants) {
            rates.put(v, new double[iterations]);
            cpuRates.put(v, new double[iterations]);
        }
        com.sun.management.OperatingSystemMXBean os =
                (com.sun.management.OperatingSystemMXBean)
                        ManagementFactory.getOperatingSystemMXBean();
        out.printf(
                Locale.ROOT,
                "Timing: %d warm-up and %d measured rounds; each round runs all three, starting with a "
                        + "different one each time. Deals per second (wall clock):%n",
                warmup,
                iterations);
        for (int round = 0; round < warmup + iterations; round++) {
            boolean measured = round >= warmup;
            StringBuilder line =
                    new StringBuilder(
                            measured
                                    ? String.format(
                                            Locale.ROOT, "  round %d:  ", round - warmup + 1)
                                    : String.format(Locale.ROOT, "  warm-up %d:", round + 1));
            for (int k = 0; k < variants.length; k++) {
                Variant v = variants[(round + k) % variants.length];
                System.gc();
                long cpu0 = os.getProcessCpuTime();
                long t0 = System.nanoTime();
                long n = bench.run(v);
                double seconds = (System.nanoTime() - t0) / 1e9;
                double cpuSeconds = (os.getProcessCpuTime() - cpu0) / 1e9;
                if (items.putIfAbsent(v, n) != null && items.get(v) != n) {
                    throw new IllegalStateException(
                            v.label() + " produced " + n + " items, before " + items.get(v));
                }
                double rate = bench.pipeline().deals() / seconds;
                if (measured) {
                    rates.get(v)[round - warmup] = rate;
                    cpuRates.get(v)[round - warmup] = bench.pipeline().deals() / cpuSeconds;
                }
                line.append(
                        String.format(
                                Locale.ROOT, "  %s %,10.0f", v.label().substring(0, 3), rate));
            }
            out.println(line);
            out.flush();
        }
        out.println();
        out.printf(
                Locale.ROOT,
                "%-38s %12s %12s %12s %12s %14s%n",
                "deals/s, " + threads + " threads, " + iterations + " rounds",
                "median",
                "min",
                "max",
                "ms/pipeline",
                "deals/CPU-s");
        Map<Variant, Double> median = new EnumMap<>(Variant.class);
        Map<Variant, Double> cpuMedian = new EnumMap<>(Variant.class);
        for (Variant v : variants) {
            double[] r = rates.get(v).clone();
            Arrays.sort(r);
            median.put(v, median(r));
            cpuMedian.put(v, median(cpuRates.get(v).clone()));
            out.printf(
                    Locale.ROOT,
                    "%-38s %,12.0f %,12.0f %,12.0f %,12.0f %,14.0f%n",
                    v.label(),
                    median.get(v),
                    r[0],
                    r[r.length - 1],
                    bench.pipeline().deals() / median.get(v) * 1000,
                    cpuMedian.get(v));
        }
        out.println(
                "(deals/CPU-s: deals per second of process CPU time, all threads and GC; less sensitive than the "
                        + "wall clock to other load on the machine)");
        out.println();
        out.printf(
                Locale.ROOT,
                "%-38s %16s %16s %18s%n",
                "one pass on a single thread",
                "CPU ms/pipeline",
                "deals/CPU-s",
                "allocated MB/pipeline");
        for (Variant v : variants) {
            PipelineBench.Cost cost = bench.cost(v);
            out.printf(
                    Locale.ROOT,
                    "%-38s %,16.0f %,16.0f %,18.0f%n",
                    v.label(),
                    cost.cpuNanos() / 1e6,
                    bench.pipeline().deals() / (cost.cpuNanos() / 1e9),
                    cost.allocatedBytes() / 1e6);
        }
        PipelineBench.Cost engineCost = bench.cost(Variant.ENGINE);
        PipelineBench.ArbitrationCost arbitration = bench.arbitrationCost(iterations);
        double extra = (arbitration.arbiterNanos() - arbitration.plainSortNanos()) / 1e6;
        double engineMs = engineCost.cpuNanos() / 1e6;
        // the engine without the arbitration, with a plain sort instead: its CPU time less the
        // extra
        double before = bench.pipeline().deals() / ((engineMs - extra) / 1e3);
        double after = bench.pipeline().deals() / (engineMs / 1e3);
        out.println();
        out.printf(
                Locale.ROOT,
                "arbitration of recommendations, single thread, CPU ms/pipeline (median of %d after %d warm-up): "
                        + "Arbiter.ranked %,.1f, plain sort by score %,.1f, difference %,.1f%n",
                arbitration.rounds(),
                arbitration.rounds(),
                arbitration.arbiterNanos() / 1e6,
                arbitration.plainSortNanos() / 1e6,
                extra);
        out.printf(
                Locale.ROOT,
                "engine (a) one pass %,.0f CPU ms: %,.0f deals/CPU-s with a plain sort, %,.0f with the "
                        + "arbitration: it costs %.1f%% of the throughput (target <= %.0f%%: %s)%n",
                engineMs,
                before,
                after,
                (1 - after / before) * 100,
                TARGET_ARBITRATION_SHARE * 100,
                1 - after / before <= TARGET_ARBITRATION_SHARE ? "met" : "NOT MET");
        double engine = median.get(Variant.ENGINE);
        double handCoded = median.get(Variant.HAND_CODED);
        double bare = median.get(Variant.BARE_DROOLS);
        out.println();
        out.printf(
                Locale.ROOT,
                "ratio (a)/(b) = %.3f  (hand-coded Java is %.1fx faster than the engine; by CPU time %.3f)%n",
                engine / handCoded,
                handCoded / engine,
                cpuMedian.get(Variant.ENGINE) / cpuMedian.get(Variant.HAND_CODED));
        out.printf(
                Locale.ROOT,
                "ratio (a)/(c) = %.3f  (the engine is %.2fx the speed of a bare Drools session; by CPU time %.3f)%n",
                engine / bare,
                engine / bare,
                cpuMedian.get(Variant.ENGINE) / cpuMedian.get(Variant.BARE_DROOLS));
        boolean fast = engine >= TARGET_DEALS_PER_SECOND;
        boolean close = handCoded / engine <= TARGET_MAX_SLOWDOWN;
        out.printf(
                Locale.ROOT,
                "target (a) >= %,.0f deals/s: %s;  (a) within %.0fx of (b): %s%n",
                TARGET_DEALS_PER_SECOND,
                fast ? "met" : "NOT MET",
                TARGET_MAX_SLOWDOWN,
                close ? "met" : "NOT MET");
        return 0;
    }

    private static double median(double[] values) {
        Arrays.sort(values);
        int n = values.length;
        return n % 2 == 1 ? values[n / 2] : (values[n / 2 - 1] + values[n / 2]) / 2;
    }

    private static void printEquivalence(PrintWriter out, PipelineBench.Equivalence eq) {
        out.println("Equivalence, checked before timing:");
        out.printf(
                Locale.ROOT,
                "  %-66s %12s %12s%n",
                "rule firings = guidance items raised, per rule",
                "(a) engine",
                "(b) hand");
        eq.firings()
                .forEach(
                        (rule, c) ->
                                out.printf(
                                        Locale.ROOT,
                                        "  %-66s %,12d %,12d%s%n",
                                        rule,
                                        c[0],
                                        c[1],
                                        c[0] == c[1] ? "" : "  <- differs"));
        out.printf(
                Locale.ROOT,
                "  %-66s %12s %12s %12s%n",
                "guidance items raised (before arbitration), per code",
                "(a) engine",
                "(b) hand",
                "(c) bare");
        eq.raised()
                .forEach(
                        (code, c) ->
                                out.printf(
                                        Locale.ROOT,
                                        "  %-66s %,12d %,12d %,12d%s%n",
                                        code,
                                        c[0],
                                        c[1],
                                        c[2],
                                        c[0] == c[1] && c[1] == c[2] ? "" : "  <- differs"));
        out.printf(
                Locale.ROOT,
                "  %-66s %12s %12s%n",
                "guidance shown (after arbitration: ranking, caps), per code",
                "(a) engine",
                "(b) hand");
        eq.shown()
                .forEach(
                        (code, c) ->
                                out.printf(
                                        Locale.ROOT,
                                        "  %-66s %,12d %,12d%s%n",
                                        code,
                                        c[0],
                                        c[1],
                                        c[0] == c[1] ? "" : "  <- differs"));
        out.printf(
                Locale.ROOT,
                "  (a) and (b) guidance equal field by field (texts, scores, explanations) in %d of %d fact sets%n%n",
                eq.identicalSets(),
                eq.sets());
    }
}
