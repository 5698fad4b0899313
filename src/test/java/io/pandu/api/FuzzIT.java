package io.pandu.api;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.pandu.testing.Http;
import io.pandu.testing.TestServer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;

/**
 * 3,000+ fuzzed bodies (seeded, so a failure replays) over every write route that takes one: each a
 * valid body with one part broken — a value of the wrong type or out of range, a huge string, a
 * field dropped or unknown, truncated JSON, random bytes. Not one may be answered with a 5xx.
 */
class FuzzIT {
    private static final long SEED = 20171231L;
    private static final int BODIES_PER_ROUTE = 200;
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

    private record Route(String method, String path, String token, JsonNode seed) {}

    @Test
    void noFuzzedBodyOnAnyWriteRouteGetsA5xx() throws Exception {
        try (TestServer server = TestServer.start(60_000)) {
            Http http = server.http;
            String ops = server.token("ops");
            String admin = server.token("admin");
            String rep = server.token("rep.a");
            long alertId =
                    http.get("/api/v1/alerts", ops).ok().get("items").get(0).get("id").asLong();
            String actionId =
                    http.get("/api/v1/me/next-best-actions", rep)
                            .ok()
                            .get("actions")
                            .get(0)
                            .get("id")
                            .asText();
            List<Route> routes =
                    List.of(
                            new Route(
                                    "PUT",
                                    "/api/v1/deals/D-A1",
                                    ops,
                                    value(http, "/api/v1/deals/D-A1", ops)),
                            new Route(
                                    "PUT",
                                    "/api/v1/deals/D-A1",
                                    rep,
                                    value(http, "/api/v1/deals/D-A1", ops)),
                            new Route(
                                    "PUT",
                                    "/api/v1/reps/rep.b",
                                    ops,
                                    value(http, "/api/v1/reps/rep.b", ops)),
                            new Route(
                                    "PUT",
                                    "/api/v1/accounts/acme",
                                    ops,
                                    value(http, "/api/v1/accounts/acme", ops)),
                            new Route(
                                    "PUT",
                                    "/api/v1/activities/fuzz-activity",
                                    ops,
                                    json(
                                            "{\"id\":\"fuzz-activity\",\"dealId\":\"D-A1\",\"repId\":\"rep.a\","
                                                    + "\"type\":\"call\",\"date\":\"2025-06-01\"}")),
                            new Route("POST", "/api/v1/evaluate", ops, fixtureFacts()),
                            new Route("POST", "/api/v1/import", ops, fixtureFacts()),
                            new Route(
                                    "POST",
                                    "/api/v1/actions/" + actionId + "/feedback",
                                    rep,
                                    json(
                                            "{\"kind\":\"snoozed\",\"until\":\"2099-01-01\",\"reason\":\"later\"}")),
                            new Route(
                                    "POST",
                                    "/api/v1/alerts/" + alertId + "/resolve",
                                    ops,
                                    json("{\"note\":\"done\"}")),
                            new Route(
                                    "POST",
                                    "/api/v1/alerts/" + alertId + "/reopen",
                                    ops,
                                    json("{\"note\":\"again\"}")),
                            new Route(
                                    "POST",
                                    "/api/v1/users",
                                    admin,
                                    json(
                                            "{\"username\":\"fuzzed\",\"password\":\"a long enough password\","
                                                    + "\"role\":\"rep\",\"repId\":\"rep.a\"}")),
                            new Route(
                                    "PATCH",
                                    "/api/v1/users/rep.c",
                                    admin,
                                    json("{\"disabled\":false,\"role\":\"rep\"}")),
                            new Route(
                                    "POST",
                                    "/api/v1/me/password",
                                    server.token("rep.b"),
                                    json(
                                            "{\"currentPassword\":\"x\",\"newPassword\":\"a long enough password\"}")),
                            new Route(
                                    "POST",
                                    "/api/v1/rules/validate",
                                    ops,
                                    json(
                                            "{\"file\":\"playbook/fuzz.drl\",\"text\":\"package fuzz\\n\"}")),
                            new Route(
                                    "PUT",
                                    "/api/v1/rules/file?path=playbook/fuzz.drl",
                                    ops,
                                    json("{\"text\":\"package fuzz\\n\"}")),
                            new Route(
                                    "POST",
                                    "/api/v1/auth/login",
                                    null,
                                    json("{\"username\":\"nobody\",\"password\":\"x\"}")));
            Random random = new Random(SEED);
            Map<Integer, Integer> statuses = new TreeMap<>();
            List<String> failures = new ArrayList<>();
            int sent = 0;
            for (Route route : routes) {
                for (int i = 0; i < BODIES_PER_ROUTE; i++) {
                    byte[] body = mutate(route.seed(), random);
                    Http.Response r =
                            http.send(
                                    route.method(),
                                    route.path(),
                                    route.token(),
                                    "application/json",
                                    body);
                    sent++;
                    statuses.merge(r.status(), 1, Integer::sum);
                    if (r.status() >= 500 && failures.size() < 10) {
                        failures.add(
                                route.method()
                                        + " "
                                        + route.path()
                                        + " "
                                        + r.status()
                                        + " "
                                        + r.text()
                                        + " <- "
                                        + new String(body, StandardCharsets.UTF_8)
                                                .substring(0, Math.min(300, body.length)));
                    }
                }
            }
            System.out.println("FuzzIT: " + sent + " bodies, statuses " + statuses);
            assertTrue(sent >= 3000, "bodies sent: " + sent);
            assertEquals(List.of(), failures, "5xx answers (statuses " + statuses + ")");
            assertEquals(200, http.get("/health", null).status(), "the server is still well");
        }
    }

    private static JsonNode value(Http http, String path, String token) {
        return http.get(path, token).ok().get("value");
    }

    private static JsonNode json(String text) throws Exception {
        return JSON.readTree(text);
    }

    private static JsonNode fixtureFacts() throws Exception {
        try (var in = FuzzIT.class.getResourceAsStream("/api/fixture-facts.json")) {
            return JSON.readTree(in);
        }
    }

    /** The seed with one thing broken, as bytes. */
    private static byte[] mutate(JsonNode seed, Random random) throws Exception {
        int kind = random.nextInt(10);
        if (kind == 0) { // truncated
            byte[] whole = JSON.writeValueAsBytes(seed);
            byte[] cut = new byte[random.nextInt(Math.max(1, whole.length))];
            System.arraycopy(whole, 0, cut, 0, cut.length);
            return cut;
        }
        if (kind == 1) { // noise
            byte[] noise = new byte[random.nextInt(400)];
            random.nextBytes(noise);
            return noise;
        }
        JsonNode copy = seed.deepCopy();
        List<ObjectNode> objects = new ArrayList<>();
        collect(copy, objects);
        ObjectNode target = objects.get(random.nextInt(objects.size()));
        List<String> names = new ArrayList<>();
        target.fieldNames().forEachRemaining(names::add);
        if (kind == 2 || names.isEmpty()) {
            target.set("unexpected" + random.nextInt(100), oddValue(random));
        } else if (kind == 3) {
            target.remove(names.get(random.nextInt(names.size())));
        } else {
            target.set(names.get(random.nextInt(names.size())), oddValue(random));
        }
        if (kind == 9) { // raw text a JSON library would not write: huge or odd numbers
            String name = names.isEmpty() ? "x" : names.get(random.nextInt(names.size()));
            String[] raw = {
                "1e309", "-1e309", "123456789012345678901234567890", "0.0000000000000000001", "-0"
            };
            return JSON.writeValueAsString(copy)
                    .replaceFirst(
                            "\"" + java.util.regex.Pattern.quote(name) + "\":[^,}\\]]+",
                            "\"" + name + "\":" + raw[random.nextInt(raw.length)])
                    .getBytes(StandardCharsets.UTF_8);
        }
        return JSON.writeValueAsBytes(copy);
    }

    private static void collect(JsonNode node, List<ObjectNode> into) {
        if (node instanceof ObjectNode o) {
            into.add(o);
        }
        node.forEach(child -> collect(child, into));
    }

    private static JsonNode oddValue(Random random) {
        return switch (random.nextInt(16)) {
            case 0 -> NODES.textNode("x".repeat(300 + random.nextInt(5000)));
            case 1 -> NODES.textNode("");
            case 2 -> NODES.nullNode();
            case 3 -> NODES.booleanNode(random.nextBoolean());
            case 4 -> NODES.numberNode(-1);
            case 5 -> NODES.numberNode(-1e300);
            case 6 -> NODES.numberNode(Long.MAX_VALUE);
            case 7 -> NODES.numberNode(new java.math.BigDecimal("1e40"));
            case 8 -> NODES.objectNode().put("a", 1);
            case 9 -> {
                ArrayNode a = NODES.arrayNode();
                a.add(1).add("two").addNull();
                yield a;
            }
            case 10 -> NODES.textNode("2017-02-30");
            case 11 -> NODES.textNode("-999999999-01-01");
            case 12 -> NODES.textNode("\u0000\u202e\ud83d\ude00");
            case 13 -> NODES.textNode("../../../etc/passwd");
            case 14 -> NODES.numberNode(0.123456789);
            default -> NODES.textNode("<script>alert(1)</script>");
        };
    }
}
