package io.pandu.auth;

import io.pandu.store.AuditLog;
import io.pandu.store.Database;
import io.pandu.store.Jdbc;
import io.pandu.store.StoreException;
import java.time.Instant;
import java.util.Optional;

/**
 * The SQL of the stored signing keys ({@code signing_keys}): one secret per name, inserted once
 * (the first of two nodes starting together wins) and replaced with its audit entry.
 */
public final class SigningKeyRepository {
    private final Database db;
    private final AuditLog audit;

    public SigningKeyRepository(Database db, AuditLog audit) {
        this.db = db;
        this.audit = audit;
    }

    public Optional<String> find(String name) {
        return db.jdbc()
                .one("SELECT secret FROM signing_keys WHERE name = ?", rs -> rs.getString(1), name);
    }

    /** Stores the key unless one of this name exists; false when another was there first. */
    public boolean insert(String name, String secret, Instant createdAt) {
        try {
            db.jdbc()
                    .update(
                            "INSERT INTO signing_keys (name, secret, created_at) VALUES (?, ?, ?)",
                            name,
                            secret,
                            createdAt);
            return true;
        } catch (StoreException e) {
            if (Database.isUniqueViolation(e)) {
                return false;
            }
            throw e;
        }
    }

    /** Replaces (or creates) the key of this name; {@code actor} did it. */
    public void replace(String name, String secret, Instant createdAt, String actor) {
        db.tx(
                c -> {
                    if (Jdbc.update(
                                    c,
                                    "UPDATE signing_keys SET secret = ?, created_at = ? WHERE name = ?",
                                    secret,
                                    createdAt,
                                    name)
                            == 0) {
                        Jdbc.update(
                                c,
                                "INSERT INTO signing_keys (name, secret, created_at) VALUES (?, ?, ?)",
                                name,
                                secret,
                                createdAt);
                    }
                    audit.record(c, actor, "signing-key.rotate", "signing-key", name, null);
                    return null;
                });
    }
}
