package io.pandu.evaluate;

import io.pandu.guidance.Guidance;
import java.util.Map;

/** The guidance of one evaluation plus how it came about: firings per rule and the time it took. */
public record Evaluation(Guidance guidance, Map<String, Integer> firings, int deals, long nanos) {}
