package io.pandu.cli;

import io.pandu.errors.InvalidInputException;
import io.pandu.ingest.MavenCrmGenerator;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code pandu generate}: a pipeline of any size in the Maven CRM data set's four CSVs, for trying
 * Pandu at scale ({@code pandu import --maven-crm DIR} reads it).
 */
@Command(
        mixinStandardHelpOptions = true,
        version = PanduCli.VERSION,
        name = "generate",
        description =
                "Write a deterministic pipeline shaped like the Maven CRM data set (sales_pipeline,"
                        + " sales_teams, accounts, products CSVs) into --out.")
final class GenerateCommand implements Callable<Integer> {
    @Spec CommandSpec spec;

    @Option(names = "--deals", required = true, description = "Opportunities to write")
    int deals;

    @Option(names = "--reps", required = true, description = "Sales agents (about 7 per manager)")
    int reps;

    @Option(
            names = "--accounts",
            description = "Accounts (default: one per hundred deals, at least 85)")
    Integer accounts;

    @Option(names = "--seed", defaultValue = "42", description = "Seed (default: ${DEFAULT-VALUE})")
    long seed;

    @Option(
            names = "--out",
            required = true,
            paramLabel = "DIR",
            description = "Directory to write")
    Path out;

    @Override
    public Integer call() throws Exception {
        if (deals < 1) {
            throw new InvalidInputException("--deals", "must be at least 1");
        }
        if (reps < 1) {
            throw new InvalidInputException("--reps", "must be at least 1");
        }
        if (accounts != null && accounts < 1) {
            throw new InvalidInputException("--accounts", "must be at least 1");
        }
        if (Files.exists(out) && !Files.isDirectory(out)) {
            throw new InvalidInputException("--out", out + " is a file, not a directory");
        }
        MavenCrmGenerator.Settings settings =
                accounts == null
                        ? MavenCrmGenerator.Settings.of(seed, deals, reps)
                        : new MavenCrmGenerator.Settings(seed, deals, reps, accounts);
        long start = System.nanoTime();
        MavenCrmGenerator.Written w = MavenCrmGenerator.write(settings, out);
        PrintWriter stdout = spec.commandLine().getOut();
        stdout.printf(
                "Wrote %d deals, %d reps under %d managers, %d accounts, %d products to %s in %d ms%n",
                w.deals(),
                w.reps(),
                w.managers(),
                w.accounts(),
                w.products(),
                out,
                (System.nanoTime() - start) / 1_000_000);
        return 0;
    }
}
