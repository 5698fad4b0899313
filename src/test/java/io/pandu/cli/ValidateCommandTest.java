package io.pandu.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.pandu.testing.RuleFixtures;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

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
