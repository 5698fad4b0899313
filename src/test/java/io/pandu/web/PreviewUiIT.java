package io.pandu.web;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.Select;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * Sales ops preview a draft in a real browser before publishing it: a velocity playbook that never
 * calls a deal stale shows every re-engagement removed, counted per code, and nothing is published.
 */
class PreviewUiIT extends BrowserTest {
    private static final String VELOCITY = "playbooks/velocity.yaml";

    private String draftText() {
        return new DraftEditor(browser).text();
    }

    @Test
    void aDraftsImpactIsShownPerCodeBeforeItIsPublished() {
        String before = server.http.get("/health", null).ok().get("rulesVersion").asText();
        browser.signIn("ops", "rules-studio");
        browser.click("#tab-drafts");
        browser.click("#new-draft");
        browser.visible("#draft-workspace");
        new Select(browser.visible("#draft-file")).selectByValue(VELOCITY);
        browser.wait.until(d -> draftText().contains("staleAfterDays: 7"));
        new DraftEditor(browser)
                .replaceText(draftText().replace("staleAfterDays: 7", "staleAfterDays: 100000"));
        browser.click("#save-draft-file");
        browser.text("#draft-status", "as in the draft");

        browser.click("#preview-draft");
        new WebDriverWait(browser.driver(), Duration.ofSeconds(120))
                .until(d -> !d.findElements(By.cssSelector("#preview-summary")).isEmpty());
        String summary = browser.find("#preview-summary").getText();
        assertTrue(summary.contains("8,800 deals"), summary);
        WebElement reengage = browser.visible("#preview-codes tr[data-key='REENGAGE_STALE_DEAL']");
        var cells = reengage.findElements(By.cssSelector("td"));
        // Kind, Live, Draft, Added, Removed, Changed
        int live = Integer.parseInt(cells.get(1).getText().replace(",", ""));
        assertTrue(live > 0, "the demo has stale velocity deals: " + reengage.getText());
        assertEquals("0", cells.get(2).getText(), reengage.getText());
        assertEquals(cells.get(1).getText(), cells.get(4).getText(), "every one removed");
        assertTrue(browser.all("#preview-examples li[data-change='removed']").size() > 0);
        browser.screenshot("rules-studio-preview");
        assertEquals(
                before,
                server.http.get("/health", null).ok().get("rulesVersion").asText(),
                "a preview publishes nothing");
        browser.assertNoConsoleErrors();
    }
}
