package io.pandu.evaluate;

import static io.pandu.testing.RuleFixtures.drl;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.pandu.facts.FactSet;
import io.pandu.rules.RuleRegistry;
import io.pandu.testing.RuleFixtures;
import io.pandu.testing.TestClocks;
import java.nio.file.Path;
import java.time.Duration;
import java.util.stream.Stream;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * A rule that loops or throws ends its evaluation with an error that names it, not with a hang or a
 * Drools trace.
 */
class MisbehavingRuleTest {

    @TempDir Path rules;

    /**
     * Three ways a rule re-triggers itself: update its own fact, modify a declared fact, insert its
     * own match.
     */
    static Stream<Arguments> loops() {
        return Stream.of(
                Arguments.of(
                        "update",
                        """
                        rule "Loop forever"
                            @category("test")
                            @priority(50)
                        when
                            $d : DealContext( open )
                        then
                            update($d);
                        end
                        """),
                Arguments.of(
                        "modify",
                        """
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
                Arguments.of(
                        "insert",
                        """
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

        EvaluationFailedException failure =
                assertTimeoutPreemptively(
                        Duration.ofSeconds(30),
                        () ->
                                assertThrows(
                                        EvaluationFailedException.class,
                                        () -> evaluate(RuleFixtures.ONE_OPEN_DEAL)));

        assertEquals("Loop forever", failure.rule());
        assertTrue(
                failure.getMessage()
                        .matches(
                                "rule evaluation stopped after \\d+ firings \\(limit 10000\\): "
                                        + "rule \"Loop forever\" fired \\d+ times; it probably re-triggers itself"),
                failure.getMessage());
    }

    /**
     * Reading a playbook parameter nobody defined throws; a rule may do it in its consequence or in
     * a condition. The name is computed: a literal one is refused before the set loads
     * (SemanticChecksTest), so only a name the text does not show can reach run time.
     */
    static Stream<Arguments> throwing() {
        return Stream.of(
                Arguments.of(
                        "consequence",
                        "$d : DealContext( open )",
                        "double threshold = $d.param(\"noSuch\" + \"Param\");"),
                Arguments.of(
                        "condition",
                        "$d : DealContext( open, daysInStage > param(\"noSuch\" + \"Param\") )",
                        ""));
    }

    @ParameterizedTest(name = "in the {0}")
    @MethodSource("throwing")
    void ruleThatThrowsIsNamedWithTheCause(String where, String when, String then) {
        RuleFixtures.write(
                rules,
                "throws.drl",
                drl(
                        """
                rule "Read a parameter nobody defined"
                    @category("test")
                    @priority(50)
                when
                    %s
                then
                    %s
                end
                """
                                .formatted(when, then)));

        EvaluationFailedException failure =
                assertThrows(
                        EvaluationFailedException.class,
                        () -> evaluate(RuleFixtures.ONE_OPEN_DEAL));

        assertEquals("Read a parameter nobody defined", failure.rule());
        assertEquals(
                "rule \"Read a parameter nobody defined\" failed: playbook \"velocity\" defines no parameter "
                        + "\"noSuchParam\"",
                failure.getMessage());
    }

    private Evaluation evaluate(FactSet facts) {
        try (RuleRegistry registry = RuleFixtures.loaded(rules, RuleFixtures.PLAYBOOKS)) {
            return new Evaluator(registry::current, TestClocks.fixed()).evaluate(facts);
        }
    }
}
