package io.pandu.cli;

import io.pandu.app.Pandu;
import io.pandu.errors.Diagnostic;
import io.pandu.rules.RuleRegistry;
import java.io.PrintWriter;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

@Command(
        mixinStandardHelpOptions = true,
        version = PanduCli.VERSION,
        name = "validate",
        description = "Check rule files and playbooks; print every problem as file:line:col.")
final class ValidateCommand implements Callable<Integer> {
    @Spec CommandSpec spec;

    @Mixin RuleOptions options;

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        options.resolve(spec.commandLine().getErr());
        try (RuleRegistry registry =
                Pandu.registry(options.rules, options.playbooks, Pandu.systemClock())) {
            RuleRegistry.ReloadOutcome outcome = registry.reload();
            outcome.diagnostics().forEach(out::println);
            long errors = outcome.diagnostics().stream().filter(Diagnostic::isError).count();
            long warnings = outcome.diagnostics().size() - errors;
            if (!outcome.ok()) {
                out.println("invalid: " + errors + " error(s), " + warnings + " warning(s)");
                return 1;
            }
            out.println(
                    "valid: rule set "
                            + outcome.version()
                            + ", "
                            + registry.current().rules().rules().size()
                            + " rules, "
                            + registry.current().playbooks().playbooks().size()
                            + " playbooks, "
                            + warnings
                            + " warning(s)");
            return 0;
        }
    }
}
