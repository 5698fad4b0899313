package io.pandu.pipeline;

import io.pandu.facts.Account;
import io.pandu.facts.Activity;
import io.pandu.facts.Deal;
import io.pandu.facts.Rep;
import io.pandu.store.FactStore;
import io.pandu.store.Page;
import io.pandu.store.PageResult;
import io.pandu.store.Scope;
import io.pandu.store.Stored;
import io.pandu.store.Where;
import java.util.Optional;

/**
 * The SQL of the pipeline lists: their filters and the caller's scope as WHERE clauses on the fact
 * tables of the {@link FactStore}. Who may see and write what is {@link Pipeline}'s business.
 */
public final class PipelineRepository {
    private final FactStore facts;

    public PipelineRepository(FactStore facts) {
        this.facts = facts;
    }

    /** Deals owned by a rep in scope that match the filter, now. */
    public PageResult<Stored<Deal>> deals(Scope scope, Filters.DealFilter filter, Page page) {
        return deals(scope, filter, page, null);
    }

    /**
     * Deals as they were on {@code asOf} (null: now) owned then by a rep in scope, matching the
     * filter on that date's owner, stage and amount.
     */
    public PageResult<Stored<Deal>> deals(
            Scope scope, Filters.DealFilter filter, Page page, java.time.LocalDate asOf) {
        Where where =
                FactStore.scoped(new Where(), scope, "owner_id")
                        .eq("owner_id", filter.ownerId())
                        .eq("account_id", filter.accountId())
                        .eqIgnoreCase("stage", filter.stage())
                        .eq("product", filter.product());
        if (filter.managerId() != null) {
            where.and("owner_id IN (SELECT id FROM reps WHERE manager_id = ?)", filter.managerId());
        }
        return facts.deals(asOf).list(where, page);
    }

    /** Reps in scope that match the filter. */
    public PageResult<Stored<Rep>> reps(Scope scope, Filters.RepFilter filter, Page page) {
        Where where =
                FactStore.scoped(new Where(), scope, "id")
                        .eq("manager_id", filter.managerId())
                        .eqIgnoreCase("region", filter.region());
        return facts.reps().list(where, page);
    }

    /** Accounts (reference data: no scope) that match the filter. */
    public PageResult<Stored<Account>> accounts(Filters.AccountFilter filter, Page page) {
        Where where =
                new Where()
                        .eqIgnoreCase("industry", filter.industry())
                        .eqIgnoreCase("region", filter.region())
                        .eq("territory_id", filter.territoryId())
                        .eq("owner_id", filter.ownerId());
        return facts.accounts().list(where, page);
    }

    /** Activities in scope that match the filter. */
    public PageResult<Stored<Activity>> activities(
            Scope scope, Filters.ActivityFilter filter, Page page) {
        Where where =
                FactStore.scopedActivities(new Where(), scope)
                        .eq("deal_id", filter.dealId())
                        .eq("rep_id", filter.repId())
                        .eqIgnoreCase("type", filter.type());
        return facts.activities().list(where, page);
    }

    /** The activity, if it is in scope. */
    public Optional<Stored<Activity>> activity(Scope scope, String activityId) {
        Where where = FactStore.scopedActivities(new Where().eq("id", activityId), scope);
        return facts.activities().list(where, new Page(0, 1)).items().stream().findFirst();
    }
}
