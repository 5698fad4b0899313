package io.pandu.coaching;

/** What one evaluation run did to the stored alerts. */
public record Reconciliation(int raised, int updated, int unchanged, int resolved, int reopened) {
    public Reconciliation(int raised, int updated, int unchanged, int resolved) {
        this(raised, updated, unchanged, resolved, 0);
    }
}
