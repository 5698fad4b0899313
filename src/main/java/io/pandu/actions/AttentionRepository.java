package io.pandu.actions;

import io.pandu.store.Database;
import io.pandu.store.Jdbc;
import io.pandu.store.StoreException;
import java.time.LocalDate;
import java.util.HashMap;
import java.util.Map;

/** The SQL of {@code attention_seen}: the day each item was first shown to a rep. */
public final class AttentionRepository {
    private final Database db;

    public AttentionRepository(Database db) {
        this.db = db;
    }

    /** Item key → the day the rep first saw it, for every item they have seen. */
    public Map<String, LocalDate> seen(String repId) {
        Map<String, LocalDate> seen = new HashMap<>();
        db.jdbc()
                .query(
                        "SELECT item_key, first_seen FROM attention_seen WHERE rep_id = ?",
                        rs -> seen.put(rs.getString(1), Jdbc.date(rs, "first_seen")),
                        repId);
        return seen;
    }

    /**
     * Records that the rep first saw {@code itemKey} on {@code day}; a second call changes nothing.
     */
    public void markSeen(String repId, String itemKey, LocalDate day) {
        try {
            db.jdbc()
                    .update(
                            "INSERT INTO attention_seen (rep_id, item_key, first_seen) SELECT ?, ?, ?"
                                    + " WHERE NOT EXISTS (SELECT 1 FROM attention_seen"
                                    + " WHERE rep_id = ? AND item_key = ?)",
                            repId,
                            itemKey,
                            day,
                            repId,
                            itemKey);
        } catch (StoreException raced) {
            // a request in parallel recorded it first: it is seen either way
        }
    }
}
