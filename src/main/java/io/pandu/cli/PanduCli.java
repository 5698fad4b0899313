package io.pandu.cli;

import picocli.CommandLine;
import picocli.CommandLine.Command;

/** Entry point of the {@code pandu} command. Start-up messages go to stderr, results to stdout. */
@Command(
        name = "pandu",
        mixinStandardHelpOptions = true,
        version = PanduCli.VERSION,
        description = "Rules-driven sales playbooks and guided selling.",
        subcommands = {
            ValidateCommand.class,
            TestCommand.class,
            EvaluateCommand.class,
            ImportCommand.class,
            UserCommand.class,
            RunEvaluationCommand.class,
            ServeCommand.class,
            ForecastCommand.class,
            GenerateCommand.class,
            RulesCommand.class,
            CommandLine.HelpCommand.class
        })
public final class PanduCli {
    static final String VERSION = "Pandu 0.1.0";

    public static void main(String[] args) {
        System.exit(run(args));
    }

    /** Runs a command line and returns its exit code (tests call this instead of main). */
    public static int run(String... args) {
        return commandLine().execute(args);
    }

    public static CommandLine commandLine() {
        CommandLine cli = new CommandLine(new PanduCli());
        cli.setExecutionExceptionHandler(new CliErrors());
        return cli;
    }
}
