package io.pandu.api;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.pandu.client.ApiClient;
import io.pandu.client.ApiException;
import io.pandu.client.api.AuthApi;
import io.pandu.client.api.CoachingApi;
import io.pandu.client.api.GuidanceApi;
import io.pandu.client.api.PipelineApi;
import io.pandu.client.model.Alert;
import io.pandu.client.model.AlertPage;
import io.pandu.client.model.AlertStatus;
import io.pandu.client.model.DealPage;
import io.pandu.client.model.LoginRequest;
import io.pandu.client.model.NextBestAction;
import io.pandu.client.model.NextBestActions;
import io.pandu.client.model.Problem;
import io.pandu.client.model.Role;
import io.pandu.client.model.SignedIn;
import io.pandu.client.model.StoredDeal;
import io.pandu.testing.TestServer;
import org.junit.jupiter.api.Test;

/**
 * A client generated from the contract (openapi-generator, Java native, at generate-test-sources)
 * works against a real server with typed calls: sign in, list deals, next-best-actions, acknowledge
 * an alert, and a bad parameter as a typed ApiException carrying the problem.
 */
class GeneratedClientIT {

    private static ApiClient client(TestServer server, String token) {
        ApiClient client = new ApiClient();
        client.updateBaseUri(server.http.base());
        if (token != null) {
            client.setRequestInterceptor(b -> b.header("Authorization", "Bearer " + token));
        }
        return client;
    }

    private static String signIn(TestServer server, String username) throws ApiException {
        SignedIn signedIn =
                new AuthApi(client(server, null))
                        .login(new LoginRequest().username(username).password(TestServer.PASSWORD));
        assertEquals(username, signedIn.getUsername());
        return signedIn.getToken();
    }

    @Test
    void aRepSignsInListsTheirDealsAndGetsTheirNextBestActionsTyped() throws Exception {
        TestServer server = TestServer.shared();
        SignedIn signedIn =
                new AuthApi(client(server, null))
                        .login(new LoginRequest().username("rep.a").password(TestServer.PASSWORD));
        assertEquals(Role.REP, signedIn.getRole());
        assertEquals("rep.a", signedIn.getRepId());
        ApiClient rep = client(server, signedIn.getToken());

        DealPage deals = new PipelineApi(rep).listDeals(null, null, null, null, null, null, 0, 50);
        assertFalse(deals.getItems().isEmpty(), "rep.a owns deals in the fixture");
        assertEquals(deals.getTotal().intValue(), deals.getItems().size());
        for (StoredDeal stored : deals.getItems()) {
            assertEquals("rep.a", stored.getValue().getOwnerId(), "a rep sees only their deals");
            assertNotNull(stored.getVersion());
        }

        NextBestActions actions = new GuidanceApi(rep).myNextBestActions();
        assertEquals("rep.a", actions.getRepId());
        assertFalse(actions.getActions().isEmpty());
        NextBestAction best = actions.getActions().get(0);
        assertNotNull(best.getId());
        assertNotNull(best.getRule().getFile(), "each action names its rule");
        assertTrue(best.getScore().signum() > 0);
    }

    @Test
    void aManagerAcknowledgesAnAlertTyped() throws Exception {
        try (TestServer own = TestServer.start(1000)) {
            ApiClient manager = client(own, signIn(own, "boss.one"));
            CoachingApi coaching = new CoachingApi(manager);
            AlertPage open =
                    coaching.listAlerts(null, null, "open", null, null, null, null, null, 0, 10);
            assertFalse(open.getItems().isEmpty(), "the fixture's first run raised alerts");
            Alert alert = open.getItems().get(0);
            assertEquals(AlertStatus.OPEN, alert.getStatus());

            Alert acknowledged = coaching.acknowledgeAlert(alert.getId());
            assertEquals(alert.getId(), acknowledged.getId());
            assertEquals(AlertStatus.ACKNOWLEDGED, acknowledged.getStatus());
            assertEquals("boss.one", acknowledged.getAcknowledgedBy());
        }
    }

    @Test
    void aBadParameterIsATypedApiExceptionWithTheProblem() throws Exception {
        TestServer server = TestServer.shared();
        ApiClient rep = client(server, signIn(server, "rep.a"));
        ApiException e =
                assertThrows(
                        ApiException.class,
                        () ->
                                new PipelineApi(rep)
                                        .listDeals(null, null, null, null, null, null, 0, 0));
        assertEquals(400, e.getCode());
        Problem problem = rep.getObjectMapper().readValue(e.getResponseBody(), Problem.class);
        assertEquals(400, problem.getStatus());
        assertEquals("limit", problem.getField());
        assertNotNull(problem.getDetail());
    }
}
