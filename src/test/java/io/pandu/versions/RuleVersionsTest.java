package io.pandu.versions;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.pandu.auth.Caller;
import io.pandu.errors.Diagnostic;
import io.pandu.errors.InvalidInputException;
import io.pandu.errors.NotFoundException;
import io.pandu.rules.RuleRegistry;
import io.pandu.rules.RuleSetRejectedException;
import io.pandu.rules.Snapshot;
import io.pandu.store.AuditLog;
import io.pandu.store.Page;
import io.pandu.testing.OnEachDatabase;
import io.pandu.testing.RuleFixtures;
import io.pandu.testing.TestClocks;
import io.pandu.testing.TestDatabase;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;

/**
 * Versions in the store, on H2 and PostgreSQL: the folders seed an empty store, a second node
 * serves exactly the stored version (not its own folders), follows a publish and a rollback, a
 * version is kept whole (a spreadsheet byte for byte), and a candidate check refuses a set.
 */
class RuleVersionsTest {
    private static final Clock CLOCK = TestClocks.fixed();

    private record Node(RuleRegistry registry, RuleVersions versions) implements AutoCloseable {
        @Override
        public void close() {
            versions.close();
            registry.close();
        }
    }

    private static Node node(TestDatabase store, Path root) {
        RuleRegistry registry =
                new RuleRegistry(root.resolve("rules"), root.resolve("playbooks"), CLOCK);
        registry.setRetireGrace(Duration.ZERO);
        AuditLog audit = new AuditLog(store.db(), CLOCK);
        return new Node(
                registry,
                new RuleVersions(registry, new RuleVersionRepository(store.db(), audit), CLOCK));
    }

    private static Path project() throws Exception {
        Path root = Files.createTempDirectory("pandu-versions-");
        RuleFixtures.copyTree(TestDatabase.RULES, root.resolve("rules"));
        RuleFixtures.copyTree(TestDatabase.PLAYBOOKS, root.resolve("playbooks"));
        return root;
    }

    @OnEachDatabase
    void theFoldersSeedAnEmptyStoreAndEveryOtherNodeServesTheStoredVersion(TestDatabase.Kind kind)
            throws Exception {
        try (TestDatabase store = TestDatabase.open(kind)) {
            Path first = project();
            Path second = project();
            // the second node's folders differ: with a store, they do not serve
            Files.writeString(
                    second.resolve("rules/playbook/extra.drl"),
                    RuleFixtures.drl("rule \"Only on disk\" when then end"));
            try (Node a = node(store, first);
                    Node b = node(store, second)) {
                a.versions().start();
                String seeded = a.registry().current().version();
                assertEquals(
                        Snapshot.read(first.resolve("rules"), first.resolve("playbooks")).id(),
                        seeded);
                List<RuleVersions.VersionView> history = a.versions().versions();
                assertEquals(1, history.size());
                assertEquals("system", history.get(0).author());
                assertEquals(RuleVersions.INITIAL_NOTE, history.get(0).note());
                assertTrue(history.get(0).live());

                b.versions().start();
                assertEquals(seeded, b.registry().current().version());
                assertFalse(b.registry().current().rules().files().contains("playbook/extra.drl"));

                Path next = project();
                Path stale = next.resolve("rules/playbook/stale-deals.drl");
                Files.writeString(
                        stale, Files.readString(stale).replace("@priority(70)", "@priority(75)"));
                RuleVersions.LiveChange imported =
                        a.versions().importFolder("ops", next, "priority 75");
                assertTrue(imported.changed());
                assertEquals(imported.version(), a.registry().current().version());
                assertEquals(seeded, b.registry().current().version(), "not followed yet");
                b.versions().followOnce();
                assertEquals(imported.version(), b.registry().current().version());

                a.versions()
                        .rollback(
                                new Caller("ops", io.pandu.auth.Role.OPS, null, null),
                                seeded,
                                "back");
                assertEquals(seeded, a.registry().current().version());
                b.versions().followOnce();
                assertEquals(seeded, b.registry().current().version());

                List<RuleVersions.VersionView> after = a.versions().versions();
                assertEquals(2, after.size());
                assertEquals(imported.version(), after.get(0).id());
                assertEquals(seeded, after.get(0).parent());
                assertFalse(after.get(0).live());
                assertTrue(after.get(1).live());
                assertEquals(
                        1,
                        new AuditLog(store.db(), CLOCK)
                                .list("rule-version-rolled-back", Page.FIRST)
                                .items()
                                .size());
            }
        }
    }

    @OnEachDatabase
    void aVersionIsKeptWholeSoExportGivesBackTheSameBytes(TestDatabase.Kind kind) throws Exception {
        try (TestDatabase store = TestDatabase.open(kind)) {
            Path root = project();
            byte[] binary = new byte[300];
            for (int i = 0; i < binary.length; i++) {
                binary[i] = (byte) i;
            }
            // a companion file with every byte value stands in for a spreadsheet's bytes
            Files.write(root.resolve("rules/notes.txt"), binary);
            try (Node a = node(store, root)) {
                a.versions().start();
                String id = a.registry().current().version();
                Snapshot stored = a.versions().snapshot(id);
                assertArrayEquals(binary, stored.file("rules/notes.txt"));
                assertEquals(id, stored.id(), "the id is the hash of exactly the stored bytes");
                Path out = Files.createTempDirectory("pandu-export-");
                stored.writeTo(out);
                assertEquals(
                        id, Snapshot.read(out.resolve("rules"), out.resolve("playbooks")).id());
                assertThrows(NotFoundException.class, () -> a.versions().snapshot("000000000000"));
                assertThrows(
                        InvalidInputException.class,
                        () -> a.versions().importFolder("ops", out, " "));
            }
        }
    }

    @OnEachDatabase
    void aCandidateCheckWithAnErrorRefusesTheSetAndTheRunningOneKeepsServing(TestDatabase.Kind kind)
            throws Exception {
        try (TestDatabase store = TestDatabase.open(kind)) {
            Path root = project();
            try (Node a = node(store, root)) {
                a.versions().start();
                String running = a.registry().current().version();
                a.registry()
                        .addCandidateCheck(
                                candidate ->
                                        candidate.rules().files().contains("playbook/refused.drl")
                                                ? List.of(
                                                        Diagnostic.error(
                                                                "playbook/refused.drl",
                                                                1,
                                                                1,
                                                                "refused by a check"))
                                                : List.of());
                Path next = project();
                Files.writeString(
                        next.resolve("rules/playbook/refused.drl"),
                        RuleFixtures.drl("rule \"Refused\" when then end"));
                RuleSetRejectedException refused =
                        assertThrows(
                                RuleSetRejectedException.class,
                                () -> a.versions().importFolder("ops", next, "should not go"));
                assertTrue(refused.diagnostics().toString().contains("refused by a check"));
                assertEquals(running, a.registry().current().version());
                assertEquals(1, a.versions().versions().size(), "nothing stored");
            }
        }
    }

    @OnEachDatabase
    void aFolderEditBecomesAFileWatcherVersionWithoutUndoingAPublishedOne(TestDatabase.Kind kind)
            throws Exception {
        try (TestDatabase store = TestDatabase.open(kind)) {
            Path root = project();
            try (Node a = node(store, root)) {
                a.versions().start();
                // a change the folder never had (published elsewhere)
                Path other = project();
                Files.writeString(
                        other.resolve("rules/playbook/published.drl"),
                        RuleFixtures.drl("rule \"Published\" when then end"));
                a.versions().importFolder("ops", other, "published");
                // then someone edits a file in this node's folder
                Path stale = root.resolve("rules/playbook/stale-deals.drl");
                Files.writeString(
                        stale,
                        Files.readString(stale, StandardCharsets.UTF_8)
                                .replace("@priority(70)", "@priority(72)"));
                RuleRegistry.ReloadOutcome outcome = a.registry().reload();
                assertTrue(outcome.ok() && outcome.changed(), outcome.toString());
                Snapshot live = a.registry().currentSnapshot();
                assertTrue(live.files().containsKey("rules/playbook/published.drl"));
                assertTrue(
                        new String(
                                        live.file("rules/playbook/stale-deals.drl"),
                                        StandardCharsets.UTF_8)
                                .contains("@priority(72)"));
                RuleVersions.VersionView newest = a.versions().versions().get(0);
                assertEquals(RuleVersions.FILE_WATCHER, newest.author());
                assertNotEquals(a.versions().versions().get(1).id(), newest.id());
                RuleRegistry.ReloadOutcome again = a.registry().reload();
                assertFalse(again.changed(), "nothing edited since: no new version");
            }
        }
    }
}
