package io.pandu.web;

import io.pandu.api.TestServer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.Select;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Sales ops in a real browser against the demo data: the rules studio lists packs, rules and how often
 * each fired; a broken rule is shown with its error at its line; the fixed rule is saved, the rules
 * reload and the new version shows (and reps get the changed wording).
 */
class OpsUiIT {
    private static final String FILE = "playbook/stale-deals.drl";
    private static TestServer server;
    private static Browser browser;

    @BeforeAll
    static void start() {
        Browser.assumeInstalled();
        server = TestServer.startDemo();
        browser = Browser.open(server.http.base());
    }

    @AfterAll
    static void stop() {
        try {
            if (browser != null) {
                browser.close();
            }
        } finally {
            if (server != null) {
                server.close();
            }
        }
    }

    @BeforeEach
    void signedOut() {
        browser.reset();
    }

    private void setRuleText(String text) {
        browser.js("const t = arguments[0]; t.value = arguments[1]; t.dispatchEvent(new Event('input', { bubbles: true }));",
                browser.find("#rule-text"), text);
    }

    @Test
    void theStudioListsPacksRulesFiringsAndPlaybooks() {
        browser.signIn("ops", "rules-studio");
        String version = server.http.get("/health", null).ok().get("rulesVersion").asText();
        browser.text("#rules-version", version.substring(0, 12));
        for (String pack : List.of("coaching", "incentives", "playbook", "territory")) {
            browser.visible("section.pack[data-pack='" + pack + "']");
        }
        WebElement stale = browser.visible("tr[data-rule='Re-engage a deal with no recent activity']");
        assertTrue(stale.getText().contains("velocity-reengage"), stale.getText());
        assertTrue(Integer.parseInt(stale.findElement(By.cssSelector("td.firings")).getText()) > 0,
                "the demo run fired the stale-deal rule");
        browser.screenshot("rules-studio");

        browser.click("#tab-firings");
        browser.visible(".firings-table tbody tr[data-rule='Re-engage a deal with no recent activity'] .bar");
        browser.click("#tab-playbooks");
        WebElement playbook = browser.visible("section.playbook[data-playbook='velocity']");
        assertTrue(playbook.findElements(By.cssSelector(".stage-path li")).size() >= 3);
        assertFalse(playbook.findElements(By.cssSelector("li.play-card .steps li")).isEmpty());
        browser.viewport(390, 844);
        try {
            browser.click("#tab-rules");
            assertTrue(browser.fitsWidth(), "the rules studio fits 390 px (wide tables scroll inside their box)");
        } finally {
            browser.viewport(Browser.WIDTH, Browser.HEIGHT);
        }
        browser.assertNoConsoleErrors();
    }

    @Test
    void aBrokenRuleShowsItsErrorAtItsLineAndTheFixedOneReloadsAsANewVersion() throws Exception {
        browser.signIn("ops", "rules-studio");
        String before = server.http.get("/health", null).ok().get("rulesVersion").asText();
        browser.text("#rules-version", before.substring(0, 12));
        browser.click("#tab-editor");
        new Select(browser.visible("#rule-file")).selectByValue(FILE);
        browser.wait.until(d -> browser.find("#rule-text").getDomProperty("value").contains("rule \"Re-engage"));
        String original = browser.find("#rule-text").getDomProperty("value");
        List<String> lines = original.lines().toList();
        int line = 1 + lines.indexOf(lines.stream().filter(l -> l.contains("DealContext(")).findFirst().orElseThrow());

        // a typo in the condition: validation shows the error at that line, in the list and the gutter
        setRuleText(original.replace("DealContext(", "DealContxt("));
        browser.click("#validate-rule");
        browser.visible("#validation-result.bad");
        WebElement error = browser.visible("#diagnostics li.error[data-line='" + line + "']");
        assertTrue(error.getText().contains("Line " + line), error.getText());
        assertTrue(error.getText().contains("DealContxt"), error.getText());
        browser.visible(".gutter .ln.error[data-line='" + line + "']");
        browser.screenshot("rules-studio-editor");

        // fixed, and reworded: it validates, saves, reloads, and the new version is shown
        String fixed = original.replace("\"Re-engage \" + $d", "\"Reach out again: \" + $d");
        assertNotEquals(original, fixed);
        setRuleText(fixed);
        browser.click("#validate-rule");
        browser.visible("#validation-result.ok");
        assertTrue(browser.all(".gutter .ln.error").isEmpty());
        browser.click("#save-rule");
        browser.wait.until(d -> !d.findElement(By.id("rules-version")).getText().equals(before.substring(0, 12)));
        String after = server.http.get("/health", null).ok().get("rulesVersion").asText();
        assertNotEquals(before, after);
        assertEquals(after.substring(0, 12), browser.find("#rules-version").getText());
        browser.text("#validation-result", "Saved and reloaded");
        assertEquals(fixed, Files.readString(server.rules().resolve(Path.of(FILE))), "the file on disk is the fixed text");
        browser.assertNoConsoleErrors();

        // the reps see the new wording
        String titles = server.http.get("/api/v1/me/next-best-actions", server.token("moses.frase")).ok().toString();
        assertTrue(titles.contains("Reach out again: "), titles);
    }
}
