package io.pandu.bench;

import io.pandu.evaluate.Evaluator;
import io.pandu.preview.ImpactPreview;
import io.pandu.rules.RuleRegistry;
import io.pandu.rules.RuleSetRejectedException;
import io.pandu.store.Team;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.stream.Stream;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * Times the impact preview of issue 12: the generated pipeline evaluated with the live rules and
 * with a candidate, compared item by item. The candidate is the live rules with one playbook
 * parameter changed ({@code --change playbook.parameter=value}), as a sales-ops draft would be.
 */
@Command(
        name = "bench-preview",
        mixinStandardHelpOptions = true,
        description = {
            "Time the impact preview (live rules vs a candidate with one playbook parameter changed)",
            "over a generated pipeline. See docs/BENCHMARKS.md."
        })
final class BenchPreviewCommand implements Callable<Integer> {
    @Spec CommandSpec spec;

    @Mixin BenchRuleOptions options;

    @Option(
            names = "--deals",
            defaultValue = "100000",
            description = "Deals (default: ${DEFAULT-VALUE})")
    int deals;

    @Option(
            names = "--reps",
            defaultValue = "500",
            description = "Reps (default: ${DEFAULT-VALUE})")
    int reps;

    @Option(
            names = "--teams",
            defaultValue = "70",
            description = "Teams (default: ${DEFAULT-VALUE})")
    int teams;

    @Option(
            names = "--activities",
            defaultValue = "1000000",
            description = "Activities (default: ${DEFAULT-VALUE})")
    int activities;

    @Option(names = "--seed", defaultValue = "42", description = "Seed (default: ${DEFAULT-VALUE})")
    long seed;

    @Option(
            names = "--threads",
            defaultValue = "2",
            description = "Teams evaluated at once (default: ${DEFAULT-VALUE})")
    int threads;

    @Option(
            names = "--change",
            defaultValue = "velocity.staleAfterDays=21",
            description =
                    "The candidate's change: PLAYBOOK.PARAMETER=VALUE in playbooks/PLAYBOOK.yaml (default: ${DEFAULT-VALUE})")
    String change;

    @Option(
            names = "--warmup",
            defaultValue = "1",
            description = "Warm-up rounds (default: ${DEFAULT-VALUE})")
    int warmup;

    @Option(
            names = "--iterations",
            defaultValue = "3",
            description = "Measured rounds (default: ${DEFAULT-VALUE})")
    int iterations;

    @Override
    public Integer call() throws Exception {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        Path candidateDir = Files.createTempDirectory("pandu-bench-preview-");
        try (RuleRegistry live = options.load(err);
                RuleRegistry candidate = candidate(candidateDir)) {
            PipelineGenerator.Pipeline pipeline =
                    PipelineGenerator.generate(
                            new PipelineGenerator.Settings(
                                    seed,
                                    deals,
                                    reps,
                                    teams,
                                    PipelineGenerator.Settings.DEFAULTS.accountsPerRep(),
                                    activities,
                                    PipelineGenerator.Settings.DEFAULTS.asOf()));
            List<Team> stored = new ArrayList<>();
            for (int i = 0; i < pipeline.teams().size(); i++) {
                stored.add(new Team("team-" + i, "manager-" + i, pipeline.teams().get(i)));
            }
            ImpactPreview preview =
                    new ImpactPreview(new Evaluator(live::current, Clock.systemUTC()), threads);
            out.printf(
                    "preview of %s -> %s (%s) over %d deals in %d teams, %d threads%n",
                    live.current().version(),
                    candidate.current().version(),
                    change,
                    pipeline.deals(),
                    stored.size(),
                    threads);
            // each round previews twice: with nothing kept (both sides evaluated: the first preview
            // after the pipeline or the live version changed), then with the live side the first
            // left (what Previews keeps while neither changed: only the candidate is evaluated)
            for (int round = 1; round <= warmup + iterations; round++) {
                String label = round <= warmup ? "warm-up" : "round " + (round - warmup);
                ImpactPreview.LiveSide kept = new ImpactPreview.LiveSide(live.current().version());
                for (String kind : List.of("both sides", "live kept")) {
                    System.gc();
                    long cpuStart = processCpuNanos();
                    ImpactPreview.Result r =
                            preview.compare(
                                    stored, live.current(), candidate.current(), kept, done -> {});
                    long cpuMs = (processCpuNanos() - cpuStart) / 1_000_000;
                    out.printf(
                            "%-8s %-10s %6d ms  %8.0f deals/s  process CPU %6d ms  added %d,"
                                    + " removed %d, changed %d, unchanged %d%n",
                            label,
                            kind,
                            r.millis(),
                            r.deals() * 1000.0 / Math.max(1, r.millis()),
                            cpuMs,
                            r.added(),
                            r.removed(),
                            r.changed(),
                            r.unchanged());
                }
            }
            return 0;
        } finally {
            deleteTree(candidateDir);
        }
    }

    /** CPU time of the whole process (every thread, GC included). */
    private static long processCpuNanos() {
        return ((com.sun.management.OperatingSystemMXBean)
                        java.lang.management.ManagementFactory.getOperatingSystemMXBean())
                .getProcessCpuTime();
    }

    /** The live rules and playbooks copied, with the one parameter changed. */
    private RuleRegistry candidate(Path dir) throws IOException {
        String[] parts = change.split("[.=]", 3);
        if (parts.length != 3) {
            throw new IllegalArgumentException(
                    "--change must be PLAYBOOK.PARAMETER=VALUE: " + change);
        }
        copyTree(options.rules, dir.resolve("rules"));
        copyTree(options.playbooks, dir.resolve("playbooks"));
        Path playbook = dir.resolve("playbooks").resolve(parts[0] + ".yaml");
        String yaml = Files.readString(playbook);
        String changed = yaml.replaceFirst("(?m)^(\\s+" + parts[1] + ":\\s*).*$", "$1" + parts[2]);
        if (changed.equals(yaml)) {
            throw new IllegalArgumentException(
                    "--change: no parameter " + parts[1] + " in " + playbook);
        }
        Files.writeString(playbook, changed);
        RuleRegistry registry =
                new RuleRegistry(dir.resolve("rules"), dir.resolve("playbooks"), Clock.systemUTC());
        RuleRegistry.ReloadOutcome outcome = registry.reload();
        if (!outcome.ok()) {
            registry.close();
            throw new RuleSetRejectedException(outcome.diagnostics());
        }
        return registry;
    }

    private static void copyTree(Path from, Path to) throws IOException {
        try (Stream<Path> walk = Files.walk(from)) {
            for (Path p : walk.toList()) {
                Path target = to.resolve(from.relativize(p).toString());
                if (Files.isDirectory(p)) {
                    Files.createDirectories(target);
                } else {
                    Files.copy(p, target);
                }
            }
        }
    }

    private static void deleteTree(Path dir) throws IOException {
        try (Stream<Path> walk = Files.walk(dir)) {
            for (Path p : walk.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(p);
            }
        }
    }
}
