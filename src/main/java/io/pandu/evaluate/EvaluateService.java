package io.pandu.evaluate;

import io.pandu.facts.FactSet;
import io.pandu.guidance.Guidance;
import java.util.function.Consumer;

/**
 * Stateless evaluation: a fact set in, guidance out, nothing stored. Every evaluation is reported
 * to an observer (the service meters latency and firings with it) so this package knows no metrics
 * library.
 */
public final class EvaluateService {
    private final Evaluator evaluator;
    private final Consumer<Evaluation> observer;

    public EvaluateService(Evaluator evaluator, Consumer<Evaluation> observer) {
        this.evaluator = evaluator;
        this.observer = observer;
    }

    public Guidance evaluate(FactSet facts) {
        Evaluation evaluation = evaluator.evaluate(facts);
        observer.accept(evaluation);
        return evaluation.guidance();
    }
}
