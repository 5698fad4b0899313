package io.pandu.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.pandu.rules.Snapshot;
import io.pandu.testing.RuleFixtures;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code pandu rules import DIR --note} and {@code pandu rules export DIR [--version]} on an H2
 * file.
 */
class RulesCommandTest {

    private static Path project(Path root) throws Exception {
        RuleFixtures.copyTree(RuleFixtures.PINNED_RULES, root.resolve("rules"));
        RuleFixtures.copyTree(RuleFixtures.PINNED_PLAYBOOKS, root.resolve("playbooks"));
        return root;
    }

    private static String id(Path root) {
        return Snapshot.read(root.resolve("rules"), root.resolve("playbooks")).id();
    }

    @Test
    void importMakesAVersionLiveAndExportWritesAnyVersionBack(@TempDir Path tmp) throws Exception {
        String db = "--db-url=jdbc:h2:file:" + tmp.resolve("pandu");
        Path first = project(tmp.resolve("first"));
        CliRun seeded = CliRun.of("rules", "import", first.toString(), "--note", "first", db);
        assertEquals(0, seeded.exitCode(), seeded.err());
        assertTrue(
                seeded.out().contains("Unchanged: ") && seeded.out().contains(id(first)),
                seeded.out());

        Path second = project(tmp.resolve("second"));
        Path stale = second.resolve("rules/playbook/stale-deals.drl");
        Files.writeString(stale, Files.readString(stale).replace("@priority(70)", "@priority(80)"));
        CliRun imported =
                CliRun.of(
                        "rules",
                        "import",
                        second.toString(),
                        "--note",
                        "priority 80",
                        "--author",
                        "ana",
                        db);
        assertEquals(0, imported.exitCode(), imported.err());
        assertTrue(
                imported.out()
                        .startsWith("Version " + id(second) + " is live (parent " + id(first)),
                imported.out());
        assertTrue(
                imported.out().contains("rules/playbook/stale-deals.drl changed (+1 -1)"),
                imported.out());

        Path live = tmp.resolve("live");
        CliRun export = CliRun.of("rules", "export", live.toString(), db);
        assertEquals(0, export.exitCode(), export.err());
        assertEquals(id(second), id(live));
        assertEquals(
                Files.readString(stale),
                Files.readString(live.resolve("rules/playbook/stale-deals.drl")));

        CliRun refused = CliRun.of("rules", "export", live.toString(), "--version", id(first), db);
        assertNotEquals(0, refused.exitCode());
        assertTrue(refused.err().contains("--force"), refused.err());
        CliRun older =
                CliRun.of(
                        "rules", "export", live.toString(), "--version", id(first), "--force", db);
        assertEquals(0, older.exitCode(), older.err());
        assertEquals(id(first), id(live));

        CliRun unknown =
                CliRun.of(
                        "rules",
                        "export",
                        tmp.resolve("x").toString(),
                        "--version",
                        "000000000000",
                        db);
        assertNotEquals(0, unknown.exitCode());
        assertTrue(unknown.err().contains("000000000000"), unknown.err());
    }

    @Test
    void aBrokenFolderIsRefusedWithItsDiagnosticsAndANoteIsRequired(@TempDir Path tmp)
            throws Exception {
        String db = "--db-url=jdbc:h2:file:" + tmp.resolve("pandu");
        Path good = project(tmp.resolve("good"));
        assertEquals(
                0, CliRun.of("rules", "import", good.toString(), "--note", "seed", db).exitCode());
        Path broken = project(tmp.resolve("broken"));
        Path stale = broken.resolve("rules/playbook/stale-deals.drl");
        Files.writeString(stale, Files.readString(stale).replace("then", "thn"));
        CliRun refused = CliRun.of("rules", "import", broken.toString(), "--note", "broken", db);
        assertNotEquals(0, refused.exitCode());
        assertTrue(refused.err().contains("playbook/stale-deals.drl"), refused.err());

        CliRun noNote = CliRun.of("rules", "import", good.toString(), db);
        assertEquals(2, noNote.exitCode(), noNote.err());
        assertTrue(noNote.err().contains("--note"), noNote.err());

        Path live = tmp.resolve("live");
        assertEquals(0, CliRun.of("rules", "export", live.toString(), db).exitCode());
        assertEquals(id(good), id(live), "the broken folder never went live");
    }
}
