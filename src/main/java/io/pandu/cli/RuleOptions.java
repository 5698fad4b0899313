package io.pandu.cli;

import io.pandu.app.BundledKnowledge;
import io.pandu.app.Pandu;
import io.pandu.rules.RuleRegistry;
import java.io.PrintWriter;
import java.nio.file.Path;
import picocli.CommandLine.Option;

/** The --rules and --playbooks options every command that loads knowledge shares. */
final class RuleOptions {
    @Option(
            names = "--rules",
            paramLabel = "DIR",
            description = "Rule directory (default: ./rules, else the copy bundled in the jar)")
    Path rules;

    @Option(
            names = "--playbooks",
            paramLabel = "DIR",
            description =
                    "Playbook directory (default: ./playbooks, else the copy bundled in the jar)")
    Path playbooks;

    private boolean resolved;

    /**
     * Settles {@link #rules} and {@link #playbooks}: the folders given (which must exist), else
     * ./rules and ./playbooks, else the bundled copies (said on {@code err}).
     */
    void resolve(PrintWriter err) {
        if (!resolved) {
            rules = BundledKnowledge.folder("rules", rules, "--rules", err::println);
            playbooks =
                    BundledKnowledge.folder("playbooks", playbooks, "--playbooks", err::println);
            resolved = true;
        }
    }

    /** Pandu with these rules and playbooks loaded, or fails with every diagnostic. */
    Pandu load(PrintWriter err) {
        return load(err, Pandu.withSystemClock());
    }

    /**
     * Adds these rules and playbooks to {@code pandu} and opens it, saying what was loaded on
     * stderr.
     */
    Pandu load(PrintWriter err, Pandu.Builder pandu) {
        resolve(err);
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
