package io.pandu.bench;

import io.pandu.app.Pandu;
import io.pandu.auth.Caller;
import io.pandu.auth.Role;
import io.pandu.evaluate.WhyNotProbes;
import io.pandu.explain.WhyNot;
import io.pandu.facts.Deal;
import io.pandu.ingest.ImportProgress;
import io.pandu.ingest.ImportSummary;
import io.pandu.rules.RuleRegistry;
import io.pandu.store.DbConfig;
import io.pandu.store.Team;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import java.util.stream.Stream;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

@Command(
        name = "bench-why-not",
        mixinStandardHelpOptions = true,
        description = {
            "Time GET /api/v1/deals/{id}/why-not without HTTP: the service call (WhyNot.whyNot) per deal,",
            "on the Maven CRM demo pipeline in a fresh H2 store; p50/p95/p99/max over every sampled deal."
        })
final class BenchWhyNotCommand implements Callable<Integer> {
    static final double TARGET_P95_MILLIS = 50;

    @Spec CommandSpec spec;

    @Mixin BenchRuleOptions options;

    @Option(
            names = "--deals",
            defaultValue = "200",
            description =
                    "Open deals to ask about, spread over the pipeline (default: ${DEFAULT-VALUE})")
    int deals;

    @Option(
            names = "--code",
            description = "The code to ask about (default: none, every rule about deals)")
    String code;

    @Option(
            names = "--warmup",
            defaultValue = "2",
            description = "Warm-up rounds over the sample (default: ${DEFAULT-VALUE})")
    int warmup;

    @Option(
            names = "--iterations",
            defaultValue = "3",
            description = "Measured rounds over the sample (default: ${DEFAULT-VALUE})")
    int iterations;

    @Option(
            names = "--demo-data",
            description = "Maven CRM CSV folder (default: the copy bundled in the jar)")
    Path demoData;

    @Override
    public Integer call() throws IOException {
        PrintWriter out = spec.commandLine().getOut();
        Path dir = Files.createTempDirectory("pandu-bench-why-not-");
        try (RuleRegistry registry = options.load(spec.commandLine().getErr());
                Pandu pandu =
                        Pandu.withSystemClock()
                                .rules(registry, false)
                                .store(
                                        new DbConfig(
                                                "jdbc:h2:file:" + dir.resolve("pandu"), null, null))
                                .open()) {
            Caller ops = new Caller("ops", Role.OPS, null, null);
            ImportSummary imported =
                    pandu.importer().importDemo(Caller.system(), demoData, ImportProgress.NONE);
            LocalDate asOf = pandu.facts().asOfOrToday();
            List<Team> teams = pandu.facts().pipeline(asOf);
            List<String> open = new ArrayList<>();
            int largest = 0;
            for (Team t : teams) {
                largest = Math.max(largest, t.facts().deals().size());
                t.facts().deals().stream()
                        .filter(d -> d.ownerId() != null && d.closeDate() == null)
                        .map(Deal::id)
                        .forEach(open::add);
            }
            open.sort(Comparator.naturalOrder());
            List<String> sample = new ArrayList<>();
            int step = Math.max(1, open.size() / Math.max(1, deals));
            for (int i = 0; i < open.size() && sample.size() < deals; i += step) {
                sample.add(open.get(i));
            }
            out.printf(
                    Locale.ROOT,
                    "Demo pipeline as of %s: %,d records imported; %d teams (largest %,d deals), %,d open deals,"
                            + " %d sampled; code %s%n",
                    asOf,
                    imported.created(),
                    teams.size(),
                    largest,
                    open.size(),
                    sample.size(),
                    code == null ? "(every rule about deals)" : code);
            out.printf(
                    Locale.ROOT,
                    "JVM: %s %s, %d processors available, max heap %,d MiB%n",
                    System.getProperty("java.vm.name"),
                    System.getProperty("java.version"),
                    Runtime.getRuntime().availableProcessors(),
                    Runtime.getRuntime().maxMemory() >> 20);
            WhyNot whyNot = pandu.whyNot();
            long compile = System.nanoTime();
            int probes = WhyNotProbes.of(registry.current().rules()).probeCount();
            out.printf(
                    Locale.ROOT,
                    "Probes compiled (%d probe rules; serve does this in the background when a version"
                            + " goes live, off the request path): %.0f ms%n",
                    probes,
                    (System.nanoTime() - compile) / 1e6);
            long first = System.nanoTime();
            whyNot.whyNot(ops, sample.get(0), code);
            out.printf(
                    Locale.ROOT,
                    "First question (reads and evaluates the owner's team): %.0f ms%n",
                    (System.nanoTime() - first) / 1e6);
            for (int round = 0; round < warmup; round++) {
                sample.forEach(id -> whyNot.whyNot(ops, id, code));
            }
            long[] nanos = new long[sample.size() * iterations];
            long[] cpu = new long[nanos.length];
            ThreadMXBean threads = ManagementFactory.getThreadMXBean();
            List<Long> fired = new ArrayList<>();
            List<Long> notFired = new ArrayList<>();
            int n = 0;
            for (int round = 0; round < iterations; round++) {
                for (String id : sample) {
                    long cpuStart = threads.getCurrentThreadCpuTime();
                    long start = System.nanoTime();
                    WhyNot.Answer answer = whyNot.whyNot(ops, id, code);
                    long took = System.nanoTime() - start;
                    cpu[n] = threads.getCurrentThreadCpuTime() - cpuStart;
                    nanos[n++] = took;
                    (answer.rules().stream().anyMatch(WhyNot.RuleWhy::matched) ? fired : notFired)
                            .add(took);
                }
            }
            out.printf(
                    Locale.ROOT,
                    "questions where no rule fired (conditions only): %d, p50 %.1f ms, p95 %.1f ms;"
                            + " where one fired (the owner's list is evaluated too): %d, p50 %.1f ms,"
                            + " p95 %.1f ms%n",
                    notFired.size(),
                    percentile(sorted(notFired), 0.50),
                    percentile(sorted(notFired), 0.95),
                    fired.size(),
                    percentile(sorted(fired), 0.50),
                    percentile(sorted(fired), 0.95));
            // the parts, each on its own over the same sample: reading the owner's team from the
            // store, and the owner's list (a whole-team evaluation, as My day makes)
            long[] teamRead = new long[sample.size()];
            long[] list = new long[sample.size()];
            for (int i = 0; i < sample.size(); i++) {
                String id = sample.get(i);
                String owner = pandu.facts().deals().get(id).orElseThrow().value().ownerId();
                String manager = pandu.facts().rep(owner).orElseThrow().managerId();
                long start = System.nanoTime();
                pandu.facts().team(manager, asOf);
                teamRead[i] = System.nanoTime() - start;
                start = System.nanoTime();
                pandu.actions().decisions(ops, id);
                list[i] = System.nanoTime() - start;
            }
            Arrays.sort(teamRead);
            Arrays.sort(list);
            out.printf(
                    Locale.ROOT,
                    "parts: reading the owner's team from the store p50 %.1f ms, p95 %.1f ms;"
                            + " the owner's list alone (NextBestActions.decisions) p50 %.1f ms, p95 %.1f ms%n",
                    percentile(teamRead, 0.50),
                    percentile(teamRead, 0.95),
                    percentile(list, 0.50),
                    percentile(list, 0.95));
            Arrays.sort(nanos);
            Arrays.sort(cpu);
            out.printf(
                    Locale.ROOT,
                    "the same questions by the asking thread's CPU time (what other load on the machine"
                            + " changes least): p50 %.1f ms, p95 %.1f ms, p99 %.1f ms%n",
                    percentile(cpu, 0.50),
                    percentile(cpu, 0.95),
                    percentile(cpu, 0.99));
            double p95 = percentile(nanos, 0.95);
            out.printf(
                    Locale.ROOT,
                    "why-not per deal over %,d questions: p50 %.1f ms, p95 %.1f ms, p99 %.1f ms, max %.1f ms"
                            + " (target p95 <= %.0f ms: %s)%n",
                    nanos.length,
                    percentile(nanos, 0.50),
                    p95,
                    percentile(nanos, 0.99),
                    nanos[nanos.length - 1] / 1e6,
                    TARGET_P95_MILLIS,
                    p95 <= TARGET_P95_MILLIS ? "met" : "NOT met");
            return 0;
        } finally {
            delete(dir);
        }
    }

    private static long[] sorted(List<Long> nanos) {
        long[] sorted = nanos.stream().mapToLong(Long::longValue).sorted().toArray();
        return sorted.length == 0 ? new long[] {0} : sorted;
    }

    private static double percentile(long[] sorted, double p) {
        int at = (int) Math.min(sorted.length - 1, Math.ceil(p * sorted.length) - 1);
        return sorted[Math.max(0, at)] / 1e6;
    }

    private static void delete(Path dir) {
        try (Stream<Path> walk = Files.walk(dir)) {
            walk.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
