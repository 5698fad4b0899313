package io.pandu.api;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.pandu.testing.Http;
import io.pandu.testing.TestServer;
import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Money on every card and feedback that works, over HTTP with the shipped rules (commission plan,
 * team parameters) on the fixture pipeline: what closing a deal earns, computed marginally across
 * tiers, is on the card and equals the incentive insight; My day shows attainment and what the
 * listed actions are worth; a dismissal survives a rename and comes back when a fact the rule read
 * changes.
 */
class MoneyAndFeedbackIT {
    private static TestServer server;
    private static Http http;

    @BeforeAll
    static void start() {
        server = TestServer.startShippedRules();
        http = server.http;
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    private static String factSet() throws Exception {
        return Files.readString(Path.of("src/test/resources/api/commission-48-percent.json"));
    }

    private static JsonNode insight(JsonNode guidance, String code, String dealId) {
        for (JsonNode i : guidance.get("incentiveInsights")) {
            if (code.equals(i.get("code").asText()) && dealId.equals(i.path("dealId").asText())) {
                return i;
            }
        }
        throw new AssertionError("no " + code + " on " + dealId + ": " + guidance);
    }

    private static List<JsonNode> onDeal(JsonNode recommendations, String dealId) {
        List<JsonNode> on = new ArrayList<>();
        recommendations.forEach(
                r -> {
                    if (dealId.equals(r.path("dealId").asText())) {
                        on.add(r);
                    }
                });
        return on;
    }

    @Test
    void aRepAtFortyEightPercentOfQuotaEarns740OnATenThousandDeal() throws Exception {
        JsonNode g = http.post("/api/v1/evaluate", server.token("rep.a"), factSet()).ok();

        JsonNode estimate = insight(g, "COMMISSION_ESTIMATE", "D1");
        // 2,000 up to half of quota at 5 %, the other 8,000 at 8 %
        assertEquals(0, new BigDecimal("740").compareTo(estimate.get("amount").decimalValue()));
        assertTrue(
                estimate.get("reason")
                        .asText()
                        .contains("earns 740: 2000 at 5.0% (base) + 8000 at 8.0% (target)"),
                estimate.toString());
        List<JsonNode> cards = onDeal(g.get("recommendations"), "D1");
        assertFalse(cards.isEmpty(), "the deal has actions: " + g.get("recommendations"));
        for (JsonNode card : cards) {
            assertEquals(740.0, card.get("earnings").asDouble(), card.toString());
            assertEquals(10000.0, card.get("dealValue").asDouble(), card.toString());
            JsonNode f = card.get("scoreFactors");
            assertEquals(card.get("priority").asInt(), f.get("priority").asInt());
            assertEquals(card.get("score").asDouble(), f.get("total").asDouble());
            assertEquals(
                    f.get("total").asDouble(),
                    f.get("priority").asInt()
                            * f.get("value").asDouble()
                            * f.get("urgency").asDouble(),
                    0.05,
                    "total = priority × value × urgency: " + f);
        }
    }

    @Test
    void aDealCrossingTwoTiersIsPaidAtEachTiersRate() throws Exception {
        JsonNode g = http.post("/api/v1/evaluate", server.token("ops"), factSet()).ok();

        // R2 at 45 %: 5,000 at 5 % + 50,000 at 8 % + 5,000 above quota at 12 % = 250 + 4000 + 600
        JsonNode estimate = insight(g, "COMMISSION_ESTIMATE", "D2");
        assertEquals(0, new BigDecimal("4850").compareTo(estimate.get("amount").decimalValue()));
        onDeal(g.get("recommendations"), "D2")
                .forEach(card -> assertEquals(4850.0, card.get("earnings").asDouble()));
    }

    @Test
    void myDayShowsAttainmentAndWhatTheTopActionsAreWorthAndTheCardsAgreeWithTheInsights() {
        String rep = server.token("rep.a");
        JsonNode day = http.get("/api/v1/me/next-best-actions", rep).ok();
        JsonNode attainment = day.get("attainment");
        assertEquals(250000.0, attainment.get("quota").asDouble(), day.toString());
        assertEquals(0.0, attainment.get("share").asDouble(), "nothing won this year");

        Map<String, Double> estimates = new HashMap<>();
        for (JsonNode i : http.get("/api/v1/me/incentive-insights", rep).ok().get("insights")) {
            if ("COMMISSION_ESTIMATE".equals(i.get("code").asText())) {
                estimates.put(i.get("dealId").asText(), i.get("amount").asDouble());
            }
        }
        // D-A1 (4821) at the base tier's 5 %
        assertEquals(241.05, estimates.get("D-A1"), 0.001);
        Map<String, JsonNode> byDeal = new HashMap<>();
        for (JsonNode a : day.get("actions")) {
            if (a.hasNonNull("dealId")) {
                assertEquals(
                        estimates.get(a.get("dealId").asText()),
                        a.get("earnings").asDouble(),
                        0.001,
                        "the card's earnings are the insight's: " + a);
                byDeal.putIfAbsent(a.get("dealId").asText(), a);
            }
        }
        assertFalse(byDeal.isEmpty(), day.toString());
        double earnings =
                byDeal.values().stream().mapToDouble(a -> a.get("earnings").asDouble()).sum();
        double value =
                byDeal.values().stream().mapToDouble(a -> a.get("dealValue").asDouble()).sum();
        JsonNode worth = day.get("worth");
        assertEquals(earnings, worth.get("earnings").asDouble(), 0.001, worth.toString());
        assertEquals(value, worth.get("value").asDouble(), 0.001, worth.toString());
        assertEquals(byDeal.size(), worth.get("deals").asInt());
    }

    @Test
    void aDismissalSurvivesARenameAndReturnsWhenTheAmountTheRuleReadChanges() {
        String rep = server.token("rep.b");
        String id = firstActionOn(rep, "D-B1");
        http.post(
                        "/api/v1/actions/" + id + "/feedback",
                        rep,
                        "{\"kind\": \"dismissed\", \"reason\": \"not this quarter\"}")
                .ok();
        assertFalse(ids(rep).contains(id), "dismissed");

        ObjectNode deal = (ObjectNode) http.get("/api/v1/deals/D-B1", rep).ok().get("value");
        deal.put("name", "Acme second site (renamed)");
        assertEquals(
                "updated",
                http.put("/api/v1/deals/D-B1", rep, deal.toString()).ok().get("outcome").asText());
        assertFalse(ids(rep).contains(id), "a rename is no fact the rule read: still dismissed");

        deal.put("amount", 9000);
        http.put("/api/v1/deals/D-B1", rep, deal.toString()).ok();
        assertTrue(ids(rep).contains(id), "the amount changed: the action is back");
    }

    private static String firstActionOn(String token, String dealId) {
        for (JsonNode a : http.get("/api/v1/me/next-best-actions", token).ok().get("actions")) {
            if (dealId.equals(a.path("dealId").asText())) {
                return a.get("id").asText();
            }
        }
        throw new AssertionError("no action on " + dealId);
    }

    private static List<String> ids(String token) {
        List<String> ids = new ArrayList<>();
        http.get("/api/v1/me/next-best-actions", token)
                .ok()
                .get("actions")
                .forEach(a -> ids.add(a.get("id").asText()));
        return ids;
    }
}
