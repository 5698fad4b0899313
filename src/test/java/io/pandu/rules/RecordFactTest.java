package io.pandu.rules;

import static io.pandu.testing.RuleFixtures.drl;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.pandu.evaluate.Evaluator;
import io.pandu.facts.FactSet;
import io.pandu.facts.FactSetJson;
import io.pandu.guidance.TerritoryFinding;
import io.pandu.testing.RuleFixtures;
import io.pandu.testing.TestClocks;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Facts are Java records; a rule constrains on a record component by its name in either dialect.
 */
class RecordFactTest {

    @TempDir Path rules;

    @ParameterizedTest(name = "dialect {0}")
    @ValueSource(strings = {"java", "mvel"})
    void ruleConstrainsOnRecordComponents(String dialect) {
        RuleFixtures.write(
                rules,
                "emea.drl",
                drl(
                        """
                rule "Large EMEA account"
                    @category("territory")
                    @priority(50)
                    dialect "%s"
                when
                    $a : Account( region == "EMEA", employees >= 1000, hasOwner() == false )
                then
                    guidance.finding("LARGE_EMEA_ACCOUNT", $a.id(), null, $a.territoryId(), null, null,
                        $a.name() + " in " + $a.region());
                end
                """
                                .formatted(dialect)));
        FactSet facts =
                FactSetJson.read(
                        """
                {"accounts": [
                  {"id": "A1", "name": "Rundofase", "region": "EMEA", "employees": 5000, "territoryId": "T-EU"},
                  {"id": "A2", "name": "Small", "region": "EMEA", "employees": 10},
                  {"id": "A3", "name": "Owned", "region": "EMEA", "employees": 5000, "ownerId": "R1"},
                  {"id": "A4", "name": "Cancity", "region": "United States", "employees": 5000}]}
                """);

        try (RuleRegistry registry = RuleFixtures.loaded(rules, RuleFixtures.PLAYBOOKS)) {
            List<TerritoryFinding> findings =
                    new Evaluator(registry::current, TestClocks.fixed())
                            .evaluate(facts)
                            .guidance()
                            .territoryFindings();

            assertEquals(
                    List.of("A1 T-EU Rundofase in EMEA"),
                    findings.stream()
                            .map(f -> f.accountId() + " " + f.territoryId() + " " + f.reason())
                            .toList());
        }
    }
}
