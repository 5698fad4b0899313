package io.pandu.ingest;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What an import read and what it had to say about the data: rows read per file, rows rejected with
 * the reason, and quirks it repaired or passed on (each with a count and an example), so nothing
 * about the source is hidden.
 */
public final class ImportReport {
    private final Map<String, Integer> rowsRead = new LinkedHashMap<>();
    private final List<Rejection> rejected = new ArrayList<>();
    private final Map<String, Quirk> quirks = new LinkedHashMap<>();

    public record Rejection(String file, long line, String reason) {}

    /**
     * A kind of oddity in the source, how often it occurred, one example and what the import did.
     */
    public record Quirk(String kind, int count, String example, String handling) {}

    public void read(String file, int rows) {
        rowsRead.merge(file, rows, Integer::sum);
    }

    public void reject(String file, long line, String reason) {
        rejected.add(new Rejection(file, line, reason));
    }

    public void quirk(String kind, String example, String handling) {
        quirks.merge(
                kind,
                new Quirk(kind, 1, example, handling),
                (a, b) -> new Quirk(a.kind(), a.count() + 1, a.example(), a.handling()));
    }

    public Map<String, Integer> rowsRead() {
        return Map.copyOf(rowsRead);
    }

    public List<Rejection> rejected() {
        return List.copyOf(rejected);
    }

    public List<Quirk> quirks() {
        return List.copyOf(quirks.values());
    }
}
