package io.pandu.cli;

import io.pandu.app.Pandu;
import io.pandu.rules.RuleRegistry;
import java.io.PrintWriter;
import java.nio.file.Path;
import picocli.CommandLine.Option;

/** The --rules and --playbooks options every command that loads knowledge shares. */
final class RuleOptions {
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

    /** Pandu with these rules and playbooks loaded, or fails with every diagnostic. */
    Pandu load(PrintWriter err) {
        return load(err, Pandu.withSystemClock());
    }

    /**
     * Adds these rules and playbooks to {@code pandu} and opens it, saying what was loaded on
     * stderr.
     */
    Pandu load(PrintWriter err, Pandu.Builder pandu) {
        err.println("Loading rules from " + rules + " and playbooks from " + playbooks);
        Pandu opened = pandu.rules(rules, playbooks).open();
        RuleRegistry registry = opened.registry();
        registry.lastOutcome().diagnostics().forEach(err::println);
        err.println(
                "Rule set "
                        + registry.current().version()
                        + ": "
                        + registry.current().rules().rules().size()
                        + " rules");
        return opened;
    }
}
