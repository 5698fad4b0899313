package io.pandu.api;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import org.junit.jupiter.api.Test;

import java.io.InputStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The contract is the role policy: every /api/v1 operation but login needs a token and names its roles. */
class ContractTest {
    private static final Set<String> ROLES = Set.of("rep", "manager", "ops", "admin");
    private static final Set<String> OPEN = Set.of("login", "health", "metrics");

    @Test
    void everyOperationHasARolePolicyExceptTheOpenOnes() throws Exception {
        JsonNode contract;
        try (InputStream in = ContractTest.class.getResourceAsStream("/openapi.yaml")) {
            contract = new ObjectMapper(new YAMLFactory()).readTree(in);
        }
        assertEquals("3.1.0", contract.get("openapi").asText());
        List<String> open = new ArrayList<>();
        contract.get("paths").fields().forEachRemaining(path -> path.getValue().fields().forEachRemaining(method -> {
            JsonNode op = method.getValue();
            String id = op.get("operationId").asText();
            boolean needsToken = !op.has("security") || !op.get("security").isEmpty();
            if (!needsToken) {
                open.add(id);
                assertTrue(!op.has(Access.ROLES_EXTENSION), id + " is open but names roles");
                return;
            }
            assertTrue(path.getKey().startsWith("/api/v1/"), id + " needs a token outside /api/v1");
            JsonNode roles = op.get(Access.ROLES_EXTENSION);
            assertTrue(roles != null && roles.isArray() && !roles.isEmpty(), id + " has no " + Access.ROLES_EXTENSION);
            roles.forEach(r -> assertTrue(ROLES.contains(r.asText()), id + ": unknown role " + r));
        }));
        assertEquals(OPEN, Set.copyOf(open));
    }
}
