package io.pandu.metrics;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Timer;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.pandu.evaluate.Evaluation;
import io.pandu.rules.RuleRegistry;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;

/**
 * The service's Prometheus registry: Vert.x reports HTTP server metrics into it (by route), and
 * Pandu adds evaluation latency, rules fired (per rule) and rule reloads (per outcome).
 */
public final class PanduMetrics {
    private final PrometheusMeterRegistry registry =
            new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
    private final Timer evaluations =
            Timer.builder("pandu.evaluation")
                    .description("Time to evaluate one fact set against the rules")
                    .publishPercentileHistogram()
                    .register(registry);
    private final Map<String, Counter> fired = new ConcurrentHashMap<>();

    public PrometheusMeterRegistry registry() {
        return registry;
    }

    /** Records an evaluation: its latency and how often each rule fired. */
    public void evaluated(Evaluation evaluation) {
        evaluations.record(evaluation.nanos(), TimeUnit.NANOSECONDS);
        evaluation
                .firings()
                .forEach(
                        (rule, count) ->
                                fired.computeIfAbsent(
                                                rule,
                                                r ->
                                                        Counter.builder("pandu.rules.fired")
                                                                .description("Rule firings")
                                                                .tag("rule", r)
                                                                .register(registry))
                                        .increment(count));
    }

    /** Counts a reload attempt by outcome: changed, unchanged or failed. */
    public void reloaded(RuleRegistry.ReloadOutcome outcome) {
        String result = !outcome.ok() ? "failed" : outcome.changed() ? "changed" : "unchanged";
        registry.counter("pandu.rules.reloads", "outcome", result).increment();
    }

    public String scrape() {
        return registry.scrape();
    }
}
