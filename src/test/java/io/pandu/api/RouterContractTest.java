package io.pandu.api;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.vertx.core.json.JsonObject;
import org.junit.jupiter.api.Test;

/** The router's copy of the contract leaves out only what vertx-openapi cannot load or apply. */
class RouterContractTest {
    private static final JsonObject PUBLISHED = RouterContract.read("openapi.yaml");

    @Test
    void errorsLoseTheirProblemMediaTypeOnlyInTheRoutersCopy() {
        JsonObject router = RouterContract.forRouter(PUBLISHED);
        JsonObject published = PUBLISHED.getJsonObject("components").getJsonObject("responses");
        JsonObject routed = router.getJsonObject("components").getJsonObject("responses");
        assertTrue(
                published
                        .getJsonObject("BadRequest")
                        .getJsonObject("content")
                        .containsKey("application/problem+json"));
        assertFalse(routed.getJsonObject("BadRequest").containsKey("content"));
        assertEquals(
                published.getJsonObject("BadRequest").getString("description"),
                routed.getJsonObject("BadRequest").getString("description"));
    }

    @Test
    void jsonAnswersAndJsonBodiesKeepTheirSchemasButATextBodyLosesIts() {
        JsonObject router = RouterContract.forRouter(PUBLISHED);
        JsonObject file =
                router.getJsonObject("paths")
                        .getJsonObject("/api/v1/rules/drafts/{id}/files/{path}");
        JsonObject put = file.getJsonObject("put");
        JsonObject body = put.getJsonObject("requestBody").getJsonObject("content");
        assertFalse(body.getJsonObject("text/plain").containsKey("schema"));
        assertTrue(
                PUBLISHED
                        .getJsonObject("paths")
                        .getJsonObject("/api/v1/rules/drafts/{id}/files/{path}")
                        .getJsonObject("put")
                        .getJsonObject("requestBody")
                        .getJsonObject("content")
                        .getJsonObject("text/plain")
                        .containsKey("schema"),
                "the published contract is unchanged");
        JsonObject login = router.getJsonObject("paths").getJsonObject("/api/v1/auth/login");
        assertTrue(
                login.getJsonObject("post")
                        .getJsonObject("requestBody")
                        .getJsonObject("content")
                        .getJsonObject("application/json")
                        .containsKey("schema"));
        assertTrue(
                login.getJsonObject("post")
                        .getJsonObject("responses")
                        .getJsonObject("200")
                        .getJsonObject("content")
                        .containsKey("application/json"));
    }
}
