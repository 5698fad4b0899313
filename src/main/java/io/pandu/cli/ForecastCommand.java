package io.pandu.cli;

import io.pandu.errors.InvalidInputException;
import io.pandu.facts.Deal;
import io.pandu.facts.Rep;
import io.pandu.ingest.MavenCrmReader;
import io.pandu.kpi.Forecast;
import io.pandu.playbook.PlaybookLoader;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.Callable;
import java.util.function.Function;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code pandu forecast backtest}: how the forecast would have done on a past quarter. */
@Command(
        mixinStandardHelpOptions = true,
        version = PanduCli.VERSION,
        name = "forecast",
        description = "Forecast won value per quarter (see the subcommands).",
        subcommands = ForecastCommand.Backtest.class)
final class ForecastCommand {

    @Command(
            mixinStandardHelpOptions = true,
            version = PanduCli.VERSION,
            name = "backtest",
            description =
                    "Forecast a past quarter from what was known on --as-of, and print forecast,"
                            + " actual, error and the naive run rate's error (next quarter = last"
                            + " quarter's won value), per team and overall.")
    static final class Backtest implements Callable<Integer> {
        @Spec CommandSpec spec;

        @Mixin RuleOptions options;

        @Option(names = "--period", required = true, description = "The quarter, e.g. 2017-Q4")
        String period;

        @Option(
                names = "--as-of",
                required = true,
                description = "What is known: engagements and closes up to this date (YYYY-MM-DD)")
        LocalDate asOf;

        @Option(
                names = "--maven-crm",
                required = true,
                paramLabel = "DIR",
                description = "Directory of the Maven CRM CSVs")
        Path mavenCrm;

        @Override
        public Integer call() {
            PrintWriter out = spec.commandLine().getOut();
            PrintWriter err = spec.commandLine().getErr();
            Forecast.Period quarter = Forecast.Period.parse(period);
            options.resolve(err);
            PlaybookLoader.Result playbooks = new PlaybookLoader().load(options.playbooks);
            if (!playbooks.ok()) {
                playbooks.diagnostics().forEach(err::println);
                throw new InvalidInputException("--playbooks", "the playbooks do not load");
            }
            MavenCrmReader.Result data = new MavenCrmReader().read(mavenCrm, LocalDate.MIN);
            Map<String, Rep> reps = new HashMap<>();
            data.facts().reps().forEach(r -> reps.put(r.id(), r));
            Function<Deal, String> team =
                    d -> {
                        Rep owner = reps.get(d.ownerId());
                        String manager = owner == null ? null : owner.managerId();
                        return manager == null
                                ? "(no manager)"
                                : data.managers().getOrDefault(manager, manager);
                    };
            Forecast forecast = new Forecast(playbooks.library());
            List<Forecast.Group> groups =
                    forecast.forecast(data.facts().deals(), reps, team, quarter, asOf);
            Map<String, Double> actual = wonIn(forecast, data.facts().deals(), team, quarter);
            Map<String, Double> naive =
                    wonIn(forecast, data.facts().deals(), team, quarter.previous());
            out.printf(
                    "Backtest %s from what was known on %s (forecast = open deals + deals not yet"
                            + " created; naive = %s won value)%n",
                    quarter.name(), asOf, quarter.previous().name());
            out.printf(
                    "%-20s %12s %12s %12s %12s %8s %12s %8s%n",
                    "group",
                    "forecast",
                    "open deals",
                    "not created",
                    "actual",
                    "error",
                    "naive",
                    "error");
            double forecastError = 0;
            double naiveError = 0;
            int teams = 0;
            for (Forecast.Group g : groups) {
                double a = actual.getOrDefault(g.key(), 0.0);
                double n = naive.getOrDefault(g.key(), 0.0);
                out.printf(
                        "%-20s %12.0f %12.0f %12.0f %12.0f %8s %12.0f %8s%n",
                        g.key(),
                        g.forecast(),
                        g.openDeals(),
                        g.notYetCreated(),
                        a,
                        error(g.forecast(), a),
                        n,
                        error(n, a));
                if (!g.key().equals("company") && a > 0) {
                    forecastError += Math.abs(g.forecast() - a) / a;
                    naiveError += Math.abs(n - a) / a;
                    teams++;
                }
            }
            if (teams > 0) {
                out.printf(
                        "mean absolute error per team: forecast %.1f %%, naive %.1f %%%n",
                        100 * forecastError / teams, 100 * naiveError / teams);
            }
            return 0;
        }

        /** Won value closed in the period per group, and for the company. */
        private static Map<String, Double> wonIn(
                Forecast forecast,
                List<Deal> deals,
                Function<Deal, String> group,
                Forecast.Period period) {
            Map<String, Double> won = new TreeMap<>();
            for (Deal d : deals) {
                if (forecast.isWon(d)
                        && d.amount() != null
                        && d.closeDate() != null
                        && !d.closeDate().isBefore(period.start())
                        && !d.closeDate().isAfter(period.end())) {
                    won.merge(group.apply(d), d.amount().doubleValue(), Double::sum);
                    won.merge("company", d.amount().doubleValue(), Double::sum);
                }
            }
            return won;
        }

        private static String error(double estimate, double actual) {
            return actual == 0
                    ? "n/a"
                    : String.format("%+.1f%%", 100 * (estimate - actual) / actual);
        }
    }
}
