package io.pandu.evaluate;

import io.pandu.guidance.Attainment;
import io.pandu.guidance.Guidance;
import java.util.Map;

/**
 * The guidance of one evaluation plus how it came about: firings per rule and the time it took; the
 * rule set's team parameters as the rules inserted them ({@code Parameter} facts, by name), and
 * each rep with a quota's attainment, by rep id.
 */
public record Evaluation(
        Guidance guidance,
        Map<String, Integer> firings,
        int deals,
        long nanos,
        Map<String, Double> parameters,
        Map<String, Attainment> attainment) {

    public Evaluation(Guidance guidance, Map<String, Integer> firings, int deals, long nanos) {
        this(guidance, firings, deals, nanos, Map.of(), Map.of());
    }
}
