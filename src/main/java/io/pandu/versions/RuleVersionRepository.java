package io.pandu.versions;

import io.pandu.rules.Snapshot;
import io.pandu.store.AuditLog;
import io.pandu.store.Database;
import io.pandu.store.Jdbc;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/** The SQL of versions, the live pointer and drafts (tables of V7__rule_versions.sql). */
public final class RuleVersionRepository {
    private final Database db;
    private final AuditLog audit;

    public RuleVersionRepository(Database db, AuditLog audit) {
        this.db = db;
        this.audit = audit;
    }

    /** A published version as stored; {@code files} are its paths. */
    public record StoredVersion(
            String id,
            String author,
            String note,
            Instant createdAt,
            String parent,
            int rules,
            List<String> files) {}

    /** A draft: its base version and the paths it changes (a removal counts as a change). */
    public record StoredDraft(
            String id,
            String baseVersion,
            String author,
            Instant createdAt,
            Instant updatedAt,
            List<String> changedFiles) {}

    /** What goes into the audit log with a change of the live version. */
    public record AuditNote(String actor, String action, String detail) {}

    public boolean anyVersion() {
        return db.jdbc().count("SELECT COUNT(*) FROM rule_versions") > 0;
    }

    /** The live version's id: the cheap query every node polls. */
    public Optional<String> live() {
        return db.jdbc()
                .one("SELECT version_id FROM rule_live WHERE singleton = 1", rs -> rs.getString(1));
    }

    public boolean exists(String id) {
        return db.jdbc().count("SELECT COUNT(*) FROM rule_versions WHERE id = ?", id) > 0;
    }

    public Optional<StoredVersion> version(String id) {
        return list(id).stream().findFirst();
    }

    /** Every version, newest first. */
    public List<StoredVersion> versions() {
        return list(null);
    }

    private List<StoredVersion> list(String onlyId) {
        return db.tx(
                c -> {
                    String where = onlyId == null ? "" : " WHERE version_id = ?";
                    Object[] params = onlyId == null ? new Object[0] : new Object[] {onlyId};
                    Map<String, List<String>> files = new LinkedHashMap<>();
                    for (String[] row :
                            Jdbc.query(
                                    c,
                                    "SELECT version_id, path FROM rule_version_files"
                                            + where
                                            + " ORDER BY version_id, path",
                                    rs -> new String[] {rs.getString(1), rs.getString(2)},
                                    params)) {
                        files.computeIfAbsent(row[0], k -> new ArrayList<>()).add(row[1]);
                    }
                    return Jdbc.query(
                            c,
                            "SELECT * FROM rule_versions"
                                    + (onlyId == null ? "" : " WHERE id = ?")
                                    + " ORDER BY seq DESC",
                            rs ->
                                    new StoredVersion(
                                            rs.getString("id"),
                                            rs.getString("author"),
                                            rs.getString("note"),
                                            Jdbc.instant(rs, "created_at"),
                                            rs.getString("parent_id"),
                                            rs.getInt("rules"),
                                            List.copyOf(
                                                    files.getOrDefault(
                                                            rs.getString("id"), List.of()))),
                            params);
                });
    }

    /** The files of a version, read whole. */
    public Optional<Snapshot> snapshot(String id) {
        if (!exists(id)) {
            return Optional.empty();
        }
        Map<String, byte[]> files = new TreeMap<>();
        db.jdbc()
                .query(
                        "SELECT path, content FROM rule_version_files WHERE version_id = ?",
                        rs -> files.put(rs.getString(1), rs.getBytes(2)),
                        id);
        return Optional.of(Snapshot.of(files));
    }

    /**
     * Stores {@code version} with its files (unless a version with this content exists already) and
     * makes it live, audited, in one transaction.
     */
    public void publish(StoredVersion version, Snapshot snapshot, AuditNote note) {
        db.tx(
                c -> {
                    // two nodes publishing at once take turns here, so each gets its own seq
                    Jdbc.query(
                            c,
                            "SELECT version_id FROM rule_live WHERE singleton = 1 FOR UPDATE",
                            rs -> rs.getString(1));
                    if (Jdbc.one(
                                    c,
                                    "SELECT id FROM rule_versions WHERE id = ?",
                                    rs -> rs.getString(1),
                                    version.id())
                            .isEmpty()) {
                        long seq =
                                Jdbc.one(
                                                c,
                                                "SELECT COALESCE(MAX(seq), 0) + 1 FROM rule_versions",
                                                rs -> rs.getLong(1))
                                        .orElse(1L);
                        Jdbc.update(
                                c,
                                "INSERT INTO rule_versions (id, seq, author, note, created_at, parent_id, rules)"
                                        + " VALUES (?, ?, ?, ?, ?, ?, ?)",
                                version.id(),
                                seq,
                                version.author(),
                                version.note(),
                                version.createdAt(),
                                version.parent(),
                                version.rules());
                        List<Object[]> rows = new ArrayList<>();
                        snapshot.files()
                                .forEach(
                                        (path, bytes) ->
                                                rows.add(new Object[] {version.id(), path, bytes}));
                        Jdbc.batch(
                                c,
                                "INSERT INTO rule_version_files (version_id, path, content) VALUES (?, ?, ?)",
                                rows);
                    }
                    setLive(c, version.id(), version.createdAt(), note);
                    return null;
                });
    }

    /** Moves the live pointer to a stored version (a rollback), audited. */
    public void makeLive(String id, Instant at, AuditNote note) {
        db.tx(
                c -> {
                    setLive(c, id, at, note);
                    return null;
                });
    }

    private void setLive(Connection c, String id, Instant at, AuditNote note) throws SQLException {
        int moved =
                Jdbc.update(
                        c,
                        "UPDATE rule_live SET version_id = ?, changed_at = ?, changed_by = ? WHERE singleton = 1",
                        id,
                        at,
                        note.actor());
        if (moved == 0) {
            Jdbc.update(
                    c,
                    "INSERT INTO rule_live (singleton, version_id, changed_at, changed_by) VALUES (1, ?, ?, ?)",
                    id,
                    at,
                    note.actor());
        }
        audit.record(c, note.actor(), note.action(), "rule-version", id, note.detail());
    }

    public void createDraft(String id, String baseVersion, String author, Instant at) {
        db.jdbc()
                .update(
                        "INSERT INTO rule_drafts (id, base_version, author, created_at, updated_at) VALUES (?, ?, ?, ?, ?)",
                        id,
                        baseVersion,
                        author,
                        at,
                        at);
    }

    public List<StoredDraft> drafts() {
        return drafts(null);
    }

    public Optional<StoredDraft> draft(String id) {
        return drafts(id).stream().findFirst();
    }

    private List<StoredDraft> drafts(String onlyId) {
        return db.tx(
                c -> {
                    Object[] params = onlyId == null ? new Object[0] : new Object[] {onlyId};
                    Map<String, List<String>> changed = new LinkedHashMap<>();
                    for (String[] row :
                            Jdbc.query(
                                    c,
                                    "SELECT draft_id, path FROM rule_draft_files"
                                            + (onlyId == null ? "" : " WHERE draft_id = ?")
                                            + " ORDER BY draft_id, path",
                                    rs -> new String[] {rs.getString(1), rs.getString(2)},
                                    params)) {
                        changed.computeIfAbsent(row[0], k -> new ArrayList<>()).add(row[1]);
                    }
                    return Jdbc.query(
                            c,
                            "SELECT * FROM rule_drafts"
                                    + (onlyId == null ? "" : " WHERE id = ?")
                                    + " ORDER BY created_at DESC, id",
                            rs ->
                                    new StoredDraft(
                                            rs.getString("id"),
                                            rs.getString("base_version"),
                                            rs.getString("author"),
                                            Jdbc.instant(rs, "created_at"),
                                            Jdbc.instant(rs, "updated_at"),
                                            List.copyOf(
                                                    changed.getOrDefault(
                                                            rs.getString("id"), List.of()))),
                            params);
                });
    }

    /** The draft's changes: path to new bytes, or to null for a file the draft removes. */
    public Map<String, byte[]> draftChanges(String id) {
        Map<String, byte[]> changes = new TreeMap<>();
        db.jdbc()
                .query(
                        "SELECT path, content FROM rule_draft_files WHERE draft_id = ?",
                        rs -> changes.put(rs.getString(1), rs.getBytes(2)),
                        id);
        return changes;
    }

    /** Records a change of one file (null bytes: the draft removes it). */
    public void putDraftFile(String id, String path, byte[] content, Instant at) {
        db.tx(
                c -> {
                    Jdbc.update(
                            c,
                            "DELETE FROM rule_draft_files WHERE draft_id = ? AND path = ?",
                            id,
                            path);
                    Jdbc.update(
                            c,
                            "INSERT INTO rule_draft_files (draft_id, path, content) VALUES (?, ?, ?)",
                            id,
                            path,
                            content);
                    Jdbc.update(c, "UPDATE rule_drafts SET updated_at = ? WHERE id = ?", at, id);
                    return null;
                });
    }

    /** Forgets a change, so the draft has the base version's file again. */
    public void revertDraftFile(String id, String path) {
        db.jdbc().update("DELETE FROM rule_draft_files WHERE draft_id = ? AND path = ?", id, path);
    }

    public boolean deleteDraft(String id) {
        return db.tx(
                c -> {
                    Jdbc.update(c, "DELETE FROM rule_draft_files WHERE draft_id = ?", id);
                    return Jdbc.update(c, "DELETE FROM rule_drafts WHERE id = ?", id) > 0;
                });
    }
}
