package io.pandu.coaching;

import io.pandu.auth.Caller;
import io.pandu.auth.Role;
import io.pandu.errors.ConflictException;
import io.pandu.errors.InvalidInputException;
import io.pandu.errors.NotFoundException;
import io.pandu.guidance.CoachingAlert;
import io.pandu.store.Page;
import io.pandu.store.PageResult;
import io.pandu.store.Scope;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.function.Supplier;

/**
 * The coaching-alert lifecycle. Evaluation runs {@link #reconcile} what the rules raised with what
 * is stored: an alert whose condition still holds is updated, not duplicated (dedup key = code +
 * subject); a new one is raised; one whose condition no longer holds is resolved automatically with
 * that reason. Managers acknowledge and resolve with a note, and may re-open a resolved alert. An
 * alert resolved by hand whose condition keeps holding re-opens by itself after a cool-off of the
 * pipeline calendar ({@link AlertSettings#reopenCoolOffDays()}), or at once when its severity
 * rises; once the condition clears, a recurrence is a new alert. Every decision is a
 * compare-and-set: of concurrent calls one wins, the others get a {@link ConflictException} with
 * the alert as it now is. History is kept in alert events.
 *
 * <p>Visibility: a manager sees the alerts of their team, ops and admin all; a rep reads the alerts
 * about themselves and their deals ({@link #mine}). The inbox ({@link #inbox}) surfaces a daily
 * budget of new alerts per manager, by severity times value at stake, and groups the rest. The
 * statements are {@link AlertRepository}'s.
 */
public final class Alerts {
    private final AlertRepository alerts;
    private final Clock clock;
    private final Supplier<AlertSettings> settings;

    public Alerts(AlertRepository alerts, Clock clock, Supplier<AlertSettings> settings) {
        this.alerts = alerts;
        this.clock = clock;
        this.settings = settings;
    }

    public Alerts(AlertRepository alerts, Clock clock) {
        this(alerts, clock, () -> AlertSettings.DEFAULTS);
    }

    public AlertSettings settings() {
        return settings.get();
    }

    public PageResult<Alert> list(Caller caller, AlertFilter filter, Page page) {
        caller.require(Role.MANAGER, Role.OPS, Role.ADMIN, Role.DIRECTOR);
        return alerts.list(caller.scope(), filter, page);
    }

    /**
     * A page of the alerts in the caller's view; {@code cursor} is the previous page's {@code
     * nextCursor}.
     */
    public AlertPage list(
            Caller caller, AlertFilter filter, AlertOrder order, String cursor, Page page) {
        caller.require(Role.MANAGER, Role.OPS, Role.ADMIN, Role.DIRECTOR);
        return alerts.list(caller.scope(), filter, order, AlertCursor.parse(cursor, order), page);
    }

    /**
     * A rep's view: the alerts about them and their deals, read-only, with what their manager noted
     * (the resolution), most severe and valuable first.
     */
    public AlertPage mine(Caller caller, AlertStatus status, String cursor, Page page) {
        caller.require(Role.REP);
        AlertFilter filter = new AlertFilter(null, null, status, null, null, null);
        return alerts.list(
                caller.scope(),
                filter,
                AlertOrder.SEVERITY,
                AlertCursor.parse(cursor, AlertOrder.SEVERITY),
                page);
    }

    /**
     * The open alerts about a rep and their deals, most severe and valuable first (at most {@code
     * limit}), for My day's attention budget; the caller's right to see the rep is checked by the
     * one who asks.
     */
    public List<Alert> openAbout(String repId, int limit) {
        return alerts.list(
                        io.pandu.store.Scope.rep(repId),
                        new AlertFilter(null, repId, AlertStatus.OPEN, null, null),
                        AlertOrder.SEVERITY,
                        AlertCursor.parse(null, AlertOrder.SEVERITY),
                        new Page(0, limit))
                .items();
    }

    /**
     * How many open alerts each rep in the caller's view has, per code (a manager's team, everyone
     * for ops, admin and a director).
     */
    public Map<String, Map<String, Integer>> openByRep(Caller caller) {
        caller.require(Role.MANAGER, Role.OPS, Role.ADMIN, Role.DIRECTOR);
        return alerts.openByRep(caller.scope());
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

    /** A manager takes an open alert on; of concurrent calls one wins, the others get a 409. */
    public Alert acknowledge(Caller caller, long alertId) {
        get(caller, alertId);
        caller.require(Role.MANAGER, Role.OPS, Role.ADMIN);
        if (!alerts.acknowledge(alertId, caller.username(), clock.instant())) {
            throw conflict(caller, alertId, "only an open alert can be acknowledged");
        }
        return get(caller, alertId);
    }

    /**
     * A manager closes an alert, saying what was done; of concurrent calls one wins, the others get
     * a 409.
     */
    public Alert resolve(Caller caller, long alertId, String note) {
        get(caller, alertId);
        if (note == null || note.isBlank()) {
            throw new InvalidInputException("note", "say how the alert was resolved");
        }
        caller.require(Role.MANAGER, Role.OPS, Role.ADMIN);
        if (!alerts.resolve(alertId, caller.username(), note.trim(), clock.instant())) {
            throw conflict(caller, alertId, "it is already resolved");
        }
        return get(caller, alertId);
    }

    /** A manager opens a resolved alert again, optionally saying why. */
    public Alert reopen(Caller caller, long alertId, String note) {
        get(caller, alertId);
        caller.require(Role.MANAGER, Role.OPS, Role.ADMIN);
        String why =
                "re-opened by "
                        + caller.username()
                        + (note == null || note.isBlank() ? "" : ": " + note.trim());
        if (!alerts.reopen(alertId, caller.username(), why)) {
            throw conflict(caller, alertId, "only a resolved alert can be re-opened");
        }
        return get(caller, alertId);
    }

    private ConflictException conflict(Caller caller, long alertId, String rule) {
        Alert now = get(caller, alertId);
        return new ConflictException(
                "alert " + alertId + " is " + now.status().json() + "; " + rule, "status", now);
    }

    /**
     * The manager's inbox: the alerts surfaced on top (at most {@link AlertSettings#budgetPerDay()}
     * new ones per manager and day, the most severe and valuable first: severity times value at
     * stake) and the rest of the open alerts in groups. Surfacing is remembered, so the top does
     * not reshuffle during the day; what a manager acknowledges or resolves leaves it without
     * bringing in more until the next day. The day is the wall-clock day (a manager's working day),
     * not the pipeline's as-of date.
     */
    public AlertInbox inbox(Caller caller, String managerId) {
        caller.require(Role.MANAGER, Role.OPS, Role.ADMIN);
        Scope scope = inboxScope(caller, managerId);
        int budget = settings.get().budgetPerDay();
        LocalDate today = LocalDate.ofInstant(clock.instant(), ZoneOffset.UTC);
        return alerts.inbox(
                scope,
                (open, surfacing) -> {
                    Map<String, Integer> used = new HashMap<>(surfacing.surfacedOn(today));
                    List<Alert> candidates =
                            open.stream()
                                    .filter(a -> a.surfacedOn() == null)
                                    .sorted(BY_ATTENTION)
                                    .toList();
                    List<Long> surfaced = new ArrayList<>();
                    for (Alert a : candidates) {
                        String manager = String.valueOf(a.managerId());
                        int n = used.getOrDefault(manager, 0);
                        if (n < budget) {
                            used.put(manager, n + 1);
                            surfaced.add(a.id());
                        }
                    }
                    surfacing.surface(surfaced, today);
                    Set<Long> fresh = new HashSet<>(surfaced);
                    List<Alert> top = new ArrayList<>();
                    Map<AlertGroup, List<Alert>> rest = new LinkedHashMap<>();
                    for (Alert a : open.stream().sorted(BY_ATTENTION).toList()) {
                        if (a.surfacedOn() != null || fresh.contains(a.id())) {
                            top.add(a.surfacedOn() != null ? a : AlertInbox.surfaced(a, today));
                        } else {
                            rest.computeIfAbsent(AlertGroup.of(a), g -> new ArrayList<>()).add(a);
                        }
                    }
                    List<AlertInbox.Group> groups = new ArrayList<>();
                    rest.forEach((g, list) -> groups.add(AlertInbox.Group.of(g, list)));
                    int surfacedToday = used.values().stream().mapToInt(Integer::intValue).sum();
                    return new AlertInbox(today, budget, surfacedToday, open.size(), top, groups);
                });
    }

    /**
     * Acknowledges, in one go, the open alerts of a group that are not surfaced on top (what the
     * inbox shows as the group); returns how many.
     */
    public AlertInbox.BulkResult acknowledgeGroup(
            Caller caller, String groupKey, String managerId) {
        caller.require(Role.MANAGER, Role.OPS, Role.ADMIN);
        AlertGroup group = AlertGroup.parse(groupKey, "key");
        Scope scope = inboxScope(caller, managerId);
        Instant now = clock.instant();
        int done =
                alerts.inbox(
                        scope,
                        (open, surfacing) ->
                                surfacing.acknowledge(
                                        open.stream()
                                                .filter(a -> a.surfacedOn() == null)
                                                .filter(a -> AlertGroup.of(a).equals(group))
                                                .map(Alert::id)
                                                .toList(),
                                        caller.username(),
                                        now,
                                        group.key()));
        return new AlertInbox.BulkResult(group.key(), done);
    }

    /** A manager's inbox is their team's; ops and admin may name a manager (else: everyone's). */
    private static Scope inboxScope(Caller caller, String managerId) {
        if (caller.role() == Role.MANAGER || managerId == null) {
            return caller.scope();
        }
        return Scope.team(managerId);
    }

    /** Severity times value at stake, the larger first; then the id. */
    static final Comparator<Alert> BY_ATTENTION =
            Comparator.comparingDouble(Alert::attention).reversed().thenComparingLong(Alert::id);

    /**
     * Raises an alert for ops that no run raised (the rules fell back to an earlier version): open
     * until someone resolves it, with its event history saying why.
     */
    public long raiseForOps(CoachingAlert alert, String subject) {
        return alerts.inTransaction(
                tx -> {
                    long id =
                            tx.raiseOutsideRuns(
                                    alert.code() + "|" + subject, alert, clock.instant());
                    tx.event(id, "raised", null, alert.reason());
                    return id;
                });
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
        return reconcile(runId, null, raised);
    }

    /**
     * As {@link #reconcile(long, List)}, on the pipeline as of {@code asOf} (null: unknown, no
     * cool-off is counted): an alert resolved by hand whose condition still holds re-opens once the
     * cool-off has passed since it was resolved, or at once when its severity rose.
     */
    public Reconciliation reconcile(long runId, LocalDate asOf, List<CoachingAlert> raised) {
        int coolOff = settings.get().reopenCoolOffDays();
        Map<String, CoachingAlert> current = new LinkedHashMap<>();
        raised.forEach(a -> current.putIfAbsent(dedupKey(a), a));
        return alerts.inTransaction(
                tx -> {
                    Instant now = clock.instant();
                    Map<String, Alert> holding = tx.holding();
                    int created = 0;
                    int updated = 0;
                    int unchanged = 0;
                    int reopened = 0;
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
                        if (stored.status() == AlertStatus.RESOLVED
                                && stored.resolvedBy() != null) {
                            String why = reopening(stored, a, asOf, coolOff);
                            if (why != null) {
                                tx.reopen(stored.id(), why);
                                reopened++;
                            } else if (stored.resolvedAsOf() == null && asOf != null) {
                                tx.resolvedAsOf(stored.id(), asOf);
                            }
                        }
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
                    return new Reconciliation(created, updated, unchanged, resolved, reopened);
                });
    }

    /**
     * Why an alert resolved by hand re-opens now, or null: its severity rose, or the cool-off has
     * passed on the pipeline calendar since it was resolved.
     */
    static String reopening(Alert stored, CoachingAlert now, LocalDate asOf, int coolOff) {
        if (now.severity().compareTo(stored.severity()) > 0) {
            return "re-opened: severity rose to " + now.severity().json();
        }
        if (asOf == null || stored.resolvedAsOf() == null) {
            return null;
        }
        long days = ChronoUnit.DAYS.between(stored.resolvedAsOf(), asOf);
        return days >= coolOff ? "re-opened: condition still holds after " + days + " days" : null;
    }

    /**
     * Whose alerts the caller sees: a manager their team's, ops and admin all; a rep none (empty).
     */
    private static Optional<Scope> visible(Caller caller) {
        return caller.role() == Role.REP ? Optional.empty() : Optional.of(caller.scope());
    }
}
