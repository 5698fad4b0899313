package io.pandu.api;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.pandu.facts.Activity;
import io.pandu.facts.Deal;
import io.pandu.facts.FactSet;
import io.pandu.ingest.DemoEnrichment;
import io.pandu.ingest.MavenCrmReader;
import io.pandu.testing.Http;
import io.pandu.testing.TestServer;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * {@code serve --demo}: the import report says the Maven CRM data carries a synthetic enrichment,
 * and rules that were silent on the published data (ramp, incentives, battlecards, close dates) now
 * raise guidance over HTTP.
 */
class DemoIT {
    private static TestServer server;
    private static Http http;
    private static FactSet demo;

    @BeforeAll
    static void start() {
        server = TestServer.startDemo();
        http = server.http;
        LocalDate asOf = LocalDate.of(2017, 12, 31);
        demo =
                DemoEnrichment.enrich(
                                new MavenCrmReader()
                                        .read(Path.of("src/main/resources/demo/maven-crm"), asOf)
                                        .facts()
                                        .withAsOf(asOf))
                        .facts();
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    @Test
    void theImportReportSaysTheDemoDataCarriesASyntheticEnrichment() {
        JsonNode report = http.get("/api/v1/import/latest", server.token("ops")).ok();
        assertTrue(report.get("source").asText().contains("demo enrichment"), report.toString());
        JsonNode enrichment = report.get("enrichment");
        assertEquals("synthetic enrichment", enrichment.get("label").asText());
        assertEquals(DemoEnrichment.SEED, enrichment.get("seed").asLong());
        assertEquals(35, enrichment.get("added").get("quotas").asInt(), enrichment.toString());
        assertEquals(demo.activities().size(), enrichment.get("added").get("activities").asInt());
        assertEquals(8800, report.get("records").get("deals").get("created").asInt());
        http.get("/api/v1/import/latest", server.token("moses.frase")).problem(403);
    }

    @Test
    void aNewHireBehindTheRampIsAlertedAndToldToShadowTheTopPerformer() {
        JsonNode alerts =
                http.get("/api/v1/alerts?code=RAMP_BEHIND&status=open", server.token("ops"))
                        .ok()
                        .get("items");
        assertFalse(alerts.isEmpty(), "a ramping rep behind plan");
        String rep = alerts.get(0).get("repId").asText();
        JsonNode actions =
                http.get("/api/v1/reps/" + rep + "/next-best-actions", server.token("ops"))
                        .ok()
                        .get("actions");
        assertTrue(codes(actions).contains("SHADOW_TOP_PERFORMER"), actions.toString());
    }

    @Test
    void repsWithAQuotaSeeTheirCommissionAndTheAcceleratorWithinReach() {
        Set<String> codes = new TreeSet<>();
        for (String rep : demo.reps().stream().map(io.pandu.facts.Rep::id).sorted().toList()) {
            codes.addAll(
                    codes(
                            http.get(
                                            "/api/v1/reps/" + rep + "/incentive-insights",
                                            server.token("ops"))
                                    .ok()
                                    .get("insights")));
        }
        assertTrue(
                codes.containsAll(
                        List.of(
                                "COMMISSION_ESTIMATE",
                                "ACCELERATOR_WITHIN_REACH",
                                "DISCOUNT_COSTS_COMMISSION")),
                codes.toString());
    }

    @Test
    void aQuietDealWithACompetitorGetsTheBattlecardAndAPassedCloseDateIsToBeConfirmed() {
        Set<String> touched =
                demo.activities().stream().map(Activity::dealId).collect(Collectors.toSet());
        Deal contested =
                demo.deals().stream()
                        .filter(d -> d.stage().equals("Engaging") && d.hasCompetitor())
                        .filter(d -> !touched.contains(d.id()))
                        .findFirst()
                        .orElseThrow();
        assertTrue(dealCodes(contested.id()).contains("REVIEW_BATTLECARD"), contested.toString());
        Deal overdue =
                demo.deals().stream()
                        .filter(d -> d.stage().equals("Engaging"))
                        .filter(d -> d.expectedCloseDate() != null)
                        .filter(d -> d.expectedCloseDate().isBefore(demo.asOf()))
                        .findFirst()
                        .orElseThrow();
        assertTrue(dealCodes(overdue.id()).contains("CONFIRM_CLOSE_DATE"), overdue.toString());
        JsonNode slipping =
                http.get("/api/v1/alerts?code=CLOSE_DATE_SLIPPING&status=open", server.token("ops"))
                        .ok()
                        .get("items");
        assertFalse(slipping.isEmpty(), "deals whose close date was pushed 3 times or more");
    }

    private static Set<String> dealCodes(String dealId) {
        return codes(
                http.get("/api/v1/deals/" + dealId + "/next-best-actions", server.token("ops"))
                        .ok()
                        .get("actions"));
    }

    private static Set<String> codes(JsonNode items) {
        Set<String> codes = new HashSet<>();
        items.forEach(i -> codes.add(i.get("code").asText()));
        return codes;
    }
}
