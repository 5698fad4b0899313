package io.pandu.pipeline;

import io.pandu.auth.Caller;
import io.pandu.auth.Role;
import io.pandu.errors.ForbiddenException;
import io.pandu.errors.InvalidInputException;
import io.pandu.errors.NotFoundException;
import io.pandu.facts.Account;
import io.pandu.facts.Activity;
import io.pandu.facts.Deal;
import io.pandu.facts.Rep;
import io.pandu.store.AuditLog;
import io.pandu.store.FactStore;
import io.pandu.store.FactTable;
import io.pandu.store.Manager;
import io.pandu.store.Page;
import io.pandu.store.PageResult;
import io.pandu.store.Scope;
import io.pandu.store.Stored;
import java.time.LocalDate;
import java.util.Optional;

/**
 * Deals, reps, accounts and activities as the API serves them: list with filters and paging, get,
 * upsert, each within what the caller may see. A rep sees their own deals, activities and rep
 * record, a manager their team's, ops and admin everyone's; accounts are reference data everyone
 * may read. Something outside the caller's view is "not found", never "forbidden", so its existence
 * stays hidden. The lists' WHERE clauses are {@link PipelineRepository}'s.
 */
public final class Pipeline {
    private final FactStore facts;
    private final PipelineRepository lists;
    private final FactChecks checks;
    private final AuditLog audit;

    public Pipeline(FactStore facts, PipelineRepository lists, FactChecks checks, AuditLog audit) {
        this.facts = facts;
        this.lists = lists;
        this.checks = checks;
        this.audit = audit;
    }

    // ---- deals

    public PageResult<Stored<Deal>> deals(Caller caller, Filters.DealFilter filter, Page page) {
        return deals(caller, filter, page, null);
    }

    /**
     * The deals as they were on {@code asOf} (null: now): which existed, their stage, amount,
     * owner.
     */
    public PageResult<Stored<Deal>> deals(
            Caller caller, Filters.DealFilter filter, Page page, LocalDate asOf) {
        return lists.deals(caller.scope(), filter, page, asOf);
    }

    public Stored<Deal> deal(Caller caller, String dealId) {
        return deal(caller, dealId, null);
    }

    /**
     * The deal as it was on {@code asOf} (null: now); not found if it did not exist yet, or if its
     * owner of that date is outside the caller's view.
     */
    public Stored<Deal> deal(Caller caller, String dealId, LocalDate asOf) {
        return facts.deals(asOf)
                .get(dealId)
                .filter(d -> ownerVisible(caller, d.value().ownerId()))
                .orElseThrow(
                        () ->
                                asOf == null || facts.isCurrent(asOf)
                                        ? notFound("deal", dealId)
                                        : new NotFoundException(
                                                "no deal \"" + dealId + "\" as of " + asOf));
    }

    /** Creates or replaces a deal. A rep may only write their own deals, a manager their team's. */
    public Upserted<Deal> upsertDeal(Caller caller, Deal deal) {
        check(
                checks.deal(
                        deal,
                        id -> facts.reps().get(id).isPresent(),
                        id -> facts.accounts().get(id).isPresent()));
        Optional<Stored<Deal>> existing = facts.deals().get(deal.id());
        existing.ifPresent(e -> requireVisible(caller, e.value().ownerId(), "deal", deal.id()));
        if (!ownerVisible(caller, deal.ownerId())) {
            throw new InvalidInputException(
                    "ownerId",
                    "you may only write deals owned by "
                            + (caller.role() == Role.REP ? "you" : "your team"));
        }
        if (caller.role() == Role.REP) {
            requireNoOutcomeChange(deal, existing.map(Stored::value));
        }
        return upsert(caller, facts.deals(), deal, "deal");
    }

    /**
     * Outcomes come from the CRM import or a manager or ops, never from the rep whose commission
     * they decide: a rep may not create a deal already won or lost, move a deal into (or out of) an
     * outcome, or change a closed deal's amount. Other fields of a closed deal stay theirs to edit.
     */
    private void requireNoOutcomeChange(Deal deal, Optional<Deal> before) {
        boolean closedNow = checks.closed(deal);
        boolean closedBefore = before.map(checks::closed).orElse(false);
        if (closedNow && before.isEmpty()) {
            throw new ForbiddenException(
                    "a rep may not create a deal that is already won or lost (stage \""
                            + deal.stage()
                            + "\"): outcomes come from the CRM import or a manager");
        }
        if (closedNow != closedBefore
                || closedNow && !deal.stage().equalsIgnoreCase(before.get().stage())) {
            throw new ForbiddenException(
                    "a rep may not change a deal's outcome (stage \""
                            + before.get().stage()
                            + "\" to \""
                            + deal.stage()
                            + "\"): outcomes come from the CRM import or a manager");
        }
        if (closedNow && deal.amount().compareTo(before.get().amount()) != 0) {
            throw new ForbiddenException(
                    "a rep may not change the amount of a closed deal (stage \""
                            + deal.stage()
                            + "\")");
        }
    }

    // ---- reps

    public PageResult<Stored<Rep>> reps(Caller caller, Filters.RepFilter filter, Page page) {
        return lists.reps(caller.scope(), filter, page);
    }

    public Stored<Rep> rep(Caller caller, String repId) {
        Stored<Rep> rep = facts.reps().get(repId).orElseThrow(() -> notFound("rep", repId));
        requireVisible(caller, rep.value().id(), "rep", repId);
        return rep;
    }

    /** Creates or replaces a rep (ops and admin); an unknown manager id gets a manager record. */
    public Upserted<Rep> upsertRep(Caller caller, Rep rep) {
        caller.require(Role.OPS, Role.ADMIN);
        check(checks.rep(rep));
        if (rep.hasManager() && facts.managers().get(rep.managerId()).isEmpty()) {
            facts.managers().upsert(new Manager(rep.managerId(), rep.managerId()));
        }
        return upsert(caller, facts.reps(), rep, "rep");
    }

    // ---- accounts

    public PageResult<Stored<Account>> accounts(
            Caller caller, Filters.AccountFilter filter, Page page) {
        return lists.accounts(filter, page);
    }

    public Stored<Account> account(Caller caller, String accountId) {
        return facts.accounts().get(accountId).orElseThrow(() -> notFound("account", accountId));
    }

    public Upserted<Account> upsertAccount(Caller caller, Account account) {
        caller.require(Role.OPS, Role.ADMIN);
        check(checks.account(account));
        return upsert(caller, facts.accounts(), account, "account");
    }

    // ---- activities

    public PageResult<Stored<Activity>> activities(
            Caller caller, Filters.ActivityFilter filter, Page page) {
        return lists.activities(caller.scope(), filter, page);
    }

    public Stored<Activity> activity(Caller caller, String activityId) {
        return lists.activity(caller.scope(), activityId)
                .orElseThrow(() -> notFound("activity", activityId));
    }

    /** Logs or corrects an activity; a rep logs on their own deals, a manager on the team's. */
    public Upserted<Activity> upsertActivity(Caller caller, Activity activity) {
        check(
                checks.activity(
                        activity,
                        id -> visibleDeal(caller, id).isPresent(),
                        id -> facts.reps().get(id).isPresent()));
        if (activity.repId() != null && !ownerVisible(caller, activity.repId())) {
            throw new InvalidInputException(
                    "repId",
                    "you may only log activities of "
                            + (caller.role() == Role.REP ? "your own" : "your team"));
        }
        facts.activities()
                .get(activity.id())
                .ifPresent(existing -> activity(caller, activity.id()));
        return upsert(caller, facts.activities(), activity, "activity");
    }

    // ----

    private Optional<Stored<Deal>> visibleDeal(Caller caller, String dealId) {
        return facts.deals().get(dealId).filter(d -> ownerVisible(caller, d.value().ownerId()));
    }

    private boolean ownerVisible(Caller caller, String repId) {
        Scope scope = caller.scope();
        if (scope.all()) {
            return true;
        }
        String manager = facts.rep(repId).map(Rep::managerId).orElse(null);
        return scope.includes(repId, manager);
    }

    private void requireVisible(Caller caller, String ownerId, String kind, String id) {
        if (!ownerVisible(caller, ownerId)) {
            throw notFound(kind, id);
        }
    }

    private <T> Upserted<T> upsert(Caller caller, FactTable<T> table, T record, String kind) {
        var outcome = table.upsert(record);
        String id = table.idOf(record);
        if (outcome != io.pandu.store.UpsertCounts.Outcome.UNCHANGED) {
            audit.record(caller.username(), kind + "." + outcome.json(), kind, id, null);
        }
        return new Upserted<>(record, outcome, table.get(id).map(Stored::version).orElse(0));
    }

    private static void check(Optional<FactChecks.Problem> problem) {
        problem.ifPresent(
                p -> {
                    throw new InvalidInputException(p.field(), p.message());
                });
    }

    private static NotFoundException notFound(String kind, String id) {
        return new NotFoundException("no " + kind + " \"" + id + "\"");
    }
}
