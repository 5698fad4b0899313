package io.pandu.scenario;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.pandu.evaluate.Evaluator;
import io.pandu.rules.RuleRegistry;
import io.pandu.testing.TestClocks;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

/** Every scenario file on disk is a test: {@code mvn test} covers the shipped rules. */
class ShippedScenariosTest {
    private static final Path RULES = Path.of("rules");
    private static RuleRegistry registry;

    @BeforeAll
    static void load() {
        registry = new RuleRegistry(RULES, Path.of("playbooks"), TestClocks.fixed());
        RuleRegistry.ReloadOutcome outcome = registry.reload();
        assertTrue(outcome.ok(), () -> "shipped rules must build: " + outcome.diagnostics());
    }

    @AfterAll
    static void close() {
        registry.close();
    }

    @TestFactory
    Stream<DynamicTest> shippedScenarios() {
        List<ScenarioResult> results =
                new ScenarioRunner(new Evaluator(registry::current, TestClocks.fixed()))
                        .runAll(RULES, registry.current());
        assertFalse(results.isEmpty(), "no scenarios found under rules/**/scenarios");
        return results.stream()
                .map(
                        r ->
                                DynamicTest.dynamicTest(
                                        r.file() + " › " + r.name(),
                                        () ->
                                                assertTrue(
                                                        r.passed(),
                                                        () -> String.join("\n", r.failures()))));
    }
}
