package io.pandu.app;

import static org.junit.jupiter.api.Assertions.assertTrue;

import io.pandu.evaluate.WhyNotProbes;
import io.pandu.rules.RuleRegistry;
import io.pandu.testing.RuleFixtures;
import io.pandu.testing.TestDatabase;
import java.time.Clock;
import org.junit.jupiter.api.Test;

/**
 * {@code serve} compiles the why-not probes of the live version in the background, off the request
 * path: nobody has to ask first.
 */
class WhyNotWarmUpTest {
    @Test
    void theLiveVersionsProbesCompileWithoutAQuestion() throws Exception {
        try (RuleRegistry rules =
                        RuleFixtures.loaded(
                                RuleFixtures.PINNED_RULES, RuleFixtures.PINNED_PLAYBOOKS);
                TestDatabase t = TestDatabase.open(TestDatabase.Kind.H2);
                Pandu pandu =
                        Pandu.with(Clock.systemUTC())
                                .rules(rules, false)
                                .store(t.db())
                                .warmWhyNot()
                                .open()) {
            long deadline = System.nanoTime() + 120_000_000_000L;
            while (!WhyNotProbes.compiled(rules.current().rules())
                    && System.nanoTime() < deadline) {
                Thread.sleep(100);
            }
            assertTrue(
                    WhyNotProbes.compiled(rules.current().rules()),
                    "the probes of " + rules.current().version() + " were not compiled ahead");
        }
    }
}
