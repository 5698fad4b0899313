package io.pandu.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Every command, nested ones too, answers --help with its usage and exit 0. */
class HelpTest {

    @ParameterizedTest
    @ValueSource(
            strings = {
                "validate",
                "test",
                "evaluate",
                "import",
                "import maven-crm",
                "import facts",
                "user",
                "user create",
                "user rotate-key",
                "run-evaluation",
                "serve"
            })
    void everyCommandAnswersHelp(String command) {
        String[] words = command.split(" ");
        String[] args = java.util.Arrays.copyOf(words, words.length + 1);
        args[words.length] = "--help";
        CliRun run = CliRun.of(args);
        assertEquals(0, run.exitCode(), run.err());
        assertTrue(run.out().startsWith("Usage: pandu " + command), run.out());
        assertTrue(run.out().contains("-h, --help"), run.out());
    }

    @Test
    void runEvaluationSaysItsThreadsDefaultInWords() {
        CliRun run = CliRun.of("run-evaluation", "--help");
        assertTrue(run.out().contains("default: the number of cores"), run.out());
        assertFalse(run.out().contains(String.valueOf(Integer.MIN_VALUE)), run.out());
    }
}
