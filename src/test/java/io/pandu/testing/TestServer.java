package io.pandu.testing;

import io.pandu.app.Pandu;
import io.pandu.app.PanduConfig;
import io.pandu.app.PanduServer;
import io.pandu.auth.Caller;
import io.pandu.facts.FactSet;
import io.pandu.facts.FactSetJson;
import io.pandu.facts.Rep;
import io.pandu.ingest.ImportProgress;
import io.pandu.runs.Trigger;
import io.pandu.store.DbConfig;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.UnaryOperator;
import java.util.stream.Stream;

/**
 * A real Pandu server for HTTP tests: port 0 on 127.0.0.1, a temporary copy of the pinned rules and
 * playbook ({@link RuleFixtures#PINNED_RULES}), a fresh H2 database, and the small fixture pipeline
 * (two teams: boss.one with rep.a and rep.b, boss.two with rep.c) imported with demo users
 * (password "demo"), evaluated once so alerts exist. {@link #shared()} is started once per JVM for
 * the tests that only read or touch their own objects.
 */
public final class TestServer implements AutoCloseable {
    public static final String PASSWORD = "demo";

    /**
     * The CSV upload limit of test servers: above the Maven CRM demo CSVs (about 640 KB), small
     * enough to exceed.
     */
    public static final long IMPORT_LIMIT = 2 * 1024 * 1024;

    private static TestServer shared;

    private final Path dir;
    private final PanduServer server;
    private final AdvancingClock clock;
    private final Map<String, String> tokens = new ConcurrentHashMap<>();
    public final Http http;

    private TestServer(Path dir, PanduServer server, AdvancingClock clock) {
        this.dir = dir;
        this.server = server;
        this.clock = clock;
        this.http = new Http("http://127.0.0.1:" + server.port());
    }

    public static synchronized TestServer shared() {
        if (shared == null) {
            shared = start(1000);
            Runtime.getRuntime().addShutdownHook(new Thread(shared::close));
        }
        return shared;
    }

    /** A server of its own, e.g. for a test that edits its rules. */
    public static TestServer start(long watchMillis) {
        return start(watchMillis, false);
    }

    /**
     * A server of its own with the Maven CRM demo data and its demo users instead of the fixture,
     * and a copy of the shipped rules/ and playbooks/ instead of the pinned ones (as {@code pandu
     * serve --demo}), e.g. for the browser tests.
     */
    public static TestServer startDemo() {
        return start(1000, true);
    }

    /** The demo server ({@link #startDemo}) with a configuration changed by {@code tweak}. */
    public static TestServer startDemo(UnaryOperator<PanduConfig> tweak) {
        return start(1000, true, tweak);
    }

    /**
     * A server of its own with the fixture pipeline but the rules and playbooks Pandu ships (as
     * {@link #startDemo} has), e.g. to see the shipped commission plan and team parameters at work.
     */
    public static TestServer startShippedRules() {
        return start(1000, false, true, UnaryOperator.identity());
    }

    /**
     * A server of its own with the fixture pipeline and a configuration changed by {@code tweak}.
     */
    public static TestServer start(UnaryOperator<PanduConfig> tweak) {
        return start(1000, false, tweak);
    }

    private static TestServer start(long watchMillis, boolean demo) {
        return start(watchMillis, demo, UnaryOperator.identity());
    }

    private static TestServer start(
            long watchMillis, boolean demo, UnaryOperator<PanduConfig> tweak) {
        return start(watchMillis, demo, demo, tweak);
    }

    private static TestServer start(
            long watchMillis, boolean demo, boolean shipped, UnaryOperator<PanduConfig> tweak) {
        try {
            Path dir = Files.createTempDirectory("pandu-it-");
            // the demo runs the rules and playbooks Pandu ships
            RuleFixtures.copyTree(
                    shipped ? Path.of("rules") : RuleFixtures.PINNED_RULES, dir.resolve("rules"));
            RuleFixtures.copyTree(
                    shipped ? Path.of("playbooks") : RuleFixtures.PINNED_PLAYBOOKS,
                    dir.resolve("playbooks"));
            PanduConfig config =
                    new PanduConfig(
                            "127.0.0.1",
                            0,
                            new DbConfig(
                                    "jdbc:h2:file:" + dir.resolve("db").resolve("pandu"),
                                    null,
                                    null),
                            dir.resolve("rules"),
                            dir.resolve("playbooks"),
                            Path.of("web"),
                            secretFor(dir),
                            demo,
                            null,
                            PanduConfig.BODY_LIMIT,
                            IMPORT_LIMIT,
                            2,
                            watchMillis,
                            null,
                            // the tests assert the guidance of given deals: no holdout unless a
                            // test asks for one (withHoldoutShare), as the holdout tests do
                            0.0);
            AdvancingClock clock = new AdvancingClock();
            PanduServer server = PanduServer.startAndWait(tweak.apply(config), clock);
            if (!demo) {
                seed(server.pandu());
            }
            return new TestServer(dir, server, clock);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private static void seed(Pandu services) throws IOException {
        FactSet facts;
        try (InputStream in = TestServer.class.getResourceAsStream("/api/fixture-facts.json")) {
            facts = FactSetJson.read(in);
        }
        services.importer().importFacts(Caller.system(), facts, ImportProgress.NONE);
        services.users()
                .createDemoUsers(
                        Caller.system(),
                        facts.reps().stream().map(Rep::id).toList(),
                        facts.reps().stream().map(Rep::managerId).distinct().toList());
        // a server that runs on a schedule may have begun a run of its own already: wait for it
        for (int attempt = 0; ; attempt++) {
            try {
                services.runs().runNow(Caller.system(), Trigger.CLI);
                return;
            } catch (io.pandu.errors.InvalidInputException running) {
                if (attempt >= 600
                        || !String.valueOf(running.getMessage()).contains("still running")) {
                    throw running;
                }
                try {
                    Thread.sleep(100);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    throw running;
                }
            }
        }
    }

    private static String secretFor(Path dir) {
        return "test-secret-" + dir.getFileName();
    }

    /** The HS256 secret this server signs tokens with, for tests that forge or age tokens. */
    public String jwtSecret() {
        return secretFor(dir);
    }

    public Path rules() {
        return dir.resolve("rules");
    }

    public PanduServer server() {
        return server;
    }

    /** The server's wall clock, which a test moves by hand (e.g. past a token's expiry). */
    public AdvancingClock clock() {
        return clock;
    }

    /** A token for a demo user (rep.a, rep.b, rep.c, boss.one, boss.two, ops, admin), cached. */
    public String token(String username) {
        return tokens.computeIfAbsent(username, u -> http.login(u, PASSWORD));
    }

    @Override
    public void close() {
        try {
            server.close();
        } finally {
            delete(dir);
        }
    }

    private static void delete(Path dir) {
        try (Stream<Path> walk = Files.walk(dir)) {
            walk.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (IOException e) {
            // a temp dir left behind is no failure
        }
    }
}
