package io.pandu.rules;

import io.pandu.errors.Diagnostic;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.BiFunction;
import java.util.function.Consumer;
import java.util.stream.Stream;

/**
 * Holds the rule set in use behind an atomic reference. A reload builds rules and playbooks from
 * disk and swaps only when both are clean; a broken edit leaves the running version serving and is
 * kept as {@link #lastError()}. The superseded rule set is closed so the Kie repository and heap do
 * not grow with every reload.
 */
public final class RuleRegistry implements AutoCloseable {
    /**
     * How long evaluations that started on a superseded rule set have to finish before it is
     * closed.
     */
    public static final Duration DEFAULT_RETIRE_GRACE = Duration.ofSeconds(30);

    private final Path rulesDir;
    private final Path playbooksDir;
    private final RuleSetBuilder builder;
    private final Clock clock;
    private final AtomicReference<Snapshot> currentSnapshot = new AtomicReference<>();
    private final Object building = new Object();

    /** Superseded rule sets still compiled, oldest first (guarded by itself). */
    private final LinkedHashMap<String, RuleSet> warm = new LinkedHashMap<>();

    private volatile int warmKept;
    private volatile BiFunction<Snapshot, Snapshot, ReloadOutcome> folderPublisher;
    private final AtomicReference<Snapshot> lastFolders = new AtomicReference<>();
    private final AtomicReference<RuleSet> current = new AtomicReference<>();
    private final AtomicReference<ReloadOutcome> lastOutcome = new AtomicReference<>();
    private final List<Consumer<ReloadOutcome>> listeners = new CopyOnWriteArrayList<>();
    private ScheduledExecutorService watcher;
    private volatile String watchedFingerprint;
    private volatile Duration retireGrace = DEFAULT_RETIRE_GRACE;

    /** What a reload did: the version now in use, whether it changed, and any diagnostics. */
    public record ReloadOutcome(
            boolean ok, boolean changed, String version, List<Diagnostic> diagnostics, Instant at) {
        public List<Diagnostic> errors() {
            return diagnostics.stream().filter(Diagnostic::isError).toList();
        }
    }

    /** One version that has been in use, for the versions listing. */
    public record VersionInfo(String version, Instant loadedAt, int rules, List<String> files) {}

    private final List<VersionInfo> versions = new CopyOnWriteArrayList<>();

    /** {@code clock} dates reloads and versions. */
    public RuleRegistry(Path rulesDir, Path playbooksDir, RuleCompiler compiler, Clock clock) {
        this.rulesDir = rulesDir;
        this.playbooksDir = playbooksDir;
        this.builder = new RuleSetBuilder(compiler);
        this.clock = clock;
    }

    public RuleRegistry(Path rulesDir, Path playbooksDir, Clock clock) {
        this(rulesDir, playbooksDir, new RuleCompiler(), clock);
    }

    /** Sets how long a superseded rule set stays open; tests use zero to see it closed at once. */
    public void setRetireGrace(Duration grace) {
        this.retireGrace = grace;
    }

    public Path rulesDir() {
        return rulesDir;
    }

    public Path playbooksDir() {
        return playbooksDir;
    }

    /** The rule set in use; throws when none ever loaded. */
    public RuleSet current() {
        RuleSet set = current.get();
        if (set == null) {
            ReloadOutcome last = lastOutcome.get();
            throw new RuleSetRejectedException(
                    last == null
                            ? List.of(
                                    Diagnostic.error(
                                            rulesDir.toString(), 0, 0, "rules not loaded yet"))
                            : last.diagnostics());
        }
        return set;
    }

    public boolean loaded() {
        return current.get() != null;
    }

    public ReloadOutcome lastOutcome() {
        return lastOutcome.get();
    }

    /** Errors of the last reload attempt if it failed (the previous version is still serving). */
    public List<Diagnostic> lastError() {
        ReloadOutcome last = lastOutcome.get();
        return last == null || last.ok() ? List.of() : last.errors();
    }

    public List<VersionInfo> versions() {
        return List.copyOf(versions);
    }

    public void onReload(Consumer<ReloadOutcome> listener) {
        listeners.add(listener);
    }

    /**
     * Rebuilds from disk: the folders are read once into a {@link Snapshot} and that snapshot is
     * what is compiled and labelled. With a folder publisher (a store holds the versions) the
     * snapshot goes to it instead, to become a stored version first.
     */
    public ReloadOutcome reload() {
        String fingerprint = fingerprint();
        Snapshot snapshot = Snapshot.read(rulesDir, playbooksDir);
        BiFunction<Snapshot, Snapshot, ReloadOutcome> publisher = folderPublisher;
        ReloadOutcome outcome;
        if (publisher == null) {
            outcome = activate(snapshot);
        } else {
            outcome = publisher.apply(lastFolders.get(), snapshot);
        }
        lastFolders.set(snapshot);
        watchedFingerprint = fingerprint;
        return outcome;
    }

    /**
     * Hands folder edits (reload, the watcher) to {@code publisher} instead of putting them live
     * directly, so that every version that serves is a stored one. It gets the folders as last seen
     * ({@code seen} first) and as they are now, so it can apply only what was edited.
     */
    public void setFolderPublisher(
            Snapshot seen, BiFunction<Snapshot, Snapshot, ReloadOutcome> publisher) {
        this.lastFolders.set(seen);
        this.folderPublisher = publisher;
    }

    /**
     * Keeps this many superseded rule sets compiled (besides the one in use), so that going back to
     * one (a rollback) swaps at once instead of compiling.
     */
    public void keepWarm(int kept) {
        this.warmKept = kept;
    }

    /** Registers a check every candidate must pass before it goes live. */
    public void addCandidateCheck(CandidateCheck check) {
        builder.addCheck(check);
    }

    /**
     * Builds a snapshot and puts it live if it is clean; else the running version keeps serving.
     */
    public ReloadOutcome activate(Snapshot snapshot) {
        RuleSetBuilder.Candidate candidate = prepare(snapshot);
        return candidate.ok() ? install(candidate) : refuse(candidate);
    }

    /**
     * Builds and checks a snapshot without putting it live (through the one {@link
     * RuleSetBuilder#build}). A snapshot that is in use or kept warm is not compiled again.
     */
    public RuleSetBuilder.Candidate prepare(Snapshot snapshot) {
        synchronized (warm) {
            RuleSet running = current.get();
            RuleSet known =
                    running != null && running.version().equals(snapshot.id())
                            ? running
                            : warm.get(snapshot.id());
            if (known != null) {
                return RuleSetBuilder.Candidate.reused(snapshot, known);
            }
        }
        synchronized (building) {
            return builder.build(snapshot);
        }
    }

    /** Puts a clean candidate live; the one it replaces is kept warm or retired. */
    public synchronized ReloadOutcome install(RuleSetBuilder.Candidate candidate) {
        if (!candidate.ok()) {
            throw new IllegalArgumentException("a refused candidate cannot go live");
        }
        RuleSet next = candidate.ruleSet();
        boolean changed;
        synchronized (warm) {
            RuleSet previous = current.get();
            changed = previous == null || !previous.version().equals(next.version());
            if (changed) {
                warm.remove(next.version());
                current.set(next);
                currentSnapshot.set(candidate.snapshot());
                versions.add(
                        new VersionInfo(
                                next.version(),
                                clock.instant(),
                                next.rules().rules().size(),
                                next.rules().files()));
                if (previous != null) {
                    warm.put(previous.version(), previous);
                }
                while (warm.size() > warmKept) {
                    String oldest = warm.keySet().iterator().next();
                    retire(warm.remove(oldest));
                }
            } else if (next != previous) {
                candidate.discard();
            }
        }
        return record(
                new ReloadOutcome(
                        true, changed, next.version(), candidate.diagnostics(), clock.instant()));
    }

    /** Records a refused candidate as the last outcome; the running version keeps serving. */
    public ReloadOutcome refuse(RuleSetBuilder.Candidate candidate) {
        candidate.discard();
        RuleSet running = current.get();
        return record(
                new ReloadOutcome(
                        false,
                        false,
                        running == null ? null : running.version(),
                        candidate.diagnostics(),
                        clock.instant()));
    }

    /** The files of the version in use; null before one loaded. */
    public Snapshot currentSnapshot() {
        return currentSnapshot.get();
    }

    private ReloadOutcome record(ReloadOutcome outcome) {
        lastOutcome.set(outcome);
        listeners.forEach(l -> l.accept(outcome));
        return outcome;
    }

    /**
     * Evaluations that started on the previous version may still hold its sessions; closing it
     * after a grace period lets them finish.
     */
    private void retire(RuleSet previous) {
        ScheduledExecutorService closer =
                Executors.newSingleThreadScheduledExecutor(
                        r -> {
                            Thread t = new Thread(r, "pandu-rules-retire");
                            t.setDaemon(true);
                            return t;
                        });
        closer.schedule(
                () -> {
                    previous.rules().close();
                    closer.shutdown();
                },
                retireGrace.toMillis(),
                TimeUnit.MILLISECONDS);
    }

    /** Starts polling both directories; a change (after it settles) triggers a reload. */
    public synchronized void watch(long intervalMillis) {
        if (watcher != null) {
            return;
        }
        watchedFingerprint = fingerprint();
        watcher =
                Executors.newSingleThreadScheduledExecutor(
                        r -> {
                            Thread t = new Thread(r, "pandu-rules-watch");
                            t.setDaemon(true);
                            return t;
                        });
        watcher.scheduleWithFixedDelay(
                () -> {
                    try {
                        String now = fingerprint();
                        if (!now.equals(watchedFingerprint)) {
                            Thread.sleep(
                                    Math.min(300, intervalMillis)); // let an editor finish writing
                            if (fingerprint().equals(now)) {
                                reload();
                            }
                        }
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                    } catch (RuntimeException e) {
                        lastOutcome.set(
                                new ReloadOutcome(
                                        false,
                                        false,
                                        loaded() ? current.get().version() : null,
                                        List.of(
                                                Diagnostic.error(
                                                        rulesDir.toString(),
                                                        0,
                                                        0,
                                                        "reload failed: " + e)),
                                        clock.instant()));
                    }
                },
                intervalMillis,
                intervalMillis,
                TimeUnit.MILLISECONDS);
    }

    /** Names, sizes and modification times of every file under both directories. */
    private String fingerprint() {
        StringBuilder sb = new StringBuilder();
        for (Path dir : List.of(rulesDir, playbooksDir)) {
            if (!Files.isDirectory(dir)) {
                continue;
            }
            try (Stream<Path> walk = Files.walk(dir)) {
                for (Path p : walk.filter(Files::isRegularFile).sorted().toList()) {
                    BasicFileAttributes a = Files.readAttributes(p, BasicFileAttributes.class);
                    sb.append(p)
                            .append('|')
                            .append(a.size())
                            .append('|')
                            .append(a.lastModifiedTime().toMillis())
                            .append('\n');
                }
            } catch (IOException e) {
                sb.append("io-error:").append(e.getMessage());
            }
        }
        return sb.toString();
    }

    @Override
    public synchronized void close() {
        if (watcher != null) {
            watcher.shutdownNow();
            watcher = null;
        }
        RuleSet set = current.getAndSet(null);
        if (set != null) {
            set.rules().close();
        }
        synchronized (warm) {
            warm.values().forEach(w -> w.rules().close());
            warm.clear();
        }
    }
}
