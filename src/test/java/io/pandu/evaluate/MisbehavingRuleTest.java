package io.pandu.evaluate;

import io.pandu.facts.FactSet;
import io.pandu.facts.FactSetJson;
import io.pandu.rules.RuleRegistry;
import io.pandu.testing.RuleFixtures;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import java.nio.file.Path;
import java.time.Duration;
import java.util.stream.Stream;

import static io.pandu.testing.RuleFixtures.drl;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** A rule that loops or throws ends its evaluation with an error that names it, not with a hang or a Drools trace. */
class MisbehavingRuleTest {

    @TempDir
    Path rules;

    private static final FactSet ONE_DEAL = FactSetJson.read("""
            {"asOf": "2017-06-30",
             "deals": [{"id": "D1", "stage": "Engaging", "amount": 1000, "closeDatePushes": 0}]}
            """);

    /** Three ways a rule re-triggers itself: update its own fact, modify a declared fact, insert its own match. */
    static Stream<Arguments> loops() {
        return Stream.of(
                Arguments.of("update", """
                        rule "Loop forever"
                            @category("test")
                            @priority(50)
                        when
                            $d : DealContext( open )
                        then
                            update($d);
                        end
                        """),
                Arguments.of("modify", """
                        declare Counter
                            value : int
                        end

                        rule "Start counting"
                            @category("test")
                            @priority(50)
                        when
                            DealContext()
                        then
                            insert(new Counter(0));
                        end

                        rule "Loop forever"
                            @category("test")
                            @priority(50)
                        when
                            $c : Counter( value >= 0 )
                        then
                            modify($c) { setValue($c.getValue() + 1) }
                        end
                        """),
                Arguments.of("insert", """
                        rule "Start inserting"
                            @category("test")
                            @priority(50)
                        when
                            DealContext()
                        then
                            insert(new java.util.HashMap());
                        end

                        rule "Loop forever"
                            @category("test")
                            @priority(50)
                        when
                            java.util.HashMap()
                        then
                            insert(new java.util.HashMap());
                        end
                        """));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("loops")
    void ruleThatRetriggersItselfIsStoppedAndNamed(String how, String rulesText) {
        RuleFixtures.write(rules, "loop.drl", drl(rulesText));

        EvaluationFailedException failure = assertTimeoutPreemptively(Duration.ofSeconds(30),
                () -> assertThrows(EvaluationFailedException.class, () -> evaluate(ONE_DEAL)));

        assertEquals("Loop forever", failure.rule());
        assertTrue(failure.getMessage().matches("rule evaluation stopped after \\d+ firings \\(limit 10000\\): "
                + "rule \"Loop forever\" fired \\d+ times; it probably re-triggers itself"), failure.getMessage());
    }

    @Test
    void ruleWhoseConsequenceThrowsIsNamed() {
        RuleFixtures.write(rules, "throws.drl", drl("""
                rule "Read a parameter nobody defined"
                    @category("test")
                    @priority(50)
                when
                    $d : DealContext( open )
                then
                    double threshold = $d.param("noSuchParam");
                end
                """));

        EvaluationFailedException failure = assertThrows(EvaluationFailedException.class, () -> evaluate(ONE_DEAL));

        assertEquals("Read a parameter nobody defined", failure.rule());
        assertEquals("rule \"Read a parameter nobody defined\" failed: playbook \"velocity\" defines no parameter "
                + "\"noSuchParam\"", failure.getMessage());
    }

    @Test
    void ruleWhoseConditionThrowsIsNamed() {
        RuleFixtures.write(rules, "throws.drl", drl("""
                rule "Compare with a parameter nobody defined"
                    @category("test")
                    @priority(50)
                when
                    $d : DealContext( open, daysInStage > param("noSuchParam") )
                then
                end
                """));

        EvaluationFailedException failure = assertThrows(EvaluationFailedException.class, () -> evaluate(ONE_DEAL));

        assertEquals("Compare with a parameter nobody defined", failure.rule());
        assertEquals("rule \"Compare with a parameter nobody defined\" failed: playbook \"velocity\" defines no "
                + "parameter \"noSuchParam\"", failure.getMessage());
    }

    private Evaluation evaluate(FactSet facts) {
        try (RuleRegistry registry = RuleFixtures.loaded(rules, RuleFixtures.PLAYBOOKS)) {
            return new Evaluator(registry::current).evaluate(facts);
        }
    }
}
