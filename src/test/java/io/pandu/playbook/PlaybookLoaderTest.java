package io.pandu.playbook;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.pandu.errors.Diagnostic;
import io.pandu.testing.RuleFixtures;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** Playbooks are validated as a whole and every problem points at the line to fix. */
class PlaybookLoaderTest {

    /** A valid playbook; each case below breaks one line of it. */
    private static final String PLAYBOOK =
            """
            id: test
            name: Test
            default: true
            stages:
              - id: prospecting
                aliases: [Lead]
                exitCriteria: [pain]
                plays: [discovery]
              - id: engaging
                aliases: [Demo]
                exitCriteria:
                  - economicBuyer
                  - activity:demo
                plays: [demo]
              - id: won
                outcome: won
            plays:
              - id: discovery
                title: Discovery call
              - id: demo
                title: Demo against their pain
            """;

    @TempDir Path dir;

    static Stream<Arguments> broken() {
        return Stream.of(
                Arguments.of(
                        "duplicate stage id",
                        "  - id: engaging\n",
                        "  - id: prospecting\n",
                        9,
                        "duplicate stage id \"prospecting\""),
                Arguments.of(
                        "duplicate play id",
                        "  - id: demo\n    title: Demo against their pain\n",
                        "  - id: demo\n    title: Demo against their pain\n  - id: discovery\n    title: Again\n",
                        22,
                        "duplicate play id \"discovery\""),
                Arguments.of(
                        "stage naming an unknown play",
                        "    plays: [demo]\n",
                        "    plays: [demo, closing]\n",
                        14,
                        "stage \"engaging\" names play \"closing\" that this playbook does not define"),
                Arguments.of(
                        "unknown exit criterion",
                        "      - activity:demo\n",
                        "      - budget\n",
                        13,
                        unknownCriterion("budget")),
                Arguments.of(
                        "unknown activity criterion",
                        "    exitCriteria: [pain]\n",
                        "    exitCriteria: [pain, activity:dinner]\n",
                        7,
                        unknownCriterion("activity:dinner")),
                Arguments.of(
                        "alias of two stages",
                        "    aliases: [Demo]\n",
                        "    aliases: [Demo, LEAD]\n",
                        10,
                        "stage name \"LEAD\" is used by both \"prospecting\" and \"engaging\""),
                Arguments.of(
                        "unknown field",
                        "    outcome: won\n",
                        "    outcome: won\n    maxdays: 3\n",
                        17,
                        "stages[2].maxdays: unknown field \"maxdays\" (known: [aliases, entryCriteria, exitCriteria, "
                                + "id, maxDays, name, outcome, plays])"),
                Arguments.of(
                        "wrong type",
                        "    outcome: won\n",
                        "    outcome: won\n    maxDays: soon\n",
                        17,
                        "stages[2].maxDays: Cannot deserialize value of type `java.lang.Integer` from String \"soon\": "
                                + "not a valid `java.lang.Integer` value"));
    }

    private static String unknownCriterion(String criterion) {
        return "unknown criterion \""
                + criterion
                + "\": use a qualification field (economicBuyer, champion, "
                + "metrics, decisionCriteria, decisionProcess, paperProcess, pain) or activity:<type>";
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("broken")
    void problemIsAnErrorAtItsLine(
            String what, String line, String replacement, int expectedLine, String message) {
        assertTrue(PLAYBOOK.contains(line), "the case must change the playbook");
        RuleFixtures.write(dir, "test.yaml", PLAYBOOK.replace(line, replacement));

        PlaybookLoader.Result result = new PlaybookLoader().load(dir);

        assertNull(result.library());
        assertEquals(List.of("test.yaml:" + expectedLine + ": " + message), errors(result));
    }

    @Test
    void validPlaybookLoads() {
        RuleFixtures.write(dir, "test.yaml", PLAYBOOK);

        PlaybookLoader.Result result = new PlaybookLoader().load(dir);

        assertEquals(List.of(), result.diagnostics());
        assertEquals("test", result.library().defaultPlaybook().id());
        assertEquals(
                "engaging", result.library().defaultPlaybook().stage("demo").orElseThrow().id());
    }

    @Test
    void playIdDefinedByTwoPlaybooksNamesTheOtherFile() {
        RuleFixtures.write(dir, "a.yaml", PLAYBOOK);
        RuleFixtures.write(
                dir,
                "b.yaml",
                PLAYBOOK.replace("id: test", "id: other")
                        .replace("default: true", "default: false"));

        PlaybookLoader.Result result = new PlaybookLoader().load(dir);

        assertEquals(
                List.of(
                        "b.yaml:18: duplicate play id \"discovery\" (also in a.yaml)",
                        "b.yaml:20: duplicate play id \"demo\" (also in a.yaml)"),
                errors(result));
    }

    /** Errors as {@code file:line: message}; the column is 1 for these whole-line problems. */
    private static List<String> errors(PlaybookLoader.Result result) {
        return result.diagnostics().stream()
                .filter(Diagnostic::isError)
                .map(d -> d.file() + ":" + d.line() + ": " + d.message())
                .toList();
    }
}
