package io.pandu.pipeline;

/** The filters of the pipeline lists; a null field filters nothing. */
public final class Filters {
    private Filters() {}

    /** Deals by owner, the owner's manager, account, stage name (any case) or product. */
    public record DealFilter(
            String ownerId, String managerId, String accountId, String stage, String product) {
        public static final DealFilter NONE = new DealFilter(null, null, null, null, null);
    }

    public record RepFilter(String managerId, String region) {
        public static final RepFilter NONE = new RepFilter(null, null);
    }

    public record AccountFilter(
            String industry, String region, String territoryId, String ownerId) {
        public static final AccountFilter NONE = new AccountFilter(null, null, null, null);
    }

    /** Activities by deal, rep or type ({@code call}, {@code email}, ...). */
    public record ActivityFilter(String dealId, String repId, String type) {
        public static final ActivityFilter NONE = new ActivityFilter(null, null, null);
    }
}
