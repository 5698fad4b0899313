package io.pandu.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.pandu.rules.RuleRegistry;
import io.pandu.testing.TestClocks;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The benchmark only means something if the hand-coded rules and the bare session do what the
 * engine does.
 */
class PipelineBenchTest {
    private static final PipelineGenerator.Settings SMALL =
            new PipelineGenerator.Settings(1, 3_000, 30, 5, 20, 30_000, LocalDate.of(2025, 6, 30));
    private static RuleRegistry registry;

    @BeforeAll
    static void load() {
        registry =
                new RuleRegistry(
                        Path.of("docs/bench/starter-rules"),
                        Path.of("docs/bench/starter-playbooks"),
                        TestClocks.fixed());
        assertTrue(registry.reload().ok(), "starter rules load");
    }

    @AfterAll
    static void close() {
        registry.close();
    }

    @Test
    void handCodedAndBareDroolsAgreeWithTheEngineOnTheGeneratedPipeline() {
        PipelineBench bench =
                new PipelineBench(
                        registry.current(),
                        HandCodedStarterRules.readTiers(
                                Path.of(
                                        "docs/bench/starter-rules/incentives/commission-tiers.drl.csv")),
                        PipelineGenerator.generate(SMALL),
                        2);
        PipelineBench.Equivalence eq = bench.equivalence();
        assertTrue(
                eq.ok(),
                () -> "not equivalent: identical sets " + eq.identicalSets() + "/" + eq.sets());
        assertEquals(
                List.of(
                        "ACCOUNT_TERRITORY",
                        "COMMISSION_ESTIMATE",
                        "DISCOUNT_NEEDS_APPROVAL",
                        "IDENTIFY_ECONOMIC_BUYER",
                        "REENGAGE_STALE_DEAL"),
                List.copyOf(eq.raised().keySet()));
        eq.raised().forEach((code, counts) -> assertTrue(counts[0] > 0, code + " is exercised"));
        assertEquals(
                3,
                eq.firings().keySet().stream().filter(r -> r.startsWith("incentives.")).count(),
                "every commission tier is exercised");
    }

    @Test
    void theArbitrationIsTimedOnWhatTheRulesRaisedAgainstAPlainSort() {
        PipelineBench bench =
                new PipelineBench(
                        registry.current(),
                        HandCodedStarterRules.readTiers(
                                Path.of(
                                        "docs/bench/starter-rules/incentives/commission-tiers.drl.csv")),
                        PipelineGenerator.generate(SMALL),
                        1);
        PipelineBench.ArbitrationCost cost = bench.arbitrationCost(3);
        assertEquals(3, cost.rounds());
        assertTrue(cost.arbiterNanos() > 0 && cost.plainSortNanos() >= 0, cost.toString());
        assertTrue(cost.items() > 0, "recommendations were ranked: " + cost);
    }

    @Test
    void tiersAreReadFromTheDecisionTable() {
        assertEquals(
                List.of(
                        new HandCodedStarterRules.CommissionTier(
                                "incentives.Commission base tier", "base", 0, 0.5, 0.05),
                        new HandCodedStarterRules.CommissionTier(
                                "incentives.Commission target tier", "target", 0.5, 1.0, 0.08),
                        new HandCodedStarterRules.CommissionTier(
                                "incentives.Commission accelerated tier",
                                "accelerated",
                                1.0,
                                1000,
                                0.12)),
                HandCodedStarterRules.readTiers(
                        Path.of("docs/bench/starter-rules/incentives/commission-tiers.drl.csv")));
    }

    @Test
    void generationIsDeterministicAndSizedAsAsked() {
        PipelineGenerator.Pipeline a = PipelineGenerator.generate(SMALL);
        PipelineGenerator.Pipeline b = PipelineGenerator.generate(SMALL);
        assertEquals(a.teams(), b.teams());
        assertEquals(5, a.teams().size());
        assertEquals(3_000, a.teams().stream().mapToInt(f -> f.deals().size()).sum());
        assertEquals(30_000, a.teams().stream().mapToInt(f -> f.activities().size()).sum());
        assertEquals(30, a.teams().stream().mapToInt(f -> f.reps().size()).sum());
        assertEquals(600, a.teams().stream().mapToInt(f -> f.accounts().size()).sum());
    }
}
