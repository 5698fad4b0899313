package io.pandu.rules;

import io.pandu.errors.Diagnostic;
import io.pandu.playbook.PlaybookLoader;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
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
    private final RuleCompiler compiler;
    private final Clock clock;
    private final AtomicReference<RuleSet> current = new AtomicReference<>();
    private final AtomicReference<ReloadOutcome> lastOutcome = new AtomicReference<>();
    private final List<Consumer<ReloadOutcome>> listeners = new CopyOnWriteArrayList<>();
    private final List<CandidateCheck> candidateChecks = new CopyOnWriteArrayList<>();
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
        this.compiler = compiler;
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
     * A check every new rule set must pass before it replaces the running one (e.g. a smoke
     * evaluation); an error it reports refuses the set and the running version keeps serving.
     */
    public void addCandidateCheck(CandidateCheck check) {
        candidateChecks.add(check);
    }

    /** Rebuilds from disk. Synchronized: two reloads never race to swap. */
    public synchronized ReloadOutcome reload() {
        String fingerprint = fingerprint();
        List<Diagnostic> diagnostics = new ArrayList<>();
        PlaybookLoader.Result playbooks = new PlaybookLoader().load(playbooksDir);
        diagnostics.addAll(playbooks.diagnostics());
        RuleCompiler.Result compiled = compiler.compileAll(rulesDir, playbooks.library());
        diagnostics.addAll(compiled.diagnostics());
        RuleSet candidate = null;
        if (playbooks.ok() && compiled.ok()) {
            candidate =
                    new RuleSet(
                            combinedVersion(compiled.rules().version()),
                            compiled.rules(),
                            playbooks.library());
            RuleSet running = current.get();
            if (running == null || !running.version().equals(candidate.version())) {
                diagnostics.addAll(checkCandidate(candidate));
            }
        }
        ReloadOutcome outcome;
        if (!playbooks.ok()
                || !compiled.ok()
                || diagnostics.stream().anyMatch(Diagnostic::isError)) {
            if (compiled.rules() != null) {
                compiled.rules().close();
            }
            RuleSet running = current.get();
            outcome =
                    new ReloadOutcome(
                            false,
                            false,
                            running == null ? null : running.version(),
                            diagnostics,
                            clock.instant());
        } else {
            String version = candidate.version();
            RuleSet next = candidate;
            RuleSet previous = current.get();
            boolean changed = previous == null || !previous.version().equals(version);
            if (changed) {
                current.set(next);
                versions.add(
                        new VersionInfo(
                                version,
                                clock.instant(),
                                next.rules().rules().size(),
                                next.rules().files()));
                if (previous != null) {
                    retire(previous);
                }
            } else {
                compiled.rules().close();
            }
            outcome = new ReloadOutcome(true, changed, version, diagnostics, clock.instant());
        }
        watchedFingerprint = fingerprint;
        lastOutcome.set(outcome);
        listeners.forEach(l -> l.accept(outcome));
        return outcome;
    }

    private List<Diagnostic> checkCandidate(RuleSet candidate) {
        List<Diagnostic> found = new ArrayList<>();
        for (CandidateCheck check : candidateChecks) {
            try {
                found.addAll(check.check(candidate));
            } catch (RuntimeException e) {
                found.add(
                        Diagnostic.error(
                                rulesDir.toString(), 0, 0, "candidate check failed: " + e));
            }
        }
        return found;
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

    private String combinedVersion(String rulesVersion) {
        try {
            MessageDigest sha = MessageDigest.getInstance("SHA-256");
            sha.update(rulesVersion.getBytes(StandardCharsets.UTF_8));
            try (Stream<Path> files = Files.list(playbooksDir)) {
                for (Path p : files.sorted().toList()) {
                    sha.update(p.getFileName().toString().getBytes(StandardCharsets.UTF_8));
                    sha.update(Files.readAllBytes(p));
                }
            }
            return HexFormat.of().formatHex(sha.digest()).substring(0, 12);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
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
    }
}
