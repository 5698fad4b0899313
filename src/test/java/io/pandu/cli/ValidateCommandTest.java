package io.pandu.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.pandu.testing.RuleFixtures;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code pandu validate} prints every problem as {@code file:line:col: error: ...} and fails the
 * build.
 */
class ValidateCommandTest {

    @Test
    void invalidRuleSetPrintsEveryErrorWithItsPositionAndExitsWithOne() throws URISyntaxException {
        Path rules = Path.of(ValidateCommandTest.class.getResource("/broken-rules").toURI());

        Run run =
                run(
                        "validate",
                        "--rules",
                        rules.toString(),
                        "--playbooks",
                        RuleFixtures.PLAYBOOKS.toString());

        assertEquals(1, run.exitCode(), run::toString);
        List<String> lines = run.out().lines().toList();
        assertTrue(
                lines.contains(
                        "syntax-error.drl:12:30: error: mismatched input ')' in rule \"Parenthesis closed twice\""),
                run::toString);
        assertTrue(
                lines.stream()
                        .anyMatch(
                                l ->
                                        l.startsWith("unknown-field.drl:12:29: error: ")
                                                && l.contains("stagee")),
                run::toString);
        assertEquals("invalid: 2 error(s), 0 warning(s)", lines.get(lines.size() - 1));
    }

    /**
     * Issue 12: three planted faults (a syntax error, a playbook that renames a parameter a rule
     * reads, a gap between commission tiers) come back from one run, each at its file:line:col.
     */
    @Test
    void threePlantedFaultsInThreeFilesAreAllReportedInOneRun(@TempDir Path dir)
            throws IOException {
        Path rules = dir.resolve("rules");
        Path playbooks = dir.resolve("playbooks");
        RuleFixtures.copyTree(RuleFixtures.STARTER_RULES, rules);
        RuleFixtures.copyTree(RuleFixtures.PLAYBOOKS, playbooks);
        replace(
                rules.resolve("playbook/demos.drl"),
                "activities(ActivityType.DEMO) == 0 )",
                "activities(ActivityType.DEMO) == 0 ))");
        replace(playbooks.resolve("velocity.yaml"), "staleAfterDays: 7", "staleDays: 7");
        replace(
                rules.resolve("incentives/commission-tiers.drl.csv"),
                "\"base, 0, 0.5, 0.05\"",
                "\"base, 0, 0.4, 0.05\"");

        Run run = run("validate", "--rules", rules.toString(), "--playbooks", playbooks.toString());

        assertEquals(1, run.exitCode(), run::toString);
        List<String> lines = run.out().lines().toList();
        assertTrue(
                lines.stream()
                        .anyMatch(
                                l ->
                                        l.startsWith("playbook/demos.drl:15:")
                                                && l.contains(": error: ")),
                run::toString);
        assertTrue(
                lines.contains(
                        "playbook/stale-deals.drl:13:53: error: rule \"Re-engage a deal with no recent"
                                + " activity\" reads playbook parameter \"staleAfterDays\" that playbook"
                                + " \"velocity\" (velocity.yaml) does not define under parameters:; every"
                                + " deal following it would fail to evaluate"),
                run::toString);
        assertTrue(
                lines.contains(
                        "incentives/commission-tiers.drl.csv:11:5: error: commission tiers leave"
                                + " attainment 0.4–0.5 uncovered: a gap between \"base\" [0, 0.4) and"
                                + " \"target\" [0.5, 1) (decision table row 11, column E)"),
                run::toString);
        assertEquals(
                "invalid: 3 error(s), 0 warning(s)", lines.get(lines.size() - 1), run::toString);
    }

    private static void replace(Path file, String from, String to) throws IOException {
        String text = Files.readString(file);
        assertTrue(text.contains(from), file + " contains " + from);
        Files.writeString(file, text.replace(from, to));
    }

    @Test
    void starterRulesAreValid() {
        Run run =
                run(
                        "validate",
                        "--rules",
                        RuleFixtures.STARTER_RULES.toString(),
                        "--playbooks",
                        RuleFixtures.PLAYBOOKS.toString());

        assertEquals(0, run.exitCode(), run::toString);
        assertTrue(run.out().startsWith("valid: rule set "), run::toString);
    }

    private record Run(int exitCode, String out, String err) {}

    /** Runs the command line as {@code main} would, with stdout and stderr captured. */
    private static Run run(String... args) {
        PrintStream stdout = System.out;
        PrintStream stderr = System.err;
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        try {
            System.setOut(new PrintStream(out, true, StandardCharsets.UTF_8));
            System.setErr(new PrintStream(err, true, StandardCharsets.UTF_8));
            int exitCode = PanduCli.run(args);
            return new Run(
                    exitCode,
                    out.toString(StandardCharsets.UTF_8),
                    err.toString(StandardCharsets.UTF_8));
        } finally {
            System.setOut(stdout);
            System.setErr(stderr);
        }
    }
}
