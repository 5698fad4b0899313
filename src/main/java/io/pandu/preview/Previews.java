package io.pandu.preview;

import io.pandu.errors.NotFoundException;
import io.pandu.rules.RuleSet;
import io.pandu.rules.RuleSetBuilder;
import io.pandu.rules.RuleSetRejectedException;
import io.pandu.store.FactStore;
import io.pandu.store.Team;
import java.lang.ref.SoftReference;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.function.Function;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Impact previews of drafts over the stored pipeline (as of the store's date), run in the
 * background one at a time so a preview never starves the serving threads of more than its own
 * pool; each draft's latest preview is kept with its progress, so the studio can poll it.
 */
public final class Previews implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(Previews.class);

    private final FactStore facts;
    private final Supplier<RuleSet> live;
    private final Function<String, RuleSetBuilder.Candidate> drafts;
    private final ImpactPreview preview;
    private final Clock clock;
    private final Map<String, Status> byDraft = new ConcurrentHashMap<>();

    /**
     * The live version's side of the last preview, for its version and the store's state: the next
     * preview of any draft, while neither changed, evaluates only the draft. Kept softly (a
     * 100,000-deal pipeline's side is tens of MB). Only the single worker thread touches it.
     */
    private LiveKey liveKey;

    private SoftReference<ImpactPreview.LiveSide> liveSide = new SoftReference<>(null);

    private record LiveKey(String version, FactStore.State at) {}

    private final ExecutorService worker =
            Executors.newSingleThreadExecutor(
                    r -> {
                        Thread t = new Thread(r, "pandu-preview");
                        t.setDaemon(true);
                        return t;
                    });

    /** {@code drafts} builds a draft's rule set by its id (unknown id: not found). */
    public Previews(
            FactStore facts,
            Supplier<RuleSet> live,
            Function<String, RuleSetBuilder.Candidate> drafts,
            ImpactPreview preview,
            Clock clock) {
        this.facts = facts;
        this.live = live;
        this.drafts = drafts;
        this.preview = preview;
        this.clock = clock;
    }

    /** Where a draft's preview stands: running with progress, done with its result, or failed. */
    public record Status(
            String draft,
            String state,
            String liveVersion,
            String candidateVersion,
            LocalDate asOf,
            int teams,
            int teamsDone,
            Instant startedAt,
            Instant finishedAt,
            ImpactPreview.Result result,
            String error) {
        /** The same running preview with the team count known and {@code done} teams finished. */
        Status running(int count, int done) {
            return new Status(
                    draft,
                    state,
                    liveVersion,
                    candidateVersion,
                    asOf,
                    count,
                    Math.max(done, teamsDone),
                    startedAt,
                    null,
                    null,
                    null);
        }
    }

    /**
     * Starts previewing the draft's rule set against the live version. A draft that does not build
     * is refused with its diagnostics (422); a preview of the same draft that is still running is
     * returned instead of starting another.
     */
    public Status start(String draft) {
        Status running = byDraft.get(draft);
        if (running != null && running.state().equals("running")) {
            return running;
        }
        RuleSetBuilder.Candidate candidate = drafts.apply(draft);
        if (!candidate.ok()) {
            throw new RuleSetRejectedException(candidate.projectDiagnostics());
        }
        FactStore.State at = facts.state(); // read from the store outside the map's lock
        LocalDate asOf = at.asOf();
        return byDraft.compute(
                draft,
                (id, now) -> {
                    if (now != null && now.state().equals("running")) {
                        candidate.discard();
                        return now;
                    }
                    RuleSet current = live.get();
                    Status started =
                            new Status(
                                    id,
                                    "running",
                                    current.version(),
                                    candidate.ruleSet().version(),
                                    asOf,
                                    0,
                                    0,
                                    clock.instant(),
                                    null,
                                    null,
                                    null);
                    try {
                        worker.execute(() -> run(started, at, current, candidate));
                    } catch (RuntimeException e) {
                        candidate.discard();
                        throw e;
                    }
                    return started;
                });
    }

    private void run(
            Status loading, FactStore.State at, RuleSet current, RuleSetBuilder.Candidate draft) {
        // the pipeline loads here, not in start(): a POST answers at once, whatever the size
        Status started = loading;
        try {
            List<Team> teams = facts.pipeline(at);
            ImpactPreview.LiveSide known = liveSide(current.version(), at);
            started = loading.running(teams.size(), 0);
            Status counted = started;
            byDraft.computeIfPresent(
                    loading.draft(),
                    (id, s) -> s.startedAt().equals(loading.startedAt()) ? counted : s);
            ImpactPreview.Result result =
                    preview.compare(
                            teams,
                            current,
                            draft.ruleSet(),
                            known,
                            done ->
                                    byDraft.computeIfPresent(
                                            loading.draft(),
                                            (id, s) ->
                                                    s.startedAt().equals(loading.startedAt())
                                                            ? s.running(s.teams(), done)
                                                            : s));
            finish(started, "done", result, null);
        } catch (RuntimeException e) {
            LOG.warn("Preview of draft {} failed: {}", started.draft(), e.toString(), e);
            finish(started, "failed", null, e.getMessage() == null ? e.toString() : e.getMessage());
        } finally {
            draft.discard();
        }
    }

    /** The live side kept for this version and state, or a new one kept from now on. */
    private ImpactPreview.LiveSide liveSide(String version, FactStore.State at) {
        LiveKey key = new LiveKey(version, at);
        ImpactPreview.LiveSide kept = liveSide.get();
        if (!key.equals(liveKey) || kept == null) {
            kept = new ImpactPreview.LiveSide(version);
            liveKey = key;
            liveSide = new SoftReference<>(kept);
        }
        return kept;
    }

    private void finish(Status started, String state, ImpactPreview.Result result, String error) {
        byDraft.computeIfPresent(
                started.draft(),
                (id, s) ->
                        !s.startedAt().equals(started.startedAt())
                                ? s
                                : new Status(
                                        id,
                                        state,
                                        started.liveVersion(),
                                        started.candidateVersion(),
                                        started.asOf(),
                                        started.teams(),
                                        result == null ? s.teamsDone() : started.teams(),
                                        started.startedAt(),
                                        clock.instant(),
                                        result,
                                        error));
    }

    /**
     * Evaluates the live version's side of the stored pipeline ahead, on the preview thread, when
     * it is not kept for the current version and store state: called when a draft is created, so
     * that its first preview (minutes later, after the edits) evaluates only the draft. A preview
     * started meanwhile waits for it and reuses it.
     */
    public void prepare() {
        FactStore.State at = facts.state();
        RuleSet current = live.get();
        try {
            worker.execute(
                    () -> {
                        try {
                            long start = System.nanoTime();
                            ImpactPreview.LiveSide kept = liveSide(current.version(), at);
                            int before = kept.teams();
                            preview.evaluateLive(facts.pipeline(at), current, kept);
                            if (kept.teams() > before) {
                                LOG.info(
                                        "Live side of the preview evaluated ahead: {} teams of"
                                                + " version {} in {} ms",
                                        kept.teams() - before,
                                        current.version(),
                                        (System.nanoTime() - start) / 1_000_000);
                            }
                        } catch (RuntimeException e) {
                            LOG.warn(
                                    "Live side of the preview not evaluated ahead: {}",
                                    e.toString());
                        }
                    });
        } catch (RejectedExecutionException closed) {
            // closing: nothing to prepare
        }
    }

    /** The draft's latest preview; 404 when none was started. */
    public Status status(String draft) {
        Status s = byDraft.get(draft);
        if (s == null) {
            throw new NotFoundException(
                    "no preview of draft \"" + draft + "\" yet: POST one first");
        }
        return s;
    }

    /**
     * What a publish's audit says of the draft's preview: its totals, the codes it changes most and
     * the money behind them, or that none was run for this content.
     */
    public String summary(String draft, String candidateVersion) {
        Status s = byDraft.get(draft);
        if (s == null) {
            return "no impact preview was run";
        }
        if (!s.state().equals("done") || s.result() == null) {
            return "the impact preview " + (s.error() == null ? "did not finish" : "failed");
        }
        ImpactPreview.Result r = s.result();
        StringBuilder text =
                new StringBuilder("impact preview against ")
                        .append(r.liveVersion())
                        .append(" as of ")
                        .append(r.asOf())
                        .append(" (")
                        .append(r.teams())
                        .append(" teams, ")
                        .append(r.deals())
                        .append(" deals): +")
                        .append(r.added())
                        .append(" added, -")
                        .append(r.removed())
                        .append(" removed, ")
                        .append(r.changed())
                        .append(" changed");
        List<String> codes =
                r.byCode().stream()
                        .filter(c -> c.added() + c.removed() + c.changed() > 0)
                        .sorted(
                                java.util.Comparator.comparingInt(
                                                (ImpactPreview.Counts c) ->
                                                        c.added() + c.removed() + c.changed())
                                        .reversed()
                                        .thenComparing(ImpactPreview.Counts::key))
                        .limit(5)
                        .map(c -> c.key() + " +" + c.added() + "/-" + c.removed())
                        .toList();
        if (!codes.isEmpty()) {
            text.append("; ").append(String.join(", ", codes));
        }
        text.append("; deal value added ")
                .append(r.moneyAdded().dealValue().toPlainString())
                .append(", removed ")
                .append(r.moneyRemoved().dealValue().toPlainString());
        if (!r.candidateVersion().equals(candidateVersion)) {
            text.append(" (of an earlier state of the draft, ")
                    .append(r.candidateVersion())
                    .append(")");
        }
        return text.toString();
    }

    /** A deleted draft's preview goes with it. */
    public void forget(String draft) {
        byDraft.remove(draft);
    }

    @Override
    public void close() {
        worker.shutdownNow();
    }
}
