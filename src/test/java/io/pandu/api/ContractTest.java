package io.pandu.api;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.introspect.BeanPropertyDefinition;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import io.pandu.facts.Account;
import io.pandu.facts.Activity;
import io.pandu.facts.Connection;
import io.pandu.facts.Deal;
import io.pandu.facts.FactSet;
import io.pandu.facts.FactSetJson;
import io.pandu.facts.Product;
import io.pandu.facts.Qualification;
import io.pandu.facts.Rep;
import io.pandu.facts.Territory;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/**
 * The contract is the role policy: every /api/v1 operation but login needs a token and names its
 * roles.
 */
class ContractTest {
    private static final Set<String> ROLES = Set.of("rep", "manager", "ops", "admin", "director");
    private static final Set<String> OPEN = Set.of("login", "signInOptions", "health", "metrics");

    private static JsonNode contract() throws Exception {
        try (InputStream in = ContractTest.class.getResourceAsStream("/openapi.yaml")) {
            return new ObjectMapper(new YAMLFactory()).readTree(in);
        }
    }

    /**
     * Fact sets are read by the strict reader, not the schema validator ({@code x-validated-by}),
     * so the schemas a client reads and the records the reader fills must name the same fields.
     */
    @Test
    void theFactSchemasNameExactlyTheFieldsTheStrictReaderAccepts() throws Exception {
        JsonNode schemas = contract().get("components").get("schemas");
        Map<JsonNode, Class<?>> pairs =
                Map.of(
                        schemas.get("FactSet"),
                        FactSet.class,
                        schemas.get("Rep"),
                        Rep.class,
                        schemas.get("Deal"),
                        Deal.class,
                        schemas.get("Activity"),
                        Activity.class,
                        schemas.get("Account"),
                        Account.class,
                        schemas.get("Territory"),
                        Territory.class,
                        schemas.get("Product"),
                        Product.class,
                        schemas.get("Deal").get("properties").get("qualification"),
                        Qualification.class,
                        schemas.get("Account").get("properties").get("connections").get("items"),
                        Connection.class);
        pairs.forEach(
                (schema, type) -> {
                    Set<String> inSchema = new TreeSet<>();
                    schema.get("properties").fieldNames().forEachRemaining(inSchema::add);
                    ObjectMapper mapper = FactSetJson.mapper();
                    Set<String> read =
                            mapper
                                    .getDeserializationConfig()
                                    .introspect(mapper.constructType(type))
                                    .findProperties()
                                    .stream()
                                    .map(BeanPropertyDefinition::getName)
                                    .collect(Collectors.toCollection(TreeSet::new));
                    assertEquals(read, inSchema, type.getSimpleName());
                    assertFalse(
                            schema.get("additionalProperties").asBoolean(true),
                            type.getSimpleName() + " admits unknown fields");
                });
    }

    @Test
    void onlyTheFactSetOperationsAndTheCsvUploadSkipTheRouterValidation() throws Exception {
        List<String> skipping = new ArrayList<>();
        contract()
                .get("paths")
                .fields()
                .forEachRemaining(
                        path ->
                                path.getValue()
                                        .fields()
                                        .forEachRemaining(
                                                method -> {
                                                    JsonNode op = method.getValue();
                                                    if (op.has(Params.VALIDATED_BY_EXTENSION)
                                                            && op.get(Params.VALIDATED_BY_EXTENSION)
                                                                    .asText()
                                                                    .equals("upload-handler")) {
                                                        skipping.add(
                                                                op.get("operationId").asText());
                                                        assertTrue(
                                                                op.at("/requestBody/content")
                                                                        .has("multipart/form-data"),
                                                                op.get("operationId").asText());
                                                    } else if (op.has(
                                                            Params.VALIDATED_BY_EXTENSION)) {
                                                        assertEquals(
                                                                "strict-reader",
                                                                op.get(
                                                                                Params
                                                                                        .VALIDATED_BY_EXTENSION)
                                                                        .asText());
                                                        skipping.add(
                                                                op.get("operationId").asText());
                                                        assertEquals(
                                                                "#/components/schemas/FactSet",
                                                                op.at(
                                                                                "/requestBody/content/application~1json/schema/$ref")
                                                                        .asText());
                                                        assertTrue(
                                                                !op.has("parameters"),
                                                                "parameters of "
                                                                        + op.get("operationId")
                                                                        + " would go unchecked");
                                                    }
                                                }));
        assertEquals(Set.of("evaluate", "importFacts", "importMavenCrm"), Set.copyOf(skipping));
    }

    @Test
    void everyOperationHasARolePolicyExceptTheOpenOnes() throws Exception {
        JsonNode contract = contract();
        assertEquals("3.1.0", contract.get("openapi").asText());
        List<String> open = new ArrayList<>();
        contract.get("paths")
                .fields()
                .forEachRemaining(
                        path ->
                                path.getValue()
                                        .fields()
                                        .forEachRemaining(
                                                method -> {
                                                    JsonNode op = method.getValue();
                                                    String id = op.get("operationId").asText();
                                                    boolean needsToken =
                                                            !op.has("security")
                                                                    || !op.get("security")
                                                                            .isEmpty();
                                                    if (!needsToken) {
                                                        open.add(id);
                                                        assertTrue(
                                                                !op.has(Access.ROLES_EXTENSION),
                                                                id + " is open but names roles");
                                                        return;
                                                    }
                                                    assertTrue(
                                                            path.getKey().startsWith("/api/v1/"),
                                                            id + " needs a token outside /api/v1");
                                                    JsonNode roles = op.get(Access.ROLES_EXTENSION);
                                                    assertTrue(
                                                            roles != null
                                                                    && roles.isArray()
                                                                    && !roles.isEmpty(),
                                                            id
                                                                    + " has no "
                                                                    + Access.ROLES_EXTENSION);
                                                    roles.forEach(
                                                            r ->
                                                                    assertTrue(
                                                                            ROLES.contains(
                                                                                    r.asText()),
                                                                            id
                                                                                    + ": unknown role "
                                                                                    + r));
                                                }));
        assertEquals(OPEN, Set.copyOf(open));
    }

    private static JsonNode resolve(JsonNode contract, JsonNode node) {
        while (node.has("$ref")) {
            node = contract.at(node.get("$ref").asText().substring(1));
        }
        return node;
    }

    /** What a client generator needs: every operation summarised, every answer typed. */
    @Test
    void everyOperationHasASummaryAndEveryAnswerNamesItsSchema() throws Exception {
        JsonNode contract = contract();
        assertFalse(contract.path("servers").isEmpty(), "no servers entry");
        List<String> problems = new ArrayList<>();
        contract.get("paths")
                .fields()
                .forEachRemaining(
                        path ->
                                path.getValue()
                                        .fields()
                                        .forEachRemaining(
                                                method -> {
                                                    JsonNode op = method.getValue();
                                                    String id = op.get("operationId").asText();
                                                    if (op.path("summary").asText().isBlank()) {
                                                        problems.add(id + ": no summary");
                                                    }
                                                    op.get("responses")
                                                            .fields()
                                                            .forEachRemaining(
                                                                    r ->
                                                                            checkResponse(
                                                                                    contract,
                                                                                    id,
                                                                                    r.getKey(),
                                                                                    resolve(
                                                                                            contract,
                                                                                            r
                                                                                                    .getValue()),
                                                                                    problems));
                                                }));
        assertEquals(List.of(), problems);
    }

    private static void checkResponse(
            JsonNode contract, String id, String status, JsonNode response, List<String> problems) {
        JsonNode content = response.path("content");
        if (status.startsWith("4") || status.startsWith("5")) {
            if (id.equals("health")) {
                return; // the 503 of /health is the Health report itself
            }
            if (!"#/components/schemas/Problem"
                            .equals(content.at("/application~1problem+json/schema/$ref").asText())
                    || content.size() != 1) {
                problems.add(id + " " + status + ": not application/problem+json with Problem");
            }
            return;
        }
        if (status.equals("204")) {
            return;
        }
        if (content.isEmpty()) {
            problems.add(id + " " + status + ": no body declared");
        }
        content.fields()
                .forEachRemaining(
                        media -> {
                            JsonNode schema = media.getValue().path("schema");
                            boolean named =
                                    schema.has("$ref")
                                            || schema.path("items").has("$ref")
                                            || (!media.getKey().contains("json")
                                                    && schema.path("type")
                                                            .asText()
                                                            .equals("string"));
                            if (!named) {
                                problems.add(
                                        id
                                                + " "
                                                + status
                                                + " "
                                                + media.getKey()
                                                + ": an unnamed schema");
                            }
                        });
    }

    /** 401 and 403 on every operation that needs a token, and 503 (the store) too. */
    @Test
    void everyProtectedOperationDeclaresItsAuthProblems() throws Exception {
        JsonNode contract = contract();
        List<String> missing = new ArrayList<>();
        contract.get("paths")
                .fields()
                .forEachRemaining(
                        path ->
                                path.getValue()
                                        .fields()
                                        .forEachRemaining(
                                                method -> {
                                                    JsonNode op = method.getValue();
                                                    if (op.has("security")
                                                            && op.get("security").isEmpty()) {
                                                        return;
                                                    }
                                                    for (String status :
                                                            List.of("401", "403", "503")) {
                                                        if (!op.get("responses").has(status)) {
                                                            missing.add(
                                                                    op.get("operationId").asText()
                                                                            + " "
                                                                            + status);
                                                        }
                                                    }
                                                }));
        assertEquals(List.of(), missing);
    }

    /**
     * A director reads what a manager reads, for every team, and changes nothing: the only non-GET
     * operations admitting a director are their own password change and {@code evaluate} (a
     * computation over the posted facts that stores nothing); the only manager GET a director may
     * not call is the inbox, which records what it surfaced.
     */
    @Test
    void aDirectorReadsWhatAManagerReadsAndWritesNothing() throws Exception {
        Set<String> writes = new TreeSet<>();
        Set<String> managerReadsNotDirector = new TreeSet<>();
        contract()
                .get("paths")
                .fields()
                .forEachRemaining(
                        path ->
                                path.getValue()
                                        .fields()
                                        .forEachRemaining(
                                                method -> {
                                                    JsonNode op = method.getValue();
                                                    Set<String> roles = new TreeSet<>();
                                                    op.path(Access.ROLES_EXTENSION)
                                                            .forEach(r -> roles.add(r.asText()));
                                                    String id = op.get("operationId").asText();
                                                    boolean get = method.getKey().equals("get");
                                                    if (roles.contains("director") && !get) {
                                                        writes.add(id);
                                                    }
                                                    if (get
                                                            && roles.contains("manager")
                                                            && !roles.contains("director")) {
                                                        managerReadsNotDirector.add(id);
                                                    }
                                                }));
        assertEquals(Set.of("changeMyPassword", "evaluate"), writes);
        assertEquals(Set.of("alertInbox"), managerReadsNotDirector);
    }
}
