package io.pandu.runs;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.time.Instant;
import java.time.LocalDate;

/**
 * One evaluation run as it goes and after: {@code status} running, succeeded or failed; {@code
 * phase} loading, evaluating, alerts, snapshots, done; progress as {@code teamsDone} of {@code
 * teams}; {@code evaluationMs} is the rule evaluation alone, {@code durationMs} the whole run.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record RunStatus(
        long id,
        String trigger,
        String requestedBy,
        String status,
        String phase,
        String ruleSetVersion,
        LocalDate asOf,
        int teams,
        int teamsDone,
        int deals,
        int recommendations,
        int alertsRaised,
        int alertsUpdated,
        int alertsResolved,
        Instant startedAt,
        Instant finishedAt,
        Long evaluationMs,
        Long durationMs,
        String error) {

    public static final String RUNNING = "running";
    public static final String SUCCEEDED = "succeeded";
    public static final String FAILED = "failed";

    /** Deals evaluated per second of rule evaluation; null until the run is done. */
    @com.fasterxml.jackson.annotation.JsonProperty("dealsPerSecond")
    public Double dealsPerSecond() {
        return evaluationMs == null || evaluationMs == 0
                ? null
                : Math.round(deals * 10_000.0 / evaluationMs) / 10.0;
    }

    public boolean running() {
        return RUNNING.equals(status);
    }
}
