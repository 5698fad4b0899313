package io.pandu.web;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.text.NumberFormat;
import java.util.List;
import java.util.Locale;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;

/**
 * The manager's home, the director's view and the territories screen in a real browser on the demo
 * data: the figures on screen are the API's, every chart has its numbers in a table for screen
 * readers, and names drill down (director → team → rep).
 */
class TeamViewsUiIT extends BrowserTest {
    private static final String MANAGER = "dustin.brinkmann";

    private static String money(JsonNode value) {
        NumberFormat f = NumberFormat.getCurrencyInstance(Locale.US);
        f.setMaximumFractionDigits(0);
        return f.format(value.asDouble());
    }

    /** The visually hidden table of the chart in {@code section}, as rows of cell texts. */
    private static List<List<String>> chartTable(String section) {
        WebElement table = browser.find(section + " figure.chart table.sr-only");
        return table.findElements(By.cssSelector("tbody tr")).stream()
                .map(
                        tr ->
                                tr.findElements(By.cssSelector("th, td")).stream()
                                        .map(c -> c.getDomProperty("textContent"))
                                        .toList())
                .toList();
    }

    @Test
    void aManagerSeesTheTeamsRosterPipelineForecastAndWonValueAndDrillsIntoARep() {
        JsonNode home = server.http.get("/api/v1/teams/" + MANAGER, server.token(MANAGER)).ok();
        browser.signIn(MANAGER, "coaching-inbox");
        browser.click("nav a[href='#/team']");
        browser.visible("#roster tbody tr");
        assertEquals("my-team", browser.find("#main").getDomAttribute("data-view"));
        List<WebElement> rows = browser.all("#roster tbody tr");
        assertEquals(home.get("reps").size(), rows.size());
        JsonNode first = home.get("reps").get(0);
        assertTrue(
                rows.get(0).getText().contains(first.get("name").asText()), rows.get(0).getText());
        assertEquals(
                String.valueOf(first.get("openAlerts").asInt()),
                rows.get(0).findElement(By.cssSelector("td.alerts")).getText());

        // won value by month: the chart's table has the twelve months and the API's values
        List<List<String>> months = chartTable("#won-by-month");
        assertEquals(12, months.size());
        for (int i = 0; i < 12; i++) {
            JsonNode m = home.get("wonByMonth").get(i);
            double v = m.get("wonValue").asDouble();
            if (v > 0) {
                assertEquals(
                        v >= 1000 ? "$" + Math.round(v / 1000) + "k" : "$" + Math.round(v),
                        months.get(i).get(1),
                        months.get(i).toString());
            }
        }
        // pipeline by stage and the forecast by part have their tables too
        assertEquals(home.get("stages").size(), chartTable("#stages").size());
        assertEquals(2, chartTable("#forecast").size());
        JsonNode q1 = home.get("forecasts").get(0);
        browser.text("#forecast [data-period='2018-Q1']", money(q1.get("forecast")));
        assertEquals(4, browser.all("#forecast-categories tbody tr").size());
        browser.text(
                "#forecast-categories tr[data-category='Commit'] td",
                String.valueOf(q1.get("categories").get("Commit").get("deals").asInt()));
        assertTrue(browser.fitsWidth(), "nothing sticks out sideways");
        browser.screenshot("manager-home");

        // drill into the first rep: their KPI page
        browser.press(rows.get(0).findElement(By.cssSelector("th a")));
        browser.wait.until(
                d -> "rep".equals(d.findElement(By.id("main")).getDomAttribute("data-view")));
        browser.visible("#kpis");
        browser.assertNoConsoleErrors();
    }

    @Test
    void aDirectorSeesEveryTeamByRegionAndDrillsIntoATeamAndARep() {
        JsonNode view = server.http.get("/api/v1/teams", server.token("director")).ok();
        browser.signIn("director", "director");
        browser.visible("section.region tbody tr");
        assertEquals(view.get("regions").size(), browser.all("section.region").size());
        int teams = 0;
        for (JsonNode region : view.get("regions")) {
            WebElement section =
                    browser.find(
                            "section.region[data-region='" + region.get("region").asText() + "']");
            assertEquals(
                    region.get("teams").size(),
                    section.findElements(By.cssSelector("tbody tr")).size());
            teams += region.get("teams").size();
        }
        assertEquals(6, teams);
        // both charts carry their numbers as tables: a row per team, a row per quarter
        assertEquals(teams, chartTable("#forecast-vs-quota").size());
        assertEquals(4, chartTable("#won-by-quarter").size());
        JsonNode team = view.get("regions").get(0).get("teams").get(0);
        WebElement row =
                browser.find(
                        "section.region tr[data-manager-id='"
                                + team.get("managerId").asText()
                                + "']");
        assertTrue(row.getText().contains(money(team.get("forecast"))), row.getText());
        assertTrue(
                row.getText().contains(money(team.get("wonByQuarter").get("2017-Q4"))),
                row.getText());
        assertTrue(browser.fitsWidth(), "nothing sticks out sideways");
        browser.screenshot("director");

        // drill into the team, then into a rep
        browser.press(row.findElement(By.cssSelector("th a")));
        browser.wait.until(
                d -> "team".equals(d.findElement(By.id("main")).getDomAttribute("data-view")));
        browser.visible("#roster tbody tr th a");
        browser.click("#roster tbody tr th a");
        browser.wait.until(
                d -> "rep".equals(d.findElement(By.id("main")).getDomAttribute("data-view")));
        browser.visible("#kpis");
        browser.visible(".crumbs a[href='#/director']");
        // read-only: the rep's alerts have no acknowledge or resolve buttons
        browser.visible("#main li.alert");
        assertTrue(browser.all("#main li.alert button.acknowledge").isEmpty());

        // and a deal of one of the alerts: its actions without feedback buttons, the way back
        browser.click("#main li.alert a.deal-link");
        browser.wait.until(
                d -> "deal".equals(d.findElement(By.id("main")).getDomAttribute("data-view")));
        browser.wait.until(
                d ->
                        d.findElements(
                                        By.cssSelector(
                                                "section[aria-labelledby='deal-actions-title'] .loading"))
                                .isEmpty());
        assertTrue(browser.all("li.card.action .actions-row button").isEmpty());
        browser.visible(".crumbs a[href='#/director']");
        browser.assertNoConsoleErrors();
    }

    @Test
    void opsSeesTheTerritoriesAndTheTerritoryRulesFindings() {
        JsonNode findings =
                server.http.get("/api/v1/territories/findings", server.token("ops")).ok();
        browser.signIn("ops", "rules-studio");
        browser.click("nav a[href='#/territories']");
        browser.visible("#territory-list tbody tr");
        assertEquals(3, browser.all("#territory-list tbody tr").size());
        browser.visible("#findings-ownerSuggestions li.finding");
        assertEquals(
                findings.get("ownerSuggestions").size(),
                browser.all("#findings-ownerSuggestions li.finding").size());
        assertEquals(
                findings.get("unassignedAccounts").size(),
                browser.all("#findings-unassignedAccounts li.finding").size());
        browser.text(
                "#findings-balance li.finding",
                findings.get("balance").get(0).get("title").asText());
        browser.screenshot("territories");
        browser.assertNoConsoleErrors();
    }
}
