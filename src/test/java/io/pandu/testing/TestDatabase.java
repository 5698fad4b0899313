package io.pandu.testing;

import io.pandu.app.Pandu;
import io.pandu.auth.PasswordHasher;
import io.pandu.rules.RuleRegistry;
import io.pandu.store.Database;
import io.pandu.store.DbConfig;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Clock;
import java.util.UUID;
import org.junit.jupiter.api.Assumptions;

/**
 * A fresh, migrated database for one test: an in-memory H2, or a new schema in the PostgreSQL at
 * 127.0.0.1:5432 (database {@code test}, user {@code postgres}; override with PANDU_TEST_PG_URL).
 * When PostgreSQL is not reachable its tests are skipped, loudly. Closing drops what was made.
 */
public final class TestDatabase implements AutoCloseable {
    public enum Kind {
        H2,
        POSTGRES
    }

    public static final String PG_URL =
            System.getenv()
                    .getOrDefault("PANDU_TEST_PG_URL", "jdbc:postgresql://127.0.0.1:5432/test");
    public static final String PG_USER =
            System.getenv().getOrDefault("PANDU_TEST_PG_USER", "postgres");
    private static Boolean pgReachable;
    private static RuleRegistry rules;

    private final Kind kind;
    private final Database db;
    private final String schema;

    private TestDatabase(Kind kind, Database db, String schema) {
        this.kind = kind;
        this.db = db;
        this.schema = schema;
    }

    public static TestDatabase open(Kind kind) {
        String name =
                "pandu_test_" + UUID.randomUUID().toString().replace("-", "").substring(0, 12);
        if (kind == Kind.H2) {
            return new TestDatabase(
                    kind,
                    Database.open(
                            new DbConfig("jdbc:h2:mem:" + name + ";DB_CLOSE_DELAY=-1", "sa", "")),
                    null);
        }
        Assumptions.assumeTrue(
                postgresReachable(),
                "PostgreSQL at " + PG_URL + " is not reachable: PostgreSQL store tests SKIPPED");
        execute("CREATE SCHEMA " + name);
        return new TestDatabase(
                kind, Database.open(new DbConfig(PG_URL, PG_USER, "", name, 4)), name);
    }

    public Database db() {
        return db;
    }

    public Kind kind() {
        return kind;
    }

    /**
     * Where the store tests' rules and playbooks are: a pinned copy, so new rule packs do not
     * change their results.
     */
    public static final Path RULES = RuleFixtures.PINNED_RULES;

    public static final Path PLAYBOOKS = RuleFixtures.PINNED_PLAYBOOKS;

    /** The pinned starter rules and playbook, compiled once for all tests. */
    public static synchronized RuleRegistry rules() {
        if (rules == null) {
            rules = new RuleRegistry(RULES, PLAYBOOKS, new MutableClock(Fixture.NOW));
            RuleRegistry.ReloadOutcome outcome = rules.reload();
            if (!outcome.ok()) {
                throw new IllegalStateException(
                        "the pinned test rules do not load: " + outcome.diagnostics());
            }
        }
        return rules;
    }

    /** All services over this database, with cheap password hashing and the repository's rules. */
    public Pandu services(Clock clock) {
        return Pandu.with(clock)
                .rules(rules(), false)
                .store(db)
                .hasher(new PasswordHasher(1_000))
                .threads(2)
                // the store tests assert the guidance of given deals: no holdout unless asked
                .holdoutShare(0)
                .open();
    }

    public static synchronized boolean postgresReachable() {
        if (pgReachable == null) {
            DriverManager.setLoginTimeout(3);
            try (Connection c = DriverManager.getConnection(PG_URL, PG_USER, "")) {
                pgReachable = c.isValid(3);
            } catch (SQLException e) {
                pgReachable = false;
            }
            if (!pgReachable) {
                System.err.println(
                        "\n*** WARNING: PostgreSQL at "
                                + PG_URL
                                + " is not reachable: every PostgreSQL store"
                                + " test is SKIPPED; only H2 is tested. ***\n");
            }
        }
        return pgReachable;
    }

    private static void execute(String sql) {
        try (Connection c = DriverManager.getConnection(PG_URL, PG_USER, "");
                Statement s = c.createStatement()) {
            s.execute(sql);
        } catch (SQLException e) {
            throw new IllegalStateException(sql + ": " + e.getMessage(), e);
        }
    }

    @Override
    public void close() {
        if (kind == Kind.H2) {
            try (Connection c = db.dataSource().getConnection();
                    Statement s = c.createStatement()) {
                s.execute("SHUTDOWN");
            } catch (SQLException e) {
                // closed already
            }
        }
        db.close();
        if (schema != null) {
            execute("DROP SCHEMA " + schema + " CASCADE");
        }
    }
}
