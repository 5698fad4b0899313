package io.pandu.bench;

import io.pandu.rules.RuleRegistry;
import io.pandu.rules.RuleSetRejectedException;
import java.io.PrintWriter;
import java.nio.file.Path;
import picocli.CommandLine.Option;

/**
 * The --rules and --playbooks options of the bench commands: the same options, defaults and
 * messages as the product's {@code io.pandu.cli.RuleOptions}, copied so that the product does not
 * widen its API for the benchmark.
 */
final class BenchRuleOptions {
    @Option(
            names = "--rules",
            description = "Rule directory (default: ${DEFAULT-VALUE})",
            defaultValue = "rules")
    Path rules;

    @Option(
            names = "--playbooks",
            description = "Playbook directory (default: ${DEFAULT-VALUE})",
            defaultValue = "playbooks")
    Path playbooks;

    /** Loads rules and playbooks, or fails with every diagnostic. */
    RuleRegistry load(PrintWriter err) {
        err.println("Loading rules from " + rules + " and playbooks from " + playbooks);
        RuleRegistry registry = new RuleRegistry(rules, playbooks, java.time.Clock.systemUTC());
        RuleRegistry.ReloadOutcome outcome = registry.reload();
        if (!outcome.ok()) {
            throw new RuleSetRejectedException(outcome.diagnostics());
        }
        outcome.diagnostics().forEach(err::println);
        err.println(
                "Rule set "
                        + outcome.version()
                        + ": "
                        + registry.current().rules().rules().size()
                        + " rules");
        return registry;
    }
}
