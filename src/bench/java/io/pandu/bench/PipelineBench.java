package io.pandu.bench;

import io.pandu.evaluate.Arbiter;
import io.pandu.evaluate.Evaluation;
import io.pandu.evaluate.EvaluationSettings;
import io.pandu.evaluate.Evaluator;
import io.pandu.evaluate.Parallel;
import io.pandu.facts.FactSet;
import io.pandu.guidance.Guidance;
import io.pandu.guidance.GuidanceCollector;
import io.pandu.guidance.Recommendation;
import io.pandu.rules.RuleSet;
import java.lang.management.ManagementFactory;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Function;

/**
 * The three ways of evaluating the generated pipeline that the benchmark compares, each over the
 * same per-team fact sets on the same number of threads: (a) the engine's bulk path, (b) the
 * starter rules hand-coded in Java, (c) a bare Drools stateless session per fact set. Also checks,
 * before anything is timed, that (a) and (b) produce the same guidance and (c) raises the same
 * items.
 */
public final class PipelineBench {

    public enum Variant {
        ENGINE("(a) engine, Evaluator.evaluateAll"),
        HAND_CODED("(b) hand-coded Java"),
        BARE_DROOLS("(c) bare Drools stateless session");

        private final String label;

        Variant(String label) {
            this.label = label;
        }

        public String label() {
            return label;
        }
    }

    private final PipelineGenerator.Pipeline pipeline;
    private final int threads;
    private final Evaluator engine;
    private final HandCodedStarterRules handCoded;
    private final BareDroolsEvaluator bare;

    public PipelineBench(
            RuleSet rules,
            List<HandCodedStarterRules.CommissionTier> tiers,
            PipelineGenerator.Pipeline pipeline,
            int threads) {
        this.pipeline = pipeline;
        this.threads = threads;
        this.engine = new Evaluator(() -> rules, java.time.Clock.systemUTC());
        this.handCoded = new HandCodedStarterRules(rules, tiers, engine.settings());
        this.bare = new BareDroolsEvaluator(rules);
    }

    public PipelineGenerator.Pipeline pipeline() {
        return pipeline;
    }

    public int threads() {
        return threads;
    }

    /**
     * Evaluates the whole pipeline one way; returns the number of guidance items, so nothing is
     * optimised away.
     */
    public long run(Variant variant) {
        return switch (variant) {
            case ENGINE ->
                    engine.evaluateAll(pipeline.teams(), threads).stream()
                            .mapToLong(e -> size(e.guidance()))
                            .sum();
            case HAND_CODED ->
                    map(handCoded::evaluate).stream().mapToLong(e -> size(e.guidance())).sum();
            case BARE_DROOLS -> map(bare::evaluate).stream().mapToLong(PipelineBench::size).sum();
        };
    }

    /** CPU time and bytes allocated by one pass over the pipeline on the calling thread alone. */
    public record Cost(long cpuNanos, long allocatedBytes) {}

    /**
     * Evaluates the whole pipeline one way, sequentially on this thread (the engine through {@link
     * Evaluator#evaluate}, which is what each bulk task runs), and measures this thread's CPU time
     * and allocation. Allocation does not depend on other load on the machine.
     */
    public Cost cost(Variant variant) {
        com.sun.management.ThreadMXBean mx =
                (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
        long cpu = mx.getCurrentThreadCpuTime();
        long allocated = mx.getCurrentThreadAllocatedBytes();
        long items = 0;
        for (FactSet facts : pipeline.teams()) {
            items +=
                    switch (variant) {
                        case ENGINE -> size(engine.evaluate(facts).guidance());
                        case HAND_CODED -> size(handCoded.evaluate(facts).guidance());
                        case BARE_DROOLS -> size(bare.evaluate(facts));
                    };
        }
        Cost cost =
                new Cost(
                        mx.getCurrentThreadCpuTime() - cpu,
                        mx.getCurrentThreadAllocatedBytes() - allocated);
        if (items == 0) {
            throw new IllegalStateException(variant + " raised nothing");
        }
        return cost;
    }

    /**
     * What arbitration costs, on this thread alone, over one pipeline's raised guidance (the
     * hand-coded rules raise exactly what the engine's rules do; the equivalence check says so):
     * {@code arbiterNanos} for {@link Arbiter#ranked}, the arbitration of recommendations (earnings
     * on the cards, one per piece of advice, rank with its ties, caps incl. the per-code cap and
     * its "more like this"), {@code plainSortNanos} for sorting each fact set's recommendations by
     * score and nothing else, as medians of {@code rounds} after as many warm-up rounds. The
     * ordering of alerts, insights and findings, the same either way, is in neither.
     */
    public record ArbitrationCost(long arbiterNanos, long plainSortNanos, int rounds, long items) {}

    public ArbitrationCost arbitrationCost(int rounds) {
        List<HandCodedStarterRules.Raw> raw =
                pipeline.teams().stream().map(handCoded::raise).toList();
        EvaluationSettings settings = engine.settings();
        com.sun.management.ThreadMXBean mx =
                (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
        long[] arbiter = new long[rounds];
        long[] plain = new long[rounds];
        long items = 0;
        for (int round = -rounds; round < rounds; round++) {
            long cpu = mx.getCurrentThreadCpuTime();
            long n = 0;
            for (HandCodedStarterRules.Raw r : raw) {
                n += Arbiter.ranked(r.recommendations(), r.insights(), settings).size();
            }
            long arbiterCpu = mx.getCurrentThreadCpuTime() - cpu;
            cpu = mx.getCurrentThreadCpuTime();
            long m = 0;
            for (HandCodedStarterRules.Raw r : raw) {
                List<Recommendation> sorted = new ArrayList<>(r.recommendations());
                sorted.sort(Comparator.comparingDouble(Recommendation::score).reversed());
                m += sorted.size();
            }
            long plainCpu = mx.getCurrentThreadCpuTime() - cpu;
            if (round >= 0) {
                arbiter[round] = arbiterCpu;
                plain[round] = plainCpu;
                items = n + m;
            }
        }
        java.util.Arrays.sort(arbiter);
        java.util.Arrays.sort(plain);
        return new ArbitrationCost(arbiter[rounds / 2], plain[rounds / 2], rounds, items);
    }

    private <R> List<R> map(Function<FactSet, R> work) {
        return Parallel.map(pipeline.teams(), threads, work);
    }

    /**
     * Counts of guidance items per rule and per code, before and after arbitration, for all three,
     * and in how many fact sets (a) and (b) gave equal guidance, field by field.
     *
     * @param firings per rule ({@code package.name}): (a) engine firings, (b) hand-coded items
     * @param raised per code before arbitration: (a), (b), (c)
     * @param shown per code after arbitration: (a), (b)
     */
    public record Equivalence(
            Map<String, long[]> firings,
            Map<String, long[]> raised,
            Map<String, long[]> shown,
            int identicalSets,
            int sets) {
        public boolean ok() {
            return identicalSets == sets
                    && firings.values().stream().allMatch(c -> c[0] == c[1])
                    && raised.values().stream().allMatch(c -> c[0] == c[1] && c[1] == c[2])
                    && shown.values().stream().allMatch(c -> c[0] == c[1]);
        }
    }

    public Equivalence equivalence() {
        List<Evaluation> a = engine.evaluateAll(pipeline.teams(), threads);
        List<Evaluation> b = map(handCoded::evaluate);
        List<GuidanceCollector> c = map(bare::evaluate);
        Map<String, String> codes = handCoded.codes();
        Map<String, long[]> firings = new TreeMap<>();
        Map<String, long[]> raised = new TreeMap<>();
        Map<String, long[]> shown = new TreeMap<>();
        int identical = 0;
        for (int i = 0; i < a.size(); i++) {
            Evaluation engineResult = a.get(i);
            Evaluation handResult = b.get(i);
            for (int v = 0; v < 2; v++) {
                Evaluation e = v == 0 ? engineResult : handResult;
                int column = v;
                e.firings()
                        .forEach(
                                (rule, n) -> {
                                    add(firings, rule, column, n);
                                    add(raised, codes.getOrDefault(rule, "? " + rule), column, n);
                                });
                countByCode(e.guidance(), shown, column);
            }
            GuidanceCollector raw = c.get(i);
            countByCode(
                    new Guidance(
                            null,
                            null,
                            raw.recommendations(),
                            raw.alerts(),
                            raw.insights(),
                            raw.findings()),
                    raised,
                    2);
            if (engineResult.guidance().equals(handResult.guidance())) {
                identical++;
            }
        }
        return new Equivalence(firings, raised, shown, identical, a.size());
    }

    private static void countByCode(Guidance g, Map<String, long[]> counts, int column) {
        g.recommendations().forEach(r -> add(counts, r.code(), column, 1));
        g.coachingAlerts().forEach(r -> add(counts, r.code(), column, 1));
        g.incentiveInsights().forEach(r -> add(counts, r.code(), column, 1));
        g.territoryFindings().forEach(r -> add(counts, r.code(), column, 1));
    }

    private static void add(Map<String, long[]> counts, String key, int column, long n) {
        counts.computeIfAbsent(key, k -> new long[3])[column] += n;
    }

    private static long size(Guidance g) {
        return g.recommendations().size()
                + g.coachingAlerts().size()
                + g.incentiveInsights().size()
                + g.territoryFindings().size();
    }

    private static long size(GuidanceCollector c) {
        return c.recommendations().size()
                + c.alerts().size()
                + c.insights().size()
                + c.findings().size();
    }
}
