package io.pandu.web;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.Select;

/**
 * Sales ops in a real browser against the demo data: the rules studio lists packs, rules and how
 * often each fired; a broken rule is shown with its error at its line; the fixed rule is saved, the
 * rules reload and the new version shows (and reps get the changed wording).
 */
class OpsUiIT extends BrowserTest {
    private static final String FILE = "playbook/big-deals.drl";
    private static final String RULE_NAME = "Call the big deals this week";
    private static final int CONDITION_LINE = 11;
    private static final String RULE =
            """
            package playbook

            import io.pandu.context.DealContext;

            global io.pandu.guidance.GuidanceCollector guidance;

            rule "Call the big deals this week"
                @category("guided-selling")
                @priority(60)
            when
                $d : DealContext( open, amountValue > 5000 )
            then
                guidance.recommend("CALL_BIG_DEAL", $d, "Call about " + $d.getDeal().name(),
                    "The deal is worth " + $d.getAmountValue() + ", more than 5000");
            end
            """;

    /**
     * The row among `rows` whose data-rule is `rule` (rule names may hold quotes, so no CSS
     * attribute selector).
     */
    private WebElement row(String rows, String rule) {
        return browser.wait.until(
                d ->
                        d.findElements(By.cssSelector(rows)).stream()
                                .filter(r -> rule.equals(r.getDomAttribute("data-rule")))
                                .findFirst()
                                .orElse(null));
    }

    private final DraftEditor editor = new DraftEditor(browser, "rule-text");

    private void setRuleText(String text) {
        editor.replaceText(text);
    }

    @Test
    void theApiDocsRenderUnderTheirContentSecurityPolicy() {
        browser.driver().get(server.http.base() + "/docs");
        browser.visible(".swagger-ui .opblock");
        browser.text(".swagger-ui .info", "Pandu");
        browser.assertNoConsoleErrors();
    }

    @Test
    void theStudioListsPacksRulesFiringsAndPlaybooks() {
        browser.signIn("ops", "rules-studio");
        String version = server.http.get("/health", null).ok().get("rulesVersion").asText();
        browser.text("#rules-version", version.substring(0, 12));
        JsonNode catalogue = server.http.get("/api/v1/rules", server.token("ops")).ok();
        for (JsonNode pack : catalogue.get("packs")) {
            browser.visible("section.pack[data-pack='" + pack.get("name").asText() + "']");
        }
        List<String> names = new ArrayList<>();
        catalogue
                .get("packs")
                .forEach(
                        pack ->
                                pack.get("rules")
                                        .forEach(rule -> names.add(rule.get("name").asText())));
        assertEquals(
                names.size(),
                browser.all("table.rules-table tbody tr").size(),
                "every rule is listed");
        JsonNode top = server.http.get("/api/v1/rules/firings", server.token("ops")).ok().get(0);
        String topRule =
                names.stream()
                        .filter(n -> top.get("rule").asText().endsWith("." + n))
                        .findFirst()
                        .orElseThrow();
        WebElement row = row("table.rules-table tbody tr", topRule);
        assertEquals(
                top.get("firings").asText(),
                row.findElement(By.cssSelector("td.firings")).getText(),
                "the rule that fired most in the demo run, with its count");
        browser.screenshot("rules-studio");

        browser.click("#tab-firings");
        browser.visible(".firings-table tbody tr .bar");
        assertEquals(
                top.get("firings").asText(),
                row(".firings-table tbody tr", topRule)
                        .findElement(By.cssSelector(".num"))
                        .getText());
        browser.click("#tab-playbooks");
        WebElement playbook = browser.visible("section.playbook");
        assertTrue(playbook.findElements(By.cssSelector(".stage-path li")).size() >= 3);
        assertFalse(playbook.findElements(By.cssSelector("li.play-card .steps li")).isEmpty());
        browser.viewport(390, 844);
        try {
            browser.click("#tab-rules");
            assertTrue(
                    browser.fitsWidth(),
                    "the rules studio fits 390 px (wide tables scroll inside their box)");
        } finally {
            browser.viewport(Browser.WIDTH, Browser.HEIGHT);
        }
        browser.assertNoConsoleErrors();
    }

    @Test
    void aPastedRuleWithAnErrorShowsItAtItsLineAndTheFixedOneReloadsAsANewVersion()
            throws Exception {
        browser.signIn("ops", "rules-studio");
        String before = server.http.get("/health", null).ok().get("rulesVersion").asText();
        browser.text("#rules-version", before.substring(0, 12));
        browser.click("#tab-editor");
        new Select(browser.visible("#rule-file")).selectByValue("__new__");
        browser.visible("#new-rule-path").sendKeys(FILE);

        // a typo in the condition: validation shows the error at that line, in the list and in the
        // editor
        setRuleText(RULE.replace("DealContext(", "DealContxt("));
        browser.click("#validate-rule");
        browser.visible("#validation-result.bad");
        WebElement error =
                browser.visible("#diagnostics li.error[data-line='" + CONDITION_LINE + "']");
        assertTrue(error.getText().contains("Line " + CONDITION_LINE), error.getText());
        assertTrue(error.getText().contains("DealContxt"), error.getText());
        editor.markedLine(CONDITION_LINE, "error");
        browser.screenshot("rules-studio-editor");
        error.findElement(By.cssSelector("button")).click();
        assertEquals(
                CONDITION_LINE,
                editor.lineOfCursor(),
                "the error's button puts the cursor on its line");

        // fixed: it validates, saves, the rules reload, the new version and the new rule are shown
        setRuleText(RULE);
        browser.click("#validate-rule");
        browser.visible("#validation-result.ok");
        assertTrue(editor.inside().findElements(By.cssSelector(".cm-problem-error")).isEmpty());
        browser.click("#save-rule");
        browser.wait.until(
                d ->
                        !d.findElement(By.id("rules-version"))
                                .getText()
                                .equals(before.substring(0, 12)));
        String after = server.http.get("/health", null).ok().get("rulesVersion").asText();
        assertNotEquals(before, after);
        assertEquals(after.substring(0, 12), browser.find("#rules-version").getText());
        browser.text("#validation-result", "Saved and reloaded");
        assertEquals(
                RULE,
                server.http
                        .get("/api/v1/rules/file?path=" + FILE, server.token("ops"))
                        .ok()
                        .get("text")
                        .asText(),
                "the version in use has the fixed text (a save makes a version in the store)");
        browser.click("#tab-rules");
        row("section.pack[data-pack='playbook'] tr", RULE_NAME);
        browser.assertNoConsoleErrors();
    }
}
