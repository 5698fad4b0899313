package io.pandu.testing;

import static org.junit.jupiter.api.Assertions.assertTrue;

import io.pandu.facts.FactSet;
import io.pandu.facts.FactSetJson;
import io.pandu.rules.RuleRegistry;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Rule and playbook directories for tests: the repository's playbooks and small DRL files written
 * to a temp dir.
 */
public final class RuleFixtures {
    /** The playbooks the project ships (velocity: prospecting, engaging, won, lost). */
    public static final Path PLAYBOOKS = Path.of("playbooks");

    /** The starter rules the project ships. */
    public static final Path STARTER_RULES = Path.of("rules");

    /**
     * The one pinned rule fixture: the starter rules and playbook as of the engine issue, which the
     * benchmark also runs. Tests that assert exact guidance (store, HTTP) run against these, so the
     * rule packs in {@code rules/} can grow without changing them.
     */
    public static final Path PINNED_RULES = Path.of("docs/bench/starter-rules");

    /** The playbook of the pinned fixture (velocity). */
    public static final Path PINNED_PLAYBOOKS = Path.of("docs/bench/starter-playbooks");

    /**
     * Package, the usual imports and the guidance global: eight lines, so a rule appended to it
     * starts on line 9.
     */
    public static final String HEADER =
            """
            package test

            import io.pandu.context.DealContext;
            import io.pandu.context.RepContext;
            import io.pandu.facts.Account;

            global io.pandu.guidance.GuidanceCollector guidance;

            """;

    /**
     * One open deal worth 1000 in the velocity playbook's second stage: something for a rule to
     * match.
     */
    public static final FactSet ONE_OPEN_DEAL =
            FactSetJson.read(
                    """
            {"asOf": "2017-06-30",
             "reps": [{"id": "R1", "name": "Rep One", "managerId": "M1"}],
             "deals": [{"id": "D1", "ownerId": "R1", "stage": "Engaging", "amount": 1000, "closeDatePushes": 0}]}
            """);

    private RuleFixtures() {}

    /** A rule file: {@link #HEADER} followed by the given rules. */
    public static String drl(String rules) {
        return HEADER + rules;
    }

    public static Path write(Path dir, String relative, String content) {
        try {
            Path file = dir.resolve(relative);
            Files.createDirectories(file.getParent());
            return Files.writeString(file, content);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Copies a directory tree (e.g. a rule directory) into {@code to}. */
    public static void copyTree(Path from, Path to) throws IOException {
        try (java.util.stream.Stream<Path> walk = Files.walk(from)) {
            for (Path p : walk.toList()) {
                Path target = to.resolve(from.relativize(p).toString());
                if (Files.isDirectory(p)) {
                    Files.createDirectories(target);
                } else {
                    Files.copy(p, target);
                }
            }
        }
    }

    public static String read(Path file) {
        try {
            return Files.readString(file);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * A registry over the directories, loaded; fails the test with every diagnostic if it did not
     * load.
     */
    public static RuleRegistry loaded(Path rules, Path playbooks) {
        RuleRegistry registry = new RuleRegistry(rules, playbooks, TestClocks.fixed());
        RuleRegistry.ReloadOutcome outcome = registry.reload();
        assertTrue(outcome.ok(), () -> "rules did not load: " + outcome.diagnostics());
        return registry;
    }

    /**
     * The text at a 1-based line and column, for asserting that a diagnostic points at the right
     * token.
     */
    public static String textAt(String text, int line, int column) {
        String[] lines = text.split("\n", -1);
        if (line < 1
                || line > lines.length
                || column < 1
                || column > lines[line - 1].length() + 1) {
            return "<no such position " + line + ":" + column + ">";
        }
        return lines[line - 1].substring(column - 1);
    }
}
