package io.pandu.rules;

import static io.pandu.testing.RuleFixtures.drl;
import static io.pandu.testing.RuleFixtures.textAt;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.pandu.errors.Diagnostic;
import io.pandu.evaluate.Evaluation;
import io.pandu.evaluate.Evaluator;
import io.pandu.facts.FactSet;
import io.pandu.facts.FactSetJson;
import io.pandu.guidance.Recommendation;
import io.pandu.testing.RuleFixtures;
import io.pandu.testing.TestClocks;
import java.io.IOException;
import java.io.OutputStream;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import org.apache.poi.ss.usermodel.Row;
import org.apache.poi.ss.usermodel.Sheet;
import org.apache.poi.ss.usermodel.Workbook;
import org.apache.poi.xssf.usermodel.XSSFWorkbook;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Every problem of every rule file is reported with the file, line and column an author must fix.
 */
class RuleDiagnosticsTest {

    /**
     * {@code src/test/resources/broken-rules}: a syntax error in one file, an unknown field in
     * another.
     */
    static Path brokenRules() {
        try {
            return Path.of(RuleDiagnosticsTest.class.getResource("/broken-rules").toURI());
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }

    @TempDir Path rules;

    @Test
    void syntaxErrorAndUnknownFieldInTwoFilesAreBothReportedAtTheirTokens() {
        RuleCompiler.Result result = new RuleCompiler(1).compile(brokenRules(), null);

        assertNull(result.rules());
        assertErrorAt(result, brokenRules(), "syntax-error.drl", 12, 30, ")");
        assertErrorAt(result, brokenRules(), "unknown-field.drl", 12, 29, "stagee");
        assertEquals(
                2, result.errors().size(), () -> "only the two mistakes, got " + result.errors());
    }

    @ParameterizedTest(name = "dialect {0}")
    @ValueSource(strings = {"java", "mvel"})
    void unknownMethodInAConsequenceIsReportedWhereItIsCalled(String dialect) {
        RuleFixtures.write(
                rules,
                "typo.drl",
                drl(
                        """
                rule "Typo in a consequence"
                    @category("test")
                    @priority(50)
                    dialect "%s"
                when
                    $d : DealContext( open )
                then
                    guidance.recommend("X", $d, null, $d.getStagee());
                end
                """
                                .formatted(dialect)));

        RuleCompiler.Result result = new RuleCompiler(1).compile(rules, null);

        assertNull(result.rules());
        assertErrorAt(result, rules, "typo.drl", 16, 42, "getStagee");
    }

    @Test
    void spreadsheetDecisionTableWithAPlainNameIsLoadedAndFires() throws IOException {
        writeDecisionTable(rules.resolve("review/foo.xlsx"));

        try (RuleRegistry registry = RuleFixtures.loaded(rules, RuleFixtures.PLAYBOOKS)) {
            Evaluation evaluation =
                    new Evaluator(registry::current, TestClocks.fixed()).evaluate(twoDeals());

            List<Recommendation> recommendations = evaluation.guidance().recommendations();
            assertEquals(
                    1, recommendations.size(), () -> "only the large deal, got " + recommendations);
            Recommendation review = recommendations.get(0);
            assertEquals("REVIEW_LARGE_DEAL", review.code());
            assertEquals("BIG", review.dealId());
            assertEquals("Deal of 5000 is at least 1000", review.reason());
            assertEquals("review/foo.xlsx", review.rule().file());
            assertEquals("coaching", review.rule().category());
        }
    }

    @Test
    void plainCsvInTheRulesDirectoryIsRejectedRatherThanIgnored() {
        RuleFixtures.write(rules, "data/bar.csv", "id,amount\nD1,100\n");

        RuleCompiler.Result result = new RuleCompiler(1).compile(rules, null);

        assertNull(result.rules());
        Diagnostic error = result.errors().get(0);
        assertEquals("data/bar.csv", error.file());
        assertEquals(
                "CSV file is not loaded: name a CSV decision table *.drl.csv, "
                        + "or move data files out of the rules directory",
                error.message());
    }

    @Test
    void ruleNamingAPlayNoPlaybookDefinesIsAnErrorAtTheRule() {
        String text =
                drl(
                        """
                // indented on purpose: the column must still point at the rule keyword
                    rule "Run a play nobody wrote"
                        @category("guided-selling")
                        @priority(50)
                        @play("velocity-no-such-play")
                    when
                        $d : DealContext( open )
                    then
                    end
                """);
        RuleFixtures.write(rules, "plays.drl", text);

        RuleCompiler.Result result =
                new RuleCompiler(1).compile(rules, Set.of("velocity-reengage"));

        assertNull(result.rules());
        Diagnostic error =
                assertErrorAt(
                        result, rules, "plays.drl", 10, 5, "rule \"Run a play nobody wrote\"");
        assertEquals(
                "rule \"Run a play nobody wrote\" names play \"velocity-no-such-play\" that no playbook defines",
                error.message());
    }

    private static Diagnostic assertErrorAt(
            RuleCompiler.Result result, Path dir, String file, int line, int column, String token) {
        Diagnostic error =
                result.errors().stream()
                        .filter(d -> d.file().equals(file))
                        .findFirst()
                        .orElseThrow(
                                () ->
                                        new AssertionError(
                                                "no error for "
                                                        + file
                                                        + " in "
                                                        + result.diagnostics()));
        assertEquals(line + ":" + column, error.line() + ":" + error.column(), error::toString);
        String text = RuleFixtures.read(dir.resolve(file));
        assertTrue(
                textAt(text, line, column).startsWith(token),
                () -> line + ":" + column + " is not at " + token);
        return error;
    }

    /** A deal of 5000 and one of 500 in the velocity playbook's second stage. */
    private static FactSet twoDeals() {
        return FactSetJson.read(
                """
                {"asOf": "2017-06-30",
                 "deals": [
                   {"id": "BIG", "stage": "Engaging", "amount": 5000, "closeDatePushes": 0},
                   {"id": "SMALL", "stage": "Engaging", "amount": 500, "closeDatePushes": 0}]}
                """);
    }

    /**
     * A decision table as sales ops would save it from Excel, under a name Drools itself would
     * skip.
     */
    private static void writeDecisionTable(Path file) throws IOException {
        String[][] rows = {
            {"RuleSet", "spreadsheet"},
            {"Import", "io.pandu.context.DealContext"},
            {"Variables", "io.pandu.guidance.GuidanceCollector guidance"},
            {},
            {"RuleTable Large deals"},
            {"NAME", "METADATA", "METADATA", "CONDITION", "ACTION"},
            {"", "", "", "$d : DealContext", ""},
            {
                "",
                "category($param)",
                "priority($param)",
                "open, amountValue >= $param",
                "guidance.recommend(\"$1\", $d, \"Review the deal\", \"Deal of \" + $d.getAmount() + \" is at least $2\");"
            },
            {"Rule", "Category", "Priority", "Minimum amount", "Code, threshold"},
            {"Review a large deal", "\"coaching\"", "60", "1000", "REVIEW_LARGE_DEAL, 1000"},
        };
        Files.createDirectories(file.getParent());
        try (Workbook workbook = new XSSFWorkbook();
                OutputStream out = Files.newOutputStream(file)) {
            Sheet sheet = workbook.createSheet("Rules");
            for (int r = 0; r < rows.length; r++) {
                Row row = sheet.createRow(r);
                for (int c = 0; c < rows[r].length; c++) {
                    row.createCell(c).setCellValue(rows[r][c]);
                }
            }
            workbook.write(out);
        }
    }
}
