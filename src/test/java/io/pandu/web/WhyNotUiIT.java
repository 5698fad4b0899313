package io.pandu.web;

import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.Select;

/**
 * "Why not …?" on the deal page in a real browser: ops pick a code and read the failed condition
 * with the value the rule saw; a manager reads why an action of their team's deal fired; the deal's
 * own rep gets no such control.
 */
class WhyNotUiIT extends BrowserTest {
    private static final String REP = "moses.frase";
    private static final String MANAGER = "dustin.brinkmann";
    private static final String CODE = "IDENTIFY_ECONOMIC_BUYER";
    private static String knownBuyer;
    private static String unknownBuyer;

    @BeforeAll
    static void oneDealWithItsEconomicBuyerKnown() {
        String ops = server.token("ops");
        JsonNode open =
                server.http
                        .get("/api/v1/deals?ownerId=" + REP + "&stage=Engaging&limit=2", ops)
                        .ok()
                        .get("items");
        ObjectNode known = (ObjectNode) open.get(0).get("value").deepCopy();
        ObjectNode qualification = known.putObject("qualification");
        for (String criterion :
                new String[] {
                    "champion",
                    "metrics",
                    "decisionCriteria",
                    "decisionProcess",
                    "paperProcess",
                    "pain"
                }) {
            qualification.put(criterion, false);
        }
        qualification.put("economicBuyer", true);
        if (known.path("lostAtStage").isNull()) {
            known.remove("lostAtStage");
        }
        knownBuyer = known.get("id").asText();
        server.http.put("/api/v1/deals/" + knownBuyer, ops, known.toString()).ok();
        ObjectNode unknown = (ObjectNode) open.get(1).get("value").deepCopy();
        unknown.remove("qualification");
        if (unknown.path("lostAtStage").isNull()) {
            unknown.remove("lostAtStage");
        }
        unknownBuyer = unknown.get("id").asText();
        server.http.put("/api/v1/deals/" + unknownBuyer, ops, unknown.toString()).ok();
    }

    @Test
    void opsPickACodeAndReadTheFailedConditionWithTheValueSeen() {
        browser.signIn("ops", "rules-studio");
        browser.go("#/deals/" + knownBuyer);
        browser.click("#why-not-ask");
        browser.find("#why-not-code option[value='" + CODE + "']"); // the codes of every rule
        new Select(browser.find("#why-not-code")).selectByValue(CODE);
        WebElement rule =
                browser.visible(
                        "#why-not-answer li.why-not-rule[data-codes='"
                                + CODE
                                + "'][data-status='not-matched']");
        browser.text(
                "#why-not-answer li.why-not-rule .why-not-sentence",
                "qualification.economicBuyer is true, the rule needs false");
        assertTrue(
                rule.getText().contains("playbook/qualification.drl"),
                "where the rule is: " + rule.getText());
        assertTrue(
                !browser.all("#why-not-answer li.why-not-rule li.failed[data-held='false']")
                        .isEmpty(),
                "the failed condition is marked");
        browser.assertNoConsoleErrors();
    }

    @Test
    void aManagerSeesWhyItFiredAndTheRepHasNoSuchControl() {
        browser.signIn(MANAGER, "coaching-inbox");
        browser.go("#/deals/" + unknownBuyer);
        browser.click("#why-not-ask");
        browser.find("#why-not-code option[value='" + CODE + "']"); // the codes of every rule
        new Select(browser.find("#why-not-code")).selectByValue(CODE);
        // it fires for this deal: the answer is what the rep's list did with the action
        WebElement rule =
                browser.visible(
                        "#why-not-answer li.why-not-rule[data-codes='"
                                + CODE
                                + "']:not([data-status='not-matched'])");
        String status = rule.getDomAttribute("data-status");
        assertTrue(
                java.util.Set.of("shown", "capped", "budget", "feedback").contains(status), status);
        String sentence =
                rule.findElement(org.openqa.selenium.By.cssSelector(".why-not-sentence")).getText();
        assertTrue(
                sentence.startsWith("fired")
                        || sentence.startsWith("capped")
                        || sentence.startsWith("held back"),
                sentence);
        browser.assertNoConsoleErrors();

        browser.reset();
        browser.signIn(REP, "my-day");
        browser.go("#/deals/" + unknownBuyer);
        browser.visible("#stage-path");
        assertTrue(browser.all("#why-not-ask").isEmpty(), "reps have no why-not control");
    }
}
