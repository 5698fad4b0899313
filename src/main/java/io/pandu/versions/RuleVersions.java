package io.pandu.versions;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.pandu.auth.Caller;
import io.pandu.errors.ConflictException;
import io.pandu.errors.Diagnostic;
import io.pandu.errors.InvalidInputException;
import io.pandu.errors.NotFoundException;
import io.pandu.guidance.CoachingAlert;
import io.pandu.guidance.RuleRef;
import io.pandu.guidance.Severity;
import io.pandu.rules.RuleRegistry;
import io.pandu.rules.RuleSet;
import io.pandu.rules.RuleSetBuilder;
import io.pandu.rules.RuleSetRejectedException;
import io.pandu.rules.RuntimeHealth;
import io.pandu.rules.Snapshot;
import io.pandu.versions.RuleVersionRepository.AuditNote;
import io.pandu.versions.RuleVersionRepository.StoredVersion;
import java.math.BigDecimal;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Rule sets as versions in the store. The store's live version is what serves: at start-up (the
 * rules/ and playbooks/ folders become the first version of an empty store), on every node (each
 * polls the live pointer and swaps when another node published or rolled back) and after every
 * restart. Every change of the live version goes through {@link RuleRegistry#prepare} (the one
 * build-and-check path) before it is stored, and is audited.
 */
public final class RuleVersions implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(RuleVersions.class);

    public static final String SYSTEM = "system";
    public static final String FILE_WATCHER = "file-watcher";
    public static final String INITIAL_NOTE = "initial version from rules/ and playbooks/";

    /** Superseded versions kept compiled, so a rollback to one of them swaps at once. */
    static final int WARM_VERSIONS = 2;

    /** How often a node asks the store which version is live. */
    public static final long FOLLOW_MILLIS = 1000;

    private final RuleRegistry registry;
    private final RuleVersionRepository store;
    private final Clock clock;
    private ScheduledExecutorService poller;
    private volatile String refusedLive;
    private volatile FallbackPolicy fallbackPolicy = FallbackPolicy.DEFAULT;
    private volatile Consumer<FellBack> onFallback = f -> {};
    private final Set<String> failedAtRunTime = ConcurrentHashMap.newKeySet();
    private volatile String noEarlierFor;
    private volatile FellBack lastFellBack;

    public RuleVersions(RuleRegistry registry, RuleVersionRepository store, Clock clock) {
        this.registry = registry;
        this.store = store;
        this.clock = clock;
    }

    /** One version in the history, newest first; {@code version} repeats the id for old clients. */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record VersionView(
            String id,
            String version,
            String author,
            String note,
            Instant createdAt,
            String parent,
            boolean live,
            int rules,
            List<String> files,
            Instant loadedAt) {}

    /** What a publish, rollback or import did. */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record LiveChange(
            String version,
            String previous,
            boolean changed,
            String note,
            String files,
            List<Diagnostic> diagnostics) {}

    /**
     * Makes the store's live version serve; an empty store gets the folders as its first version.
     * From then on folder edits (reload, the watcher) become versions too.
     */
    public synchronized RuleRegistry.ReloadOutcome start() {
        registry.keepWarm(WARM_VERSIONS);
        RuleRegistry.ReloadOutcome outcome;
        Optional<String> live = store.live();
        Snapshot folders = Snapshot.read(registry.rulesDir(), registry.playbooksDir());
        if (live.isEmpty()) {
            RuleSetBuilder.Candidate candidate = registry.prepare(folders);
            if (!candidate.ok()) {
                registry.refuse(candidate);
                throw new RuleSetRejectedException(candidate.diagnostics());
            }
            outcome = goLive(candidate, SYSTEM, INITIAL_NOTE, "rule-version-initial", "");
        } else {
            Snapshot snapshot =
                    store.snapshot(live.get())
                            .orElseThrow(
                                    () ->
                                            new IllegalStateException(
                                                    "the live version "
                                                            + live.get()
                                                            + " is not stored"));
            outcome = registry.activate(snapshot);
            if (!outcome.ok()) {
                throw new RuleSetRejectedException(outcome.diagnostics());
            }
        }
        registry.setFolderPublisher(folders, this::fromFolders);
        return outcome;
    }

    /** Polls the live pointer every {@code millis} on a thread of its own. */
    public synchronized void follow(long millis) {
        if (poller != null) {
            return;
        }
        poller =
                Executors.newSingleThreadScheduledExecutor(
                        r -> {
                            Thread t = new Thread(r, "pandu-rules-follow");
                            t.setDaemon(true);
                            return t;
                        });
        poller.scheduleWithFixedDelay(this::followOnce, millis, millis, TimeUnit.MILLISECONDS);
    }

    /** Swaps to the live version when another node moved it; a refused one is tried only once. */
    void followOnce() {
        try {
            fallBackIfFailing();
            Optional<String> live = store.live();
            if (live.isEmpty()
                    || live.get().equals(servingVersion())
                    || live.get().equals(refusedLive)) {
                return;
            }
            synchronized (this) {
                Optional<String> again = store.live();
                if (again.isEmpty() || again.get().equals(servingVersion())) {
                    return;
                }
                Optional<Snapshot> snapshot = store.snapshot(again.get());
                if (snapshot.isEmpty()) {
                    return;
                }
                RuleRegistry.ReloadOutcome outcome = registry.activate(snapshot.get());
                if (!outcome.ok()) {
                    refusedLive = again.get();
                    LOG.warn(
                            "Live version {} refused here; {} keeps serving: {}",
                            again.get(),
                            outcome.version(),
                            outcome.errors());
                } else {
                    LOG.info("Following the store: version {} now serves", again.get());
                }
            }
        } catch (RuntimeException e) {
            LOG.debug("live-version poll failed: {}", e.toString());
        }
    }

    private String servingVersion() {
        return registry.loaded() ? registry.current().version() : null;
    }

    /**
     * Folder edits in development (reload, the watcher) become a new version by "file-watcher":
     * only the files edited since the folders were last read are applied to the live version, so a
     * version published from a draft is not undone by a folder that never had its changes.
     */
    synchronized RuleRegistry.ReloadOutcome fromFolders(Snapshot seen, Snapshot now) {
        Snapshot serving = registry.currentSnapshot();
        Map<String, byte[]> edits = seen == null ? serving.changesTo(now) : seen.changesTo(now);
        if (edits.isEmpty()) {
            RuleSet running = registry.current();
            List<Diagnostic> diagnostics = new ArrayList<>(now.readProblems());
            diagnostics.addAll(running.rules().warnings());
            return new RuleRegistry.ReloadOutcome(
                    true, false, running.version(), diagnostics, clock.instant());
        }
        Snapshot next = serving.with(edits).withReadProblems(now.readProblems());
        RuleSetBuilder.Candidate candidate = registry.prepare(next);
        if (!candidate.ok()) {
            return registry.refuse(candidate);
        }
        if (next.id().equals(servingVersion())) {
            return registry.install(candidate);
        }
        return goLive(
                candidate,
                FILE_WATCHER,
                "edited in rules/ and playbooks/",
                "rule-version-from-folders",
                diffSummary(next));
    }

    /**
     * A studio save: the version serving now with one file changed, stored as a version and live
     * (422 with the diagnostics when it does not build; nothing changes then).
     */
    public synchronized RuleRegistry.ReloadOutcome saveFile(
            String author, String path, byte[] content) {
        Snapshot next = registry.currentSnapshot().with(Map.of(path, content));
        RuleSetBuilder.Candidate candidate = registry.prepare(next);
        if (!candidate.ok()) {
            throw new RuleSetRejectedException(candidate.diagnostics());
        }
        if (next.id().equals(servingVersion())) {
            return registry.install(candidate);
        }
        return goLive(
                candidate, author, "saved in the studio", "rule-version-saved", diffSummary(next));
    }

    /**
     * Stores a clean candidate as a version (parent: the version serving now) and puts it live.
     * Callers hold this service's lock.
     */
    RuleRegistry.ReloadOutcome goLive(
            RuleSetBuilder.Candidate candidate,
            String author,
            String note,
            String action,
            String detail) {
        Snapshot snapshot = candidate.snapshot();
        String parent = servingVersion();
        store.publish(
                new StoredVersion(
                        snapshot.id(),
                        author,
                        note,
                        clock.instant(),
                        parent,
                        candidate.ruleSet().rules().rules().size(),
                        List.copyOf(snapshot.files().keySet())),
                snapshot,
                new AuditNote(
                        author,
                        action,
                        "version "
                                + snapshot.id()
                                + " (parent "
                                + parent
                                + "): "
                                + note
                                + (detail.isEmpty() ? "" : "; " + detail)));
        refusedLive = null;
        chosen(candidate);
        return registry.install(candidate);
    }

    /** The per-file change summary from the version serving now to {@code next}. */
    String diffSummary(Snapshot next) {
        Snapshot serving = registry.currentSnapshot();
        return serving == null
                ? ""
                : VersionDiff.between(servingVersion(), serving, next.id(), next).summary();
    }

    public List<VersionView> versions() {
        String live = store.live().orElse(null);
        List<RuleRegistry.VersionInfo> loaded = registry.versions();
        return store.versions().stream()
                .map(
                        v ->
                                new VersionView(
                                        v.id(),
                                        v.id(),
                                        v.author(),
                                        v.note(),
                                        v.createdAt(),
                                        v.parent(),
                                        v.id().equals(live),
                                        v.rules(),
                                        v.files(),
                                        loaded.stream()
                                                .filter(l -> l.version().equals(v.id()))
                                                .map(RuleRegistry.VersionInfo::loadedAt)
                                                .reduce((a, b) -> b)
                                                .orElse(null)))
                .toList();
    }

    public Snapshot snapshot(String id) {
        return store.snapshot(id)
                .orElseThrow(() -> new NotFoundException("no rule-set version \"" + id + "\""));
    }

    /** The live version's id in the store. */
    public String live() {
        return store.live().orElseGet(this::servingVersion);
    }

    public VersionDiff diff(String from, String to) {
        return VersionDiff.between(from, snapshot(from), to, snapshot(to));
    }

    /**
     * Puts a stored version live again. It comes back compiled from the warm set when it served
     * lately, so the swap is immediate; other nodes follow within their poll interval.
     */
    public synchronized LiveChange rollback(Caller caller, String id, String note) {
        requireNote(note);
        Snapshot snapshot = snapshot(id);
        RuleSetBuilder.Candidate candidate = registry.prepare(snapshot);
        if (!candidate.ok()) {
            candidate.discard();
            throw new ConflictException(
                    "version " + id + " does not pass today's checks; it cannot go live",
                    null,
                    new Refusal(candidate.projectDiagnostics(), List.of()));
        }
        String previous = servingVersion();
        String files = diffSummary(snapshot);
        store.makeLive(
                id,
                clock.instant(),
                new AuditNote(
                        caller.username(),
                        "rule-version-rolled-back",
                        "from " + previous + " to " + id + ": " + note + "; " + files));
        refusedLive = null;
        chosen(candidate);
        RuleRegistry.ReloadOutcome outcome = registry.install(candidate);
        return new LiveChange(id, previous, outcome.changed(), note, files, null);
    }

    /** A new version from a folder holding rules/ and playbooks/ (the import format); live. */
    public synchronized LiveChange importFolder(String author, Path dir, String note) {
        requireNote(note);
        Snapshot snapshot = Snapshot.read(dir.resolve("rules"), dir.resolve("playbooks"));
        RuleSetBuilder.Candidate candidate = registry.prepare(snapshot);
        if (!candidate.ok()) {
            registry.refuse(candidate);
            throw new RuleSetRejectedException(candidate.diagnostics());
        }
        String previous = servingVersion();
        String files = diffSummary(snapshot);
        if (snapshot.id().equals(previous)) {
            return new LiveChange(snapshot.id(), previous, false, note, files, null);
        }
        goLive(candidate, author, note, "rule-version-imported", files);
        return new LiveChange(snapshot.id(), previous, true, note, files, null);
    }

    static void requireNote(String note) {
        if (note == null || note.isBlank()) {
            throw new InvalidInputException("note", "is required: say what changed and why");
        }
        if (note.length() > 2000) {
            throw new InvalidInputException("note", "is longer than 2000 characters");
        }
    }

    /**
     * A fall-back: {@code from} failed at run time on {@code counts}, so {@code to}, the nearest
     * earlier version that still passes today's checks, serves again.
     */
    public record FellBack(
            String from, String to, Instant at, RuntimeHealth.Counts counts, String note) {
        public static final String CODE = "RULES_FELL_BACK";

        /** The alert ops get: about no deal or rep, open until someone resolves it. */
        public CoachingAlert alert() {
            return new CoachingAlert(
                    CODE,
                    "Rules fell back to an earlier version",
                    note
                            + "; version "
                            + to
                            + " serves again. Fix the rules in a draft and"
                            + " publish, or roll back by hand.",
                    null,
                    null,
                    null,
                    null,
                    Severity.CRITICAL,
                    100,
                    new RuleRef("automatic fall-back", null, null, "rules"),
                    List.of(
                            "failed version " + from,
                            counts.recentFailures() + " of " + counts.recent() + " failed",
                            "serving " + to),
                    BigDecimal.ZERO);
        }
    }

    /** When the live version counts as failing, and who hears of a fall-back (ops' alert). */
    public void fallBackWhen(FallbackPolicy policy, Consumer<FellBack> listener) {
        this.fallbackPolicy = policy;
        this.onFallback = listener;
    }

    /**
     * Puts the nearest earlier version live again when the version serving here fails too often at
     * run time (see {@link FallbackPolicy}); audited as by {@value #SYSTEM}. Another node that
     * moved the live pointer first wins: this one then follows it.
     */
    public synchronized Optional<FellBack> fallBackIfFailing() {
        if (!registry.loaded()) {
            return Optional.empty();
        }
        RuleSet serving = registry.current();
        RuntimeHealth.Counts counts = serving.rules().health().counts();
        String from = serving.version();
        if (!fallbackPolicy.failing(counts)
                || from.equals(noEarlierFor)
                || !from.equals(store.live().orElse(null))) {
            return Optional.empty();
        }
        failedAtRunTime.add(from);
        String note =
                "automatic fall-back: version "
                        + from
                        + " failed "
                        + counts.recentFailures()
                        + " of its last "
                        + counts.recent()
                        + " evaluations (more than "
                        + Math.round(fallbackPolicy.failureShare() * 100)
                        + " %); last failure: "
                        + counts.lastFailure();
        for (String earlier : earlierVersions(from)) {
            if (failedAtRunTime.contains(earlier)) {
                continue;
            }
            Optional<Snapshot> snapshot = store.snapshot(earlier);
            if (snapshot.isEmpty()) {
                continue;
            }
            RuleSetBuilder.Candidate candidate = registry.prepare(snapshot.get());
            if (!candidate.ok()) {
                candidate.discard();
                continue;
            }
            Instant at = clock.instant();
            store.makeLive(
                    earlier,
                    at,
                    new AuditNote(
                            SYSTEM,
                            "rule-version-fell-back",
                            "from " + from + " to " + earlier + ": " + note));
            refusedLive = null;
            registry.install(candidate);
            FellBack fellBack = new FellBack(from, earlier, at, counts, note);
            lastFellBack = fellBack;
            LOG.error("Rules fell back to version {}: {}", earlier, note);
            try {
                onFallback.accept(fellBack);
            } catch (RuntimeException e) {
                LOG.error("could not raise the fall-back alert: {}", e.toString());
            }
            return Optional.of(fellBack);
        }
        noEarlierFor = from;
        LOG.error(
                "Version {} keeps serving: no earlier version passes today's checks ({})",
                from,
                note);
        return Optional.empty();
    }

    /** The versions {@code id} was made from, nearest first. */
    private List<String> earlierVersions(String id) {
        List<String> chain = new ArrayList<>();
        Set<String> seen = new java.util.HashSet<>(Set.of(id));
        String at = store.version(id).map(StoredVersion::parent).orElse(null);
        while (at != null && seen.add(at)) {
            chain.add(at);
            at = store.version(at).map(StoredVersion::parent).orElse(null);
        }
        return chain;
    }

    /**
     * The version {@code version} stands in for when it serves here because that one fell back
     * (null: it serves because someone put it live).
     */
    public String fellBackFrom(String version) {
        FellBack last = lastFellBack;
        return last != null && last.to().equals(version) ? last.from() : null;
    }

    /** Someone chose this version: its run-time record starts afresh. */
    private void chosen(RuleSetBuilder.Candidate candidate) {
        lastFellBack = null;
        String id = candidate.snapshot().id();
        failedAtRunTime.remove(id);
        if (id.equals(noEarlierFor)) {
            noEarlierFor = null;
        }
        candidate.ruleSet().rules().health().reset();
    }

    /** Why a rule set may not go live: its diagnostics and the scenarios it fails. */
    public record Refusal(List<Diagnostic> diagnostics, List<ScenarioFailure> failingScenarios) {}

    public record ScenarioFailure(String file, String name, List<String> failures) {}

    RuleRegistry registry() {
        return registry;
    }

    RuleVersionRepository store() {
        return store;
    }

    Clock clock() {
        return clock;
    }

    @Override
    public synchronized void close() {
        if (poller != null) {
            poller.shutdownNow();
            poller = null;
        }
    }
}
