package io.pandu.cli;

import io.pandu.app.Pandu;
import io.pandu.app.PanduConfig;
import io.pandu.auth.Caller;
import io.pandu.runs.RuleFiring;
import io.pandu.runs.RunStatus;
import io.pandu.runs.Trigger;
import java.io.PrintWriter;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

@Command(
        mixinStandardHelpOptions = true,
        version = PanduCli.VERSION,
        name = "run-evaluation",
        description =
                "Re-evaluate the whole stored pipeline (one fact set per team), refresh "
                        + "coaching alerts, keep a guidance snapshot; prints the duration and deals per second.")
final class RunEvaluationCommand implements Callable<Integer> {
    @Spec CommandSpec spec;

    @Mixin RuleOptions rules;

    @Mixin DatabaseOptions database;

    @Option(
            names = "--threads",
            paramLabel = "N",
            description = "Evaluation threads (default: the number of cores)")
    Integer threads;

    @Option(
            names = "--repeat",
            description = "Run this many times (later runs show the warmed-up speed)",
            defaultValue = "1")
    int repeat;

    @Override
    public Integer call() {
        PrintWriter err = spec.commandLine().getErr();
        PrintWriter out = spec.commandLine().getOut();
        int n = threads == null ? Pandu.DEFAULT_THREADS : threads;
        try (Pandu services =
                rules.load(
                        err,
                        Pandu.withSystemClock()
                                .store(database.config(err))
                                .threads(n)
                                .holdoutShare(PanduConfig.holdoutShare(System.getenv())))) {
            RunStatus run = null;
            for (int i = 0; i < Math.max(1, repeat); i++) {
                run = services.runs().runNow(Caller.system(), Trigger.CLI);
                if (!RunStatus.SUCCEEDED.equals(run.status())) {
                    err.println("error: evaluation run " + run.id() + " failed: " + run.error());
                    return 1;
                }
                out.printf(
                        "Run %d: %d deals in %d teams as of %s, rule set %s, %d threads: evaluation %d ms (%.1f deals/s),"
                                + " whole run %d ms; %d recommendations; alerts %d raised, %d updated, %d resolved%n",
                        run.id(),
                        run.deals(),
                        run.teams(),
                        run.asOf(),
                        run.ruleSetVersion(),
                        n,
                        run.evaluationMs(),
                        run.dealsPerSecond(),
                        run.durationMs(),
                        run.recommendations(),
                        run.alertsRaised(),
                        run.alertsUpdated(),
                        run.alertsResolved());
            }
            List<RuleFiring> firings = services.runs().firings(Caller.system(), run.id());
            out.println("Rule firings in run " + run.id() + ":");
            firings.forEach(f -> out.printf("  %7d  %s%n", f.firings(), f.rule()));
            return 0;
        }
    }
}
