package io.pandu.rules;

import static io.pandu.testing.RuleFixtures.textAt;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.pandu.errors.Diagnostic;
import io.pandu.evaluate.Evaluation;
import io.pandu.evaluate.Evaluator;
import io.pandu.guidance.Recommendation;
import io.pandu.testing.RuleFixtures;
import io.pandu.testing.TestClocks;
import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Rules are authored by sales ops and Drools has no sandbox, so every file in {@code
 * src/test/resources/hostile} tries something a rule must never do. Each must be refused before
 * Drools builds it (rule metadata already runs at build time), with an error at the offending text.
 * A rule that got through would exit this JVM or create the marker file.
 */
class HostileRuleTest {

    @TempDir Path rules;

    @TempDir Path scratch;

    /** File, and the line and text of the construct that must be refused. */
    static Stream<Arguments> corpus() {
        return Stream.of(
                Arguments.of("system-exit.drl", 13, "System"),
                Arguments.of("runtime-exec.drl", 13, "Runtime"),
                Arguments.of("process-builder.drl", 13, "ProcessBuilder"),
                Arguments.of("new-thread.drl", 13, "Thread"),
                Arguments.of("class-forname.drl", 13, "Class"),
                Arguments.of("reflection-invoke.drl", 13, "getClass"),
                Arguments.of("qualified-java-io-file.drl", 13, "java.io.File"),
                Arguments.of("qualified-nio-files.drl", 13, "java.nio.file.Files"),
                Arguments.of("qualified-java-net-url.drl", 13, "java.net.URL"),
                Arguments.of("import-java-io-wildcard.drl", 4, "java.io.*"),
                Arguments.of("import-executors.drl", 4, "java.util.concurrent.Executors"),
                Arguments.of("function-declaration.drl", 7, "function"),
                Arguments.of("extra-global.drl", 6, "global java.util.List"),
                Arguments.of("import-function.drl", 4, "java.lang.Math.max"),
                Arguments.of("import-accumulate.drl", 4, "org.acme.Backdoor"),
                Arguments.of("mvel-process-builder.drl", 14, "java.lang.ProcessBuilder"),
                Arguments.of("while-true.drl", 13, "while"),
                Arguments.of("for-ever.drl", 13, "for"),
                Arguments.of("endless-stream.drl", 13, "iterate"),
                Arguments.of("endless-generate.drl", 14, "generate"),
                Arguments.of("eval-system-in-condition.drl", 12, "System"),
                Arguments.of("java-util-formatter.drl", 13, "java.util.Formatter"),
                Arguments.of("metadata-runs-at-build.drl", 8, "java.util.Formatter"),
                Arguments.of("code-on-import-line.drl", 3, "java.io.File"),
                Arguments.of("unicode-escape-in-comment.drl", 13, "\\u000a"),
                Arguments.of("unicode-escape-in-string.drl", 13, "\\u0022"),
                Arguments.of("mvel-multi-line-string.drl", 15, "java.io.File"),
                Arguments.of("java-text-block.drl", 14, "java.io.File"),
                Arguments.of("java-text-block-with-quote.drl", 14, "java.io.File"),
                Arguments.of("mvel-class-property.drl", 14, "class"),
                Arguments.of("remove-rules-from-shared-kiebase.drl", 13, "getKieRuntime"),
                Arguments.of("objectmapper-class-loading.drl", 4, "io.pandu.facts.FactSetJson"),
                Arguments.of("objectmapper-qualified.drl", 13, "io.pandu.facts.FactSetJson"),
                Arguments.of("huge-array.drl", 13, "new long["),
                Arguments.of("endless-longstream.drl", 13, "java.util.stream.LongStream"),
                Arguments.of("import-longstream.drl", 4, "java.util.stream.LongStream"),
                Arguments.of("unlisted-jdk-type.drl", 13, "Random"),
                // only the compiled code shows it: chars() returns an IntStream
                Arguments.of("chained-stream.drl", 14, "chars"),
                // only the compiled rules' expressions show it: conditions and MVEL consequences
                // are not Java classes; their chains are resolved on the compiled declarations
                Arguments.of("condition-chained-stream.drl", 13, "chars"),
                Arguments.of("condition-static-chain.drl", 12, "codePoints"),
                Arguments.of("mvel-consequence-chained-stream.drl", 16, "chars"),
                Arguments.of("endless-stream-mvel.drl", 17, "datesUntil"));
    }

    @ParameterizedTest(name = "{0} is refused at line {1}: {2}")
    @MethodSource("corpus")
    void hostileRuleIsRefusedWhereItMisbehaves(String file, int line, String offending) {
        Path marker = scratch.resolve("marker");
        String text = resource("hostile/" + file).replace("${MARKER}", marker.toString());
        RuleFixtures.write(rules, file, text);

        RuleCompiler.Result result = new RuleCompiler(1).compile(rules, null);

        assertNull(result.rules(), "a hostile rule set must not compile");
        List<Diagnostic> errors = result.errors();
        assertTrue(
                errors.stream()
                        .anyMatch(
                                d ->
                                        d.file().equals(file)
                                                && d.line() == line
                                                && textAt(text, d.line(), d.column())
                                                        .startsWith(offending)),
                () ->
                        "expected an error at \""
                                + offending
                                + "\" on line "
                                + line
                                + ", got "
                                + errors);
        assertFalse(Files.exists(marker), "the hostile rule ran while the rule set was built");
        // and this JVM is still here: a System.exit that ran would have ended the test run
    }

    @Test
    void everyFileOfTheHostileCorpusIsChecked() throws IOException, URISyntaxException {
        Set<String> checked =
                corpus().map(a -> (String) a.get()[0])
                        .collect(Collectors.toCollection(TreeSet::new));
        Set<String> present;
        try (Stream<Path> files =
                Files.list(Path.of(HostileRuleTest.class.getResource("/hostile").toURI()))) {
            present =
                    files.map(p -> p.getFileName().toString())
                            .collect(Collectors.toCollection(TreeSet::new));
        }
        assertEquals(present, checked);
    }

    @Test
    void ruleThatOnlyMentionsForbiddenNamesInTextIsAccepted() {
        RuleFixtures.write(rules, "control.drl", resource("benign/control.drl"));

        try (RuleRegistry registry = RuleFixtures.loaded(rules, RuleFixtures.PLAYBOOKS)) {
            Evaluation evaluation =
                    new Evaluator(registry::current, TestClocks.fixed())
                            .evaluate(RuleFixtures.ONE_OPEN_DEAL);

            Recommendation recommendation = evaluation.guidance().recommendations().get(0);
            assertEquals("MAP_DECISION_PROCESS", recommendation.code());
            assertEquals(
                    "Don't System.exit the deal: map the decision process", recommendation.title());
            assertTrue(recommendation.reason().endsWith(" System.exit"), recommendation.reason());
            assertEquals(
                    "DECISION_PROCESS_UNKNOWN",
                    evaluation.guidance().coachingAlerts().get(0).code());
            assertNotNull(evaluation.guidance().coachingAlerts().get(0).reason());
        }
    }

    private static String resource(String name) {
        try {
            return Files.readString(Path.of(HostileRuleTest.class.getResource("/" + name).toURI()));
        } catch (IOException | URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }
}
