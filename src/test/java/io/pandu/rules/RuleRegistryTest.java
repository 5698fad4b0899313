package io.pandu.rules;

import static io.pandu.testing.RuleFixtures.drl;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.pandu.errors.Diagnostic;
import io.pandu.evaluate.Evaluator;
import io.pandu.guidance.Recommendation;
import io.pandu.testing.RuleFixtures;
import io.pandu.testing.TestClocks;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.function.BooleanSupplier;
import java.util.function.Supplier;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.kie.api.KieServices;
import org.kie.api.builder.KieRepository;
import org.kie.api.builder.ReleaseId;

/**
 * The registry swaps rule sets only when a reload is clean, and lets go of the ones it replaced.
 */
class RuleRegistryTest {

    @TempDir Path rules;

    private RuleRegistry registry;

    @BeforeEach
    void startWithOneRule() {
        RuleFixtures.write(rules, "deals.drl", recommending("FIRST_CODE"));
        registry = new RuleRegistry(rules, RuleFixtures.PLAYBOOKS, TestClocks.fixed());
        registry.setRetireGrace(Duration.ZERO);
    }

    @AfterEach
    void close() {
        registry.close();
    }

    @Test
    void brokenEditKeepsTheLastGoodVersionServingUntilItIsFixed() {
        RuleRegistry.ReloadOutcome first = registry.reload();
        assertTrue(first.ok() && first.changed(), first::toString);
        String v1 = registry.current().version();
        assertEquals(v1, first.version());

        RuleFixtures.write(rules, "deals.drl", recommending("SECOND_CODE").replace("then", "thn"));
        RuleRegistry.ReloadOutcome broken = registry.reload();

        assertFalse(broken.ok());
        assertEquals(v1, broken.version());
        assertEquals(v1, registry.current().version());
        assertEquals(List.of("FIRST_CODE"), codes(), "the last good version still evaluates");
        List<Diagnostic> lastError = registry.lastError();
        assertFalse(lastError.isEmpty());
        assertEquals("deals.drl", lastError.get(0).file());

        RuleFixtures.write(rules, "deals.drl", recommending("SECOND_CODE"));
        RuleRegistry.ReloadOutcome fixed = registry.reload();

        assertTrue(fixed.ok() && fixed.changed(), fixed::toString);
        String v2 = registry.current().version();
        assertNotEquals(v1, v2);
        assertEquals(v2, fixed.version());
        assertEquals(List.of(), registry.lastError());
        assertEquals(List.of("SECOND_CODE"), codes());
    }

    @Test
    void reloadOfUnchangedFilesKeepsTheVersion() {
        String v1 = registry.reload().version();

        RuleRegistry.ReloadOutcome again = registry.reload();

        assertTrue(again.ok());
        assertFalse(again.changed());
        assertEquals(v1, again.version());
        assertEquals(1, registry.versions().size());
    }

    @Test
    void watchPicksUpAnEditWithoutAReloadCall() {
        String v1 = registry.reload().version();
        registry.watch(200);

        RuleFixtures.write(rules, "deals.drl", recommending("EDITED_WHILE_WATCHED"));

        awaitUntil(
                Duration.ofSeconds(15),
                () -> !registry.current().version().equals(v1),
                () -> "still on " + v1 + "; last outcome " + registry.lastOutcome());
        assertEquals(List.of("EDITED_WHILE_WATCHED"), codes());
    }

    @Test
    void supersededRuleSetsAreRemovedFromTheKieRepository() {
        KieRepository repository = KieServices.Factory.get().getRepository();
        List<ReleaseId> superseded = new ArrayList<>();
        registry.reload();
        for (int i = 1; i <= 3; i++) {
            superseded.add(registry.current().rules().releaseId());
            RuleFixtures.write(rules, "deals.drl", recommending("CODE_" + i));
            assertTrue(registry.reload().changed());
        }
        ReleaseId serving = registry.current().rules().releaseId();

        awaitUntil(
                Duration.ofSeconds(15),
                () -> superseded.stream().allMatch(id -> repository.getKieModule(id) == null),
                () ->
                        "still in the repository: "
                                + superseded.stream()
                                        .filter(id -> repository.getKieModule(id) != null)
                                        .toList());
        assertNotNull(repository.getKieModule(serving), "the rule set in use stays");
        assertEquals(List.of("CODE_3"), codes());
    }

    private List<String> codes() {
        return new Evaluator(registry::current, TestClocks.fixed())
                .evaluate(RuleFixtures.ONE_OPEN_DEAL).guidance().recommendations().stream()
                        .map(Recommendation::code)
                        .toList();
    }

    private static String recommending(String code) {
        return drl(
                """
                rule "Recommend %s"
                    @category("guided-selling")
                    @priority(50)
                when
                    $d : DealContext( open )
                then
                    guidance.recommend("%s", $d, null, "because");
                end
                """
                        .formatted(code, code));
    }

    /** Polls until the condition holds, failing after the deadline: no fixed sleeps. */
    private static void awaitUntil(
            Duration deadline, BooleanSupplier condition, Supplier<String> failure) {
        long end = System.nanoTime() + deadline.toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > end) {
                throw new AssertionError("not within " + deadline + ": " + failure.get());
            }
            try {
                Thread.sleep(50);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new AssertionError("interrupted", e);
            }
        }
    }
}
