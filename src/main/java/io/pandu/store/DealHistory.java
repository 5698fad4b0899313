package io.pandu.store;

import io.pandu.facts.Deal;
import io.pandu.facts.DealTimeline;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * The {@code deal_history} table: every state each deal was in, with the dates it held. A new deal
 * gets the periods its own dates tell ({@link DealTimeline}: Maven CRM keeps no stage history); a
 * change to a stored deal ends its current period and starts one on the date of the change: the
 * close date when it closes, else the store's as-of date (the business calendar, not wall time). A
 * second change on the same date replaces that date's state. Written in the transaction that writes
 * the deal ({@link FactTable.Changes}), so the current period is always the stored deal.
 */
final class DealHistory implements FactTable.Changes<Deal> {
    private static final String INSERT =
            "INSERT INTO deal_history (deal_id, valid_from, valid_to, owner_id, account_id, product,"
                    + " stage, amount, expected_close, doc, version, source, recorded_at)"
                    + " VALUES ("
                    + Jdbc.marks(13)
                    + ")";

    private final Database db;
    private final Clock clock;
    private final AtomicBoolean backfilled = new AtomicBoolean();

    DealHistory(Database db, Clock clock) {
        this.db = db;
        this.clock = clock;
    }

    /**
     * The deals as they were on {@code date}, as a table with the columns of {@code deals} (id,
     * owner_id, account_id, product, stage, doc, version, updated_at) for {@link FactTable} to
     * read.
     */
    String asOfSource(LocalDate date) {
        backfill();
        String day = "DATE '" + date + "'"; // a LocalDate prints as yyyy-mm-dd: nothing to escape
        return "(SELECT deal_id AS id, owner_id, account_id, product, stage, amount, doc, version,"
                + " recorded_at AS updated_at FROM deal_history WHERE (valid_from IS NULL OR"
                + " valid_from <= "
                + day
                + ") AND (valid_to IS NULL OR valid_to > "
                + day
                + ")) deals_as_of";
    }

    /**
     * Deals stored before the history existed (a store migrated from an earlier Pandu) get their
     * derived periods once, the first time a past state is read.
     */
    void backfill() {
        if (backfilled.get()) {
            return;
        }
        db.tx(
                c -> {
                    List<Object[]> rows = new ArrayList<>();
                    Instant now = clock.instant();
                    Jdbc.query(
                            c,
                            "SELECT doc, version FROM deals WHERE id NOT IN"
                                    + " (SELECT deal_id FROM deal_history)",
                            rs -> {
                                Deal deal = Json.read(rs.getString("doc"), Deal.class);
                                int version = rs.getInt("version");
                                DealTimeline.of(deal)
                                        .forEach(p -> rows.add(row(p, version, "derived", now)));
                                return null;
                            });
                    Jdbc.batch(c, INSERT, rows);
                    return null;
                });
        backfilled.set(true);
    }

    @Override
    public void written(Connection c, List<FactTable.Change<Deal>> changes, Instant now)
            throws SQLException {
        List<Object[]> inserts = new ArrayList<>();
        List<FactTable.Change<Deal>> updates = new ArrayList<>();
        for (FactTable.Change<Deal> change : changes) {
            if (change.before() == null) {
                DealTimeline.of(change.after())
                        .forEach(p -> inserts.add(row(p, change.version(), "derived", now)));
            } else {
                updates.add(change);
            }
        }
        Jdbc.batch(c, INSERT, inserts);
        if (updates.isEmpty()) {
            return;
        }
        LocalDate storeDate =
                Jdbc.one(
                                c,
                                "SELECT setting_value FROM settings WHERE name = ?",
                                rs -> LocalDate.parse(rs.getString(1)),
                                FactStore.AS_OF)
                        .orElseGet(() -> LocalDate.ofInstant(now, clock.getZone()));
        Map<String, LocalDate> currentFrom = new HashMap<>();
        Map<String, Boolean> hasCurrent = new HashMap<>();
        List<String> ids = updates.stream().map(u -> u.after().id()).toList();
        for (int from = 0; from < ids.size(); from += FactTable.CHUNK) {
            List<String> chunk = ids.subList(from, Math.min(ids.size(), from + FactTable.CHUNK));
            Jdbc.query(
                    c,
                    "SELECT deal_id, valid_from FROM deal_history WHERE valid_to IS NULL AND"
                            + " deal_id IN ("
                            + Jdbc.marks(chunk.size())
                            + ")",
                    rs -> {
                        hasCurrent.put(rs.getString("deal_id"), true);
                        currentFrom.put(rs.getString("deal_id"), Jdbc.date(rs, "valid_from"));
                        return null;
                    },
                    chunk.toArray());
        }
        for (FactTable.Change<Deal> u : updates) {
            String id = u.after().id();
            if (!hasCurrent.containsKey(id)) { // written before the history existed
                List<DealTimeline.Period> prior = DealTimeline.of(u.before());
                for (DealTimeline.Period p : prior) {
                    Jdbc.update(c, INSERT, row(p, u.version() - 1, "derived", now));
                }
                currentFrom.put(id, prior.get(prior.size() - 1).from());
            }
            LocalDate on = changeDate(u.before(), u.after(), storeDate);
            LocalDate since = currentFrom.get(id);
            DealTimeline.Period next = new DealTimeline.Period(on, null, u.after());
            if (since != null && !on.isAfter(since)) {
                // the same day's state (or one dated later by its own dates) is replaced
                Jdbc.update(
                        c, "DELETE FROM deal_history WHERE deal_id = ? AND valid_to IS NULL", id);
                Jdbc.update(
                        c,
                        INSERT,
                        row(
                                new DealTimeline.Period(since, null, u.after()),
                                u.version(),
                                "recorded",
                                now));
            } else {
                Jdbc.update(
                        c,
                        "UPDATE deal_history SET valid_to = ? WHERE deal_id = ? AND valid_to IS NULL",
                        on,
                        id);
                Jdbc.update(c, INSERT, row(next, u.version(), "recorded", now));
            }
        }
    }

    /** A deal that closes changed on its close date; any other change on the store's date. */
    private static LocalDate changeDate(Deal before, Deal after, LocalDate storeDate) {
        if (!DealTimeline.isClosed(before)
                && DealTimeline.isClosed(after)
                && after.closeDate() != null) {
            return after.closeDate();
        }
        return storeDate;
    }

    private static Object[] row(DealTimeline.Period p, int version, String source, Instant now) {
        Deal d = p.deal();
        return new Object[] {
            d.id(),
            p.from(),
            p.to(),
            d.ownerId(),
            d.accountId(),
            d.product(),
            d.stage(),
            d.amount(),
            d.expectedCloseDate(),
            Json.write(d),
            version,
            source,
            now
        };
    }
}
