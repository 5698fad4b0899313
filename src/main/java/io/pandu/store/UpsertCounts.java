package io.pandu.store;

/**
 * What an upsert of many records did. Importing the same records twice gives 0 created, 0 updated.
 */
public record UpsertCounts(int created, int updated, int unchanged) {
    public static final UpsertCounts NONE = new UpsertCounts(0, 0, 0);

    public UpsertCounts plus(UpsertCounts other) {
        return new UpsertCounts(
                created + other.created, updated + other.updated, unchanged + other.unchanged);
    }

    public UpsertCounts count(Outcome outcome) {
        return plus(
                new UpsertCounts(
                        outcome == Outcome.CREATED ? 1 : 0,
                        outcome == Outcome.UPDATED ? 1 : 0,
                        outcome == Outcome.UNCHANGED ? 1 : 0));
    }

    public int total() {
        return created + updated + unchanged;
    }

    /** What an upsert of one record did. */
    public enum Outcome {
        CREATED,
        UPDATED,
        UNCHANGED;

        @com.fasterxml.jackson.annotation.JsonValue
        public String json() {
            return Json.name(this);
        }
    }
}
