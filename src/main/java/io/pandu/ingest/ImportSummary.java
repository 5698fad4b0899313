package io.pandu.ingest;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.pandu.store.UpsertCounts;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;

/**
 * What an import did: per kind of record how many were read, created, updated, left unchanged and
 * rejected; each rejection with its reason; the quirks of the source (how often, an example, what
 * was done about it). Importing the same data twice gives 0 created and 0 updated the second time.
 * {@code enrichment} is set only for the demo: what its synthetic enrichment added.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record ImportSummary(
        String source,
        LocalDate asOf,
        Map<String, Integer> rowsRead,
        Map<String, Counts> records,
        List<Rejection> rejected,
        List<ImportReport.Quirk> quirks,
        UpsertCounts users,
        SyntheticEnrichment enrichment,
        long millis,
        StoreAsOf storeAsOf) {

    /**
     * The store's as-of date after the import, where it comes from, whether the import moved it,
     * and why not when it did not (an older date, or a date the configuration pins).
     */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record StoreAsOf(LocalDate date, String source, boolean moved, String note) {}

    /** What happened to the records of one kind (reps, deals, ...). */
    public record Counts(int read, int created, int updated, int unchanged, int rejected) {
        static Counts of(int read, UpsertCounts stored, int rejected) {
            return new Counts(
                    read, stored.created(), stored.updated(), stored.unchanged(), rejected);
        }
    }

    /**
     * A record not imported: which kind, where it was in the source (file:line or JSON path), why.
     */
    public record Rejection(String kind, String where, String reason) {}

    public int created() {
        return records.values().stream().mapToInt(Counts::created).sum();
    }

    public int updated() {
        return records.values().stream().mapToInt(Counts::updated).sum();
    }

    /** How many records were not imported (each with its reason in {@link #rejected()}). */
    public int rejectedCount() {
        return rejected.size();
    }

    /** Lines for a terminal: a table of counts, then rejections and quirks. */
    public String text() {
        StringBuilder sb = new StringBuilder();
        sb.append("Imported ")
                .append(source)
                .append(asOf == null ? "" : " (as of " + asOf + ")")
                .append(" in ")
                .append(millis)
                .append(" ms\n");
        if (storeAsOf != null && storeAsOf.note() != null) {
            sb.append("As of: ").append(storeAsOf.note()).append('\n');
        }
        sb.append(
                String.format(
                        "%-12s %8s %8s %8s %9s %8s%n",
                        "", "read", "created", "updated", "unchanged", "rejected"));
        records.forEach(
                (kind, c) ->
                        sb.append(
                                String.format(
                                        "%-12s %8d %8d %8d %9d %8d%n",
                                        kind,
                                        c.read(),
                                        c.created(),
                                        c.updated(),
                                        c.unchanged(),
                                        c.rejected())));
        if (users != null) {
            sb.append(
                    String.format(
                            "%-12s %8d %8d %8d %9d %8d%n",
                            "demo users",
                            users.total(),
                            users.created(),
                            users.updated(),
                            users.unchanged(),
                            0));
        }
        if (enrichment != null) {
            sb.append("With ")
                    .append(enrichment.label())
                    .append(" (seed ")
                    .append(enrichment.seed())
                    .append("): ")
                    .append(enrichment.note())
                    .append("\n  added:");
            enrichment
                    .added()
                    .forEach(
                            (kind, n) ->
                                    sb.append(' ').append(n).append(' ').append(kind).append(','));
            sb.setLength(sb.length() - 1);
            sb.append('\n');
        }
        if (!rejected.isEmpty()) {
            sb.append("Rejected:\n");
            rejected.stream()
                    .limit(50)
                    .forEach(
                            r ->
                                    sb.append("  ")
                                            .append(r.kind())
                                            .append(" at ")
                                            .append(r.where())
                                            .append(": ")
                                            .append(r.reason())
                                            .append('\n'));
            if (rejected.size() > 50) {
                sb.append("  ... and ").append(rejected.size() - 50).append(" more\n");
            }
        }
        if (!quirks.isEmpty()) {
            sb.append("Quirks of the data:\n");
            quirks.forEach(
                    q ->
                            sb.append("  ")
                                    .append(q.kind())
                                    .append(": ")
                                    .append(q.count())
                                    .append(" (e.g. ")
                                    .append(q.example())
                                    .append("); ")
                                    .append(q.handling())
                                    .append('\n'));
        }
        return sb.toString();
    }
}
