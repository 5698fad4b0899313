package io.pandu.web;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.pandu.testing.TestServer;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.ExpectedConditions;

/**
 * Sales ops in a real browser: the Import page uploads the four Maven CRM CSVs, shows the records
 * per kind and the quirks of the data, and a second import of the same files changes nothing; a
 * file in the wrong input is reported next to that input, an upload over the server's limit says
 * the limit; reps do not get the page.
 */
class ImportUiIT extends BrowserTest {
    private static final Path CSVS = Path.of("src/main/resources/demo/maven-crm").toAbsolutePath();
    private static final List<String> PARTS =
            List.of("sales_pipeline", "sales_teams", "accounts", "products");
    private static final String DEAL = "1C1I7A6R";

    private void openImport() {
        browser.signIn("ops", "rules-studio");
        browser.click("#nav a[href='#/import']");
        browser.wait.until(
                d -> "import".equals(d.findElement(By.id("main")).getDomAttribute("data-view")));
        browser.visible("#import-form");
    }

    /**
     * Chooses `file` (from the demo CSVs) in the file input of `part`, as a person picking it in
     * the file dialog.
     */
    private void choose(String part, String file) {
        browser.find("#file-" + part).sendKeys(CSVS.resolve(file).toString());
    }

    private String cell(String kind, String count) {
        return browser.find("#import-records tr[data-kind='" + kind + "'] td." + count).getText();
    }

    /**
     * Remembers whether the form went busy (button disabled, aria-busy) at any moment, however
     * short.
     */
    private void watchBusy() {
        browser.js(
                "window.__busySeen = false;"
                        + "const form = document.getElementById('import-form'), button = document.getElementById('import-submit');"
                        + "new MutationObserver(() => { if (form.getAttribute('aria-busy') === 'true' && button.disabled) window.__busySeen = true; })"
                        + ".observe(form, { attributes: true, subtree: true });");
    }

    @Test
    void opsImportTheCsvsSeeRecordsAndQuirksAndImportingAgainChangesNothing() {
        // one deal changed since the demo import (as by hand in the CRM): the upload puts it back,
        // so it shows as updated, and so do the records the demo's synthetic enrichment filled in
        // (the upload is the data as published)
        Map<String, Integer> enriched = enrichedRecords();
        String ops = server.token("ops");
        JsonNode deal = server.http.get("/api/v1/deals/" + DEAL, ops).ok();
        ObjectNode changed = ((ObjectNode) deal.get("value").deepCopy()).put("discountPercent", 12);
        if (changed.path("lostAtStage").isNull()) {
            changed.remove(
                    "lostAtStage"); // as in ManagerUiIT: GET answers with it, PUT does not admit it
        }
        server.http.put("/api/v1/deals/" + DEAL, ops, changed.toString()).ok();

        openImport();
        for (String part : PARTS) {
            WebElement input = browser.find("#file-" + part);
            assertEquals(".csv", input.getDomAttribute("accept"));
            WebElement label = browser.find("label[for='file-" + part + "']");
            assertTrue(
                    label.isDisplayed() && !label.getText().isBlank(),
                    "a visible label for " + part);
            assertTrue(
                    browser.find("#file-" + part + "-hint").getText().contains(part + ".csv"),
                    "the file expected is named");
            choose(part, part + ".csv");
        }
        watchBusy();
        browser.click("#import-submit");
        WebElement outcome = browser.visible("#import-outcome");
        assertEquals(
                Boolean.TRUE,
                browser.js("return window.__busySeen;"),
                "the button was disabled and the form aria-busy while it ran");
        assertEquals("false", browser.find("#import-form").getDomAttribute("aria-busy"));
        assertTrue(browser.find("#import-submit").isEnabled());

        assertEquals("8,800", cell("deals", "read"));
        assertEquals(
                number(enriched.get("deals") + 1),
                cell("deals", "updated"),
                "the changed deal and the enriched ones are put back");
        assertEquals(number(enriched.get("reps")), cell("reps", "updated"));
        assertEquals(number(enriched.get("accounts")), cell("accounts", "updated"));
        assertEquals("0", cell("deals", "created"));
        Map.of("managers", "6", "reps", "35", "accounts", "85", "products", "7")
                .forEach((kind, n) -> assertEquals(n, cell(kind, "read"), kind));
        int updated = enriched.values().stream().mapToInt(Integer::intValue).sum() + 1;
        assertTrue(outcome.getText().contains(number(updated) + " updated"), outcome.getText());
        assertTrue(browser.find("#import-summary").getText().contains("uploaded Maven CRM CSVs"));
        WebElement quirk =
                browser.find(
                        "#import-quirks tr[data-quirk='product spelt differently from products.csv']");
        assertTrue(quirk.getText().contains("GTXPro → GTX Pro"), quirk.getText());
        assertTrue(browser.find("#import-quirks").getText().contains("deal with no account"));
        browser.text("#import-rejected", "None");
        assertEquals(
                0,
                server.http
                        .get("/api/v1/deals/" + DEAL, ops)
                        .ok()
                        .get("value")
                        .get("discountPercent")
                        .asInt());
        // the result under the top bar: counts and the first quirks
        browser.js(
                "window.scrollTo(0, document.getElementById('import-result').getBoundingClientRect().top + window.scrollY"
                        + " - document.getElementById('topbar').offsetHeight - 16);");
        browser.screenshot("import");
        browser.js(
                "window.scrollTo(0, 0);"); // the button back in view, not under the sticky top bar

        // the same files again: nothing created, nothing updated, and the page says why
        browser.click("#import-submit");
        browser.wait.until(ExpectedConditions.stalenessOf(outcome));
        browser.text("#import-outcome", "Nothing changed: these records were already stored");
        for (String kind : List.of("managers", "reps", "accounts", "products", "deals")) {
            assertEquals("0", cell(kind, "created"), kind);
            assertEquals("0", cell(kind, "updated"), kind);
        }
        assertEquals("8,800", cell("deals", "unchanged"));

        browser.viewport(390, 844);
        try {
            assertTrue(
                    browser.fitsWidth(),
                    "the import page with its result fits 390 px (tables scroll inside their box)");
        } finally {
            browser.viewport(Browser.WIDTH, Browser.HEIGHT);
        }
        browser.assertNoConsoleErrors();
    }

    @Test
    void aFileInTheWrongInputIsShownNextToThatInput() {
        openImport();
        // nothing chosen: each input says what it needs, before anything is sent
        browser.click("#import-submit");
        for (String part : PARTS) {
            browser.visible("#file-" + part + "[aria-invalid='true']");
            browser.text("#file-" + part + "-error", part + ".csv");
        }
        assertEquals("file-sales_pipeline", browser.js("return document.activeElement.id;"));

        choose("sales_pipeline", "accounts.csv");
        assertNull(
                browser.find("#file-sales_pipeline").getDomAttribute("aria-invalid"),
                "choosing a file clears its error");
        for (String part : PARTS.subList(1, PARTS.size())) {
            choose(part, part + ".csv");
        }
        browser.click("#import-submit");
        WebElement input = browser.visible("#file-sales_pipeline[aria-invalid='true']");
        WebElement error = browser.visible("#file-sales_pipeline-error");
        assertTrue(error.getText().contains("lacks the columns"), error.getText());
        assertTrue(error.getText().contains("opportunity_id"), error.getText());
        assertTrue(
                List.of(input.getDomAttribute("aria-describedby").split(" "))
                        .contains("file-sales_pipeline-error"));
        assertEquals(
                "file-sales_pipeline",
                browser.js("return document.activeElement.id;"),
                "focus goes to the input at fault");
        for (String part : PARTS.subList(1, PARTS.size())) {
            assertNull(browser.find("#file-" + part).getDomAttribute("aria-invalid"), part);
        }
        browser.text("#import-banner", "Nothing was imported");
        assertTrue(browser.all("#import-result #import-outcome").isEmpty(), "no result is shown");
        List<String> errors = browser.consoleErrors();
        assertTrue(
                errors.stream()
                        .allMatch(e -> e.contains("/api/v1/import/maven-crm") && e.contains("400")),
                "only the refused upload may be logged: " + errors);
    }

    @Test
    void anUploadOverTheServersLimitSaysTheLimit() throws IOException {
        Path big = Files.createTempFile("pandu-big-pipeline-", ".csv");
        try {
            Files.writeString(
                    big,
                    "opportunity_id,sales_agent,product,account,deal_stage,engage_date,close_date,close_value\n"
                            + "X,Nobody,GTX Pro,Nowhere,Won,2017-01-01,2017-02-01,1\n"
                                    .repeat((int) (TestServer.IMPORT_LIMIT / 50)));
            openImport();
            browser.find("#file-sales_pipeline").sendKeys(big.toString());
            for (String part : PARTS.subList(1, PARTS.size())) {
                choose(part, part + ".csv");
            }
            browser.click("#import-submit");
            // the browser gets the server's 413 (not a dropped connection) and shows its limit
            browser.text("#import-banner .banner.error", "limit of 2 MB");
            assertTrue(browser.all("#import-outcome").isEmpty(), "no result is shown");
            List<String> errors = browser.consoleErrors();
            assertTrue(
                    errors.stream()
                            .allMatch(
                                    e ->
                                            e.contains("/api/v1/import/maven-crm")
                                                    && e.contains("413")),
                    "only the refused upload may be logged: " + errors);
        } finally {
            Files.delete(big);
        }
    }

    @Test
    void aRepHasNoImportPage() {
        browser.signIn("moses.frase", "my-day");
        browser.visible("#nav a[href='#/my-day']");
        assertTrue(
                browser.all("#nav a[href='#/import']").isEmpty(),
                "no Import in a rep's navigation");
        browser.go("#/import");
        browser.text("#toasts", "“Import” is not available to your role");
        browser.wait.until(
                d -> "my-day".equals(d.findElement(By.id("main")).getDomAttribute("data-view")));
        assertTrue(browser.all("#import-form").isEmpty());
        browser.assertNoConsoleErrors();
    }

    /** Per kind, how many records of the bundled data the demo's synthetic enrichment changed. */
    private static Map<String, Integer> enrichedRecords() {
        java.time.LocalDate asOf = java.time.LocalDate.of(2017, 12, 31);
        io.pandu.facts.FactSet published =
                new io.pandu.ingest.MavenCrmReader()
                        .read(Path.of("src/main/resources/demo/maven-crm"), asOf)
                        .facts()
                        .withAsOf(asOf);
        io.pandu.facts.FactSet demo = io.pandu.ingest.DemoEnrichment.enrich(published).facts();
        return Map.of(
                "deals", changed(published.deals(), demo.deals()),
                "reps", changed(published.reps(), demo.reps()),
                "accounts", changed(published.accounts(), demo.accounts()));
    }

    private static <T> int changed(List<T> before, List<T> after) {
        int n = 0;
        for (int i = 0; i < before.size(); i++) {
            n += before.get(i).equals(after.get(i)) ? 0 : 1;
        }
        return n;
    }

    private static String number(int n) {
        return String.format(java.util.Locale.US, "%,d", n);
    }
}
