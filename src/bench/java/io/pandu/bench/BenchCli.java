package io.pandu.bench;

import io.pandu.errors.PanduException;
import io.pandu.rules.RuleSetRejectedException;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/**
 * Entry point of {@code target/pandu-bench.jar} (built by {@code mvn -Pbench package}; the
 * product's {@code pandu.jar} has no benchmarks): {@code bench} and {@code bench-http}. Start-up
 * messages go to stderr, results to stdout.
 */
@Command(
        name = "pandu-bench",
        mixinStandardHelpOptions = true,
        version = "Pandu benchmarks 0.1.0",
        description = "Benchmarks of the Pandu engine (docs/BENCHMARKS.md).",
        subcommands = {
            BenchCommand.class,
            BenchHttpCommand.class,
            BenchPreviewCommand.class,
            BenchWhyNotCommand.class,
            CommandLine.HelpCommand.class
        })
public final class BenchCli {

    public static void main(String[] args) {
        System.exit(run(args));
    }

    /** Runs a command line and returns its exit code (tests call this instead of main). */
    public static int run(String... args) {
        return commandLine().execute(args);
    }

    public static CommandLine commandLine() {
        CommandLine cli = new CommandLine(new BenchCli());
        cli.setExecutionExceptionHandler(BenchCli::handleExecutionException);
        return cli;
    }

    /**
     * As the product's CLI: a rejected rule set prints its diagnostics, a domain error one line, no
     * stack trace.
     */
    private static int handleExecutionException(
            Exception e, CommandLine cmd, CommandLine.ParseResult parsed) {
        if (e instanceof RuleSetRejectedException rejected) {
            rejected.diagnostics().forEach(d -> cmd.getErr().println(d));
            return 1;
        }
        if (e instanceof PanduException p) {
            cmd.getErr().println("error: " + p.getMessage());
            return p.status() == 400 ? 2 : 1;
        }
        cmd.getErr().println("error: " + e);
        return 3;
    }
}
