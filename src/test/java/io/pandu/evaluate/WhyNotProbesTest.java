package io.pandu.evaluate;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.pandu.facts.FactSet;
import io.pandu.facts.FactSetJson;
import io.pandu.rules.RuleRegistry;
import io.pandu.rules.RuleSet;
import io.pandu.testing.RuleFixtures;
import java.time.LocalDate;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Why a rule did not fire for a deal, decided by probe rules on the shipped rule set. */
class WhyNotProbesTest {
    private static final LocalDate AS_OF = LocalDate.of(2017, 6, 30);
    private static RuleRegistry starterRules;

    @BeforeAll
    static void load() {
        starterRules = RuleFixtures.loaded(RuleFixtures.STARTER_RULES, RuleFixtures.PLAYBOOKS);
    }

    @AfterAll
    static void close() {
        starterRules.close();
    }

    private static FactSet deal(String stage, boolean economicBuyer) {
        return FactSetJson.read(
                """
                {"asOf": "2017-06-30",
                 "reps": [{"id": "R1", "name": "Rep One", "managerId": "M1"}],
                 "deals": [{"id": "D1", "name": "Qualified deal", "ownerId": "R1", "stage": "%s",
                   "amount": 5000, "createdDate": "2017-06-25", "closeDatePushes": 0,
                   "qualification": {"economicBuyer": %s, "champion": true, "metrics": false,
                     "decisionCriteria": false, "decisionProcess": false, "paperProcess": false,
                     "pain": true}},
                  {"id": "D2", "name": "Other deal", "ownerId": "R1", "stage": "Engaging",
                   "amount": 7000, "createdDate": "2017-06-25", "closeDatePushes": 0}]}
                """
                        .formatted(stage, economicBuyer));
    }

    private static List<WhyNotProbes.RuleAnswer> ask(FactSet facts, String dealId, String code) {
        RuleSet rules = starterRules.current();
        return WhyNotProbes.of(rules.rules())
                .explain(
                        facts, rules.playbooks(), AS_OF, dealId, code, EvaluationSettings.DEFAULTS);
    }

    @Test
    void aKnownEconomicBuyerIsTheFailedConditionWithTheValueTheRuleSaw() {
        List<WhyNotProbes.RuleAnswer> answers =
                ask(deal("Engaging", true), "D1", "IDENTIFY_ECONOMIC_BUYER");

        assertEquals(1, answers.size(), answers.toString());
        WhyNotProbes.RuleAnswer answer = answers.get(0);
        assertFalse(answer.matched());
        assertEquals(
                "rules/playbook/qualification.drl".substring(6),
                answer.file().replace("rules/", ""));
        List<WhyNotProbes.Condition> conditions = answer.elements().get(0).conditions();
        assertEquals(3, conditions.size(), conditions.toString());
        assertTrue(conditions.get(0).held(), "open");
        assertTrue(conditions.get(1).held(), "stageIndex > 0");
        assertEquals(1, conditions.get(1).values().get("stageIndex"));
        WhyNotProbes.Condition economicBuyer = conditions.get(2);
        assertFalse(economicBuyer.held());
        assertEquals("qualification.economicBuyer == false", economicBuyer.text());
        assertEquals(true, economicBuyer.values().get("qualification.economicBuyer"));
        assertEquals(
                "qualification.economicBuyer is true, the rule needs false",
                economicBuyer.sentence());
        assertEquals(economicBuyer.sentence(), answer.sentence());
    }

    @Test
    void theSameRuleMatchesWhenTheBuyerIsUnknownAndTheOtherDealDoesNotCount() {
        WhyNotProbes.RuleAnswer answer =
                ask(deal("Engaging", false), "D1", "IDENTIFY_ECONOMIC_BUYER").get(0);
        assertTrue(answer.matched(), answer.toString());
        assertTrue(
                answer.elements().get(0).conditions().stream()
                        .allMatch(WhyNotProbes.Condition::held));

        WhyNotProbes.RuleAnswer inFirstStage =
                ask(deal("Prospecting", false), "D1", "IDENTIFY_ECONOMIC_BUYER").get(0);
        assertFalse(inFirstStage.matched());
        assertEquals("stageIndex is 0, the rule needs > 0", inFirstStage.sentence());
    }

    @Test
    void withoutACodeEveryDealRuleAnswersAndAnUnknownDealGetsNothing() {
        List<WhyNotProbes.RuleAnswer> all = ask(deal("Engaging", true), "D1", null);
        assertTrue(all.size() > 5, all.toString());
        assertTrue(all.stream().anyMatch(a -> a.codes().contains("REENGAGE_STALE_DEAL")));
        assertTrue(ask(deal("Engaging", true), "NOPE", null).isEmpty());
        WhyNotProbes probes = WhyNotProbes.of(starterRules.current().rules());
        assertTrue(probes.codes().contains("IDENTIFY_ECONOMIC_BUYER"));
        assertFalse(probes.codes().contains("REP_INACTIVE"), "an alert about a rep, not a deal");
    }
}
