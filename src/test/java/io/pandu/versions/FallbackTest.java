package io.pandu.versions;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.pandu.auth.Caller;
import io.pandu.errors.InvalidInputException;
import io.pandu.rules.RuleRegistry;
import io.pandu.rules.RuntimeHealth;
import io.pandu.store.AuditLog;
import io.pandu.testing.OnEachDatabase;
import io.pandu.testing.RuleFixtures;
import io.pandu.testing.TestClocks;
import io.pandu.testing.TestDatabase;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/**
 * A live version that fails at run time on more than the policy's share of its latest evaluations
 * gives way, by itself, to the nearest earlier version that passes today's checks; ops hear of it
 * and the audit says so. Fewer failures, too few evaluations or a deliberate rollback do not.
 */
class FallbackTest {
    private static final Clock CLOCK = TestClocks.fixed();

    private static Path project() throws Exception {
        Path root = Files.createTempDirectory("pandu-fallback-");
        RuleFixtures.copyTree(TestDatabase.RULES, root.resolve("rules"));
        RuleFixtures.copyTree(TestDatabase.PLAYBOOKS, root.resolve("playbooks"));
        return root;
    }

    private static void outcomes(RuleRegistry registry, int failed, int succeeded) {
        RuntimeHealth health = registry.current().rules().health();
        for (int i = 0; i < succeeded; i++) {
            health.succeeded();
        }
        for (int i = 0; i < failed; i++) {
            health.failed("rule \"Divides by the discount\" failed: / by zero");
        }
    }

    @OnEachDatabase
    void aVersionFailingMostEvaluationsFallsBackToTheVersionBeforeIt(TestDatabase.Kind kind)
            throws Exception {
        try (TestDatabase store = TestDatabase.open(kind)) {
            Path root = project();
            RuleRegistry registry =
                    new RuleRegistry(root.resolve("rules"), root.resolve("playbooks"), CLOCK);
            registry.setRetireGrace(Duration.ZERO);
            RuleVersionRepository repository =
                    new RuleVersionRepository(store.db(), new AuditLog(store.db(), CLOCK));
            try (registry;
                    RuleVersions versions = new RuleVersions(registry, repository, CLOCK)) {
                List<RuleVersions.FellBack> heard = new ArrayList<>();
                versions.fallBackWhen(new FallbackPolicy(0.5, 10), heard::add);
                versions.start();
                String good = registry.current().version();
                Path next = project();
                RuleFixtures.write(
                        next,
                        "rules/playbook/extra.drl",
                        RuleFixtures.drl("rule \"Harmless extra\" when then end"));
                String bad = versions.importFolder("ops", next, "an extra rule").version();
                assertEquals(bad, registry.current().version());

                // half failing is not more than half; nine evaluations are too few to judge
                outcomes(registry, 5, 5);
                assertEquals(Optional.empty(), versions.fallBackIfFailing());
                assertEquals(bad, registry.current().version());

                outcomes(registry, 10, 0); // now 15 of the last 20 failed
                RuleVersions.FellBack fellBack = versions.fallBackIfFailing().orElseThrow();

                assertEquals(bad, fellBack.from());
                assertEquals(good, fellBack.to());
                assertEquals(good, registry.current().version(), "the earlier version serves");
                assertEquals(good, versions.live(), "and the store's live pointer says so");
                assertEquals(List.of(fellBack), heard, "ops hear of it");
                assertTrue(fellBack.note().contains("failed 15 of its last 20 evaluations"));
                assertTrue(fellBack.note().contains("/ by zero"), fellBack.note());
                assertEquals("RULES_FELL_BACK", fellBack.alert().code());
                assertEquals(
                        1,
                        store.db()
                                .jdbc()
                                .count(
                                        "SELECT COUNT(*) FROM audit_log WHERE action = ? AND actor = ?",
                                        "rule-version-fell-back",
                                        RuleVersions.SYSTEM));

                // the first version fails too: nothing earlier is left, it keeps serving
                outcomes(registry, 20, 0);
                assertEquals(Optional.empty(), versions.fallBackIfFailing());
                assertEquals(good, registry.current().version());

                // ops deliberately put the failed version back: its record starts afresh
                versions.rollback(Caller.system(), bad, "fixed the data that broke it");
                assertEquals(bad, registry.current().version());
                assertEquals(0, registry.current().rules().health().counts().recent());
                assertEquals(Optional.empty(), versions.fallBackIfFailing());
                assertEquals(1, heard.size());
            }
        }
    }

    @Test
    void thePolicyComesFromTheEnvironmentAndRefusesNonsense() {
        assertEquals(FallbackPolicy.DEFAULT, FallbackPolicy.fromEnv(Map.of()));
        assertEquals(
                new FallbackPolicy(0.25, 20),
                FallbackPolicy.fromEnv(
                        Map.of(
                                "PANDU_FALLBACK_FAILURE_SHARE", "25%",
                                "PANDU_FALLBACK_MIN_EVALUATIONS", "20")));
        InvalidInputException share =
                assertThrows(
                        InvalidInputException.class,
                        () -> FallbackPolicy.fromEnv(Map.of("PANDU_FALLBACK_FAILURE_SHARE", "2")));
        assertTrue(share.getMessage().contains("PANDU_FALLBACK_FAILURE_SHARE"), share.getMessage());
        assertThrows(
                InvalidInputException.class,
                () -> FallbackPolicy.fromEnv(Map.of("PANDU_FALLBACK_MIN_EVALUATIONS", "many")));
        assertThrows(
                InvalidInputException.class,
                () -> FallbackPolicy.fromEnv(Map.of("PANDU_FALLBACK_MIN_EVALUATIONS", "51")));
        assertFalse(
                FallbackPolicy.DEFAULT.failing(new RuntimeHealth.Counts(9, 9, 9, 9, "x")),
                "nine evaluations are too few");
    }
}
