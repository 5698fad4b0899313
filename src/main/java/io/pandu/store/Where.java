package io.pandu.store;

import java.util.ArrayList;
import java.util.List;

/** Builds a WHERE clause from optional filters; a null value adds nothing. */
public final class Where {
    private final List<String> clauses = new ArrayList<>();
    private final List<Object> params = new ArrayList<>();

    /** {@code column = value}, or nothing when value is null. */
    public Where eq(String column, Object value) {
        if (value != null) {
            clauses.add(column + " = ?");
            params.add(value);
        }
        return this;
    }

    /** Case-insensitive equality. */
    public Where eqIgnoreCase(String column, String value) {
        if (value != null) {
            clauses.add("LOWER(" + column + ") = LOWER(?)");
            params.add(value);
        }
        return this;
    }

    /**
     * Any condition with its parameters, e.g. {@code owner_id IN (SELECT id FROM reps WHERE
     * manager_id = ?)}.
     */
    public Where and(String condition, Object... values) {
        clauses.add(condition);
        params.addAll(List.of(values));
        return this;
    }

    public String sql() {
        return clauses.isEmpty() ? "" : " WHERE " + String.join(" AND ", clauses);
    }

    public Object[] params() {
        return params.toArray();
    }

    /** The parameters followed by more (e.g. LIMIT and OFFSET). */
    public Object[] params(Object... more) {
        List<Object> all = new ArrayList<>(params);
        all.addAll(List.of(more));
        return all.toArray();
    }
}
