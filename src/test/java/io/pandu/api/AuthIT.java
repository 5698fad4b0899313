package io.pandu.api;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;

import com.fasterxml.jackson.databind.JsonNode;
import io.pandu.testing.Http;
import io.pandu.testing.TestServer;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.auth.JWTOptions;
import io.vertx.ext.auth.PubSecKeyOptions;
import io.vertx.ext.auth.jwt.JWTAuth;
import io.vertx.ext.auth.jwt.JWTAuthOptions;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/** Signing in, the token, and what happens without one or with a bad one. */
class AuthIT {
    private final TestServer server = TestServer.shared();
    private final Http http = server.http;

    @Test
    void loginGivesATokenThatNamesTheCaller() {
        JsonNode login =
                http.post(
                                "/api/v1/auth/login",
                                null,
                                "{\"username\":\"rep.a\",\"password\":\"demo\"}")
                        .ok();
        assertNotNull(login.get("token").asText());
        assertEquals("rep", login.get("role").asText());
        JsonNode me = http.get("/api/v1/me", login.get("token").asText()).ok();
        assertEquals("rep.a", me.get("username").asText());
        assertEquals("rep.a", me.get("repId").asText());
        JsonNode boss = http.get("/api/v1/me", server.token("boss.one")).ok();
        assertEquals("manager", boss.get("role").asText());
        assertEquals("boss.one", boss.get("managerId").asText());
    }

    @Test
    void aWrongPasswordOrUnknownUserIs401() {
        http.post("/api/v1/auth/login", null, "{\"username\":\"rep.a\",\"password\":\"nope\"}")
                .problem(401);
        http.post("/api/v1/auth/login", null, "{\"username\":\"nobody\",\"password\":\"demo\"}")
                .problem(401);
    }

    @Test
    void badLoginInputIs400WithTheField() {
        assertEquals(
                "password",
                http.post("/api/v1/auth/login", null, "{\"username\":\"rep.a\"}").problem(400));
        assertEquals(
                "extra",
                http.post(
                                "/api/v1/auth/login",
                                null,
                                "{\"username\":\"rep.a\",\"password\":\"demo\",\"extra\":1}")
                        .problem(400));
        assertEquals(
                "username",
                http.post("/api/v1/auth/login", null, "{\"username\":7,\"password\":\"demo\"}")
                        .problem(400));
        assertEquals("$", http.post("/api/v1/auth/login", null, "{not json").problem(400));
    }

    @Test
    void noTokenOrABadTokenIs401() {
        http.get("/api/v1/me", null).problem(401);
        http.get("/api/v1/me", "not.a.token").problem(401);
        String forged = server.token("rep.a");
        http.get("/api/v1/me", forged.substring(0, forged.length() - 3) + "abc").problem(401);
        JsonNode p = http.get("/api/v1/deals", null).json();
        assertEquals("/problems/unauthorized", p.get("type").asText());
    }

    @Test
    void anAcceptedTokenStopsWorkingWhenItExpires() {
        String remembered = tokenExpiringIn(60);
        String neverSeen = tokenExpiringIn(60);
        assertEquals("rep.a", http.get("/api/v1/me", remembered).ok().get("username").asText());
        assertEquals(
                "rep.a",
                http.get("/api/v1/me", remembered).ok().get("username").asText()); // remembered
        server.clock().advance(Duration.ofSeconds(61));
        http.get("/api/v1/me", remembered).problem(401);
        http.get("/api/v1/me", neverSeen)
                .problem(401); // the server's clock decides, not the system time
        assertEquals(
                "rep.a",
                http.get("/api/v1/me", server.token("rep.a")).ok().get("username").asText());
    }

    /** A token for rep.a signed with the server's secret, expiring {@code seconds} from now. */
    private String tokenExpiringIn(int seconds) {
        Vertx vertx = Vertx.vertx();
        try {
            return JWTAuth.create(
                            vertx,
                            new JWTAuthOptions()
                                    .addPubSecKey(
                                            new PubSecKeyOptions()
                                                    .setAlgorithm("HS256")
                                                    .setBuffer(server.jwtSecret())))
                    .generateToken(
                            new JsonObject()
                                    .put("sub", "rep.a")
                                    .put("role", "rep")
                                    .put("repId", "rep.a")
                                    .put("tv", 0),
                            new JWTOptions()
                                    .setAlgorithm("HS256")
                                    .setIssuer("pandu")
                                    .setExpiresInSeconds(seconds));
        } finally {
            vertx.close();
        }
    }

    @Test
    void aTrailingSlashIsTheSameRouteWithTheSameChecks() {
        http.get("/api/v1/me/", null).problem(401);
        assertEquals(
                "rep.a",
                http.get("/api/v1/me/", server.token("rep.a")).ok().get("username").asText());
        http.get("/api/v1/alerts/", server.token("rep.a")).problem(403);
        http.post("/api/v1/import/", server.token("rep.a"), "{}").problem(403);
    }
}
