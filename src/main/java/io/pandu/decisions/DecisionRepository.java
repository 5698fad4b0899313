package io.pandu.decisions;

import io.pandu.store.Database;
import io.pandu.store.FactStore;
import io.pandu.store.Jdbc;
import io.pandu.store.Scope;
import io.pandu.store.StoreException;
import io.pandu.store.Where;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;

/**
 * The SQL of {@code decision_records}: one row per subject, code and rule-set version. A write is
 * an upsert in batches: every row is updated (last computed, last as-of, shown or held out), and
 * the rows no update found are inserted; H2 and PostgreSQL run the same statements.
 */
public final class DecisionRepository {
    private static final String UPDATE =
            "UPDATE decision_records SET last_as_of = ?, last_computed_at = ?, held_out = ?,"
                    + " rule_name = ?, playbook = ?, rep_id = ?, fallback_from = ?"
                    + " WHERE subject_key = ? AND code = ? AND rule_set_version = ?";
    private static final String INSERT =
            "INSERT INTO decision_records (subject_key, code, rule_set_version, deal_id, rep_id,"
                    + " rule_name, playbook, held_out, first_as_of, last_as_of, first_computed_at,"
                    + " last_computed_at, fallback_from) VALUES ("
                    + Jdbc.marks(13)
                    + ")";

    private final Database db;

    public DecisionRepository(Database db) {
        this.db = db;
    }

    /**
     * Stores {@code decisions} (distinct by subject, code and version) in one transaction: their
     * first as-of and first computed time are kept from an earlier write. A concurrent writer on
     * another node inserting the same row first makes this batch retry once, as updates.
     */
    public void upsert(List<Decision> decisions) {
        if (decisions.isEmpty()) {
            return;
        }
        try {
            db.tx(c -> write(c, decisions));
        } catch (StoreException e) {
            if (!Database.isUniqueViolation(e)) {
                throw e;
            }
            db.tx(c -> write(c, decisions));
        }
    }

    private static Void write(Connection c, List<Decision> decisions) throws SQLException {
        List<Decision> missing = new ArrayList<>();
        try (PreparedStatement ps = c.prepareStatement(UPDATE)) {
            for (Decision d : decisions) {
                Jdbc.bind(
                        ps,
                        d.lastAsOf(),
                        d.lastComputedAt(),
                        d.heldOut(),
                        d.rule(),
                        d.playbook(),
                        d.repId(),
                        d.fallbackFrom(),
                        d.subjectKey(),
                        d.code(),
                        d.ruleSetVersion());
                ps.addBatch();
            }
            int[] updated = ps.executeBatch();
            for (int i = 0; i < updated.length; i++) {
                if (updated[i] == 0) {
                    missing.add(decisions.get(i));
                }
            }
        }
        List<Object[]> rows = new ArrayList<>();
        for (Decision d : missing) {
            rows.add(
                    new Object[] {
                        d.subjectKey(),
                        d.code(),
                        d.ruleSetVersion(),
                        d.dealId(),
                        d.repId(),
                        d.rule(),
                        d.playbook(),
                        d.heldOut(),
                        d.firstAsOf(),
                        d.lastAsOf(),
                        d.firstComputedAt(),
                        d.lastComputedAt(),
                        d.fallbackFrom()
                    });
        }
        Jdbc.batch(c, INSERT, rows);
        return null;
    }

    /**
     * The decisions in scope computed on an as-of date in [{@code from}, {@code to}] (either may be
     * null: open), i.e. whose first..last as-of span meets that period.
     */
    public List<Decision> between(LocalDate from, LocalDate to, Scope scope) {
        Where where = new Where();
        if (to != null) {
            where.and("first_as_of <= ?", to);
        }
        if (from != null) {
            where.and("last_as_of >= ?", from);
        }
        where = FactStore.scoped(where, scope, "rep_id");
        return db.jdbc()
                .query(
                        "SELECT * FROM decision_records"
                                + where.sql()
                                + " ORDER BY subject_key, code, rule_set_version",
                        DecisionRepository::decision,
                        where.params());
    }

    private static Decision decision(ResultSet rs) throws SQLException {
        return new Decision(
                rs.getString("deal_id"),
                rs.getString("rep_id"),
                rs.getString("code"),
                rs.getString("rule_name"),
                rs.getString("rule_set_version"),
                rs.getString("playbook"),
                rs.getBoolean("held_out"),
                Jdbc.date(rs, "first_as_of"),
                Jdbc.date(rs, "last_as_of"),
                Jdbc.instant(rs, "first_computed_at"),
                Jdbc.instant(rs, "last_computed_at"),
                rs.getString("fallback_from"));
    }
}
