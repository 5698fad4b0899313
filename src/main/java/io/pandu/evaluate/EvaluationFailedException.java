package io.pandu.evaluate;

import io.pandu.errors.PanduException;

/** A rule misbehaved while running (threw, or looped past the firing limit); the rule is named. */
public class EvaluationFailedException extends PanduException {
    private final String rule;

    public EvaluationFailedException(String rule, String message) {
        super(422, "evaluation-failed", message);
        this.rule = rule;
    }

    public String rule() {
        return rule;
    }
}
