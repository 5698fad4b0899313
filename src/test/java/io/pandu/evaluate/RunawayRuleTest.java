package io.pandu.evaluate;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.pandu.rules.RuleRegistry;
import io.pandu.testing.RuleFixtures;
import io.pandu.testing.TestClocks;
import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Rules that pass the safety policy and still never end ({@code src/test/resources/runaway}): each
 * evaluation is cut off (the firing limit for a rule that re-triggers itself, the time limit for a
 * consequence that never returns), answers with an error naming the rule, and leaves no thread
 * spinning: the worker that ran it evaluates the next fact set at once.
 */
class RunawayRuleTest {
    private static final Duration LIMIT = Duration.ofMillis(1500);

    @TempDir Path rules;

    /** One worker, as a server's evaluation pool would lend one. */
    private final ExecutorService worker =
            Executors.newSingleThreadExecutor(r -> new Thread(r, "test-evaluation-worker"));

    @AfterEach
    void stopWorker() {
        worker.shutdownNow();
    }

    @Test
    void aRuleThatUpdatesItsOwnFactForEverStopsAtTheFiringLimit() throws Exception {
        RuleFixtures.write(rules, "update-loop.drl", resource("update-loop.drl"));
        try (RuleRegistry registry = RuleFixtures.loaded(rules, RuleFixtures.PLAYBOOKS)) {
            Evaluator evaluator = evaluator(registry);
            EvaluationFailedException failure = failureOf(evaluator, 10);
            assertEquals("Update the deal for ever", failure.rule());
            assertTrue(failure.getMessage().contains("firings (limit "), failure.getMessage());
        }
    }

    @ParameterizedTest(name = "{0} is cut off at the time limit and leaves no thread spinning")
    @ValueSource(strings = {"endless-computation-mvel.drl", "endless-computation.drl"})
    void aConsequenceThatNeverReturnsIsCutOffAndItsThreadIsFreeAgain(String file) throws Exception {
        RuleFixtures.write(rules, file, resource(file));
        try (RuleRegistry registry = RuleFixtures.loaded(rules, RuleFixtures.PLAYBOOKS)) {
            Evaluator evaluator = evaluator(registry);
            long started = System.nanoTime();
            EvaluationFailedException failure = failureOf(evaluator, 20);
            long tookMillis = (System.nanoTime() - started) / 1_000_000;

            assertTrue(
                    failure.getMessage().contains("time limit of 1500 ms"), failure.getMessage());
            assertTrue(
                    tookMillis < LIMIT.plus(Deadline.GRACE).toMillis() + 3000,
                    "cut off after " + tookMillis + " ms");
            Thread.sleep(300);
            assertEquals(List.of(), spinning(), "threads still running rule code");
            // the same worker is free: it takes the next evaluation and ends it as quickly
            Future<EvaluationFailedException> next = worker.submit(() -> failure(evaluator));
            assertTrue(
                    next.get(LIMIT.plus(Deadline.GRACE).toMillis() + 5000, TimeUnit.MILLISECONDS)
                            .getMessage()
                            .contains("time limit"));
        }
    }

    private Evaluator evaluator(RuleRegistry registry) {
        return new Evaluator(
                registry::current, EvaluationSettings.DEFAULTS, TestClocks.fixed(), LIMIT);
    }

    private EvaluationFailedException failureOf(Evaluator evaluator, int seconds)
            throws InterruptedException, java.util.concurrent.TimeoutException {
        try {
            return worker.submit(() -> failure(evaluator)).get(seconds, TimeUnit.SECONDS);
        } catch (ExecutionException e) {
            throw new AssertionError("the evaluation failed otherwise", e.getCause());
        }
    }

    private static EvaluationFailedException failure(Evaluator evaluator) {
        return assertThrows(
                EvaluationFailedException.class,
                () -> evaluator.evaluate(RuleFixtures.ONE_OPEN_DEAL));
    }

    /** Threads whose stack is inside a rule's code or the computations the corpus runs. */
    private static List<String> spinning() {
        return Thread.getAllStackTraces().entrySet().stream()
                .filter(e -> e.getKey() != Thread.currentThread() && e.getKey().isAlive())
                .filter(
                        e ->
                                java.util.Arrays.stream(e.getValue())
                                        .anyMatch(
                                                f ->
                                                        f.getClassName().startsWith("runaway.")
                                                                || f.getClassName()
                                                                        .startsWith("java.math.")
                                                                || f.getClassName()
                                                                        .startsWith(
                                                                                "java.util.stream.")))
                .map(Map.Entry::getKey)
                .map(Thread::getName)
                .toList();
    }

    private static String resource(String name) {
        try {
            return Files.readString(
                    Path.of(RunawayRuleTest.class.getResource("/runaway/" + name).toURI()));
        } catch (IOException | URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }
}
