package io.pandu.ingest;

import io.pandu.auth.Caller;
import io.pandu.auth.Role;
import io.pandu.auth.Users;
import io.pandu.facts.FactSet;
import io.pandu.facts.Rep;
import io.pandu.pipeline.FactChecks;
import io.pandu.store.AsOf;
import io.pandu.store.AuditLog;
import io.pandu.store.FactStore;
import io.pandu.store.FactTable;
import io.pandu.store.Manager;
import io.pandu.store.UpsertCounts;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Function;
import java.util.function.Predicate;
import java.util.stream.Stream;

/**
 * Brings fact sets into the store: the Maven CRM CSVs and generic JSON fact sets. Every record is
 * checked ({@link FactChecks}); a bad one is rejected with its reason and the rest go in. Upserts
 * are idempotent: importing the same data again creates and updates nothing.
 */
public final class Importer {
    /** Where the bundled demo copy of the Maven CRM data is on the class path. */
    public static final String DEMO = "/demo/maven-crm/";

    private final FactStore store;
    private final FactChecks checks;
    private final Users users;
    private final AuditLog audit;
    private final AtomicReference<ImportSummary> latest = new AtomicReference<>();

    public Importer(FactStore store, FactChecks checks, Users users, AuditLog audit) {
        this.store = store;
        this.checks = checks;
        this.users = users;
        this.audit = audit;
    }

    /**
     * Imports a generic fact set (the JSON of {@code pandu evaluate}); its {@code asOf}, if any,
     * becomes the pipeline's.
     */
    public ImportSummary importFacts(Caller caller, FactSet facts, ImportProgress progress) {
        return importFacts(caller, facts, progress, false);
    }

    /** The same; {@code moveAsOf} moves the store's as-of date back to an older one. */
    public ImportSummary importFacts(
            Caller caller, FactSet facts, ImportProgress progress, boolean moveAsOf) {
        caller.require(Role.OPS, Role.ADMIN);
        return run(
                caller,
                "fact set",
                facts,
                Map.of(),
                new ImportReport(),
                progress,
                false,
                null,
                moveAsOf);
    }

    /**
     * Imports the Maven CRM CSVs of {@code dir}. {@code asOf} defaults to the last date in the
     * data; {@code demoUsers} also creates the demo users (every agent and manager, ops, admin;
     * password "demo").
     */
    public ImportSummary importMavenCrm(
            Caller caller, Path dir, LocalDate asOf, boolean demoUsers, ImportProgress progress) {
        return importMavenCrm(caller, "Maven CRM " + dir, dir, asOf, demoUsers, progress);
    }

    /**
     * The same, with the {@code source} the summary and the audit log name, for a {@code dir} that
     * is only a temporary copy (an upload, the bundled data). Every file is read, and its header
     * checked, before anything is stored: a file the reader cannot use stores nothing.
     */
    public ImportSummary importMavenCrm(
            Caller caller,
            String source,
            Path dir,
            LocalDate asOf,
            boolean demoUsers,
            ImportProgress progress) {
        return importMavenCrm(caller, source, dir, asOf, demoUsers, progress, false);
    }

    /** The same; {@code moveAsOf} moves the store's as-of date back to an older one. */
    public ImportSummary importMavenCrm(
            Caller caller,
            String source,
            Path dir,
            LocalDate asOf,
            boolean demoUsers,
            ImportProgress progress,
            boolean moveAsOf) {
        caller.require(Role.OPS, Role.ADMIN);
        MavenCrmReader.Result read =
                new MavenCrmReader().read(dir, asOf == null ? LocalDate.MIN : asOf);
        FactSet facts = asOf != null ? read.facts() : read.facts().withAsOf(lastDate(read.facts()));
        return run(
                caller,
                source,
                facts,
                read.managers(),
                read.report(),
                progress,
                demoUsers,
                null,
                moveAsOf);
    }

    /**
     * The Maven CRM copy bundled in the jar ({@code demo/maven-crm}); demo mode adds the demo
     * users.
     */
    public ImportSummary importBundledMavenCrm(
            Caller caller, boolean demoUsers, ImportProgress progress) {
        return importBundledMavenCrm(caller, demoUsers, progress, false);
    }

    /** The same; {@code moveAsOf} moves the store's as-of date back to an older one. */
    public ImportSummary importBundledMavenCrm(
            Caller caller, boolean demoUsers, ImportProgress progress, boolean moveAsOf) {
        return withBundledCopy(
                dir ->
                        importMavenCrm(
                                caller,
                                "the bundled Maven CRM demo data",
                                dir,
                                null,
                                demoUsers,
                                progress,
                                moveAsOf));
    }

    /**
     * The demo ({@code serve --demo}): the Maven CRM CSVs of {@code dir} (null: the copy bundled in
     * the jar) with the {@linkplain DemoEnrichment synthetic enrichment} and the demo users, as of
     * the last date in the data. The summary's {@code enrichment} says what was added.
     */
    public ImportSummary importDemo(Caller caller, Path dir, ImportProgress progress) {
        caller.require(Role.OPS, Role.ADMIN);
        if (dir != null) {
            return enriched(caller, "Maven CRM " + dir + " with demo enrichment", dir, progress);
        }
        return withBundledCopy(
                copy ->
                        enriched(
                                caller,
                                "the bundled Maven CRM demo data with demo enrichment",
                                copy,
                                progress));
    }

    private ImportSummary enriched(
            Caller caller, String source, Path dir, ImportProgress progress) {
        MavenCrmReader.Result read = new MavenCrmReader().read(dir, LocalDate.MIN);
        DemoEnrichment.Result demo =
                DemoEnrichment.enrich(read.facts().withAsOf(lastDate(read.facts())));
        return run(
                caller,
                source,
                demo.facts(),
                read.managers(),
                read.report(),
                progress,
                true,
                demo.summary(),
                false);
    }

    private static ImportSummary withBundledCopy(Function<Path, ImportSummary> use) {
        Path dir = null;
        try {
            dir = Files.createTempDirectory("pandu-demo");
            for (String file :
                    List.of(
                            MavenCrmReader.PIPELINE,
                            MavenCrmReader.TEAMS,
                            MavenCrmReader.ACCOUNTS,
                            MavenCrmReader.PRODUCTS)) {
                try (InputStream in = Importer.class.getResourceAsStream(DEMO + file)) {
                    if (in == null) {
                        throw new IllegalStateException(
                                "the demo data " + DEMO + file + " is missing from the build");
                    }
                    Files.copy(in, dir.resolve(file));
                }
            }
            return use.apply(dir);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } finally {
            TempDirectories.deleteQuietly(dir);
        }
    }

    /** The summary of the latest import this importer made (e.g. the demo's at start). */
    public Optional<ImportSummary> latest(Caller caller) {
        caller.require(Role.OPS, Role.ADMIN);
        return Optional.ofNullable(latest.get());
    }

    private static LocalDate lastDate(FactSet facts) {
        return facts.deals().stream()
                .flatMap(d -> Stream.of(d.createdDate(), d.stageEnteredDate(), d.closeDate()))
                .filter(Objects::nonNull)
                .max(LocalDate::compareTo)
                .orElse(null);
    }

    private ImportSummary run(
            Caller caller,
            String source,
            FactSet facts,
            Map<String, String> managerNames,
            ImportReport report,
            ImportProgress progress,
            boolean demoUsers,
            SyntheticEnrichment enrichment,
            boolean moveAsOf) {
        long start = System.nanoTime();
        Batch batch = new Batch(progress);
        List<Manager> managers = managers(facts.reps(), managerNames);
        batch.store("managers", store.managers(), managers, m -> Optional.empty(), List.of());
        batch.store(
                "reps",
                store.reps(),
                facts.reps(),
                checks::rep,
                rejections(report, MavenCrmReader.TEAMS));
        batch.store(
                "territories",
                store.territories(),
                facts.territories(),
                checks::territory,
                List.of());
        batch.store(
                "products",
                store.products(),
                facts.products(),
                checks::product,
                rejections(report, MavenCrmReader.PRODUCTS));
        batch.store(
                "accounts",
                store.accounts(),
                facts.accounts(),
                checks::account,
                rejections(report, MavenCrmReader.ACCOUNTS));
        Predicate<String> knownRep = batch.known("reps", store.reps());
        Predicate<String> knownAccount = batch.known("accounts", store.accounts());
        batch.store(
                "deals",
                store.deals(),
                facts.deals(),
                d -> checks.deal(d, knownRep, knownAccount),
                rejections(report, MavenCrmReader.PIPELINE));
        Predicate<String> knownDeal = batch.known("deals", store.deals());
        batch.store(
                "activities",
                store.activities(),
                facts.activities(),
                a -> checks.activity(a, knownDeal, knownRep),
                List.of());
        ImportSummary.StoreAsOf storeAsOf =
                facts.asOf() == null ? null : moveAsOf(facts.asOf(), moveAsOf);
        UpsertCounts demo = null;
        if (demoUsers) {
            demo =
                    users.createDemoUsers(
                            caller,
                            facts.reps().stream().map(Rep::id).toList(),
                            managers.stream().map(Manager::id).toList());
        }
        ImportSummary summary =
                new ImportSummary(
                        source,
                        facts.asOf(),
                        report.rowsRead(),
                        batch.counts,
                        batch.rejected,
                        report.quirks(),
                        demo,
                        enrichment,
                        (System.nanoTime() - start) / 1_000_000,
                        storeAsOf);
        latest.set(summary);
        audit.record(
                caller.username(),
                "import",
                "pipeline",
                source,
                "created "
                        + summary.created()
                        + ", updated "
                        + summary.updated()
                        + ", rejected "
                        + summary.rejected().size());
        return summary;
    }

    /**
     * The import's as-of date becomes the store's, unless that would move it silently: back to an
     * older date, or off a date the configuration pins; {@code move} asks for it anyway. The
     * summary says which.
     */
    private ImportSummary.StoreAsOf moveAsOf(LocalDate imported, boolean move) {
        AsOf before = store.stated();
        boolean set = !before.source().equals(AsOf.CLOCK);
        String kept = null;
        if (set && !move && imported.isBefore(before.date())) {
            kept =
                    "the import's as-of date "
                            + imported
                            + " is older than the store's "
                            + before.date()
                            + ": the store stays as of "
                            + before.date()
                            + " (--move-as-of, or moveAsOf=true, moves it back)";
        } else if (set
                && !move
                && before.source().equals(AsOf.CONFIG)
                && !imported.equals(before.date())) {
            kept =
                    "the store's as-of date "
                            + before.date()
                            + " is set by configuration (PANDU_AS_OF or --as-of): the import's "
                            + imported
                            + " does not move it (--move-as-of, or moveAsOf=true, does)";
        }
        if (kept != null) {
            return new ImportSummary.StoreAsOf(before.date(), before.source(), false, kept);
        }
        boolean moved = !imported.equals(before.date()) || !before.source().equals(AsOf.IMPORT);
        store.setAsOf(imported, AsOf.IMPORT);
        return new ImportSummary.StoreAsOf(
                imported,
                AsOf.IMPORT,
                moved,
                moved
                        ? "the store is now as of " + imported + " (was " + describe(before) + ")"
                        : null);
    }

    private static String describe(AsOf asOf) {
        return asOf.source().equals(AsOf.CLOCK)
                ? "today, " + asOf.date() + ", with no as-of date set"
                : asOf.date() + ", from " + asOf.source();
    }

    /**
     * Managers named by the source, plus any manager id a rep names that the store does not know
     * yet.
     */
    private List<Manager> managers(List<Rep> reps, Map<String, String> names) {
        Map<String, Manager> managers = new LinkedHashMap<>();
        names.forEach((id, name) -> managers.put(id, new Manager(id, name)));
        for (Rep rep : reps) {
            if (rep.hasManager()
                    && !managers.containsKey(rep.managerId())
                    && store.managers().get(rep.managerId()).isEmpty()) {
                managers.put(rep.managerId(), new Manager(rep.managerId(), rep.managerId()));
            }
        }
        return List.copyOf(managers.values());
    }

    /** The reader's rejections of one CSV file, for the counts of the kind it holds. */
    private static List<ImportSummary.Rejection> rejections(ImportReport report, String file) {
        return report.rejected().stream()
                .filter(r -> r.file().equals(file))
                .map(r -> new ImportSummary.Rejection(null, r.file() + ":" + r.line(), r.reason()))
                .toList();
    }

    /**
     * The records of one import as they go in: counts per kind, rejections, the ids accepted so
     * far.
     */
    private final class Batch {
        final Map<String, ImportSummary.Counts> counts = new LinkedHashMap<>();
        final List<ImportSummary.Rejection> rejected = new ArrayList<>();
        final Map<String, Set<String>> accepted = new LinkedHashMap<>();
        final ImportProgress progress;

        Batch(ImportProgress progress) {
            this.progress = progress;
        }

        <T> void store(
                String kind,
                FactTable<T> table,
                List<T> records,
                Function<T, Optional<FactChecks.Problem>> check,
                List<ImportSummary.Rejection> earlier) {
            earlier.forEach(
                    r -> rejected.add(new ImportSummary.Rejection(kind, r.where(), r.reason())));
            List<T> good = new ArrayList<>();
            Set<String> ids = new HashSet<>();
            for (int i = 0; i < records.size(); i++) {
                T record = records.get(i);
                Optional<FactChecks.Problem> problem = check.apply(record);
                String id = problem.isEmpty() ? table.idOf(record) : null;
                if (id != null && !ids.add(id)) {
                    problem =
                            Optional.of(
                                    new FactChecks.Problem("id", "duplicate id \"" + id + "\""));
                }
                if (problem.isPresent()) {
                    rejected.add(
                            new ImportSummary.Rejection(
                                    kind,
                                    kind + "[" + i + "]." + problem.get().field(),
                                    problem.get().message()));
                } else {
                    good.add(record);
                }
            }
            accepted.put(kind, ids);
            int total = good.size();
            UpsertCounts stored =
                    total == 0
                            ? UpsertCounts.NONE
                            : table.upsertAll(good, done -> progress.update(kind, done, total));
            int rejectedHere = records.size() - good.size() + earlier.size();
            if (!records.isEmpty() || !earlier.isEmpty()) {
                counts.put(
                        kind,
                        ImportSummary.Counts.of(
                                records.size() + earlier.size(), stored, rejectedHere));
            }
        }

        /** Ids accepted by this import, or already in the store. */
        Predicate<String> known(String kind, FactTable<?> table) {
            Set<String> ids = accepted.getOrDefault(kind, Set.of());
            Set<String> stored = new HashSet<>(table.ids());
            return id -> ids.contains(id) || stored.contains(id);
        }
    }
}
