package io.pandu.api;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.pandu.auth.Users;
import io.pandu.testing.Http;
import io.pandu.testing.TestServer;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.auth.JWTOptions;
import io.vertx.ext.auth.PubSecKeyOptions;
import io.vertx.ext.auth.jwt.JWTAuth;
import io.vertx.ext.auth.jwt.JWTAuthOptions;
import java.time.Duration;
import java.util.UUID;
import java.util.stream.StreamSupport;
import org.junit.jupiter.api.Test;

/**
 * User administration over HTTP (admins create, list and change users; everyone changes their own
 * password) and revocable sessions: disabling a user or changing their password ends their tokens.
 */
class UsersIT {
    private static final String PASSWORD = "long enough";

    private final TestServer server = TestServer.shared();
    private final Http http = server.http;

    /** A user name no other test uses. */
    private static String fresh(String prefix) {
        return prefix + "." + UUID.randomUUID().toString().substring(0, 8);
    }

    private String admin() {
        return server.token("admin");
    }

    private JsonNode create(String username, String role, String link) {
        Http.Response r =
                http.post(
                        "/api/v1/users",
                        admin(),
                        "{\"username\":\""
                                + username
                                + "\",\"password\":\""
                                + PASSWORD
                                + "\",\"role\":\""
                                + role
                                + "\""
                                + (link == null ? "" : "," + link)
                                + "}");
        assertEquals(201, r.status(), r.text());
        return r.json();
    }

    @Test
    void anAdminCreatesAUserWhoSignsInAndIsListed() {
        String name = fresh("rep.new");
        JsonNode created = create(name, "rep", "\"repId\":\"rep.a\"");
        assertEquals(name, created.get("username").asText());
        assertEquals("rep", created.get("role").asText());
        assertEquals("rep.a", created.get("repId").asText());
        assertFalse(created.get("disabled").asBoolean());
        assertFalse(created.has("passwordHash") || created.has("tokenVersion"), created.toString());

        String token = http.login(name, PASSWORD);
        assertEquals("rep.a", http.get("/api/v1/me", token).ok().get("repId").asText());

        JsonNode page = http.get("/api/v1/users?limit=500", admin()).ok();
        assertTrue(
                StreamSupport.stream(page.get("items").spliterator(), false)
                        .anyMatch(u -> u.get("username").asText().equals(name)),
                page.toString());
        assertTrue(page.get("total").asInt() >= 8); // the fixture's 7 demo users and this one
    }

    @Test
    void anAdminChangesARoleAndTheLinkedRecord() {
        String name = fresh("rep.moves");
        create(name, "rep", "\"repId\":\"rep.b\"");
        String before = http.login(name, PASSWORD);
        JsonNode changed =
                http.send(
                                "PATCH",
                                "/api/v1/users/" + name,
                                admin(),
                                "application/json",
                                "{\"role\":\"manager\",\"managerId\":\"boss.two\"}".getBytes())
                        .ok();
        assertEquals("manager", changed.get("role").asText());
        assertEquals("boss.two", changed.get("managerId").asText());
        assertFalse(changed.has("repId"), changed.toString());
        http.get("/api/v1/me", before).problem(401); // the rep's token does not outlive the role
        JsonNode me = http.get("/api/v1/me", http.login(name, PASSWORD)).ok();
        assertEquals("manager", me.get("role").asText());
        assertEquals("boss.two", me.get("managerId").asText());
    }

    @Test
    void badUserInputIs400NamingTheFieldAndATakenNameIs409() {
        assertEquals(
                "role",
                http.post(
                                "/api/v1/users",
                                admin(),
                                "{\"username\":\"x.y\",\"password\":\"long enough\"}")
                        .problem(400));
        assertEquals(
                "password",
                http.post(
                                "/api/v1/users",
                                admin(),
                                "{\"username\":\"x.y\",\"password\":\"short\",\"role\":\"ops\"}")
                        .problem(400));
        assertEquals(
                "role",
                http.post(
                                "/api/v1/users",
                                admin(),
                                "{\"username\":\"x.y\",\"password\":\"long enough\",\"role\":\"king\"}")
                        .problem(400));
        assertEquals(
                "repId",
                http.post(
                                "/api/v1/users",
                                admin(),
                                "{\"username\":\"x.y\",\"password\":\"long enough\",\"role\":\"rep\",\"repId\":\"nobody\"}")
                        .problem(400));
        assertEquals(
                "username",
                http.post(
                                "/api/v1/users",
                                admin(),
                                "{\"username\":\"no spaces\",\"password\":\"long enough\",\"role\":\"ops\"}")
                        .problem(400));
        assertEquals(
                "extra",
                http.post(
                                "/api/v1/users",
                                admin(),
                                "{\"username\":\"x.y\",\"password\":\"long enough\",\"role\":\"ops\",\"extra\":1}")
                        .problem(400));
        assertEquals(
                "username",
                http.post(
                                "/api/v1/users",
                                admin(),
                                "{\"username\":\"rep.a\",\"password\":\"long enough\",\"role\":\"ops\"}")
                        .problem(409));

        String name = fresh("ops.x");
        create(name, "ops", null);
        assertEquals("$", patch(name, "{}").problem(400));
        assertEquals("disabled", patch(name, "{\"disabled\":\"yes\"}").problem(400));
        assertEquals("password", patch(name, "{\"password\":\"short\"}").problem(400));
        assertEquals("managerId", patch(name, "{\"role\":\"manager\"}").problem(400));
        assertEquals("repId", patch(name, "{\"repId\":\"rep.a\"}").problem(400));
        patch("ghost.user", "{\"disabled\":true}").problem(404);
        assertEquals("disabled", patch("admin", "{\"disabled\":true}").problem(400));
    }

    @Test
    void onlyAdminsManageUsers() {
        for (String who : new String[] {"rep.a", "boss.one", "ops"}) {
            String token = server.token(who);
            http.get("/api/v1/users", token).problem(403);
            http.post(
                            "/api/v1/users",
                            token,
                            "{\"username\":\"sneaky\",\"password\":\"long enough\",\"role\":\"admin\"}")
                    .problem(403);
            http.send(
                            "PATCH",
                            "/api/v1/users/" + who,
                            token,
                            "application/json",
                            "{\"role\":\"admin\"}".getBytes())
                    .problem(403);
        }
        http.get("/api/v1/users", null).problem(401);
        assertEquals(
                "rep", http.get("/api/v1/me", server.token("rep.a")).ok().get("role").asText());
    }

    @Test
    void aUserChangesTheirPasswordAndTheirOldTokensEnd() {
        String name = fresh("rep.pw");
        create(name, "rep", "\"repId\":\"rep.c\"");
        String token = http.login(name, PASSWORD);
        String other = http.login(name, PASSWORD); // signed in on a second device
        assertEquals(
                "currentPassword",
                http.post(
                                "/api/v1/me/password",
                                token,
                                "{\"currentPassword\":\"wrong one\",\"newPassword\":\"a new password\"}")
                        .problem(400));
        assertEquals(
                "newPassword",
                http.post(
                                "/api/v1/me/password",
                                token,
                                "{\"currentPassword\":\""
                                        + PASSWORD
                                        + "\",\"newPassword\":\"short\"}")
                        .problem(400));
        assertEquals(
                "newPassword",
                http.post(
                                "/api/v1/me/password",
                                token,
                                "{\"currentPassword\":\"" + PASSWORD + "\"}")
                        .problem(400));
        http.get("/api/v1/me", token).ok(); // nothing changed yet

        Http.Response changed =
                http.post(
                        "/api/v1/me/password",
                        token,
                        "{\"currentPassword\":\""
                                + PASSWORD
                                + "\",\"newPassword\":\"a new password\"}");
        assertEquals(204, changed.status(), changed.text());
        http.get("/api/v1/me", token).problem(401);
        http.get("/api/v1/me", other).problem(401);
        http.post(
                        "/api/v1/auth/login",
                        null,
                        "{\"username\":\"" + name + "\",\"password\":\"" + PASSWORD + "\"}")
                .problem(401);
        http.get("/api/v1/me", http.login(name, "a new password")).ok();
    }

    @Test
    void disablingASignedInUserEndsTheirSessionAndTheirSignIn() {
        String name = fresh("rep.gone");
        create(name, "rep", "\"repId\":\"rep.a\"");
        String token = http.login(name, PASSWORD);
        http.get("/api/v1/me/next-best-actions", token).ok();

        assertTrue(patch(name, "{\"disabled\":true}").ok().get("disabled").asBoolean());
        http.get("/api/v1/me/next-best-actions", token).problem(401);
        http.post(
                        "/api/v1/auth/login",
                        null,
                        "{\"username\":\"" + name + "\",\"password\":\"" + PASSWORD + "\"}")
                .problem(401);

        assertFalse(patch(name, "{\"disabled\":false}").ok().get("disabled").asBoolean());
        http.get("/api/v1/me", token).problem(401); // re-enabling revives no old token
        String again = http.login(name, PASSWORD);
        http.get("/api/v1/me", again).ok();

        patch(name, "{\"password\":\"reset by admin\"}").ok();
        http.get("/api/v1/me", again).problem(401);
        http.get("/api/v1/me", http.login(name, "reset by admin")).ok();
    }

    @Test
    void aUserDisabledByAnotherProcessLosesAccessWithinTheCacheTime() throws Exception {
        String name = fresh("rep.cli");
        create(name, "rep", "\"repId\":\"rep.b\"");
        String token = http.login(name, PASSWORD);
        http.get("/api/v1/me", token).ok(); // the user's state is read and cached now
        // as `pandu user ...` in another process would: straight into the store, past this
        // server's Users
        server.server()
                .pandu()
                .database()
                .jdbc()
                .update("UPDATE users SET disabled = TRUE WHERE username = ?", name);
        http.get("/api/v1/me", token).ok(); // still cached
        server.clock().advance(Users.SESSION_CACHE);
        http.get("/api/v1/me", token).problem(401);
    }

    @Test
    void aTokenWithoutExpiryOrLivingLongerThanTheConfiguredLifetimeIsRefused() {
        long now = server.clock().instant().getEpochSecond();
        JsonObject rep =
                new JsonObject().put("sub", "rep.a").put("role", "rep").put("repId", "rep.a");
        assertEquals(
                "rep.a",
                http.get("/api/v1/me", sign(rep.copy().put("tv", 0).put("exp", now + 3600)))
                        .ok()
                        .get("username")
                        .asText()); // a well-formed token passes: the refusals below are for cause
        http.get("/api/v1/me", sign(rep.copy().put("tv", 0))).problem(401);
        long tooLong =
                now + HttpSettings.TOKEN_LIFETIME.toSeconds() + Duration.ofHours(1).toSeconds();
        http.get("/api/v1/me", sign(rep.copy().put("tv", 0).put("exp", tooLong))).problem(401);
        http.get("/api/v1/me", sign(rep.copy().put("exp", now + 3600))).problem(401); // no version
        http.get("/api/v1/me", sign(rep.copy().put("tv", 7).put("exp", now + 3600))).problem(401);
        http.get(
                        "/api/v1/me",
                        sign(
                                new JsonObject()
                                        .put("sub", "nobody")
                                        .put("role", "admin")
                                        .put("tv", 0)
                                        .put("exp", now + 3600)))
                .problem(401); // a user that does not exist
    }

    @Test
    void theSignInOptionsSayWhetherThisIsTheDemo() {
        assertFalse(http.get("/api/v1/auth/options", null).ok().get("demo").asBoolean());
    }

    private Http.Response patch(String username, String json) {
        return http.send(
                "PATCH", "/api/v1/users/" + username, admin(), "application/json", json.getBytes());
    }

    /** A token with exactly these claims, signed with the server's secret. */
    private String sign(JsonObject claims) {
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
                            claims,
                            new JWTOptions()
                                    .setAlgorithm("HS256")
                                    .setIssuer("pandu")
                                    .setNoTimestamp(true));
        } finally {
            vertx.close();
        }
    }
}
