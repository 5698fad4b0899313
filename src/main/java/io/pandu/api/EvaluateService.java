package io.pandu.api;

import io.pandu.evaluate.Evaluation;
import io.pandu.evaluate.Evaluator;
import io.pandu.facts.FactSet;
import io.pandu.guidance.Guidance;

/** Stateless evaluation: a fact set in, guidance out, nothing stored; latency and firings are metered. */
public final class EvaluateService {
    private final Evaluator evaluator;
    private final ApiMetrics metrics;

    public EvaluateService(Evaluator evaluator, ApiMetrics metrics) {
        this.evaluator = evaluator;
        this.metrics = metrics;
    }

    public Guidance evaluate(FactSet facts) {
        Evaluation evaluation = evaluator.evaluate(facts);
        metrics.evaluated(evaluation);
        return evaluation.guidance();
    }
}
