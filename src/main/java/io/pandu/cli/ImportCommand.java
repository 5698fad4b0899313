package io.pandu.cli;

import io.pandu.app.Pandu;
import io.pandu.auth.Caller;
import io.pandu.facts.FactSetJson;
import io.pandu.ingest.ImportProgress;
import io.pandu.ingest.ImportSummary;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.concurrent.Callable;
import java.util.function.Function;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

@Command(
        mixinStandardHelpOptions = true,
        version = PanduCli.VERSION,
        name = "import",
        description = "Import data into the store (idempotent: importing twice changes nothing).",
        subcommands = {ImportCommand.MavenCrm.class, ImportCommand.Facts.class})
final class ImportCommand {
    static final String MOVE_AS_OF =
            "Let the import's as-of date replace the store's even when it is older (or the"
                    + " store's is set by configuration); without it the store's date stays and the"
                    + " report says so";

    /**
     * What both imports share: the store, the playbooks deal stages are checked against, progress
     * on stderr.
     */
    static final class Common {
        @Spec(Spec.Target.MIXEE)
        CommandSpec spec;

        @Mixin DatabaseOptions database;

        @Option(
                names = "--playbooks",
                description =
                        "Playbooks that deal stages must resolve in (default: ${DEFAULT-VALUE})",
                defaultValue = "playbooks")
        Path playbooks;

        @Option(
                names = "--allow-rejects",
                description =
                        "Exit 0 even when records were rejected (by default the import exits 1 after"
                                + " its summary)")
        boolean allowRejects;

        PrintWriter err() {
            return spec.commandLine().getErr();
        }

        ImportProgress progress() {
            return (what, done, total) -> err().println("  " + what + ": " + done + "/" + total);
        }

        int run(String what, Function<Pandu, ImportSummary> work) {
            PrintWriter err = err();
            err.println("Importing " + what);
            try (Pandu services =
                    Pandu.withSystemClock()
                            .playbooks(playbooks)
                            .store(database.config(err))
                            .open()) {
                ImportSummary summary = work.apply(services);
                spec.commandLine().getOut().print(summary.text());
                spec.commandLine().getOut().flush();
                if (summary.rejectedCount() > 0 && !allowRejects) {
                    err.println(
                            "error: "
                                    + summary.rejectedCount()
                                    + " record(s) rejected (see above; the others were imported); --allow-rejects makes that exit 0");
                    return 1;
                }
                return 0;
            }
        }
    }

    @Command(
            mixinStandardHelpOptions = true,
            version = PanduCli.VERSION,
            name = "maven-crm",
            description =
                    "Import the Maven CRM CSVs (sales_pipeline, sales_teams, accounts, products) of DIR,"
                            + " or the copy bundled with Pandu when DIR is left out.")
    static final class MavenCrm implements Callable<Integer> {
        @Mixin Common common;

        @Parameters(
                paramLabel = "DIR",
                arity = "0..1",
                description = "Directory with the four CSV files (default: the bundled copy)")
        Path dir;

        @Option(
                names = "--as-of",
                description =
                        "Evaluate the pipeline as of this date (default: the last date in the data)")
        LocalDate asOf;

        @Option(
                names = "--demo-users",
                description =
                        "Also create a user per agent and manager (first.last), ops and admin, password \"demo\"")
        boolean demoUsers;

        @Option(names = "--move-as-of", description = MOVE_AS_OF)
        boolean moveAsOf;

        @Override
        public Integer call() {
            if (dir == null) {
                return common.run(
                        "the bundled Maven CRM data",
                        s ->
                                s.importer()
                                        .importBundledMavenCrm(
                                                Caller.system(),
                                                demoUsers,
                                                common.progress(),
                                                moveAsOf));
            }
            return common.run(
                    "Maven CRM data from " + dir,
                    s ->
                            s.importer()
                                    .importMavenCrm(
                                            Caller.system(),
                                            "Maven CRM " + dir,
                                            dir,
                                            asOf,
                                            demoUsers,
                                            common.progress(),
                                            moveAsOf));
        }
    }

    @Command(
            mixinStandardHelpOptions = true,
            version = PanduCli.VERSION,
            name = "facts",
            description = "Import a fact set JSON file (the format of `pandu evaluate --facts`).")
    static final class Facts implements Callable<Integer> {
        @Mixin Common common;

        @Parameters(paramLabel = "FILE", description = "Fact set JSON file")
        Path file;

        @Option(names = "--move-as-of", description = MOVE_AS_OF)
        boolean moveAsOf;

        @Override
        public Integer call() {
            var facts = FactSetJson.read(file);
            return common.run(
                    "the fact set " + file,
                    s ->
                            s.importer()
                                    .importFacts(
                                            Caller.system(), facts, common.progress(), moveAsOf));
        }
    }
}
