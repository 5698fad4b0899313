package io.pandu.rules;

import io.pandu.errors.Diagnostic;
import java.util.List;

/** A check a candidate rule set must pass before it goes live; errors refuse it. */
@FunctionalInterface
public interface CandidateCheck {
    List<Diagnostic> check(RuleSet candidate);
}
