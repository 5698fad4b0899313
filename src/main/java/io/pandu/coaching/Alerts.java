package io.pandu.coaching;

import io.pandu.auth.Caller;
import io.pandu.auth.Role;
import io.pandu.errors.InvalidInputException;
import io.pandu.errors.NotFoundException;
import io.pandu.guidance.CoachingAlert;
import io.pandu.store.Page;
import io.pandu.store.PageResult;
import io.pandu.store.Scope;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * The coaching-alert lifecycle. Evaluation runs {@link #reconcile} what the rules raised with what
 * is stored: an alert whose condition still holds is updated, not duplicated (dedup key = code +
 * subject); a new one is raised; one whose condition no longer holds is resolved automatically with
 * that reason. Managers acknowledge and resolve with a note. A manually resolved alert stays
 * resolved while its condition keeps holding; once the condition clears, a recurrence is a new
 * alert. History is kept in alert events.
 *
 * <p>Visibility: a manager sees the alerts of their team, ops and admin all; reps see none. The
 * statements are {@link AlertRepository}'s.
 */
public final class Alerts {
    private final AlertRepository alerts;
    private final Clock clock;

    public Alerts(AlertRepository alerts, Clock clock) {
        this.alerts = alerts;
        this.clock = clock;
    }

    public PageResult<Alert> list(Caller caller, AlertFilter filter, Page page) {
        caller.require(Role.MANAGER, Role.OPS, Role.ADMIN);
        return alerts.list(caller.scope(), filter, page);
    }

    public Alert get(Caller caller, long alertId) {
        return visible(caller)
                .flatMap(scope -> alerts.find(scope, alertId))
                .orElseThrow(() -> new NotFoundException("no alert " + alertId));
    }

    /** Oldest first. */
    public List<AlertEvent> history(Caller caller, long alertId) {
        get(caller, alertId);
        return alerts.events(alertId);
    }

    /** A manager takes an open alert on. */
    public Alert acknowledge(Caller caller, long alertId) {
        Alert alert = get(caller, alertId);
        if (alert.status() != AlertStatus.OPEN) {
            throw new InvalidInputException(
                    "status",
                    "alert "
                            + alertId
                            + " is "
                            + alert.status().json()
                            + "; only an open alert can be acknowledged");
        }
        caller.require(Role.MANAGER, Role.OPS, Role.ADMIN);
        alerts.acknowledge(alertId, caller.username(), clock.instant());
        return get(caller, alertId);
    }

    /** A manager closes an alert, saying what was done. */
    public Alert resolve(Caller caller, long alertId, String note) {
        Alert alert = get(caller, alertId);
        if (note == null || note.isBlank()) {
            throw new InvalidInputException("note", "say how the alert was resolved");
        }
        if (alert.status() == AlertStatus.RESOLVED) {
            throw new InvalidInputException("status", "alert " + alertId + " is already resolved");
        }
        caller.require(Role.MANAGER, Role.OPS, Role.ADMIN);
        alerts.resolve(alertId, caller.username(), note.trim(), clock.instant());
        return get(caller, alertId);
    }

    /**
     * What identifies "the same alert" across runs: its code and its subject (the deal, else the
     * rep).
     */
    public static String dedupKey(CoachingAlert alert) {
        return alert.code()
                + "|"
                + (alert.dealId() != null ? "deal:" + alert.dealId() : "rep:" + alert.repId());
    }

    /**
     * Brings the stored alerts in line with what one run raised over the whole pipeline, in one
     * transaction. Only a whole-pipeline run may call this: an alert the run did not raise is
     * resolved.
     */
    public Reconciliation reconcile(long runId, List<CoachingAlert> raised) {
        Map<String, CoachingAlert> current = new LinkedHashMap<>();
        raised.forEach(a -> current.putIfAbsent(dedupKey(a), a));
        return alerts.inTransaction(
                tx -> {
                    Instant now = clock.instant();
                    Map<String, Alert> holding = tx.holding();
                    int created = 0;
                    int updated = 0;
                    int unchanged = 0;
                    List<AlertRepository.Sighting> seen = new ArrayList<>();
                    for (Map.Entry<String, CoachingAlert> e : current.entrySet()) {
                        CoachingAlert a = e.getValue();
                        Alert stored = holding.remove(e.getKey());
                        if (stored == null) {
                            long id = tx.raise(e.getKey(), a, runId, now);
                            tx.event(
                                    id,
                                    "raised",
                                    null,
                                    "evaluation run " + runId + ": " + a.reason());
                            created++;
                            continue;
                        }
                        boolean changed =
                                stored.severity() != a.severity()
                                        || !Objects.equals(stored.reason(), a.reason())
                                        || !Objects.equals(stored.title(), a.title())
                                        || !Objects.equals(stored.managerId(), a.managerId());
                        if (stored.severity() != a.severity()) {
                            tx.event(
                                    stored.id(),
                                    "severity-changed",
                                    null,
                                    stored.severity().json() + " → " + a.severity().json());
                        }
                        seen.add(new AlertRepository.Sighting(stored.id(), a));
                        if (changed) {
                            updated++;
                        } else {
                            unchanged++;
                        }
                    }
                    tx.seen(seen, runId, now);
                    int resolved = 0;
                    List<Long> cleared = new ArrayList<>();
                    for (Alert gone : holding.values()) {
                        cleared.add(gone.id());
                        if (gone.status() != AlertStatus.RESOLVED) {
                            String why = "condition no longer holds (evaluation run " + runId + ")";
                            tx.autoResolve(gone.id(), why, now);
                            tx.event(gone.id(), "auto-resolved", null, why);
                            resolved++;
                        }
                    }
                    tx.cleared(cleared);
                    return new Reconciliation(created, updated, unchanged, resolved);
                });
    }

    /**
     * Whose alerts the caller sees: a manager their team's, ops and admin all; a rep none (empty).
     */
    private static Optional<Scope> visible(Caller caller) {
        return caller.role() == Role.REP ? Optional.empty() : Optional.of(caller.scope());
    }
}
