package io.pandu.cli;

import io.pandu.errors.PanduException;
import io.pandu.rules.RuleSetRejectedException;
import picocli.CommandLine;

/** Domain errors print as one clear message (and diagnostics), never as a stack trace. */
final class CliErrors implements CommandLine.IExecutionExceptionHandler {
    @Override
    public int handleExecutionException(
            Exception e, CommandLine cmd, CommandLine.ParseResult parsed) {
        if (e instanceof RuleSetRejectedException rejected) {
            rejected.diagnostics().forEach(d -> cmd.getErr().println(d));
            return 1;
        }
        if (e instanceof PanduException p) {
            cmd.getErr().println("error: " + p.getMessage());
            return p.status() == 400 || p.field() != null ? 2 : 1; // bad input, e.g. a taken name
        }
        cmd.getErr().println("error: " + e);
        return 3;
    }
}
