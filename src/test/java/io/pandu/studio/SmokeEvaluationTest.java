package io.pandu.studio;

import static io.pandu.testing.RuleFixtures.drl;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.pandu.errors.Diagnostic;
import io.pandu.facts.FactSet;
import io.pandu.facts.FactSetJson;
import io.pandu.playbook.PlaybookLoader;
import io.pandu.rules.RuleCompiler;
import io.pandu.rules.RuleFiles;
import io.pandu.rules.RuleRegistry;
import io.pandu.rules.RuleSet;
import io.pandu.store.FactStore;
import io.pandu.testing.OnEachDatabase;
import io.pandu.testing.RuleFixtures;
import io.pandu.testing.TestClocks;
import io.pandu.testing.TestDatabase;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A rule set that builds but fails at run time is refused before it goes live: the smoke evaluation
 * runs the scenarios' facts and a sample of the stored pipeline under the firing and time limits,
 * names the failing rule at its file and line, and the running version keeps serving.
 */
class SmokeEvaluationTest {
    private static final String GOOD =
            drl(
                    """
                    rule "Flag a large deal"
                        @category("test")
                        @priority(10)
                    when
                        $d : DealContext( open, amountValue > 500 )
                    then
                        guidance.recommend("LARGE_DEAL", $d, "Large", "Large deal");
                    end
                    """);

    /** Line 13 of the file: the rule keyword of the loop is on line 9. */
    private static final String LOOP =
            drl(
                    """
                    rule "Loop forever"
                        @category("test")
                        @priority(50)
                    when
                        $d : DealContext( open )
                    then
                        update($d);
                    end
                    """);

    private static final String SCENARIO =
            """
            - name: one large open deal
              asOf: 2017-06-30
              given:
                reps: [{id: R1, name: Rep One, managerId: M1}]
                deals: [{id: D1, ownerId: R1, stage: Engaging, amount: 1000, closeDatePushes: 0}]
              expect:
                present: [{code: LARGE_DEAL, dealId: D1}]
            """;

    @TempDir Path rules;

    private RuleRegistry registryWithSmoke() {
        RuleRegistry registry = new RuleRegistry(rules, RuleFixtures.PLAYBOOKS, TestClocks.fixed());
        registry.setRetireGrace(Duration.ZERO);
        registry.addCandidateCheck(new SmokeEvaluation(() -> rules, TestClocks.fixed()));
        return registry;
    }

    @Test
    void aRuleThatLoopsWithUpdateIsRefusedByReloadAndTheRunningVersionKeepsServing() {
        RuleFixtures.write(rules, "test/good.drl", GOOD);
        RuleFixtures.write(rules, "test/scenarios/good.yaml", SCENARIO);
        try (RuleRegistry registry = registryWithSmoke()) {
            RuleRegistry.ReloadOutcome first = registry.reload();
            assertTrue(first.ok(), first.diagnostics().toString());
            String running = registry.current().version();

            RuleFixtures.write(rules, "test/loop.drl", LOOP);
            RuleRegistry.ReloadOutcome refused = registry.reload();

            assertFalse(refused.ok(), "a looping set does not go live");
            assertEquals(running, refused.version(), "the outcome names the version still serving");
            assertEquals(running, registry.current().version());
            Diagnostic why = refused.errors().get(0);
            assertEquals(1, refused.errors().size(), refused.errors()::toString);
            assertEquals("test/loop.drl", why.file());
            assertEquals(9, why.line(), why::toString);
            assertTrue(
                    why.message()
                            .contains(
                                    "scenario \"one large open deal\" (test/scenarios/good.yaml)"),
                    why::toString);
            assertTrue(why.message().contains("rule \"Loop forever\" fired"), why::toString);
            assertEquals(refused.errors(), registry.lastError(), "/health reports the last error");
        }
    }

    @Test
    void aRuleThatReadsAMissingParameterIsRefusedByReloadNamingTheParameter() {
        RuleFixtures.write(rules, "test/scenarios/good.yaml", SCENARIO);
        RuleFixtures.write(
                rules,
                "test/param.drl",
                GOOD.replace("amountValue > 500", "amountValue > param(\"largeDealAmount\")"));
        try (RuleRegistry registry = registryWithSmoke()) {
            RuleRegistry.ReloadOutcome outcome = registry.reload();

            assertFalse(outcome.ok());
            assertFalse(registry.loaded());
            assertTrue(
                    outcome.errors().stream()
                            .anyMatch(
                                    d ->
                                            d.file().equals("test/param.drl")
                                                    && d.line() == 13
                                                    && d.message().contains("\"largeDealAmount\"")),
                    outcome.errors()::toString);
        }
    }

    /**
     * The semantic check refuses the missing parameter before the set is built; the smoke
     * evaluation catches the same fault on its own when handed a set built without that check.
     */
    @Test
    void theSmokeEvaluationAloneNamesARuleThatFailsOnAMissingParameter() {
        RuleFixtures.write(rules, "test/scenarios/good.yaml", SCENARIO);
        RuleFixtures.write(
                rules,
                "test/param.drl",
                GOOD.replace("amountValue > 500", "amountValue > param(\"largeDealAmount\")"));
        RuleSet candidate = candidateWithoutSemanticChecks();
        try {
            List<Diagnostic> found =
                    new SmokeEvaluation(() -> rules, TestClocks.fixed()).check(candidate);

            assertEquals(1, found.size(), found::toString);
            Diagnostic d = found.get(0);
            assertTrue(d.isError());
            assertEquals("test/param.drl", d.file());
            assertEquals(9, d.line());
            assertTrue(d.message().contains("rule \"Flag a large deal\" failed"), d::toString);
            assertTrue(d.message().contains("\"largeDealAmount\""), d::toString);
        } finally {
            candidate.rules().close();
        }
    }

    @OnEachDatabase
    void aSampleOfTheStoredPipelineRefusesALoopNoScenarioTriggers(TestDatabase.Kind kind)
            throws IOException {
        RuleFixtures.write(rules, "test/loop.drl", LOOP);
        RuleSet candidate = candidateWithoutSemanticChecks();
        try (TestDatabase t = TestDatabase.open(kind)) {
            FactStore store = new FactStore(t.db(), TestClocks.fixed());
            FactSet pipeline =
                    FactSetJson.read(
                            """
                            {"asOf": "2017-06-30",
                             "reps": [{"id": "R1", "name": "Rep One", "managerId": "M1"}],
                             "deals": [{"id": "D1", "ownerId": "R1", "stage": "Engaging", "amount": 1000, "closeDatePushes": 0}]}
                            """);
            store.reps().upsertAll(pipeline.reps(), n -> {});
            store.deals().upsertAll(pipeline.deals(), n -> {});
            SmokeEvaluation smoke = new SmokeEvaluation(() -> rules, TestClocks.fixed());
            assertEquals(List.of(), smoke.check(candidate), "no scenario, no store: nothing runs");

            smoke.samplePipelineOf(store);
            List<Diagnostic> found = smoke.check(candidate);

            assertEquals(1, found.size(), found::toString);
            assertEquals("test/loop.drl", found.get(0).file());
            assertTrue(
                    found.get(0).message().contains("the stored pipeline of team \"M1\" (1 deals)"),
                    found.get(0)::toString);
        } finally {
            candidate.rules().close();
        }
    }

    @Test
    void theShippedRulesPassTheSmokeEvaluationOfTheirScenarios() {
        try (RuleRegistry registry =
                new RuleRegistry(
                        RuleFixtures.STARTER_RULES, RuleFixtures.PLAYBOOKS, TestClocks.fixed())) {
            registry.addCandidateCheck(
                    new SmokeEvaluation(() -> RuleFixtures.STARTER_RULES, TestClocks.fixed()));
            RuleRegistry.ReloadOutcome outcome = registry.reload();
            assertTrue(outcome.ok(), outcome.diagnostics().toString());
            assertEquals(List.of(), outcome.diagnostics());
        }
    }

    private RuleSet candidateWithoutSemanticChecks() {
        var playbooks = new PlaybookLoader().load(RuleFixtures.PLAYBOOKS).library();
        RuleFiles.Scan scan = RuleFiles.scan(rules);
        RuleCompiler.Result built =
                new RuleCompiler(1).compile(scan.sources(), scan.diagnostics(), Set.of());
        assertTrue(built.ok(), built.diagnostics().toString());
        assertTrue(Files.isDirectory(rules));
        return new RuleSet("candidate", built.rules(), playbooks);
    }
}
