package io.pandu.auth;

import io.pandu.store.AuditLog;
import io.pandu.store.Database;
import io.pandu.store.Jdbc;
import io.pandu.store.Page;
import io.pandu.store.PageResult;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.Optional;

/**
 * The SQL of users ({@code users}): a change is written with its audit entry in one transaction.
 * User names come normalised; who may do what is {@link Users}'s business.
 */
public final class UserRepository {
    private static final String COLUMNS =
            "id, username, role, rep_id, manager_id, disabled, created_at, token_version";

    private final Database db;
    private final AuditLog audit;

    public UserRepository(Database db, AuditLog audit) {
        this.db = db;
        this.audit = audit;
    }

    /** Whether the store answered its last probe (without waiting for it). */
    public boolean storeAvailable() {
        return db.available();
    }

    /** The password hash of the user with this name. */
    public Optional<String> passwordHash(String username) {
        return db.jdbc()
                .one(
                        "SELECT password_hash FROM users WHERE username = ?",
                        rs -> rs.getString(1),
                        username);
    }

    public Optional<User> find(String username) {
        return db.jdbc()
                .one(
                        "SELECT " + COLUMNS + " FROM users WHERE username = ?",
                        UserRepository::user,
                        username);
    }

    /** Users by name, and how many there are. */
    public PageResult<User> list(Page page) {
        long total = db.jdbc().count("SELECT COUNT(*) FROM users");
        return new PageResult<>(
                db.jdbc()
                        .query(
                                "SELECT "
                                        + COLUMNS
                                        + " FROM users ORDER BY username LIMIT ? OFFSET ?",
                                UserRepository::user,
                                page.limit(),
                                page.offset()),
                total,
                page.offset(),
                page.limit());
    }

    /**
     * Whether any enabled admin exists (the first start of an empty store says how to make one).
     */
    public boolean anyAdmin() {
        return db.jdbc()
                        .count(
                                "SELECT COUNT(*) FROM users WHERE role = ? AND disabled = FALSE",
                                Role.ADMIN.json())
                > 0;
    }

    /**
     * Stores a new password hash and moves the token version on (the tokens issued before stop
     * working); {@code actor} changed it.
     */
    public void changePassword(User user, String hash, Instant at, String actor) {
        db.tx(
                c -> {
                    Jdbc.update(
                            c,
                            "UPDATE users SET password_hash = ?, token_version = token_version + 1,"
                                    + " updated_at = ? WHERE id = ?",
                            hash,
                            at,
                            user.id());
                    audit.record(c, actor, "user.password", "user", user.username(), null);
                    return null;
                });
    }

    /**
     * Stores an admin's change of a user in one transaction with its audit entry: {@code hash}
     * (null: the password stays), the new role, links and disabled flag; {@code revoke} moves the
     * token version on, which ends the user's sessions.
     */
    public User update(
            User user,
            String hash,
            Role role,
            String repId,
            String managerId,
            boolean disabled,
            boolean revoke,
            Instant at,
            String actor,
            String summary) {
        return db.tx(
                c -> {
                    Jdbc.update(
                            c,
                            "UPDATE users SET password_hash = COALESCE(?, password_hash), role = ?,"
                                    + " rep_id = ?, manager_id = ?, disabled = ?,"
                                    + " token_version = token_version + ?, updated_at = ?"
                                    + " WHERE id = ?",
                            hash,
                            role.json(),
                            repId,
                            managerId,
                            disabled,
                            revoke ? 1 : 0,
                            at,
                            user.id());
                    audit.record(c, actor, "user.update", "user", user.username(), summary);
                    return Jdbc.one(
                                    c,
                                    "SELECT " + COLUMNS + " FROM users WHERE id = ?",
                                    UserRepository::user,
                                    user.id())
                            .orElseThrow();
                });
    }

    /** Stores a new user, created by {@code actor}, and returns it with its id. */
    public User create(
            String username,
            String hash,
            Role role,
            String repId,
            String managerId,
            Instant createdAt,
            String actor) {
        long id =
                db.tx(
                        c -> {
                            long newId =
                                    Jdbc.insert(
                                            c,
                                            "INSERT INTO users (username, password_hash, role, rep_id, manager_id, created_at)"
                                                    + " VALUES (?, ?, ?, ?, ?, ?)",
                                            username,
                                            hash,
                                            role.json(),
                                            repId,
                                            managerId,
                                            createdAt);
                            audit.record(
                                    c,
                                    actor,
                                    "user.create",
                                    "user",
                                    username,
                                    "role " + role.json());
                            return newId;
                        });
        return new User(id, username, role, repId, managerId, false, createdAt, 0);
    }

    private static User user(ResultSet rs) throws SQLException {
        return new User(
                rs.getLong("id"),
                rs.getString("username"),
                Role.parse(rs.getString("role")),
                rs.getString("rep_id"),
                rs.getString("manager_id"),
                rs.getBoolean("disabled"),
                Jdbc.instant(rs, "created_at"),
                rs.getInt("token_version"));
    }
}
