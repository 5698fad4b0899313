package io.pandu.bench;

import io.pandu.rules.RuleRegistry;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

/**
 * The same three variants as the {@code bench} command, under JMH: one operation is one deal, so
 * the score is deals per second. Each invocation evaluates the whole default pipeline (100k deals)
 * on {@code pandu.bench.threads} threads (default 2). Run from the project directory:
 *
 * <pre>mvn -B -q -Pbench package -DskipTests
 * java -cp target/pandu-bench.jar org.openjdk.jmh.Main PipelineBenchmark</pre>
 *
 * Rules and playbooks come from {@code pandu.rules} / {@code pandu.playbooks} (default
 * docs/bench/starter-rules, docs/bench/starter-playbooks). {@code bench} also checks equivalence
 * and prints ratios; this is the cross-check with a standard harness.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@OperationsPerInvocation(100_000)
@Warmup(iterations = 3, time = 10)
@Measurement(iterations = 5, time = 10)
@Fork(value = 1, jvmArgsAppend = "-Xmx6g")
public class PipelineBenchmark {
    private RuleRegistry registry;
    private PipelineBench bench;

    @Setup(Level.Trial)
    public void setUp() {
        Path rules = Path.of(System.getProperty("pandu.rules", "docs/bench/starter-rules"));
        registry =
                new RuleRegistry(
                        rules,
                        Path.of(
                                System.getProperty(
                                        "pandu.playbooks", "docs/bench/starter-playbooks")),
                        java.time.Clock.systemUTC());
        if (!registry.reload().ok()) {
            throw new IllegalStateException(
                    "rules do not load: " + registry.lastOutcome().diagnostics());
        }
        PipelineGenerator.Pipeline pipeline =
                PipelineGenerator.generate(PipelineGenerator.Settings.DEFAULTS);
        if (pipeline.deals() != 100_000) {
            throw new IllegalStateException(
                    "@OperationsPerInvocation assumes the default 100k deals");
        }
        bench =
                new PipelineBench(
                        registry.current(),
                        HandCodedStarterRules.readTiers(
                                rules.resolve("incentives/commission-tiers.drl.csv")),
                        pipeline,
                        Integer.getInteger("pandu.bench.threads", 2));
        if (!bench.equivalence().ok()) {
            throw new IllegalStateException(
                    "hand-coded rules or bare session disagree with the engine; run the bench command");
        }
    }

    @TearDown(Level.Trial)
    public void tearDown() {
        registry.close();
    }

    @Benchmark
    public long engine() {
        return bench.run(PipelineBench.Variant.ENGINE);
    }

    @Benchmark
    public long handCoded() {
        return bench.run(PipelineBench.Variant.HAND_CODED);
    }

    @Benchmark
    public long bareDrools() {
        return bench.run(PipelineBench.Variant.BARE_DROOLS);
    }
}
