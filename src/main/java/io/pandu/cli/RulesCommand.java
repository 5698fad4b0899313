package io.pandu.cli;

import io.pandu.app.Pandu;
import io.pandu.errors.InvalidInputException;
import io.pandu.errors.NotFoundException;
import io.pandu.rules.Snapshot;
import io.pandu.versions.RuleVersionRepository;
import io.pandu.versions.RuleVersions;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.concurrent.Callable;
import java.util.stream.Stream;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

@Command(
        mixinStandardHelpOptions = true,
        version = PanduCli.VERSION,
        name = "rules",
        description =
                "Rule-set versions in the store, as folders: export one as rules/ and playbooks/,"
                        + " or import such folders as a new live version.",
        subcommands = {RulesCommand.Export.class, RulesCommand.Import.class})
final class RulesCommand {

    @Command(
            mixinStandardHelpOptions = true,
            version = PanduCli.VERSION,
            name = "export",
            description =
                    "Write the live version (or --version ID) as DIR/rules and DIR/playbooks, every"
                            + " file byte for byte (git-friendly).")
    static final class Export implements Callable<Integer> {
        @Spec CommandSpec spec;

        @Mixin DatabaseOptions database;

        @Parameters(index = "0", paramLabel = "DIR", description = "Folder to write into")
        Path dir;

        @Option(
                names = "--version",
                paramLabel = "ID",
                description = "A stored version (default: the live one)")
        String version;

        @Option(
                names = "--force",
                description = "Replace DIR/rules and DIR/playbooks when they hold files")
        boolean force;

        @Override
        public Integer call() {
            PrintWriter err = spec.commandLine().getErr();
            try (Pandu pandu = Pandu.withSystemClock().store(database.config(err)).open()) {
                RuleVersionRepository store = pandu.versionStore();
                String id =
                        version != null
                                ? version
                                : store.live()
                                        .orElseThrow(
                                                () ->
                                                        new NotFoundException(
                                                                "the store has no rule-set version yet (serve once, or `pandu rules import`)"));
                Snapshot snapshot =
                        store.snapshot(id)
                                .orElseThrow(
                                        () ->
                                                new NotFoundException(
                                                        "no rule-set version \"" + id + "\""));
                for (String part : new String[] {"rules", "playbooks"}) {
                    Path target = dir.resolve(part);
                    if (holdsFiles(target)) {
                        if (!force) {
                            throw new InvalidInputException(
                                    "DIR", target + " holds files; use --force to replace them");
                        }
                        deleteTree(target);
                    }
                }
                snapshot.writeTo(dir);
                spec.commandLine()
                        .getOut()
                        .println(
                                "Exported version "
                                        + id
                                        + " ("
                                        + snapshot.files().size()
                                        + " files) to "
                                        + dir);
                return 0;
            }
        }
    }

    @Command(
            mixinStandardHelpOptions = true,
            version = PanduCli.VERSION,
            name = "import",
            description =
                    "Make DIR/rules and DIR/playbooks a new version, validated like a publish, and"
                            + " put it live (servers follow within a second).")
    static final class Import implements Callable<Integer> {
        @Spec CommandSpec spec;

        @Mixin DatabaseOptions database;

        @Parameters(
                index = "0",
                paramLabel = "DIR",
                description = "Folder holding rules/ and playbooks/")
        Path dir;

        @Option(
                names = "--note",
                required = true,
                description = "What changed and why (kept with the version)")
        String note;

        @Option(
                names = "--author",
                description = "Who made the change (default: cli)",
                defaultValue = "cli")
        String author;

        @Override
        public Integer call() {
            PrintWriter err = spec.commandLine().getErr();
            if (!Files.isDirectory(dir.resolve("rules"))
                    || !Files.isDirectory(dir.resolve("playbooks"))) {
                throw new InvalidInputException("DIR", dir + " must hold rules/ and playbooks/");
            }
            try (Pandu pandu =
                    Pandu.withSystemClock()
                            .rules(dir.resolve("rules"), dir.resolve("playbooks"))
                            .store(database.config(err))
                            .versionsInStore()
                            .threads(1)
                            .open()) {
                RuleVersions.LiveChange change = pandu.versions().importFolder(author, dir, note);
                spec.commandLine()
                        .getOut()
                        .println(
                                change.changed()
                                        ? "Version "
                                                + change.version()
                                                + " is live (parent "
                                                + change.previous()
                                                + "): "
                                                + change.files()
                                        : "Unchanged: "
                                                + dir
                                                + " is version "
                                                + change.version()
                                                + ", already live");
                return 0;
            }
        }
    }

    private static boolean holdsFiles(Path dir) {
        if (!Files.isDirectory(dir)) {
            return false;
        }
        try (Stream<Path> walk = Files.walk(dir)) {
            return walk.anyMatch(Files::isRegularFile);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static void deleteTree(Path dir) {
        try (Stream<Path> walk = Files.walk(dir)) {
            for (Path p : walk.sorted(Comparator.reverseOrder()).toList()) {
                Files.delete(p);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
