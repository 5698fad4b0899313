package io.pandu.api;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.pandu.testing.TestServer;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * My day's attention budget: a rep is shown at most {@code dailyNewItems} new items a day across
 * their actions and the open alerts about their deals; the rest wait, and what was shown stays.
 */
class AttentionBudgetIT {

    @Test
    void myDayAdmitsNewItemsUpToTheDailyBudgetAndKeepsWhatItShowed() throws Exception {
        try (TestServer server = TestServer.start(500)) {
            JsonNode byDefault =
                    server.http.get("/api/v1/me/next-best-actions", server.token("rep.b")).ok();
            assertEquals(
                    10, byDefault.get("attention").get("budget").asInt(), byDefault.toString());
            assertTrue(
                    byDefault.has("alerts"), "the open alerts about the rep's deals: " + byDefault);

            // sales ops lower the budget to 2 (a rule-set parameter, hot-reloaded) before rep.a
            // opens My day
            Files.writeString(
                    server.rules().resolve("playbook/attention-budget.drl"),
                    """
                    package playbook
                    import io.pandu.facts.Parameter;

                    rule "Attention budget of two"
                        @category("parameters")
                        @priority(0)
                    when
                    then
                        insert(new Parameter("dailyNewItems", 2));
                    end
                    """);
            String ops = server.token("ops");
            for (int i = 0;
                    i < 150
                            && !server.http
                                    .get("/api/v1/rules", ops)
                                    .text()
                                    .contains("Attention budget of two");
                    i++) {
                Thread.sleep(200);
            }
            String rep = server.token("rep.a");
            JsonNode first = server.http.get("/api/v1/me/next-best-actions", rep).ok();
            JsonNode a = first.get("attention");
            assertEquals(2, a.get("budget").asInt(), "the reload took the parameter: " + first);
            List<String> firstShown = shown(first);
            int total = firstShown.size() + a.get("heldBack").asInt();
            assertTrue(total >= 3, "the fixture gives rep.a more than the budget: " + first);
            assertEquals(2, firstShown.size(), "no more than the budget is new on a day: " + first);
            assertEquals(2, a.get("newToday").asInt(), first.toString());
            assertEquals(total - 2, a.get("heldBack").asInt(), first.toString());

            // asked again the same day: the same items, nothing more
            JsonNode again = server.http.get("/api/v1/me/next-best-actions", rep).ok();
            assertEquals(firstShown, shown(again), again.toString());
            assertEquals(2, again.get("attention").get("newToday").asInt(), again.toString());
        }
    }

    /** The ids of what My day shows: actions, then alerts. */
    private static List<String> shown(JsonNode myDay) {
        List<String> ids = new ArrayList<>();
        myDay.get("actions").forEach(x -> ids.add("action:" + x.get("id").asText()));
        myDay.path("alerts").forEach(x -> ids.add("alert:" + x.get("id").asText()));
        return ids;
    }
}
