package io.pandu.store;

/**
 * Whose records a query may return: one rep's ({@code repId}), one manager's team ({@code
 * managerId}), or everyone's ({@link #ALL}). The services derive it from the caller; the store
 * applies it in SQL.
 */
public record Scope(String repId, String managerId) {
    public static final Scope ALL = new Scope(null, null);

    public static Scope rep(String repId) {
        return new Scope(repId, null);
    }

    public static Scope team(String managerId) {
        return new Scope(null, managerId);
    }

    public boolean all() {
        return repId == null && managerId == null;
    }

    /**
     * Whether a record owned by {@code ownerId}, whose manager is {@code ownerManagerId}, is in
     * scope.
     */
    public boolean includes(String ownerId, String ownerManagerId) {
        if (repId != null) {
            return repId.equals(ownerId);
        }
        return managerId == null || managerId.equals(ownerManagerId);
    }
}
