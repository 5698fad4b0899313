package io.pandu.api;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.pandu.testing.Http;
import io.pandu.testing.TestServer;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Deals, reps, accounts, activities: lists with filters and paging, get and upsert, each within the
 * caller's view (fixture: boss.one manages rep.a and rep.b, boss.two manages rep.c).
 */
class PipelineIT {
    private final TestServer server = TestServer.shared();
    private final Http http = server.http;

    private static List<String> ids(JsonNode page) {
        List<String> ids = new ArrayList<>();
        page.get("items")
                .forEach(
                        i ->
                                ids.add(
                                        i.get("value").has("id")
                                                ? i.get("value").get("id").asText()
                                                : i.get("value").get("name").asText()));
        return ids;
    }

    @Test
    void aRepSeesOnlyTheirOwnDealsAManagerTheTeamsOpsAll() {
        assertEquals(
                List.of("D-A1", "D-A2"),
                ids(http.get("/api/v1/deals", server.token("rep.a")).ok()));
        assertEquals(
                List.of("D-A1", "D-A2", "D-B1"),
                ids(http.get("/api/v1/deals", server.token("boss.one")).ok()));
        assertTrue(
                ids(http.get("/api/v1/deals", server.token("ops")).ok())
                        .containsAll(List.of("D-A1", "D-B1", "D-C1")));
    }

    @Test
    void dealListsFilterAndPage() {
        String boss = server.token("boss.one");
        assertEquals(List.of("D-B1"), ids(http.get("/api/v1/deals?ownerId=rep.b", boss).ok()));
        assertEquals(List.of("D-A1"), ids(http.get("/api/v1/deals?stage=engaging", boss).ok()));
        assertEquals(
                List.of("D-A1", "D-B1"),
                ids(http.get("/api/v1/deals?product=GTX%20Pro", boss).ok()));
        JsonNode page = http.get("/api/v1/deals?limit=1&offset=1", boss).ok();
        assertEquals(3, page.get("total").asInt());
        assertEquals(List.of("D-A2"), ids(page));
        assertEquals(List.of(), ids(http.get("/api/v1/deals?managerId=boss.two", boss).ok()));
    }

    @Test
    void badPagingIs400NamingTheParameter() {
        String rep = server.token("rep.a");
        assertEquals("limit", http.get("/api/v1/deals?limit=0", rep).problem(400));
        assertEquals("limit", http.get("/api/v1/deals?limit=501", rep).problem(400));
        assertEquals("offset", http.get("/api/v1/deals?offset=-1", rep).problem(400));
        assertEquals("limit", http.get("/api/v1/deals?limit=many", rep).problem(400));
        assertEquals("type", http.get("/api/v1/activities?type=telepathy", rep).problem(400));
    }

    @Test
    void anotherRepsDealIs404() {
        assertEquals(
                "D-A1",
                http.get("/api/v1/deals/D-A1", server.token("rep.a"))
                        .ok()
                        .get("value")
                        .get("id")
                        .asText());
        http.get("/api/v1/deals/D-B1", server.token("rep.a")).problem(404);
        http.get("/api/v1/deals/D-C1", server.token("boss.one")).problem(404);
        http.get("/api/v1/deals/NOPE", server.token("ops")).problem(404);
        http.get("/api/v1/deals/D-A1", null).problem(401);
    }

    @Test
    void aRepUpsertsTheirOwnDealCreatedThenUpdatedThenUnchanged() {
        String rep = server.token("rep.b");
        String deal =
                "{\"name\": \"New site\", \"accountId\": \"acme\", \"ownerId\": \"rep.b\", \"stage\": \"Prospecting\","
                        + " \"amount\": 1000, \"createdDate\": \"2017-06-20\"}";
        Http.Response created = http.put("/api/v1/deals/D-B2", rep, deal);
        assertEquals(201, created.status(), created.text());
        assertEquals("created", created.json().get("outcome").asText());
        assertEquals("D-B2", created.json().get("value").get("id").asText());
        JsonNode updated = http.put("/api/v1/deals/D-B2", rep, deal.replace("1000", "2000")).ok();
        assertEquals("updated", updated.get("outcome").asText());
        assertEquals(2, updated.get("version").asInt());
        assertEquals(
                "unchanged",
                http.put("/api/v1/deals/D-B2", rep, deal.replace("1000", "2000"))
                        .ok()
                        .get("outcome")
                        .asText());
    }

    @Test
    void aDealReadFromTheApiCanBeWrittenBackUnchanged() {
        String rep = server.token("rep.c");
        String deal =
                "{\"name\": \"Lost one\", \"ownerId\": \"rep.c\", \"stage\": \"Lost\", \"lostAtStage\": \"Engaging\","
                        + " \"amount\": 500, \"createdDate\": \"2017-05-01\", \"closeDate\": \"2017-06-01\"}";
        assertEquals(201, http.put("/api/v1/deals/D-C3", server.token("ops"), deal).status());
        JsonNode read = http.get("/api/v1/deals/D-C3", rep).ok();
        JsonNode value = read.has("value") ? read.get("value") : read;
        Http.Response back = http.put("/api/v1/deals/D-C3", rep, value.toString());
        assertEquals(200, back.status(), back.text());
        assertEquals("unchanged", back.json().get("outcome").asText());
    }

    @Test
    void upsertsOutsideTheCallersViewOrWithBadInputAreRefused() {
        String rep = server.token("rep.a");
        // another rep's deal: it does not exist for rep.a
        http.put("/api/v1/deals/D-B1", rep, "{\"ownerId\": \"rep.b\", \"stage\": \"Prospecting\"}")
                .problem(404);
        // giving one's deal to someone else
        assertEquals(
                "ownerId",
                http.put(
                                "/api/v1/deals/D-A9",
                                rep,
                                "{\"ownerId\": \"rep.c\", \"stage\": \"Prospecting\"}")
                        .problem(400));
        assertEquals(
                "id",
                http.put(
                                "/api/v1/deals/D-A9",
                                rep,
                                "{\"id\": \"D-X\", \"ownerId\": \"rep.a\", \"stage\": \"Prospecting\"}")
                        .problem(400));
        assertEquals(
                "stage",
                http.put(
                                "/api/v1/deals/D-A9",
                                rep,
                                "{\"ownerId\": \"rep.a\", \"stage\": \"Negotiatoin\"}")
                        .problem(400));
        assertEquals(
                "amount",
                http.put(
                                "/api/v1/deals/D-A9",
                                rep,
                                "{\"ownerId\": \"rep.a\", \"stage\": \"Prospecting\", \"amount\": true}")
                        .problem(400));
        assertEquals(
                "qualification.budget",
                http.put(
                                "/api/v1/deals/D-A9",
                                rep,
                                "{\"ownerId\": \"rep.a\", \"stage\": \"Prospecting\", \"qualification\": {\"budget\": true}}")
                        .problem(400));
    }

    @Test
    void repsAreVisibleByTeamAndOnlyOpsOrAdminWriteThem() {
        assertEquals(List.of("rep.a"), ids(http.get("/api/v1/reps", server.token("rep.a")).ok()));
        assertEquals(
                List.of("rep.a", "rep.b"),
                ids(http.get("/api/v1/reps", server.token("boss.one")).ok()));
        assertEquals(
                List.of("rep.c"),
                ids(http.get("/api/v1/reps?region=East", server.token("ops")).ok()));
        assertEquals(
                "Rep B",
                http.get("/api/v1/reps/rep.b", server.token("boss.one"))
                        .ok()
                        .get("value")
                        .get("name")
                        .asText());
        http.get("/api/v1/reps/rep.b", server.token("rep.a")).problem(404);
        http.get("/api/v1/reps/rep.c", server.token("boss.one")).problem(404);
        String rep = "{\"name\": \"Rep D\", \"managerId\": \"boss.two\", \"region\": \"South\"}";
        http.put("/api/v1/reps/rep.d", server.token("rep.a"), rep).problem(403);
        http.put("/api/v1/reps/rep.d", server.token("boss.two"), rep).problem(403);
        assertEquals(201, http.put("/api/v1/reps/rep.d", server.token("ops"), rep).status());
        assertEquals(
                "name",
                http.put("/api/v1/reps/rep.e", server.token("admin"), "{\"region\": \"East\"}")
                        .problem(400));
        assertEquals(
                "quota",
                http.put(
                                "/api/v1/reps/rep.e",
                                server.token("admin"),
                                "{\"name\": \"E\", \"quota\": \"big\"}")
                        .problem(400));
    }

    @Test
    void accountsAreReferenceDataEveryoneReadsAndOpsWrite() {
        assertEquals(
                List.of("acme", "globex"),
                ids(http.get("/api/v1/accounts", server.token("rep.a")).ok()).subList(0, 2));
        assertEquals(
                List.of("globex"),
                ids(http.get("/api/v1/accounts?industry=technology", server.token("rep.a")).ok()));
        assertEquals(
                "Acme",
                http.get("/api/v1/accounts/acme", server.token("rep.c"))
                        .ok()
                        .get("value")
                        .get("name")
                        .asText());
        http.get("/api/v1/accounts/nope", server.token("rep.c")).problem(404);
        String account =
                "{\"name\": \"Initech\", \"industry\": \"software\", \"region\": \"West\"}";
        http.put("/api/v1/accounts/initech", server.token("rep.a"), account).problem(403);
        assertEquals(
                201, http.put("/api/v1/accounts/initech", server.token("admin"), account).status());
        assertEquals(
                "connections[0].strength",
                http.put(
                                "/api/v1/accounts/initech",
                                server.token("admin"),
                                "{\"name\": \"Initech\", \"connections\": [{\"repId\": \"rep.a\", \"strength\": 2}]}")
                        .problem(400));
    }

    @Test
    void activitiesFollowTheirDealsVisibility() {
        assertEquals(
                List.of("X-A1", "X-A2"),
                ids(http.get("/api/v1/activities", server.token("rep.a")).ok()));
        assertEquals(
                List.of("X-A1"),
                ids(http.get("/api/v1/activities?dealId=D-A1", server.token("boss.one")).ok()));
        assertEquals(
                List.of("X-C1"),
                ids(http.get("/api/v1/activities?type=demo", server.token("ops")).ok()));
        http.get("/api/v1/activities/X-C1", server.token("rep.a")).problem(404);
        assertEquals(
                "call",
                http.get("/api/v1/activities/X-A1", server.token("rep.a"))
                        .ok()
                        .get("value")
                        .get("type")
                        .asText());
        String call =
                "{\"dealId\": \"D-A2\", \"repId\": \"rep.a\", \"type\": \"call\", \"date\": \"2017-06-29\"}";
        assertEquals(
                201, http.put("/api/v1/activities/X-A3", server.token("rep.a"), call).status());
        http.put(
                        "/api/v1/activities/X-C9",
                        server.token("rep.a"),
                        call.replace("D-A2", "D-C1").replace("rep.a", "rep.c"))
                .problem(400);
        assertEquals(
                "date",
                http.put(
                                "/api/v1/activities/X-A4",
                                server.token("rep.a"),
                                call.replace("2017-06-29", "yesterday"))
                        .problem(400));
    }

    @Test
    void aRepCannotCreateADealAlreadyWonOrLost() {
        String rep = server.token("rep.a");
        String won =
                "{\"name\": \"Big win\", \"ownerId\": \"rep.a\", \"stage\": \"Won\","
                        + " \"amount\": 500000, \"createdDate\": \"2017-05-01\", \"closeDate\": \"2017-06-01\"}";
        http.put("/api/v1/deals/D-A7", rep, won).problem(403);
        http.put(
                        "/api/v1/deals/D-A7",
                        rep,
                        won.replace("\"Won\"", "\"Lost\", \"lostAtStage\": \"Engaging\""))
                .problem(403);
        http.get("/api/v1/deals/D-A7", rep).problem(404);
        // the manager may record the outcome
        assertEquals(201, http.put("/api/v1/deals/D-A7", server.token("boss.one"), won).status());
    }

    @Test
    void aRepCannotMoveTheirDealIntoWonNorChangeAClosedDealsAmount() {
        String rep = server.token("rep.b");
        String open =
                "{\"name\": \"Renewal\", \"ownerId\": \"rep.b\", \"stage\": \"Engaging\","
                        + " \"amount\": 1000, \"createdDate\": \"2017-05-01\"}";
        assertEquals(201, http.put("/api/v1/deals/D-B7", rep, open).status());
        String won =
                open.replace("Engaging", "Won").replace("}", ", \"closeDate\": \"2017-06-01\"}");
        http.put("/api/v1/deals/D-B7", rep, won).problem(403);
        assertEquals(
                "Engaging",
                http.get("/api/v1/deals/D-B7", rep).ok().get("value").get("stage").asText());
        assertEquals(200, http.put("/api/v1/deals/D-B7", server.token("ops"), won).status());
        // closed now: the rep's PUT of the Won deal with a new amount, or reopened, is refused
        http.put("/api/v1/deals/D-B7", rep, won.replace("1000", "500000")).problem(403);
        http.put("/api/v1/deals/D-B7", rep, open).problem(403);
        // other fields stay the rep's to edit
        assertEquals(
                "updated",
                http.put("/api/v1/deals/D-B7", rep, won.replace("Renewal", "Renewal 2018"))
                        .ok()
                        .get("outcome")
                        .asText());
        assertEquals(
                "500000",
                http.put(
                                "/api/v1/deals/D-B7",
                                server.token("boss.one"),
                                won.replace("1000", "500000"))
                        .ok()
                        .get("value")
                        .get("amount")
                        .asText());
    }
}
