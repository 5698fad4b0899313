package io.pandu.web;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.pandu.facts.Rep;
import io.pandu.ingest.MavenCrmReader;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;

/**
 * The studio's Effectiveness tab in a real browser against the demo: one table row per rule and
 * code with the API's counts, a dismissal a rep gave shows with its reason, and a row per playbook.
 */
class EffectivenessUiIT extends BrowserTest {

    @Test
    void theEffectivenessTabShowsTheApisFiguresPerRuleAndCodeAndPerPlaybookAsTables() {
        String reason = "the buyer left the company";
        JsonNode dismissed = dismissOneAction(reason);

        browser.signIn("ops", "rules-studio");
        browser.click("#tab-effectiveness");
        browser.visible("table.effect-rules tbody tr");
        JsonNode report = server.http.get("/api/v1/rules/effectiveness", server.token("ops")).ok();
        List<WebElement> rows = browser.all("table.effect-rules tbody tr");
        assertEquals(report.get("rules").size(), rows.size(), "a row per rule and code");
        JsonNode first = report.get("rules").get(0);
        WebElement firstRow = rows.get(0);
        assertEquals(first.get("code").asText(), firstRow.getDomAttribute("data-code"));
        List<WebElement> cells = firstRow.findElements(By.cssSelector("td"));
        // code, shown, held out, done, dismissed, snoozed, …
        assertEquals(String.format("%,d", first.get("shown").asInt()), cells.get(1).getText());
        assertEquals(String.format("%,d", first.get("heldOut").asInt()), cells.get(2).getText());

        WebElement dismissedRow =
                rows.stream()
                        .filter(
                                r ->
                                        dismissed
                                                .get("code")
                                                .asText()
                                                .equals(r.getDomAttribute("data-code")))
                        .filter(
                                r ->
                                        dismissed
                                                .get("rule")
                                                .get("name")
                                                .asText()
                                                .equals(r.getDomAttribute("data-rule")))
                        .findFirst()
                        .orElseThrow();
        assertTrue(dismissedRow.getText().contains(reason + " (1)"), dismissedRow.getText());
        assertEquals(
                "velocity",
                browser.visible("table.effect-playbooks tbody tr")
                        .getDomAttribute("data-playbook"));
        browser.screenshot("studio-effectiveness");
        browser.assertNoConsoleErrors();
    }

    /** A demo rep dismisses their first action through the API; that action. */
    private static JsonNode dismissOneAction(String reason) {
        LocalDate asOf = LocalDate.of(2017, 12, 31);
        for (Rep rep :
                new MavenCrmReader()
                        .read(Path.of("src/main/resources/demo/maven-crm"), asOf)
                        .facts()
                        .reps()) {
            String token = server.token(rep.id());
            JsonNode actions =
                    server.http.get("/api/v1/me/next-best-actions", token).ok().get("actions");
            if (!actions.isEmpty()) {
                JsonNode action = actions.get(0);
                server.http
                        .post(
                                "/api/v1/actions/" + action.get("id").asText() + "/feedback",
                                token,
                                "{\"kind\": \"dismissed\", \"reason\": \"" + reason + "\"}")
                        .ok();
                return action;
            }
        }
        throw new AssertionError("no demo rep has an action");
    }
}
