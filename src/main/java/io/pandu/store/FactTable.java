package io.pandu.store;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.function.IntConsumer;

/**
 * One table of fact records: an {@code id}, a few columns to filter on, the record as JSON in
 * {@code doc}, a {@code version} and {@code updated_at}. An upsert compares the JSON with what is
 * stored, so writing the same record again changes nothing (not even the version).
 */
public final class FactTable<T> {
    private static final int MAX_ATTEMPTS = 3;
    static final int CHUNK = 500;

    /** Rows inserted by one import before its first ANALYZE on PostgreSQL. */
    private static final int ANALYZE_FIRST_AT = 2_000;

    /** A filter column and how to read it off a record. */
    public record Column<T>(String name, Function<T, Object> value) {}

    /** One record written: {@code before} is null for a new one; {@code version} is the new one. */
    public record Change<T>(T before, T after, int version) {}

    /** Told of the records a chunk created or changed, in the transaction that writes them. */
    @FunctionalInterface
    public interface Changes<T> {
        void written(Connection c, List<Change<T>> changes, Instant now) throws SQLException;
    }

    private final Database db;
    private final Clock clock;
    private final String table;
    private final Class<T> type;
    private final Function<T, String> id;
    private final List<Column<T>> columns;
    private final String insertSql;
    private final String updateSql;
    private final Changes<T> changes;
    private final boolean readOnly;

    public FactTable(
            Database db,
            Clock clock,
            String table,
            Class<T> type,
            Function<T, String> id,
            List<Column<T>> columns) {
        this(db, clock, table, type, id, columns, null, false);
    }

    /** A table whose writes are also told to {@code changes} (e.g. a history). */
    FactTable(
            Database db,
            Clock clock,
            String table,
            Class<T> type,
            Function<T, String> id,
            List<Column<T>> columns,
            Changes<T> changes) {
        this(db, clock, table, type, id, columns, changes, false);
    }

    private FactTable(
            Database db,
            Clock clock,
            String table,
            Class<T> type,
            Function<T, String> id,
            List<Column<T>> columns,
            Changes<T> changes,
            boolean readOnly) {
        this.changes = changes;
        this.readOnly = readOnly;
        this.db = db;
        this.clock = clock;
        this.table = table;
        this.type = type;
        this.id = id;
        this.columns = List.copyOf(columns);
        List<String> names = new ArrayList<>();
        columns.forEach(c -> names.add(c.name()));
        String cols = String.join(", ", names);
        this.insertSql =
                "INSERT INTO "
                        + table
                        + " ("
                        + cols
                        + (cols.isEmpty() ? "" : ", ")
                        + "doc, version, updated_at, id)"
                        + " VALUES ("
                        + Jdbc.marks(names.size() + 4)
                        + ")";
        this.updateSql =
                "UPDATE "
                        + table
                        + " SET "
                        + names.stream().map(n -> n + " = ?, ").reduce("", String::concat)
                        + "doc = ?, version = version + 1, updated_at = ? WHERE id = ?";
    }

    public String table() {
        return table;
    }

    /**
     * The same records read from another source with this table's columns (e.g. a past state of the
     * table as a subquery); it cannot be written.
     */
    FactTable<T> readingFrom(String source) {
        return new FactTable<>(db, clock, source, type, id, columns, null, true);
    }

    public String idOf(T record) {
        return id.apply(record);
    }

    public Optional<Stored<T>> get(String recordId) {
        return db.jdbc()
                .one(
                        "SELECT doc, version, updated_at FROM " + table + " WHERE id = ?",
                        this::stored,
                        recordId);
    }

    /** A page of records matching {@code where}, in id order, and how many match in all. */
    public PageResult<Stored<T>> list(Where where, Page page) {
        long total = db.jdbc().count("SELECT COUNT(*) FROM " + table + where.sql(), where.params());
        List<Stored<T>> items =
                db.jdbc()
                        .query(
                                "SELECT doc, version, updated_at FROM "
                                        + table
                                        + where.sql()
                                        + " ORDER BY id LIMIT ? OFFSET ?",
                                this::stored,
                                where.params(page.limit(), page.offset()));
        return new PageResult<>(items, total, page.offset(), page.limit());
    }

    /** Every record matching {@code where}, in id order. */
    public List<T> all(Where where) {
        return db.jdbc()
                .query(
                        "SELECT doc FROM " + table + where.sql() + " ORDER BY id",
                        rs -> read(rs.getString("doc")),
                        where.params());
    }

    /** Every id in the table. */
    public List<String> ids() {
        return db.jdbc().query("SELECT id FROM " + table, rs -> rs.getString(1));
    }

    /** Versions of the given ids (absent ids are left out). */
    public Map<String, Integer> versions(List<String> ids) {
        Map<String, Integer> versions = new HashMap<>();
        for (int from = 0; from < ids.size(); from += CHUNK) {
            List<String> chunk = ids.subList(from, Math.min(ids.size(), from + CHUNK));
            db.jdbc()
                    .query(
                            "SELECT id, version FROM "
                                    + table
                                    + " WHERE id IN ("
                                    + Jdbc.marks(chunk.size())
                                    + ")",
                            rs -> versions.put(rs.getString("id"), rs.getInt("version")),
                            chunk.toArray());
        }
        return versions;
    }

    public UpsertCounts.Outcome upsert(T record) {
        UpsertCounts counts = upsertAll(List.of(record), done -> {});
        return counts.created() > 0
                ? UpsertCounts.Outcome.CREATED
                : counts.updated() > 0
                        ? UpsertCounts.Outcome.UPDATED
                        : UpsertCounts.Outcome.UNCHANGED;
    }

    /**
     * Inserts new records, updates changed ones, leaves equal ones alone; one transaction per
     * {@value #CHUNK} records, reporting the number done after each. A later record with the same
     * id wins.
     */
    public UpsertCounts upsertAll(List<T> records, IntConsumer progress) {
        if (readOnly) {
            throw new IllegalStateException(
                    "a past state of " + type.getSimpleName() + " is read-only");
        }
        UpsertCounts total = UpsertCounts.NONE;
        int analyzedAt = ANALYZE_FIRST_AT;
        for (int from = 0; from < records.size(); from += CHUNK) {
            List<T> chunk = records.subList(from, Math.min(records.size(), from + CHUNK));
            total = total.plus(upsertChunkRetrying(chunk));
            if (total.created() >= analyzedAt && db.config().isPostgres()) {
                analyze();
                analyzedAt *= 2;
            }
            progress.accept(Math.min(records.size(), from + CHUNK));
        }
        return total;
    }

    /**
     * PostgreSQL plans the chunk's {@code WHERE id IN (…)} from the table's statistics, and the
     * driver reuses one generic plan per prepared statement: planned while the table was empty, it
     * is a sequential scan, and the first import of 100,000 deals slowed to a second per chunk.
     * Fresh statistics invalidate that plan. Analyzing each time the rows inserted double keeps it
     * current at a handful of samples per import.
     */
    private void analyze() {
        db.tx(
                c -> {
                    try (var st = c.createStatement()) {
                        st.execute("ANALYZE " + table);
                    }
                    return null;
                });
    }

    /**
     * Two writers of the same new id both see no row and both insert; the second insert breaks the
     * primary key. Read again and the record is there, so the retry updates it (or leaves it
     * alone).
     */
    private UpsertCounts upsertChunkRetrying(List<T> chunk) {
        for (int attempt = 1; ; attempt++) {
            try {
                return db.tx(c -> upsertChunk(c, chunk));
            } catch (StoreException e) {
                if (attempt >= MAX_ATTEMPTS || !Database.isUniqueViolation(e)) {
                    throw e;
                }
            }
        }
    }

    private UpsertCounts upsertChunk(Connection c, List<T> chunk) throws SQLException {
        Map<String, String> docs = new LinkedHashMap<>();
        Map<String, T> byId = new LinkedHashMap<>();
        for (T record : chunk) {
            docs.put(id.apply(record), write(record));
            byId.put(id.apply(record), record);
        }
        Map<String, String> existing = new HashMap<>();
        Map<String, Integer> existingVersions = new HashMap<>();
        List<String> ids = new ArrayList<>(docs.keySet());
        Jdbc.query(
                c,
                "SELECT id, doc, version FROM "
                        + table
                        + " WHERE id IN ("
                        + Jdbc.marks(ids.size())
                        + ")",
                rs -> {
                    existingVersions.put(rs.getString("id"), rs.getInt("version"));
                    return existing.put(rs.getString("id"), rs.getString("doc"));
                },
                ids.toArray());
        List<Change<T>> changed = new ArrayList<>();
        Instant now = clock.instant();
        List<Object[]> inserts = new ArrayList<>();
        List<Object[]> updates = new ArrayList<>();
        int unchanged =
                chunk.size() - docs.size(); // repeated ids within the chunk: the last one counts
        for (Map.Entry<String, String> e : docs.entrySet()) {
            String old = existing.get(e.getKey());
            if (old == null) {
                inserts.add(row(byId.get(e.getKey()), e.getValue(), 1, now));
                changed.add(new Change<>(null, byId.get(e.getKey()), 1));
            } else if (!old.equals(e.getValue())) {
                updates.add(row(byId.get(e.getKey()), e.getValue(), null, now));
                changed.add(
                        new Change<>(
                                read(old),
                                byId.get(e.getKey()),
                                existingVersions.get(e.getKey()) + 1));
            } else {
                unchanged++;
            }
        }
        Jdbc.batch(c, insertSql, inserts);
        Jdbc.batch(c, updateSql, updates);
        if (changes != null && !changed.isEmpty()) {
            changes.written(c, changed, now);
        }
        if (!inserts.isEmpty() || !updates.isEmpty()) {
            FactStore.changed(c);
        }
        return new UpsertCounts(inserts.size(), updates.size(), unchanged);
    }

    /** Column values, doc, [version,] updated_at, id: the parameter order of both statements. */
    private Object[] row(T record, String doc, Integer version, Instant now) {
        List<Object> params = new ArrayList<>();
        columns.forEach(col -> params.add(col.value().apply(record)));
        params.add(doc);
        if (version != null) {
            params.add(version);
        }
        params.add(now);
        params.add(id.apply(record));
        return params.toArray();
    }

    private Stored<T> stored(ResultSet rs) throws SQLException {
        return new Stored<>(
                read(rs.getString("doc")), rs.getInt("version"), Jdbc.instant(rs, "updated_at"));
    }

    private T read(String doc) {
        return Json.read(doc, type);
    }

    private static String write(Object record) {
        return Json.write(record);
    }
}
