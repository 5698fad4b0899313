package io.pandu.runs;

import io.pandu.guidance.Guidance;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * What the rules said in the newest succeeded evaluation run, team by team: the guidance snapshots
 * the run kept. Screens that show rule outputs over the whole pipeline (forecast categories,
 * territory findings) read them here instead of evaluating everything again on each request. The
 * newest run's snapshots are parsed once and kept until a newer run succeeds.
 */
public final class LatestGuidance {

    /**
     * The guidance of run {@code runId}, evaluated as of {@code asOf}, per team id (a manager id,
     * {@code (no manager)} or {@code (unassigned accounts)}).
     */
    public record Snapshot(long runId, LocalDate asOf, Map<String, Guidance> teams) {
        /** Every team's guidance, in team id order. */
        public List<Guidance> all() {
            return List.copyOf(teams.values());
        }
    }

    private final RunRepository runs;
    private volatile Snapshot kept;

    public LatestGuidance(RunRepository runs) {
        this.runs = runs;
    }

    /** The newest succeeded run's guidance; empty before the first run succeeded. */
    public Optional<Snapshot> latest() {
        Optional<Long> id = runs.lastSucceeded();
        if (id.isEmpty()) {
            return Optional.empty();
        }
        Snapshot known = kept;
        if (known != null && known.runId() == id.get()) {
            return Optional.of(known);
        }
        LocalDate asOf = runs.find(id.get()).map(RunStatus::asOf).orElse(null);
        Snapshot read = new Snapshot(id.get(), asOf, runs.snapshots(id.get()));
        kept = read;
        return Optional.of(read);
    }
}
