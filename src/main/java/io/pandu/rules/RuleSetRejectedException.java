package io.pandu.rules;

import io.pandu.errors.Diagnostic;
import io.pandu.errors.PanduException;
import java.util.List;

/** A rule set that did not build; the one in use stays in use. */
public class RuleSetRejectedException extends PanduException {
    private final List<Diagnostic> diagnostics;

    public RuleSetRejectedException(List<Diagnostic> diagnostics) {
        super(422, "rule-set-invalid", summary(diagnostics));
        this.diagnostics = List.copyOf(diagnostics);
    }

    public List<Diagnostic> diagnostics() {
        return diagnostics;
    }

    private static String summary(List<Diagnostic> diagnostics) {
        long errors = diagnostics.stream().filter(Diagnostic::isError).count();
        String first =
                diagnostics.stream()
                        .filter(Diagnostic::isError)
                        .findFirst()
                        .map(Diagnostic::toString)
                        .orElse("");
        return errors + " error(s) in the rule set; first: " + first;
    }
}
