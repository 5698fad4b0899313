package io.pandu.web;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.Select;

/**
 * Sales ops change the rules through a draft in a real browser: an error is shown at its line, an
 * unsaved edit is not published, the fixed draft is published with a note, the versions list shows
 * the note and the change, and a rollback puts the previous version back.
 */
class DraftsUiIT extends BrowserTest {
    private static final String FILE = "rules/playbook/stale-deals.drl";
    private static final int CONDITION_LINE = 13;

    private void setDraftText(String text) {
        new DraftEditor(browser).replaceText(text);
    }

    private String draftText() {
        return new DraftEditor(browser).text();
    }

    private static String live() {
        return server.http.get("/health", null).ok().get("rulesVersion").asText();
    }

    @Test
    void aDraftIsValidatedAtItsLinesPublishedWithANoteAndRolledBack() {
        String before = live();
        browser.signIn("ops", "rules-studio");
        browser.click("#tab-drafts");
        browser.click("#new-draft");
        browser.visible("#draft-workspace");
        new Select(browser.visible("#draft-file")).selectByValue(FILE);
        browser.wait.until(d -> draftText().contains("Re-engage a deal with no recent activity"));
        String original = draftText();

        setDraftText(original.replace("DealContext( open", "DealContxt( open"));
        browser.text("#draft-status", "Unsaved changes.");
        browser.click("#publish-draft");
        browser.text("#draft-problems", "Save the file to the draft first");
        browser.click("#save-draft-file");
        browser.text("#draft-status", "as in the draft");
        browser.click("#validate-draft");
        browser.visible("#draft-result.bad");
        WebElement error =
                browser.visible("#draft-problems li.error[data-line='" + CONDITION_LINE + "']");
        assertTrue(error.getText().contains("Line " + CONDITION_LINE), error.getText());
        new DraftEditor(browser).markedLine(CONDITION_LINE, "error");
        browser.screenshot("rules-studio-draft");

        String fixed = original.replace("@priority(70)", "@priority(71)");
        setDraftText(fixed);
        browser.click("#save-draft-file");
        browser.text("#draft-status", "as in the draft");
        browser.click("#validate-draft");
        browser.visible("#draft-result.ok");
        browser.click("#test-draft");
        browser.text("#draft-result", "pass");
        browser.visible("#publish-note").sendKeys("stale deals one notch higher");
        browser.click("#publish-draft");
        browser.text("#publish-result", "is live");
        String published = live();
        assertNotEquals(before, published);
        browser.wait.until(
                d ->
                        d.findElement(By.id("rules-version"))
                                .getText()
                                .equals(published.substring(0, 12)));

        browser.click("#tab-versions");
        WebElement newest =
                browser.visible(".versions-table tbody tr[data-version='" + published + "']");
        assertEquals(
                "stale deals one notch higher",
                newest.findElement(By.cssSelector(".note")).getText());
        assertEquals("ops", newest.findElement(By.cssSelector(".author")).getText());
        browser.press(newest.findElement(By.cssSelector(".show-diff")));
        browser.text("pre.diff", "+    @priority(71)");
        browser.screenshot("rules-studio-versions");

        WebElement previous =
                browser.visible(".versions-table tbody tr[data-version='" + before + "']");
        browser.press(previous.findElement(By.cssSelector(".roll-back")));
        browser.visible("#rollback-note").sendKeys("back to 70");
        browser.click("#confirm-rollback");
        browser.visible("#rollback-result");
        assertEquals(before, live());
        browser.wait.until(
                d ->
                        d.findElement(By.id("rules-version"))
                                .getText()
                                .equals(before.substring(0, 12)));
        JsonNode audit = server.http.get("/api/v1/rules/versions", server.token("ops")).ok();
        assertTrue(audit.toString().contains("stale deals one notch higher"));
        browser.assertNoConsoleErrors();
    }
}
