package io.pandu.rules;

import static io.pandu.testing.RuleFixtures.drl;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.pandu.errors.Diagnostic;
import io.pandu.playbook.PlaybookLibrary;
import io.pandu.playbook.PlaybookLoader;
import io.pandu.testing.RuleFixtures;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Predicate;
import org.apache.poi.ss.usermodel.Row;
import org.apache.poi.ss.usermodel.Sheet;
import org.apache.poi.ss.usermodel.Workbook;
import org.apache.poi.xssf.usermodel.XSSFWorkbook;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Each semantic check: given rule text and playbooks, the diagnostic an author gets, in the same
 * answer as every other problem of the set.
 */
class SemanticChecksTest {
    private static final String TIERS = "incentives/commission-tiers.drl.csv";

    @TempDir Path dir;

    private Path rules;
    private Path playbooks;

    /** A copy of the shipped rules and playbooks to break one thing at a time. */
    private void copyShipped() throws IOException {
        rules = dir.resolve("rules");
        playbooks = dir.resolve("playbooks");
        RuleFixtures.copyTree(RuleFixtures.STARTER_RULES, rules);
        RuleFixtures.copyTree(RuleFixtures.PLAYBOOKS, playbooks);
    }

    private RuleCompiler.Result compileAll() {
        PlaybookLoader.Result loaded = new PlaybookLoader().load(playbooks);
        assertTrue(loaded.ok(), loaded.diagnostics().toString());
        RuleCompiler.Result result = new RuleCompiler(1).compileAll(rules, loaded.library());
        if (result.rules() != null) {
            result.rules().close();
        }
        return result;
    }

    private void edit(Path file, String from, String to) throws IOException {
        String text = Files.readString(file);
        assertTrue(text.contains(from), file + " contains " + from);
        Files.writeString(file, text.replace(from, to));
    }

    private static Diagnostic only(RuleCompiler.Result result, Predicate<Diagnostic> which) {
        List<Diagnostic> found = result.diagnostics().stream().filter(which).toList();
        assertEquals(1, found.size(), () -> "one such diagnostic in " + result.diagnostics());
        return found.get(0);
    }

    @Test
    void theShippedRuleSetPassesEverySemanticCheckWithoutAWarning() throws IOException {
        copyShipped();
        RuleCompiler.Result result = compileAll();
        assertTrue(result.ok(), result.diagnostics().toString());
        assertEquals(List.of(), result.diagnostics());
    }

    @Test
    void aRenamedPlaybookParameterIsAnErrorAtTheRuleInTheSameAnswerAsASyntaxErrorElsewhere()
            throws IOException {
        copyShipped();
        edit(playbooks.resolve("velocity.yaml"), "staleAfterDays: 7", "staleDays: 7");
        edit(
                rules.resolve("playbook/demos.drl"),
                "activities(ActivityType.DEMO) == 0 )",
                "activities(ActivityType.DEMO) == 0 ))");

        RuleCompiler.Result result = compileAll();

        assertNull(result.rules());
        Diagnostic renamed =
                only(result, d -> d.isError() && d.message().contains("\"staleAfterDays\""));
        assertEquals("playbook/stale-deals.drl", renamed.file());
        assertEquals(13, renamed.line());
        assertEquals(53, renamed.column(), renamed::toString);
        assertTrue(
                renamed.message()
                        .startsWith(
                                "rule \"Re-engage a deal with no recent activity\" reads playbook"
                                        + " parameter \"staleAfterDays\" that playbook \"velocity\""),
                renamed::toString);
        Diagnostic syntax = only(result, d -> d.file().equals("playbook/demos.drl"));
        assertTrue(syntax.isError(), syntax::toString);
        assertEquals(15, syntax.line(), syntax::toString);
    }

    @Test
    void aTeamParameterNoRowInsertsIsAnErrorAtTheRuleThatReadsIt() throws IOException {
        copyShipped();
        edit(
                rules.resolve("parameters/team-parameters.drl.csv"),
                "\"repInactiveDays, 7\"",
                "\"repIdleDays, 7\"");

        Diagnostic d = only(compileAll(), x -> x.message().contains("\"repInactiveDays\""));

        assertTrue(d.isError());
        assertEquals("coaching/rep-activity.drl", d.file());
        assertEquals(14, d.line());
        assertTrue(d.message().contains("team parameter"), d::toString);
        assertTrue(d.message().contains("can never fire"), d::toString);
    }

    @Test
    void aCriterionNoPlaybookStageNamesIsAnError() throws IOException {
        copyShipped();
        edit(
                rules.resolve("playbook/demos.drl"),
                "contains \"activity:demo\"",
                "contains \"activity:demoo\"");

        Diagnostic d = only(compileAll(), x -> x.message().contains("\"activity:demoo\""));

        assertTrue(d.isError());
        assertEquals("playbook/demos.drl", d.file());
        assertEquals(15, d.line());
        assertTrue(d.message().contains("no playbook stage names"), d::toString);
    }

    @Test
    void aCodeNoScenarioExpectsIsAWarningAtTheRuleThatRaisesIt() throws IOException {
        copyShipped();
        edit(
                rules.resolve("playbook/stale-deals.drl"),
                "guidance.recommend(\"REENGAGE_STALE_DEAL\"",
                "guidance.recommend(\"REENGAGE_QUIET_DEAL\"");

        RuleCompiler.Result result = compileAll();

        Diagnostic d = only(result, x -> x.message().contains("REENGAGE_QUIET_DEAL"));
        assertFalse(d.isError(), "a warning: the set still runs");
        assertTrue(result.ok(), result.diagnostics().toString());
        assertEquals("playbook/stale-deals.drl", d.file());
        assertEquals(17, d.line());
        assertTrue(d.message().contains("no scenario documents"), d::toString);
    }

    @Test
    void aCsvDecisionTableErrorIsReportedAtItsCsvRowAndColumn() throws IOException {
        copyShipped();
        edit(rules.resolve(TIERS), "\"target, 0.5, 1.0, 0.08\"", "\"target, 0.5, 1.0, 0.08x\"");

        Diagnostic d = only(compileAll(), x -> x.file().equals(TIERS));

        assertTrue(d.isError());
        assertEquals(11, d.line(), "the CSV line of the target tier: " + d);
        assertEquals(5, d.column(), "column E, the action cell: " + d);
        assertTrue(d.message().endsWith("(decision table row 11, column E)"), d::toString);
    }

    @Test
    void aConditionErrorInAnXlsxTableNamesTheSheetRowAndColumn() throws IOException {
        rules = dir.resolve("rules");
        playbooks = RuleFixtures.PLAYBOOKS;
        writeXlsx(rules.resolve("review/large-deals.xlsx"), "open, amountValu >= $param");

        Diagnostic d = only(compileAll(), x -> x.file().equals("review/large-deals.xlsx"));

        assertTrue(d.isError());
        assertEquals(10, d.line(), d::toString);
        assertEquals(4, d.column(), "column D, the condition cell: " + d);
        assertTrue(
                d.message().endsWith("(decision table sheet \"Rules\", row 10, column D)"),
                d::toString);
    }

    @Test
    void aGapBetweenCommissionTiersIsAnErrorAtTheTierAfterIt() throws IOException {
        copyShipped();
        edit(rules.resolve(TIERS), "\"base, 0, 0.5, 0.05\"", "\"base, 0, 0.4, 0.05\"");

        RuleCompiler.Result result = compileAll();

        assertNull(result.rules());
        Diagnostic d = only(result, x -> x.message().contains("uncovered"));
        assertTrue(d.isError());
        assertEquals(TIERS, d.file());
        assertEquals(11, d.line());
        assertEquals(5, d.column());
        assertTrue(
                d.message().startsWith("commission tiers leave attainment 0.4–0.5 uncovered"),
                d::toString);
    }

    @Test
    void overlappingCommissionTiersAreAnError() throws IOException {
        copyShipped();
        edit(rules.resolve(TIERS), "\"target, 0.5, 1.0, 0.08\"", "\"target, 0.5, 1.2, 0.08\"");

        Diagnostic d = only(compileAll(), x -> x.message().contains("overlap"));

        assertTrue(d.isError());
        assertEquals(12, d.line(), "the accelerated tier starts inside the target tier: " + d);
        assertTrue(d.message().contains("overlap on attainment 1–1.2"), d::toString);
    }

    @Test
    void aPatternOnATypeNothingInsertsIsAWarning() throws IOException {
        rules = dir.resolve("rules");
        playbooks = RuleFixtures.PLAYBOOKS;
        RuleFixtures.write(
                rules,
                "test/deals.drl",
                drl(
                        """
                        import io.pandu.facts.Deal;

                        rule "Waits for raw deals"
                            @category("test")
                            @priority(1)
                        when
                            Deal( amount != null )
                            not Account()
                        then
                            guidance.recommend("NEVER", null, "never", "never");
                        end
                        """));

        RuleCompiler.Result result = compileAll();

        Diagnostic d = only(result, x -> x.message().contains("nothing inserts"));
        assertFalse(d.isError());
        assertEquals(15, d.line(), d::toString);
        assertEquals(5, d.column(), d::toString);
        assertTrue(
                d.message().startsWith("rule \"Waits for raw deals\" matches Deal facts"),
                d::toString);
    }

    @Test
    void aConstraintComparingAFieldWithAValueOfAnotherTypeIsAWarning() throws IOException {
        rules = dir.resolve("rules");
        playbooks = RuleFixtures.PLAYBOOKS;
        RuleFixtures.write(
                rules,
                "test/types.drl",
                drl(
                        """
                        rule "Compares a number with text"
                            @category("test")
                            @priority(1)
                        when
                            $d : DealContext( open, daysInStage == "long" )
                        then
                            guidance.recommend("NEVER", $d, "never", "never");
                        end
                        """));

        RuleCompiler.Result result = compileAll();

        Diagnostic d = only(result, x -> x.message().contains("a value of another type"));
        assertFalse(d.isError(), d::toString);
        assertEquals("test/types.drl", d.file());
        assertEquals(13, d.line(), d::toString);
        assertTrue(
                d.message()
                        .startsWith(
                                "rule \"Compares a number with text\" compares daysInStage (int)"
                                        + " with \"long\""),
                d::toString);
    }

    @Test
    void theSourcesOverloadRunsTheSemanticChecksAndReadsCodesFromScenarioSources()
            throws IOException {
        copyShipped();
        edit(playbooks.resolve("velocity.yaml"), "staleAfterDays: 7", "staleDays: 7");
        PlaybookLibrary library = new PlaybookLoader().load(playbooks).library();
        RuleFiles.Scan scan = RuleFiles.scan(rules);
        List<RuleSource> sources = new ArrayList<>(scan.sources());
        byte[] scenario =
                "name: s\ngiven: {}\nexpect:\n  present: [{code: SOMETHING_ELSE}]\n"
                        .getBytes(StandardCharsets.UTF_8);
        sources.add(
                new RuleSource(
                        "playbook/scenarios/only.yaml",
                        new String(scenario, StandardCharsets.UTF_8),
                        false,
                        scenario));

        RuleCompiler.Result result =
                new RuleCompiler(1).compile(sources, scan.diagnostics(), library);

        assertNull(result.rules());
        assertTrue(
                result.errors().stream().anyMatch(d -> d.message().contains("\"staleAfterDays\"")),
                result.diagnostics()::toString);
        assertTrue(
                result.diagnostics().stream()
                        .anyMatch(
                                d ->
                                        !d.isError()
                                                && d.message()
                                                        .contains(
                                                                "code \"REENGAGE_STALE_DEAL\" that no scenario documents")),
                result.diagnostics()::toString);
        assertTrue(
                result.diagnostics().stream().noneMatch(d -> d.file().endsWith(".yaml")),
                "a scenario is not compiled as a rule file");
    }

    @Test
    void theOldSignatureStillChecksPlaysButNoSemantics() throws IOException {
        copyShipped();
        RuleFiles.Scan scan = RuleFiles.scan(rules);
        RuleCompiler.Result result =
                new RuleCompiler(1).compile(scan.sources(), scan.diagnostics(), java.util.Set.of());
        assertTrue(
                result.errors().stream()
                        .allMatch(d -> d.message().contains("that no playbook defines")),
                result.diagnostics()::toString);
        assertFalse(result.errors().isEmpty());
    }

    private static void writeXlsx(Path file, String condition) throws IOException {
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
                condition,
                "guidance.recommend(\"$1\", $d, \"Review the deal\", \"at least $2\");"
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
