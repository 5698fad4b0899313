package io.pandu.web;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.pandu.testing.Http;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.apache.poi.ss.usermodel.Row;
import org.apache.poi.ss.usermodel.Sheet;
import org.apache.poi.ss.usermodel.Workbook;
import org.apache.poi.xssf.usermodel.XSSFWorkbook;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.Keys;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.interactions.Actions;
import org.openqa.selenium.support.ui.Select;

/**
 * The studio's draft editor in a real browser: CodeMirror from its WebJars (not the textarea
 * fallback, and nothing from another host) under the page's strict policy, a syntax error typed
 * into a rule marked at its line, the unsaved-changes warning fed by the editor, a decision table
 * edited as a grid and saved as the CSV the API returns, a playbook's validation error shown in the
 * YAML, and the textarea when the editor cannot load.
 */
class StudioEditorUiIT extends BrowserTest {
    private static final String STALE = "rules/playbook/stale-deals.drl";
    private static final String TIERS = "rules/incentives/commission-tiers.drl.csv";
    private static final String VELOCITY = "playbooks/velocity.yaml";
    private static final int CONDITION_LINE = 13;

    private final DraftEditor editor = new DraftEditor(browser);

    /** Signs in as ops, starts a draft and opens one of its files; returns the draft's id. */
    private String openDraftFile(String path) {
        browser.signIn("ops", "rules-studio");
        browser.click("#tab-drafts");
        browser.click("#new-draft");
        browser.visible("#draft-workspace");
        new Select(browser.visible("#draft-file")).selectByValue(path);
        browser.text("#draft-status", path + " as in the draft");
        return browser.find("#draft-title").getText().replaceAll("^Draft (\\S+) .*$", "$1");
    }

    private String draftFile(String id, String path) {
        return server.http
                .get(
                        "/api/v1/rules/drafts/" + id + "/files/" + path.replace("/", "%2F"),
                        server.token("ops"))
                .text();
    }

    private int lineOfCursor() {
        return editor.lineOfCursor();
    }

    @Test
    void aSyntaxErrorTypedIntoARuleIsMarkedAtItsLineAndTheProblemListGoesThere() {
        String id = openDraftFile(STALE);
        WebElement host = editor.loaded();
        browser.find("#draft-workspace .source-editor[data-editor='codemirror']");
        assertTrue(browser.all("textarea#draft-text").isEmpty(), "the fallback textarea is gone");
        assertEquals(
                "drl",
                editor.inside()
                        .findElement(By.cssSelector(".cm-content"))
                        .getDomAttribute("data-mode"));
        String original = editor.text();
        assertEquals(draftFile(id, STALE), original);

        // type, as a user does: to the end of the condition line, then break its pattern (keys go
        // to
        // the focused editor; WebElement.sendKeys would put the caret at the end first)
        editor.inside().findElement(By.cssSelector(".cm-content")).click();
        Actions keys =
                new Actions(browser.driver())
                        .keyDown(Keys.CONTROL)
                        .sendKeys(Keys.HOME)
                        .keyUp(Keys.CONTROL);
        for (int i = 1; i < CONDITION_LINE; i++) {
            keys.sendKeys(Keys.ARROW_DOWN);
        }
        keys.sendKeys(Keys.END, " )").perform(); // a parenthesis too many, at column 79
        browser.text("#draft-status", "Unsaved changes.");
        assertTrue(editor.text().contains("param(\"staleAfterDays\") ) )\n"), editor.text());

        browser.click("#save-draft-file");
        browser.text("#draft-status", "as in the draft");
        assertEquals(editor.text(), draftFile(id, STALE), "the API holds what was typed");
        browser.click("#validate-draft");
        browser.visible("#draft-result.bad");
        WebElement problem =
                browser.visible(
                        "#draft-problems li.error[data-line='" + CONDITION_LINE + "'] button");
        WebElement line = editor.markedLine(CONDITION_LINE, "error");
        assertTrue(line.getText().endsWith(") ) )"), line.getText());
        List<WebElement> squiggles =
                editor.inside().findElements(By.cssSelector(".cm-lintRange-error"));
        assertEquals(1, squiggles.size(), "a squiggle under the error");
        assertEquals(")", squiggles.get(0).getText(), "at its column");
        assertFalse(
                editor.inside().findElements(By.cssSelector(".cm-lint-marker-error")).isEmpty(),
                "a mark in the gutter");

        editor.inside().findElement(By.cssSelector(".cm-content")).click(); // the caret elsewhere
        new Actions(browser.driver())
                .keyDown(Keys.CONTROL)
                .sendKeys(Keys.HOME)
                .keyUp(Keys.CONTROL)
                .perform();
        assertEquals(1, lineOfCursor());
        browser.press(problem);
        browser.wait.until(d -> lineOfCursor() == CONDITION_LINE);
        browser.screenshot("rules-studio-code-editor");

        @SuppressWarnings("unchecked")
        List<String> elsewhere =
                (List<String>)
                        browser.js(
                                "return performance.getEntriesByType('resource').map((e) => e.name)"
                                        + ".filter((n) => !n.startsWith(location.origin + '/'));");
        assertEquals(List.of(), elsewhere, "no request leaves the server's origin");
        assertTrue(
                ((Number)
                                        browser.js(
                                                "return performance.getEntriesByType('resource')"
                                                        + ".filter((e) => e.name.includes('/webjars/codemirror__view/')).length;"))
                                .intValue()
                        > 0,
                "the editor came from its WebJar");
        assertTrue(host.isDisplayed());
        browser.assertNoConsoleErrors();
    }

    @Test
    void anEditInTheEditorIsAnUnsavedChangeThatAsksBeforeItIsThrownAway() {
        openDraftFile(STALE);
        WebElement content = editor.inside().findElement(By.cssSelector(".cm-content"));
        content.click();
        content.sendKeys(Keys.END, "// a note");
        browser.text("#draft-status", "Unsaved changes.");

        new Select(browser.find("#draft-file")).selectByValue(VELOCITY);
        browser.wait.until(d -> d.switchTo().alert()).dismiss(); // keep the edit
        assertEquals(
                STALE, new Select(browser.find("#draft-file")).getFirstSelectedOption().getText());
        assertTrue(editor.text().contains("// a note"), "the edit is still there");
        browser.text("#draft-status", "Unsaved changes.");

        new Select(browser.find("#draft-file")).selectByValue(VELOCITY);
        browser.wait.until(d -> d.switchTo().alert()).accept(); // throw it away
        browser.text("#draft-status", VELOCITY + " as in the draft");
        assertTrue(editor.text().contains("staleAfterDays: 7"), editor.text());
        browser.assertNoConsoleErrors();
    }

    @Test
    void aDecisionTableIsEditedAsAGridAndSavedAsTheCsvTheApiReturns() {
        String id = openDraftFile(TIERS);
        String original = draftFile(id, TIERS);
        browser.visible("#dt-grid");
        assertFalse(browser.find(".source-editor").isDisplayed(), "the grid, not the text");
        WebElement target = browser.find("#dt-grid input[data-row='11'][data-column='5']");
        assertEquals("target, 0.5, 1.0, 0.08", target.getDomProperty("value"));
        assertEquals(
                "\"\"\"incentives\"\"\"".replace("\"\"\"", "\""),
                browser.find("#dt-grid input[data-row='11'][data-column='3']")
                        .getDomProperty("value"),
                "a quoted cell shows its value");

        // a cell edited in place: a broken action, placed by validate at row 11, column E
        target.click();
        target.sendKeys(Keys.END, "x");
        browser.text("#draft-status", "Unsaved changes.");
        browser.click("#save-draft-file");
        browser.text("#draft-status", "as in the draft");
        assertEquals(
                original.replace("\"target, 0.5, 1.0, 0.08\"", "\"target, 0.5, 1.0, 0.08x\""),
                draftFile(id, TIERS));
        browser.click("#validate-draft");
        browser.visible("#draft-result.bad");
        WebElement bad = browser.visible("#dt-grid td.dt-problem.error");
        WebElement badInput = bad.findElement(By.cssSelector("input"));
        assertEquals("11", badInput.getDomAttribute("data-row"));
        assertEquals("5", badInput.getDomAttribute("data-column"));
        String listed = browser.find("#draft-problems li.error").getText();
        assertTrue(listed.startsWith("Row 11, column E"), listed);
        assertTrue(listed.contains("(decision table row 11, column E)"), listed);
        browser.find("#dt-grid input[data-row='1'][data-column='1']").click();
        browser.press(browser.find("#draft-problems li.error button"));
        browser.wait.until( // the list goes to the cell
                d ->
                        "11".equals(d.switchTo().activeElement().getDomAttribute("data-row"))
                                && "5"
                                        .equals(
                                                d.switchTo()
                                                        .activeElement()
                                                        .getDomAttribute("data-column")));
        browser.screenshot("rules-studio-decision-table");

        // a row added below row 12, with a cell that needs quoting; then removed again
        WebElement lastTier = browser.find("#dt-grid input[data-row='12'][data-column='1']");
        lastTier.click();
        browser.click("#dt-add-row");
        WebElement added = browser.find("#dt-grid input[data-row='13'][data-column='2']");
        added.sendKeys("Say \"hi\", then 9%");
        target = browser.find("#dt-grid input[data-row='11'][data-column='5']");
        target.click();
        target.sendKeys(Keys.END, Keys.BACK_SPACE); // the action is whole again
        browser.click("#save-draft-file");
        browser.text("#draft-status", "as in the draft");
        String[] lines = draftFile(id, TIERS).split("\n", -1);
        String[] before = original.split("\n", -1);
        assertEquals(before.length + 1, lines.length);
        assertEquals(",\"Say \"\"hi\"\", then 9%\",,,,", lines[12]);
        assertEquals(before[11], lines[11]);
        assertEquals(before[12], lines[13]);
        browser.click("#validate-draft");
        browser.visible("#draft-result");

        browser.find("#dt-grid input[data-row='13'][data-column='2']").click();
        browser.click("#dt-remove-row");
        browser.click("#save-draft-file");
        browser.text("#draft-status", "as in the draft");
        assertEquals(original, draftFile(id, TIERS), "back to the file as it was, byte for byte");

        browser.click("#toggle-grid");
        assertEquals(
                "csv",
                editor.inside()
                        .findElement(By.cssSelector(".cm-content"))
                        .getDomAttribute("data-mode"));
        assertEquals(original, editor.text());
        browser.assertNoConsoleErrors();
    }

    @Test
    void theCsvWriterRoundTripsEveryShippedDecisionTableAndQuotesWhatItMust() throws IOException {
        browser.signIn("ops", "rules-studio");
        Map<String, String> tables = new java.util.TreeMap<>();
        try (Stream<Path> files = Files.walk(Path.of("rules"))) {
            for (Path f : files.filter(p -> p.toString().endsWith(".csv")).toList()) {
                tables.put(f.toString(), Files.readString(f));
            }
        }
        assertTrue(tables.size() >= 3, tables.keySet().toString());
        Object differing =
                browser.driver()
                        .executeAsyncScript(
                                "const [tables, done] = arguments;"
                                        + "import('/views/studio/csv.js').then(({ parseCsv, writeCsv }) => done("
                                        + " Object.entries(tables).filter(([, t]) => { const p = parseCsv(t);"
                                        + " return writeCsv(p.rows, p) !== t; }).map(([f]) => f)));",
                                tables);
        assertEquals(List.of(), differing, "tables that do not come back byte for byte");
        @SuppressWarnings("unchecked")
        Map<String, Object> cases =
                (Map<String, Object>)
                        browser.driver()
                                .executeAsyncScript(
                                        "const done = arguments[0];"
                                                + "import('/views/studio/csv.js').then(({ parseCsv, writeCsv }) => {"
                                                + " const rows = [['a,b', 'say \"hi\"', 'two\\nlines', ' pad', ''], ['plain']];"
                                                + " const crlf = parseCsv('x,\"y\"\"z\"\\r\\n1,2');"
                                                + " done({ written: writeCsv(rows),"
                                                + "  back: JSON.stringify(parseCsv(writeCsv(rows)).rows) === JSON.stringify(rows),"
                                                + "  crlf: JSON.stringify(crlf.rows), newline: crlf.newline, trailing: crlf.trailingNewline,"
                                                + "  crlfBack: writeCsv(crlf.rows, crlf) }); });");
        assertEquals(
                "\"a,b\",\"say \"\"hi\"\"\",\"two\nlines\",\" pad\",\nplain\n",
                cases.get("written"));
        assertEquals(true, cases.get("back"));
        assertEquals("[[\"x\",\"y\\\"z\"],[\"1\",\"2\"]]", cases.get("crlf"));
        assertEquals("\r\n", cases.get("newline"));
        assertEquals(false, cases.get("trailing"));
        assertEquals("x,\"y\"\"z\"\r\n1,2", cases.get("crlfBack"));
    }

    @Test
    void aPlaybookIsEditedAsYamlAndItsValidationErrorIsShownInPlace() {
        String id = openDraftFile(VELOCITY);
        editor.loaded();
        assertEquals(
                "yaml",
                editor.inside()
                        .findElement(By.cssSelector(".cm-content"))
                        .getDomAttribute("data-mode"));
        String original = editor.text();
        assertEquals(draftFile(id, VELOCITY), original);
        List<String> lines = List.of(original.split("\n", -1));
        int maxDays = lines.indexOf("    maxDays: 14") + 1;
        assertTrue(maxDays > 0, original);

        editor.replaceText(original.replace("    maxDays: 14", "    maxDays: -14"));
        browser.text("#draft-status", "Unsaved changes.");
        browser.click("#save-draft-file");
        browser.text("#draft-status", "as in the draft");
        browser.click("#validate-draft");
        browser.visible("#draft-result.bad");
        WebElement problem =
                browser.visible("#draft-problems li.error[data-line='" + maxDays + "']");
        assertTrue(problem.getText().contains("maxDays must be positive"), problem.getText());
        WebElement line = editor.markedLine(maxDays, "error");
        assertTrue(line.getText().contains("maxDays: -14"), line.getText());
        browser.press(problem.findElement(By.cssSelector("button")));
        browser.wait.until(d -> lineOfCursor() == maxDays); // the list goes to the line
        browser.wait.until( // and scrolls it into the editor's view
                d ->
                        (Boolean)
                                browser.js(
                                        "const [line, scroller] = arguments;"
                                                + " const l = line.getBoundingClientRect(), s = scroller.getBoundingClientRect();"
                                                + " return l.top >= s.top && l.bottom <= s.bottom;",
                                        editor.markedLine(maxDays, "error"),
                                        editor.inside()
                                                .findElement(By.cssSelector(".cm-scroller"))));
        browser.screenshot("rules-studio-playbook");
        browser.assertNoConsoleErrors();
    }

    @Test
    void withoutTheEditorsModulesTheTextareaStillEditsTheFile() {
        browser.driver().executeCdpCommand("Network.enable", Map.of());
        browser.driver()
                .executeCdpCommand("Network.setCacheDisabled", Map.of("cacheDisabled", true));
        browser.driver()
                .executeCdpCommand(
                        "Network.setBlockedURLs", Map.of("urls", List.of("*codemirror__view*")));
        try {
            String id = openDraftFile(STALE);
            browser.find(".source-editor[data-editor='textarea']");
            WebElement text = browser.visible("textarea#draft-text");
            assertTrue(text.getDomProperty("value").contains("Re-engage"), "the file is shown");
            text.sendKeys(Keys.chord(Keys.CONTROL, Keys.END), "\n// fallback edit\n");
            browser.text("#draft-status", "Unsaved changes.");
            browser.click("#save-draft-file");
            browser.text("#draft-status", "as in the draft");
            assertTrue(draftFile(id, STALE).contains("// fallback edit"));
        } finally {
            browser.driver().executeCdpCommand("Network.setBlockedURLs", Map.of("urls", List.of()));
            browser.driver()
                    .executeCdpCommand("Network.setCacheDisabled", Map.of("cacheDisabled", false));
            browser.consoleErrors(); // the blocked module's load error, on purpose
        }
    }

    @Test
    void aSpreadsheetDecisionTableIsUploadedToTheDraftAndItsErrorNamesSheetRowAndColumn()
            throws IOException {
        Path sheet = Files.createTempDirectory("pandu-xlsx-").resolve("large-deals.drl.xlsx");
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
                "open, amountValu >= $param",
                "guidance.recommend(\"$1\", $d, \"Review the deal\", \"at least $2\");"
            },
            {"Rule", "Category", "Priority", "Minimum amount", "Code, threshold"},
            {"Review a large deal", "\"coaching\"", "60", "1000", "REVIEW_LARGE_DEAL, 1000"},
        };
        try (Workbook workbook = new XSSFWorkbook();
                OutputStream out = Files.newOutputStream(sheet)) {
            Sheet rules = workbook.createSheet("Rules");
            for (int r = 0; r < rows.length; r++) {
                Row row = rules.createRow(r);
                for (int c = 0; c < rows[r].length; c++) {
                    row.createCell(c).setCellValue(rows[r][c]);
                }
            }
            workbook.write(out);
        }
        String id = openDraftFile(STALE);
        browser.find("#sheet-file").sendKeys(sheet.toString());
        assertEquals(
                "rules/large-deals.drl.xlsx",
                browser.find("#sheet-path").getDomProperty("value"),
                "a new spreadsheet goes to the rules folder");
        browser.click("#upload-sheet");
        browser.text("#draft-result", "Uploaded rules/large-deals.drl.xlsx");
        Http.Response back =
                server.http.get(
                        "/api/v1/rules/drafts/" + id + "/files/rules%2Flarge-deals.drl.xlsx",
                        server.token("ops"));
        assertEquals(200, back.status());
        assertEquals("application/octet-stream", back.header("Content-Type"));

        browser.click("#validate-draft");
        browser.visible("#draft-result.bad");
        String problems = browser.find("#draft-problems").getText();
        assertTrue(problems.contains("sheet \"Rules\", row 10, column D"), problems);
        assertTrue(problems.contains("rules/large-deals.drl.xlsx"), problems);
        browser.assertNoConsoleErrors();
    }
}
