package io.pandu.api;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import io.pandu.testing.Http;
import io.pandu.testing.TestServer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.function.Function;
import org.junit.jupiter.api.Test;

/**
 * 3,000+ fuzzed requests (seeded, so a failure replays) over every write operation of the contract:
 * the list of operations is read from openapi.yaml, and an operation without a fuzz plan here fails
 * the test, so a new write route cannot be forgotten. A route with a JSON body gets a valid body
 * with one part broken (a value of the wrong type or out of range, a huge string, a field dropped
 * or unknown, truncated JSON, random bytes); a rule file gets broken or binary text; an upload
 * broken parts and framing; a route without a body junk bodies; and every path parameter is now and
 * then replaced by an odd one (huge, negative, traversal, control and unicode characters). Not one
 * may be answered with a 5xx.
 */
class FuzzIT {
    private static final long SEED = 20171231L;
    private static final int BODIES_PER_ROUTE = 125;

    /** Routes whose valid requests compile or evaluate a rule set: fewer requests each. */
    private static final int HEAVY = 40;

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

    /** A request body and its content type. */
    private record Body(String contentType, byte[] bytes) {}

    /**
     * One write operation ({@code method} and the contract's path {@code template}), the valid
     * values of its path parameters, who calls it, how its bodies are made, and how many are sent.
     */
    private record Route(
            String method,
            String template,
            Map<String, String> params,
            String token,
            Function<Random, Body> bodies,
            int count) {
        String operation() {
            return method + " " + template;
        }
    }

    @Test
    void noFuzzedRequestOnAnyWriteOperationOfTheContractGetsA5xx() throws Exception {
        try (TestServer server = TestServer.start(60_000)) {
            Http http = server.http;
            String ops = server.token("ops");
            String admin = server.token("admin");
            String rep = server.token("rep.a");
            String manager = server.token("boss.one");
            long alertId =
                    http.get("/api/v1/alerts", ops).ok().get("items").get(0).get("id").asLong();
            String groupKey = groupKey(http, manager);
            String actionId =
                    http.get("/api/v1/me/next-best-actions", rep)
                            .ok()
                            .get("actions")
                            .get(0)
                            .get("id")
                            .asText();
            String version = http.get("/api/v1/rules/versions", ops).ok().get(0).get("id").asText();
            String draft = draft(http, ops);
            String toPublish = draft(http, ops);
            String toDelete = draft(http, ops);
            String ruleFile = "rules%2Fplaybook%2Ffuzz.drl";
            JsonNode deal = value(http, "/api/v1/deals/D-A1", ops);
            List<Route> routes =
                    List.of(
                            json("PUT", "/api/v1/deals/{id}", Map.of("id", "D-A1"), ops, deal),
                            json("PUT", "/api/v1/deals/{id}", Map.of("id", "D-A1"), rep, deal),
                            json(
                                    "PUT",
                                    "/api/v1/reps/{id}",
                                    Map.of("id", "rep.b"),
                                    ops,
                                    value(http, "/api/v1/reps/rep.b", ops)),
                            json(
                                    "PUT",
                                    "/api/v1/accounts/{id}",
                                    Map.of("id", "acme"),
                                    ops,
                                    value(http, "/api/v1/accounts/acme", ops)),
                            json(
                                    "PUT",
                                    "/api/v1/activities/{id}",
                                    Map.of("id", "fuzz-activity"),
                                    ops,
                                    parse(
                                            "{\"id\":\"fuzz-activity\",\"dealId\":\"D-A1\",\"repId\":\"rep.a\","
                                                    + "\"type\":\"call\",\"date\":\"2025-06-01\"}")),
                            json("POST", "/api/v1/evaluate", Map.of(), ops, fixtureFacts()),
                            json("POST", "/api/v1/import", Map.of(), ops, fixtureFacts()),
                            json(
                                    "POST",
                                    "/api/v1/actions/{id}/feedback",
                                    Map.of("id", actionId),
                                    rep,
                                    parse(
                                            "{\"kind\":\"snoozed\",\"until\":\"2099-01-01\",\"reason\":\"later\"}")),
                            none(
                                    "DELETE",
                                    "/api/v1/actions/{id}/feedback",
                                    Map.of("id", actionId),
                                    rep,
                                    BODIES_PER_ROUTE),
                            none(
                                    "POST",
                                    "/api/v1/alerts/{id}/acknowledge",
                                    Map.of("id", String.valueOf(alertId)),
                                    manager,
                                    BODIES_PER_ROUTE),
                            none(
                                    "POST",
                                    "/api/v1/alerts/groups/{key}/acknowledge",
                                    Map.of("key", groupKey),
                                    manager,
                                    BODIES_PER_ROUTE),
                            json(
                                    "POST",
                                    "/api/v1/alerts/{id}/resolve",
                                    Map.of("id", String.valueOf(alertId)),
                                    ops,
                                    parse("{\"note\":\"done\"}")),
                            json(
                                    "POST",
                                    "/api/v1/alerts/{id}/reopen",
                                    Map.of("id", String.valueOf(alertId)),
                                    ops,
                                    parse("{\"note\":\"again\"}")),
                            json(
                                    "POST",
                                    "/api/v1/users",
                                    Map.of(),
                                    admin,
                                    parse(
                                            "{\"username\":\"fuzzed\",\"password\":\"a long enough password\","
                                                    + "\"role\":\"rep\",\"repId\":\"rep.a\"}")),
                            json(
                                    "PATCH",
                                    "/api/v1/users/{username}",
                                    Map.of("username", "rep.c"),
                                    admin,
                                    parse("{\"disabled\":false,\"role\":\"rep\"}")),
                            json(
                                    "POST",
                                    "/api/v1/me/password",
                                    Map.of(),
                                    server.token("rep.b"),
                                    parse(
                                            "{\"currentPassword\":\"x\",\"newPassword\":\"a long enough password\"}")),
                            json(
                                    "POST",
                                    "/api/v1/rules/validate",
                                    Map.of(),
                                    ops,
                                    parse(
                                            "{\"file\":\"playbook/fuzz.drl\",\"text\":\"package fuzz\\n\"}")),
                            json(
                                    "PUT",
                                    "/api/v1/rules/file?path=playbook/fuzz.drl",
                                    Map.of(),
                                    ops,
                                    parse("{\"text\":\"package fuzz\\n\"}")),
                            none("POST", "/api/v1/rules/reload", Map.of(), ops, HEAVY),
                            json(
                                    "POST",
                                    "/api/v1/rules/versions/{id}/rollback",
                                    Map.of("id", version),
                                    ops,
                                    parse("{\"note\":\"fuzz rollback\"}"),
                                    HEAVY),
                            json(
                                    "POST",
                                    "/api/v1/rules/drafts",
                                    Map.of(),
                                    ops,
                                    parse("{\"baseVersion\":\"" + version + "\"}")),
                            new Route(
                                    "PUT",
                                    "/api/v1/rules/drafts/{id}/files/{path}",
                                    Map.of("id", draft, "path", ruleFile),
                                    ops,
                                    random -> ruleText(random),
                                    BODIES_PER_ROUTE),
                            none(
                                    "DELETE",
                                    "/api/v1/rules/drafts/{id}/files/{path}",
                                    Map.of("id", draft, "path", ruleFile),
                                    ops,
                                    BODIES_PER_ROUTE),
                            none(
                                    "POST",
                                    "/api/v1/rules/drafts/{id}/validate",
                                    Map.of("id", draft),
                                    ops,
                                    HEAVY),
                            none(
                                    "POST",
                                    "/api/v1/rules/drafts/{id}/test",
                                    Map.of("id", draft),
                                    ops,
                                    HEAVY),
                            none(
                                    "POST",
                                    "/api/v1/rules/drafts/{id}/preview",
                                    Map.of("id", draft),
                                    ops,
                                    HEAVY),
                            json(
                                    "POST",
                                    "/api/v1/rules/drafts/{id}/publish",
                                    Map.of("id", toPublish),
                                    ops,
                                    parse("{\"note\":\"fuzz publish\"}"),
                                    HEAVY),
                            none(
                                    "DELETE",
                                    "/api/v1/rules/drafts/{id}",
                                    Map.of("id", toDelete),
                                    ops,
                                    BODIES_PER_ROUTE),
                            none("POST", "/api/v1/runs", Map.of(), ops, HEAVY),
                            new Route(
                                    "POST",
                                    "/api/v1/import/maven-crm",
                                    Map.of(),
                                    ops,
                                    random -> upload(random),
                                    60),
                            json(
                                    "POST",
                                    "/api/v1/auth/login",
                                    Map.of(),
                                    null,
                                    parse("{\"username\":\"nobody\",\"password\":\"x\"}")));

            Set<String> fuzzed = new TreeSet<>();
            routes.forEach(r -> fuzzed.add(r.operation().replaceFirst("\\?.*", "")));
            List<String> notFuzzed =
                    writeOperations().stream().filter(op -> !fuzzed.contains(op)).toList();
            assertEquals(List.of(), notFuzzed, "write operations of openapi.yaml not fuzzed");

            Random random = new Random(SEED);
            Map<Integer, Integer> statuses = new TreeMap<>();
            Map<String, Integer> perOperation = new TreeMap<>();
            List<String> failures = new ArrayList<>();
            int sent = 0;
            for (Route route : routes) {
                for (int i = 0; i < route.count(); i++) {
                    Body body = route.bodies().apply(random);
                    String path = path(route, random);
                    Http.Response r =
                            http.send(
                                    route.method(),
                                    path,
                                    route.token(),
                                    body.contentType(),
                                    body.bytes());
                    sent++;
                    perOperation.merge(route.operation(), 1, Integer::sum);
                    statuses.merge(r.status(), 1, Integer::sum);
                    if (r.status() >= 500 && failures.size() < 10) {
                        failures.add(
                                route.method()
                                        + " "
                                        + path
                                        + " "
                                        + r.status()
                                        + " "
                                        + r.text()
                                        + " <- "
                                        + new String(body.bytes(), StandardCharsets.UTF_8)
                                                .substring(0, Math.min(300, body.bytes().length)));
                    }
                }
            }
            System.out.println(
                    "FuzzIT: "
                            + sent
                            + " requests over "
                            + perOperation.size()
                            + " write operations, statuses "
                            + statuses);
            assertTrue(sent >= 3000, "requests sent: " + sent);
            assertEquals(List.of(), failures, "5xx answers (statuses " + statuses + ")");
            assertEquals(200, http.get("/health", null).status(), "the server is still well");
            Thread.sleep(UploadGuard.END_GRACE.toMillis() + 500);
            try (var left = Files.walk(server.server().uploadsDirectory())) {
                assertEquals(
                        List.of(),
                        left.filter(Files::isRegularFile).map(Path::toString).toList(),
                        "upload temp files left behind");
            }
        }
    }

    /** Every write operation of the contract, as "METHOD /path/{param}". */
    private static List<String> writeOperations() throws Exception {
        JsonNode contract;
        try (var in = FuzzIT.class.getResourceAsStream("/openapi.yaml")) {
            contract = new ObjectMapper(new YAMLFactory()).readTree(in);
        }
        List<String> writes = new ArrayList<>();
        contract.get("paths")
                .fields()
                .forEachRemaining(
                        path ->
                                path.getValue()
                                        .fieldNames()
                                        .forEachRemaining(
                                                method -> {
                                                    if (Set.of("post", "put", "patch", "delete")
                                                            .contains(method)) {
                                                        writes.add(
                                                                method.toUpperCase(Locale.ROOT)
                                                                        + " "
                                                                        + path.getKey());
                                                    }
                                                }));
        assertTrue(writes.size() >= 25, "write operations read from openapi.yaml: " + writes);
        return writes;
    }

    private static Route json(
            String method,
            String template,
            Map<String, String> params,
            String token,
            JsonNode seed) {
        return json(method, template, params, token, seed, BODIES_PER_ROUTE);
    }

    private static Route json(
            String method,
            String template,
            Map<String, String> params,
            String token,
            JsonNode seed,
            int count) {
        return new Route(
                method,
                template,
                params,
                token,
                random -> new Body("application/json", mutate(seed, random)),
                count);
    }

    /** A route that takes no body: mostly none, sometimes junk. */
    private static Route none(
            String method, String template, Map<String, String> params, String token, int count) {
        return new Route(method, template, params, token, FuzzIT::junk, count);
    }

    /**
     * The path with its parameters: the valid values, or (one request in three) some replaced by
     * odd ones, and now and then an odd query.
     */
    private static String path(Route route, Random random) {
        String path = route.template();
        boolean odd = random.nextInt(3) == 0;
        for (Map.Entry<String, String> p : route.params().entrySet()) {
            String value =
                    odd && random.nextBoolean()
                            ? ODD_SEGMENTS[random.nextInt(ODD_SEGMENTS.length)]
                            : p.getValue();
            path = path.replace("{" + p.getKey() + "}", value);
        }
        if (random.nextInt(8) == 0) {
            String query = ODD_QUERIES[random.nextInt(ODD_QUERIES.length)];
            path = path + (path.contains("?") ? "&" : "?") + query;
        }
        return path;
    }

    private static final String[] ODD_SEGMENTS = {
        "x".repeat(300),
        "x".repeat(5000),
        "-1",
        "0",
        "99999999999999999999",
        "9223372036854775807",
        "1e9",
        "%20",
        "%00",
        "..",
        "..%2F..%2F..%2Fetc%2Fpasswd",
        "rules%2F..%2F..%2Fpom.xml",
        "%2Fetc%2Fpasswd",
        "%E2%80%AE%F0%9F%98%80",
        "%FF%FE",
        "%27%3B%20DROP%20TABLE%20deals%3B--",
        "%3Cscript%3E",
        "nope"
    };

    private static final String[] ODD_QUERIES = {
        "managerId=" + "m".repeat(300),
        "managerId=%00",
        "repId=" + "r".repeat(300),
        "repId=..%2F..",
        "asOf=-999999999-01-01",
        "asOf=2017-02-30",
        "limit=-1",
        "x=%FF"
    };

    /** No body (content type or not), or an unexpected one. */
    private static Body junk(Random random) {
        return switch (random.nextInt(6)) {
            case 0, 1, 2 -> new Body(null, new byte[0]);
            case 3 -> new Body("application/json", new byte[0]);
            case 4 -> new Body("application/json", "{\"unexpected\":[1,2]}".getBytes());
            default -> {
                byte[] noise = new byte[random.nextInt(400)];
                random.nextBytes(noise);
                yield new Body("application/octet-stream", noise);
            }
        };
    }

    /** A rule file's text: valid, broken, huge, binary, or under a content type it must refuse. */
    private static Body ruleText(Random random) {
        String valid =
                "package playbook\n\nimport io.pandu.facts.Deal;\n\n"
                        + "rule \"Fuzzed rule\"\nwhen\n    $d : Deal( amount > 100 )\nthen\nend\n";
        return switch (random.nextInt(8)) {
            case 0 -> new Body("text/plain; charset=utf-8", valid.getBytes(StandardCharsets.UTF_8));
            case 1 -> {
                byte[] whole = valid.getBytes(StandardCharsets.UTF_8);
                yield new Body(
                        "text/plain", java.util.Arrays.copyOf(whole, random.nextInt(whole.length)));
            }
            case 2 -> {
                byte[] noise = new byte[random.nextInt(2000)];
                random.nextBytes(noise);
                yield new Body("application/octet-stream", noise);
            }
            case 3 -> new Body("text/plain", new byte[0]);
            case 4 ->
                    new Body(
                            "text/plain",
                            ("rule \"" + "r".repeat(10_000) + "\" when then end")
                                    .getBytes(StandardCharsets.UTF_8));
            case 5 -> new Body("application/json", "{\"text\":1}".getBytes());
            case 6 -> new Body(null, valid.getBytes(StandardCharsets.UTF_8));
            default ->
                    new Body(
                            "text/plain; charset=utf-8",
                            valid.replace(
                                            "amount > 100",
                                            String.valueOf(oddValue(random)).replace("\n", " "))
                                    .getBytes(StandardCharsets.UTF_8));
        };
    }

    /**
     * A Maven CRM upload with something broken: a part's CSV (rows cut, values odd, noise), a part
     * missing or unknown, the framing (no closing boundary, a wrong one, no boundary at all).
     */
    private static Body upload(Random random) {
        Path demo = Path.of("src/main/resources/demo/maven-crm");
        String boundary = "fuzz-" + random.nextInt(1_000_000);
        StringBuilder body = new StringBuilder();
        int kind = random.nextInt(6);
        for (String part : List.of("accounts", "products", "sales_teams", "sales_pipeline")) {
            String csv;
            try {
                csv =
                        Files.readAllLines(demo.resolve(part + ".csv")).stream()
                                .limit(12)
                                .reduce("", (a, l) -> a + l + "\n");
            } catch (java.io.IOException e) {
                throw new java.io.UncheckedIOException(e);
            }
            if (kind == 0 && random.nextInt(4) == 0) {
                continue; // a part missing
            }
            if (kind == 1) {
                csv = csv.replaceFirst(",[^,\n]*,", "," + oddValue(random).asText("x") + ",");
            } else if (kind == 2) {
                csv = csv.substring(0, random.nextInt(csv.length()));
            }
            body.append("--")
                    .append(boundary)
                    .append("\r\nContent-Disposition: form-data; name=\"")
                    .append(kind == 3 && random.nextBoolean() ? "unknown" : part)
                    .append("\"; filename=\"")
                    .append(part)
                    .append(".csv\"\r\nContent-Type: text/csv\r\n\r\n")
                    .append(csv)
                    .append("\r\n");
        }
        if (kind != 4) {
            body.append("--").append(boundary).append("--\r\n");
        }
        String type =
                kind == 5
                        ? (random.nextBoolean()
                                ? "multipart/form-data"
                                : "multipart/form-data; boundary=other")
                        : "multipart/form-data; boundary=" + boundary;
        return new Body(type, body.toString().getBytes(StandardCharsets.UTF_8));
    }

    private static String groupKey(Http http, String manager) {
        JsonNode groups = http.get("/api/v1/alerts/inbox", manager).ok().get("groups");
        return groups != null && groups.size() > 0
                ? groups.get(0).get("key").asText()
                : "DEAL_STALLED_IN_STAGE.lt1k";
    }

    private static String draft(Http http, String ops) {
        Http.Response created = http.post("/api/v1/rules/drafts", ops, null);
        assertEquals(201, created.status(), created.text());
        return created.json().get("id").asText();
    }

    private static JsonNode value(Http http, String path, String token) {
        return http.get(path, token).ok().get("value");
    }

    private static JsonNode parse(String text) throws Exception {
        return JSON.readTree(text);
    }

    private static JsonNode fixtureFacts() throws Exception {
        try (var in = FuzzIT.class.getResourceAsStream("/api/fixture-facts.json")) {
            return JSON.readTree(in);
        }
    }

    /** The seed with one thing broken, as bytes. */
    private static byte[] mutate(JsonNode seed, Random random) {
        try {
            return mutated(seed, random);
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    private static byte[] mutated(JsonNode seed, Random random) throws java.io.IOException {
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
