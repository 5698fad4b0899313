package io.pandu.web;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.Select;

/**
 * A rep in a real browser against the demo data: sign in, My day with ranked actions and their why,
 * dismiss one (gone at once, and still gone after a reload), snooze one, the deal page.
 */
class RepUiIT extends BrowserTest {

    @Test
    void inDemoModeTheSignInPageOffersTheDemoAccounts() {
        browser.find("form.signin[data-demo='true']");
        browser.click(".hint summary");
        browser.text(".hint", "moses.frase");
        browser.text(".hint", "the password “demo”");
        browser.assertNoConsoleErrors();
    }

    @Test
    void aWrongPasswordIsSaidPlainly() {
        browser.visible("#username").clear();
        browser.find("#username").sendKeys("moses.frase");
        browser.find("#password").sendKeys("not-the-password");
        browser.click("#signin-submit");
        browser.text("#signin-error", "Wrong user name or password.");
        List<String> errors = browser.consoleErrors();
        assertTrue(
                errors.stream().allMatch(e -> e.contains("401")),
                "only the refused sign-in may be logged: " + errors);
        assertEquals("sign-in", browser.find("#main").getDomAttribute("data-view"));
    }

    @Test
    void repSeesRankedActionsDismissesOneAndItStaysGone() {
        browser.click(".hint summary");
        browser.screenshot("sign-in");
        browser.signIn("moses.frase", "my-day");

        browser.visible("#actions li.action");
        List<WebElement> cards = browser.all("#actions li.action");
        assertFalse(cards.isEmpty(), "the demo data gives moses.frase next-best-actions");
        WebElement first = cards.get(0);
        assertEquals("1", first.findElement(By.cssSelector(".rank")).getText());
        assertFalse(first.findElement(By.cssSelector(".reason")).getText().isBlank());

        // the why: rule, facts, rule-set version
        first.findElement(By.cssSelector(".why summary")).click();
        String version = server.http.get("/health", null).ok().get("rulesVersion").asText();
        JsonNode best =
                server.http
                        .get("/api/v1/me/next-best-actions", server.token("moses.frase"))
                        .ok()
                        .get("actions")
                        .get(0);
        assertEquals(
                best.get("id").asText(),
                first.getDomAttribute("data-action-id"),
                "ranked as the API ranks");
        WebElement why = first.findElement(By.cssSelector(".why"));
        assertTrue(why.getText().contains(best.get("rule").get("name").asText()), why.getText());
        assertTrue(why.getText().contains(best.get("rule").get("file").asText()), why.getText());
        assertEquals(
                version.substring(0, 12),
                why.findElement(By.cssSelector("code.version")).getText());
        assertFalse(
                why.findElements(By.cssSelector("dd ul li")).isEmpty(),
                "the matched facts are listed");
        browser.screenshot("my-day");

        // dismiss with a reason: the card goes without a page load, and stays gone after one
        String dismissed = first.getDomAttribute("data-action-id");
        browser.js("window.__samePage = true;");
        first.findElement(By.cssSelector("button.dismiss")).click();
        new Select(browser.visible("#dismiss-" + dismissed + "-choice"))
                .selectByVisibleText("Not relevant for this deal");
        browser.click("[data-action-id='" + dismissed + "'] .confirm-dismiss");
        browser.gone("[data-action-id='" + dismissed + "']");
        browser.visible("#actions li.action");
        assertEquals(
                Boolean.TRUE,
                browser.js("return window.__samePage === true;"),
                "the list updated in place");
        assertTrue(browser.all("[data-action-id='" + dismissed + "']").isEmpty());

        browser.reload();
        browser.visible("#actions li.action");
        assertTrue(
                browser.all("[data-action-id='" + dismissed + "']").isEmpty(),
                "a dismissed action stays away after a reload");

        // snooze the new first one
        WebElement next = browser.find("#actions li.action");
        String snoozed = next.getDomAttribute("data-action-id");
        next.findElement(By.cssSelector("button.snooze")).click();
        browser.visible("#snooze-" + snoozed);
        browser.click("[data-action-id='" + snoozed + "'] .confirm-snooze");
        browser.gone("[data-action-id='" + snoozed + "']");
        browser.assertNoConsoleErrors();
    }

    /** My day holds the alerts about the rep's deals and says what today's budget held back. */
    @Test
    void myDayShowsTheAlertsAboutMyDealsAndWhatTheBudgetHeldBack() {
        browser.signIn("cecily.lampkin", "my-day");
        browser.visible("#actions li.action");
        JsonNode myDay =
                server.http
                        .get("/api/v1/me/next-best-actions", server.token("cecily.lampkin"))
                        .ok();
        int alerts = myDay.get("alerts").size();
        int heldBack = myDay.get("attention").get("heldBack").asInt();
        assertTrue(alerts + heldBack > 0, "a demo rep has alerts about their deals: " + myDay);
        if (alerts > 0) {
            assertEquals(alerts, browser.all("#my-alerts li.my-alert").size());
        }
        if (heldBack > 0) {
            assertTrue(
                    browser.visible("#attention-held-back")
                            .getText()
                            .startsWith(heldBack + " more"),
                    browser.visible("#attention-held-back").getText());
        }
    }

    @Test
    void theDealPageShowsStagePathPlaysActionsAndIncentives() {
        browser.signIn("moses.frase", "my-day");
        browser.visible("#actions li.action .deal-link");
        WebElement link =
                browser.all("#actions li.action .deal-link").stream()
                        .filter(a -> !a.getText().startsWith("(no account)"))
                        .findFirst()
                        .orElse(browser.find("#actions li.action .deal-link"));
        String dealName = link.getText();
        link.click();
        browser.wait.until(
                d -> "deal".equals(d.findElement(By.id("main")).getDomAttribute("data-view")));
        browser.text("h1", dealName);
        WebElement current = browser.visible("#stage-path li.stage.current");
        assertFalse(
                current.findElements(By.cssSelector(".criteria li")).isEmpty(),
                "the current stage lists its exit criteria");
        assertTrue(
                current.findElements(By.cssSelector(".criteria li.met, .criteria li.unmet")).size()
                        == current.findElements(By.cssSelector(".criteria li")).size(),
                "each criterion is ticked or not");
        browser.visible(".play-card .steps li");
        browser.visible(
                "section[aria-labelledby='deal-actions-title'] li.action, section[aria-labelledby='deal-actions-title'] .empty");
        browser.visible(
                "section[aria-labelledby='insights-title'] li.insight, section[aria-labelledby='insights-title'] .empty");
        browser.screenshot("deal");
        browser.viewport(390, 844);
        try {
            assertTrue(browser.fitsWidth(), "the deal page fits 390 px");
            browser.go("#/my-day");
            browser.visible("#actions li.action");
            assertTrue(browser.fitsWidth(), "My day fits 390 px");
        } finally {
            browser.viewport(Browser.WIDTH, Browser.HEIGHT);
        }
        browser.assertNoConsoleErrors();
    }

    @Test
    void theDealPageShowsEveryPendingActionOfTheDealEvenOnesMyDayLeavesOut() {
        String token = server.http.login("moses.frase", "demo");
        List<String> shownOnMyDay = new ArrayList<>();
        server.http
                .get("/api/v1/me/next-best-actions", token)
                .ok()
                .get("actions")
                .forEach(a -> shownOnMyDay.add(a.path("dealId").asText("")));
        String dealId = null;
        int expected = 0;
        for (JsonNode deal :
                server.http
                        .get("/api/v1/deals?ownerId=moses.frase&stage=Engaging&limit=100", token)
                        .ok()
                        .get("items")) {
            String id = deal.get("value").get("id").asText();
            JsonNode actions =
                    server.http
                            .get("/api/v1/deals/" + id + "/next-best-actions", token)
                            .ok()
                            .get("actions");
            if (!shownOnMyDay.contains(id) && actions.size() >= 2) {
                dealId = id;
                expected = actions.size();
                break;
            }
        }
        assertNotNull(dealId, "moses.frase has a deal with several actions that My day leaves out");
        browser.signIn("moses.frase", "my-day");
        browser.go("#/deals/" + dealId);
        browser.visible("section[aria-labelledby='deal-actions-title'] li.action");
        assertEquals(
                expected,
                browser.all("section[aria-labelledby='deal-actions-title'] li.action").size());
        browser.assertNoConsoleErrors();
    }

    @Test
    void everyRepsListOnTheDemoMixesAtLeastFourCodesAndNoneMoreThanThreeTimes() {
        String ops = server.http.login("ops", "demo");
        int reps = 0;
        java.util.Set<String> everyCode = new java.util.TreeSet<>();
        for (JsonNode rep : server.http.get("/api/v1/reps?limit=200", ops).ok().get("items")) {
            String id = rep.get("value").get("id").asText();
            java.util.Map<String, Integer> codes = new java.util.TreeMap<>();
            server.http
                    .get("/api/v1/reps/" + id + "/next-best-actions", ops)
                    .ok()
                    .get("actions")
                    .forEach(a -> codes.merge(a.get("code").asText(), 1, Integer::sum));
            if (codes.values().stream().mapToInt(Integer::intValue).sum() < 10) {
                continue; // no full list (e.g. no open deals)
            }
            reps++;
            everyCode.addAll(codes.keySet());
            assertTrue(codes.size() >= 4, id + ": " + codes);
            assertTrue(codes.values().stream().allMatch(n -> n <= 3), id + ": " + codes);
        }
        assertTrue(reps >= 20, "the demo's reps with a full list: " + reps);
        assertTrue(
                everyCode.containsAll(List.of("IDENTIFY_ECONOMIC_BUYER", "ENGAGE_EXEC_SPONSOR")),
                everyCode.toString());
    }

    @Test
    void myDayCardsShowValueEarningsScoreFactorsAndHowManyMoreLikeThisUnderAnAttainmentHeader() {
        // the demo has no quotas: give one rep a quota, so the commission plan applies
        String ops = server.token("ops");
        ObjectNode rep =
                (ObjectNode)
                        server.http.get("/api/v1/reps/versie.hillebrand", ops).ok().get("value");
        rep.put("quota", 500000);
        server.http.put("/api/v1/reps/versie.hillebrand", ops, rep.toString()).ok();
        JsonNode day =
                server.http
                        .get("/api/v1/me/next-best-actions", server.token("versie.hillebrand"))
                        .ok();

        browser.signIn("versie.hillebrand", "my-day");
        browser.visible("#actions li.action");

        // the header: attainment and what the listed actions are worth
        String header = browser.visible("#attainment").getText();
        assertTrue(header.contains("% of quota"), header);
        assertTrue(header.contains("$500,000"), header);
        assertTrue(
                header.contains("across " + day.get("worth").get("deals").asInt() + " deal"),
                header);

        // every card on a deal: its value and what closing it earns, as the API says
        List<WebElement> cards = browser.all("#actions li.action");
        assertEquals(day.get("actions").size(), cards.size());
        int withMore = 0;
        for (int i = 0; i < cards.size(); i++) {
            JsonNode action = day.get("actions").get(i);
            WebElement card = cards.get(i);
            assertEquals(action.get("id").asText(), card.getDomAttribute("data-action-id"));
            if (action.hasNonNull("dealId")) {
                assertEquals(
                        "Deal " + money(action.get("dealValue").asDouble()),
                        card.findElement(By.cssSelector(".deal-value")).getText());
                assertEquals(
                        "you earn " + money(action.get("earnings").asDouble()),
                        card.findElement(By.cssSelector(".earnings")).getText());
            }
            if (action.hasNonNull("moreLikeThis")) {
                withMore++;
                assertTrue(
                        card.findElement(By.cssSelector(".more-like-this"))
                                .getText()
                                .startsWith(action.get("moreLikeThis").asInt() + " more like this"),
                        card.getText());
            } else {
                assertTrue(card.findElements(By.cssSelector(".more-like-this")).isEmpty());
            }
        }
        assertTrue(withMore > 0, "the cap held some actions back for this rep: " + day);

        // the score's factors under "Why?"
        WebElement first = cards.get(0);
        first.findElement(By.cssSelector(".why summary")).click();
        JsonNode f = day.get("actions").get(0).get("scoreFactors");
        assertEquals(
                f.get("priority").asInt()
                        + " priority × "
                        + String.format(Locale.ROOT, "%.2f", f.get("value").asDouble())
                        + " value × "
                        + String.format(Locale.ROOT, "%.2f", f.get("urgency").asDouble())
                        + " urgency = "
                        + String.format(Locale.ROOT, "%.2f", f.get("total").asDouble()),
                first.findElement(By.cssSelector(".score-factors")).getText());
        browser.screenshot("my-day-money");
        browser.assertNoConsoleErrors();
    }

    /** Money as the web UI writes it: "$12,345" (whole dollars, halves up). */
    private static String money(double value) {
        return "$" + String.format(Locale.US, "%,d", Math.round(value));
    }
}
